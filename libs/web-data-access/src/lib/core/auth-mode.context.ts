import { HttpContext, HttpContextToken } from '@angular/common/http';

/**
 * How the auth interceptor treats a request.
 * - `bearer-with-refresh` (default): add the access token; on a 401, refresh the session once and retry once.
 * - `bearer`: add the access token, but never refresh on a 401 (sign-out).
 * - `anonymous`: no access token and no refresh (sign-in and the refresh call itself).
 */
export type AuthMode = 'bearer-with-refresh' | 'bearer' | 'anonymous';

export const AUTH_MODE = new HttpContextToken<AuthMode>(() => 'bearer-with-refresh');

export function withAuthMode(mode: AuthMode): HttpContext {
  return new HttpContext().set(AUTH_MODE, mode);
}
