import type { Response } from 'express';
import type { IssuedSession } from './auth.service';

export const REFRESH_COOKIE = 'kpi_refresh';
/** Only the /api/auth endpoints ever receive the refresh token. */
export const REFRESH_COOKIE_PATH = '/api/auth';

/** Puts the session's refresh token in its httpOnly cookie (password sign-in, refresh and single sign-on alike). */
export function setRefreshCookie(res: Response, issued: IssuedSession, secure: boolean): void {
  res.cookie(REFRESH_COOKIE, issued.refreshToken, {
    httpOnly: true,
    sameSite: 'strict',
    secure,
    path: REFRESH_COOKIE_PATH,
    expires: issued.refreshExpiresAt,
  });
}
