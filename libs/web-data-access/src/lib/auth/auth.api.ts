import { HttpClient } from '@angular/common/http';
import { inject, Injectable } from '@angular/core';
import { CurrentUser, LoginRequest, SessionResponse, SsoConfigResponse } from '@kpi/contracts';
import { Observable } from 'rxjs';
import { API_BASE_URL } from '../core/api-base-url.token';
import { withAuthMode } from '../core/auth-mode.context';

/**
 * The `/api/auth` endpoints. Only the calls that set, use or clear the httpOnly refresh cookie send credentials;
 * the access token travels in the Authorization header (added by the app's auth interceptor).
 */
@Injectable({ providedIn: 'root' })
export class AuthApi {
  private readonly http = inject(HttpClient);
  private readonly baseUrl = inject(API_BASE_URL);

  login(request: LoginRequest): Observable<SessionResponse> {
    return this.http.post<SessionResponse>(`${this.baseUrl}/auth/login`, request, {
      withCredentials: true,
      context: withAuthMode('anonymous'),
    });
  }

  refresh(): Observable<SessionResponse> {
    return this.http.post<SessionResponse>(`${this.baseUrl}/auth/refresh`, null, {
      withCredentials: true,
      context: withAuthMode('anonymous'),
    });
  }

  logout(): Observable<void> {
    return this.http.post<void>(`${this.baseUrl}/auth/logout`, null, {
      withCredentials: true,
      context: withAuthMode('bearer'),
    });
  }

  me(): Observable<CurrentUser> {
    return this.http.get<CurrentUser>(`${this.baseUrl}/auth/me`);
  }

  /** Whether the sign-in page offers single sign-on. */
  ssoConfig(): Observable<SsoConfigResponse> {
    return this.http.get<SsoConfigResponse>(`${this.baseUrl}/auth/sso/config`, { context: withAuthMode('anonymous') });
  }

  /** Where the browser goes (a full page load) to sign in at the identity provider; it comes back signed in. */
  ssoLoginUrl(returnUrl: string): string {
    const query = returnUrl === '/' ? '' : `?returnUrl=${encodeURIComponent(returnUrl)}`;
    return `${this.baseUrl}/auth/sso/login${query}`;
  }
}
