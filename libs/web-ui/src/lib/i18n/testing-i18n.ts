import { EnvironmentProviders, inject, provideEnvironmentInitializer } from '@angular/core';
import { provideTransloco, Translation, TranslocoLoader, TranslocoService } from '@jsverse/transloco';
import { Observable, of } from 'rxjs';

/**
 * Transloco for component tests, with the given dictionaries already in memory (English by default),
 * so templates and `Translator.t()` in code render real strings synchronously.
 */
export function provideTranslationsForTests(languages: Record<string, object>, defaultLang = 'en'): EnvironmentProviders[] {
  class InMemoryLoader implements TranslocoLoader {
    getTranslation(lang: string): Observable<Translation> {
      return of((languages[lang] ?? {}) as Translation);
    }
  }
  return [
    ...provideTransloco({
      config: { availableLangs: Object.keys(languages), defaultLang, reRenderOnLangChange: true, prodMode: true, missingHandler: { logMissingKey: false } },
      loader: InMemoryLoader,
    }),
    // The in-memory loader answers synchronously, so this fills the cache before any component asks.
    provideEnvironmentInitializer(() => inject(TranslocoService).load(defaultLang).subscribe()),
  ];
}
