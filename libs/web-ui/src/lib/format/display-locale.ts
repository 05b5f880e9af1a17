import { signal } from '@angular/core';

const locale = signal('en-GB');

/**
 * The Intl locale dates and numbers are shown in, set by the app when the user switches language. A signal
 * (not an injected service) so that plain format functions stay plain functions and a `computed()` or a
 * template calling them re-renders when the language changes.
 */
export const displayLocale = locale.asReadonly();

export function setDisplayLocale(value: string): void {
  locale.set(value);
}
