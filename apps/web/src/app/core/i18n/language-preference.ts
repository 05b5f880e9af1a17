import { DOCUMENT, EnvironmentProviders, inject, Injectable, isDevMode, provideAppInitializer } from '@angular/core';
import { provideTransloco } from '@jsverse/transloco';
import { Translator } from '@kpi/web-ui';
import { Language, LANGUAGE_LOCALES, LANGUAGES } from '../../../i18n/translation';
import { AppTranslationLoader } from './app-translation.loader';

export const LANGUAGE_STORAGE_KEY = 'kpi.language';

/** The first language: the one chosen before on this browser, else Spanish for Spanish-speaking browsers, else English. */
export function initialLanguage(stored: string | null, browserLanguages: readonly string[]): Language {
  if (stored && (LANGUAGES as readonly string[]).includes(stored)) return stored as Language;
  return browserLanguages.some((language) => language.toLowerCase().startsWith('es')) ? 'es-MX' : 'en';
}

/** Switches language for the whole app and remembers the choice on this browser. */
@Injectable({ providedIn: 'root' })
export class LanguagePreference {
  private readonly translator = inject(Translator);
  private readonly document = inject(DOCUMENT);

  readonly languages = LANGUAGES;
  readonly language = this.translator.language;

  async restore(): Promise<void> {
    const window = this.document.defaultView;
    const stored = safeStorage(window)?.getItem(LANGUAGE_STORAGE_KEY) ?? null;
    await this.apply(initialLanguage(stored, window?.navigator.languages ?? []));
  }

  async use(language: Language): Promise<void> {
    safeStorage(this.document.defaultView)?.setItem(LANGUAGE_STORAGE_KEY, language);
    await this.apply(language);
  }

  private async apply(language: Language): Promise<void> {
    await this.translator.use(language, LANGUAGE_LOCALES[language]);
    this.document.documentElement.lang = language;
  }
}

function safeStorage(window: Window | null): Storage | null {
  try {
    return window?.localStorage ?? null;
  } catch {
    return null; // storage blocked by the browser: the choice lasts for this page only
  }
}

export function provideI18n(): (EnvironmentProviders | EnvironmentProviders[])[] {
  return [
    provideTransloco({
      config: { availableLangs: [...LANGUAGES], defaultLang: 'en', fallbackLang: 'en', reRenderOnLangChange: true, prodMode: !isDevMode() },
      loader: AppTranslationLoader,
    }),
    provideAppInitializer(() => inject(LanguagePreference).restore()),
  ];
}
