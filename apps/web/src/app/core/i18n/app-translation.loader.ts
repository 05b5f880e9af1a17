import { Injectable } from '@angular/core';
import { Translation, TranslocoLoader } from '@jsverse/transloco';
import { en } from '../../../i18n/en';

/** English ships with the app; Spanish is a separate chunk fetched the first time someone switches to it. */
@Injectable({ providedIn: 'root' })
export class AppTranslationLoader implements TranslocoLoader {
  async getTranslation(language: string): Promise<Translation> {
    if (language === 'es-MX') return (await import('../../../i18n/es-MX')).esMx as unknown as Translation;
    return en as unknown as Translation;
  }
}
