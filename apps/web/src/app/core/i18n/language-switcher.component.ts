import { ChangeDetectionStrategy, Component, inject } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Language } from '../../../i18n/translation';
import { LanguagePreference } from './language-preference';

/** A labelled select of the interface languages, each named in its own language. */
@Component({
  selector: 'kpi-language-switcher',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe],
  template: `
    <label class="language-switcher">
      <span class="visually-hidden">{{ 'common.language' | transloco }}</span>
      <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
        <path fill="currentColor" d="M12 2a10 10 0 1 0 0 20 10 10 0 0 0 0-20Zm6.9 6h-3a15.7 15.7 0 0 0-1.4-3.6A8 8 0 0 1 18.9 8ZM12 4a13.8 13.8 0 0 1 1.9 4h-3.8A13.8 13.8 0 0 1 12 4ZM4.3 14a8.2 8.2 0 0 1 0-4h3.4a16.5 16.5 0 0 0 0 4Zm.8 2h3a15.7 15.7 0 0 0 1.4 3.6A8 8 0 0 1 5.1 16Zm3-8h-3a8 8 0 0 1 4.4-3.6A15.7 15.7 0 0 0 8.1 8ZM12 20a13.8 13.8 0 0 1-1.9-4h3.8A13.8 13.8 0 0 1 12 20Zm2.3-6H9.7a14.7 14.7 0 0 1 0-4h4.6a14.7 14.7 0 0 1 0 4Zm.3 5.6a15.7 15.7 0 0 0 1.4-3.6h3a8 8 0 0 1-4.4 3.6Zm1.7-5.6a16.5 16.5 0 0 0 0-4h3.4a8.2 8.2 0 0 1 0 4Z"/>
      </svg>
      <select class="language-switcher__select" data-testid="language-switcher" [value]="preference.language()" (change)="choose($event)">
        @for (language of preference.languages; track language) {
          <option [value]="language" [attr.lang]="language">{{ 'common.languages.' + language | transloco }}</option>
        }
      </select>
    </label>
  `,
  styles: `
    .language-switcher { display: inline-flex; align-items: center; gap: 0.35rem; color: inherit; }
    .language-switcher__select { font: inherit; padding: 0.3rem 0.4rem; border-radius: 6px; border: 1px solid var(--kpi-color-border, #c4cbd4); background: var(--kpi-color-surface, #fff); color: var(--kpi-color-text, #1d2733); }
  `,
})
export class LanguageSwitcherComponent {
  protected readonly preference = inject(LanguagePreference);

  protected choose(event: Event): void {
    void this.preference.use((event.target as HTMLSelectElement).value as Language);
  }
}
