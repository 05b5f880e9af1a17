import { inject, Injectable, signal } from '@angular/core';
import { TranslocoService } from '@jsverse/transloco';
import { firstValueFrom } from 'rxjs';
import { setDisplayLocale } from '../format/display-locale';

/**
 * The interface language as a signal, on top of Transloco. Templates use the `transloco` pipe; code that
 * builds labels in a `computed()` calls `t()`, which reads the language signal so the label follows a switch.
 */
@Injectable({ providedIn: 'root' })
export class Translator {
  private readonly transloco = inject(TranslocoService);
  private readonly current = signal(this.transloco.getActiveLang());

  readonly language = this.current.asReadonly();

  t(key: string, params?: Record<string, unknown>): string {
    this.current();
    return this.transloco.translate(key, params);
  }

  /** Loads the language's strings first, so the switch never shows raw keys, then switches everything at once. */
  async use(language: string, locale: string): Promise<void> {
    await firstValueFrom(this.transloco.load(language));
    this.transloco.setActiveLang(language);
    setDisplayLocale(locale);
    this.current.set(language);
  }
}
