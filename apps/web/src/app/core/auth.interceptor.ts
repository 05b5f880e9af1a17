import { HttpErrorResponse, HttpInterceptorFn, HttpRequest } from '@angular/common/http';
import { inject } from '@angular/core';
import { Router } from '@angular/router';
import { API_BASE_URL, AUTH_MODE, AuthStore } from '@kpi/web-data-access';
import { catchError, switchMap, throwError } from 'rxjs';
import { signInUrlTree } from './return-url';

/**
 * Adds `Authorization: Bearer <access token>` to api calls. When a data call answers 401, it refreshes the session
 * once (concurrent 401s share one refresh) and retries the call once with the new token; when that is not possible
 * the session is over and the user is sent to the sign-in page. Sign-in and refresh calls pass through untouched.
 */
export const authInterceptor: HttpInterceptorFn = (request, next) => {
  const mode = request.context.get(AUTH_MODE);
  const apiBaseUrl = inject(API_BASE_URL);
  if (mode === 'anonymous' || !isApiRequest(request.url, apiBaseUrl)) return next(request);

  const auth = inject(AuthStore);
  const router = inject(Router);
  const sendToSignIn = () => {
    auth.endSession();
    void router.navigateByUrl(signInUrlTree(router, router.url));
  };

  return next(withBearer(request, auth.accessToken())).pipe(
    catchError((error: unknown) => {
      if (mode !== 'bearer-with-refresh' || !isUnauthorized(error)) return throwError(() => error);
      return auth.refresh().pipe(
        switchMap((token) => {
          if (!token) {
            sendToSignIn();
            return throwError(() => error);
          }
          return next(withBearer(request, token)).pipe(
            catchError((retryError: unknown) => {
              if (isUnauthorized(retryError)) sendToSignIn();
              return throwError(() => retryError);
            }),
          );
        }),
      );
    }),
  );
};

function withBearer<T>(request: HttpRequest<T>, token: string | null): HttpRequest<T> {
  return token ? request.clone({ setHeaders: { Authorization: `Bearer ${token}` } }) : request;
}

function isApiRequest(url: string, apiBaseUrl: string): boolean {
  return url === apiBaseUrl || url.startsWith(`${apiBaseUrl}/`) || url.startsWith(`${apiBaseUrl}?`);
}

function isUnauthorized(error: unknown): boolean {
  return error instanceof HttpErrorResponse && error.status === 401;
}
