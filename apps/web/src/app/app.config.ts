import { provideHttpClient, withFetch, withInterceptors } from '@angular/common/http';
import {
  ApplicationConfig,
  inject,
  provideAppInitializer,
  provideBrowserGlobalErrorListeners,
  provideZonelessChangeDetection,
} from '@angular/core';
import { provideRouter, TitleStrategy, withComponentInputBinding, withInMemoryScrolling } from '@angular/router';
import { AuthStore } from '@kpi/web-data-access';
import { appRoutes } from './app.routes';
import { authInterceptor } from './core/auth.interceptor';
import { provideI18n } from './core/i18n/language-preference';
import { PageTitleStrategy } from './core/page-title.strategy';

export const appConfig: ApplicationConfig = {
  providers: [
    provideBrowserGlobalErrorListeners(),
    provideZonelessChangeDetection(),
    provideRouter(
      appRoutes,
      withComponentInputBinding(),
      withInMemoryScrolling({ scrollPositionRestoration: 'top' }),
    ),
    provideHttpClient(withFetch(), withInterceptors([authInterceptor])),
    ...provideI18n(),
    // Silent sign-in from the refresh cookie before the first navigation, so a reload keeps the user signed in.
    provideAppInitializer(() => inject(AuthStore).restore()),
    { provide: TitleStrategy, useClass: PageTitleStrategy },
  ],
};
