import { Controller, Get, Query, Req, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { SsoConfigResponse, SsoErrorCode } from '@kpi/contracts';
import type { CookieOptions, Request, Response } from 'express';
import { AppConfig } from '../../../config/app-config.service';
import { setRefreshCookie } from '../refresh-cookie';
import { SSO_LOGIN_TTL_MS, SsoRequestContext, SsoService, SsoSignInError } from './sso.service';

/** Holds the signed sign-in state while the browser is at the identity provider. */
export const SSO_STATE_COOKIE = 'kpi_sso';
const SSO_STATE_COOKIE_PATH = '/api/auth/sso';

/**
 * Single sign-on for the browser: `login` sends it to the identity provider, `callback` brings it back signed in
 * (refresh cookie set, then the web app's silent refresh picks the session up) or to the sign-in page with
 * `?ssoError=<code>`.
 */
@ApiTags('auth')
@Controller('auth/sso')
export class SsoController {
  constructor(
    private readonly sso: SsoService,
    private readonly config: AppConfig,
  ) {}

  @Get('config')
  ssoConfig(): SsoConfigResponse {
    return this.sso.publicConfig();
  }

  @Get('login')
  async login(@Query('returnUrl') returnUrl: string | undefined, @Req() req: Request, @Res() res: Response): Promise<void> {
    try {
      const { authorizationUrl, sealedState } = await this.sso.start(`${req.protocol}://${req.get('host')}`, returnUrl);
      res.cookie(SSO_STATE_COOKIE, sealedState, { ...this.stateCookieOptions(), maxAge: SSO_LOGIN_TTL_MS });
      res.redirect(303, authorizationUrl.href);
    } catch (error) {
      if (!(error instanceof SsoSignInError)) throw error;
      await this.sso.recordStartFailure(error, contextOf(req));
      res.redirect(303, signInPageWith(error.code));
    }
  }

  @Get('callback')
  async callback(@Req() req: Request, @Res() res: Response): Promise<void> {
    // The state is single-use whatever happens next.
    res.clearCookie(SSO_STATE_COOKIE, this.stateCookieOptions());
    const query = req.originalUrl.includes('?') ? req.originalUrl.slice(req.originalUrl.indexOf('?') + 1) : '';
    try {
      const { issued, returnUrl } = await this.sso.complete(query, req.cookies?.[SSO_STATE_COOKIE], contextOf(req));
      setRefreshCookie(res, issued, this.config.cookieSecure);
      res.redirect(303, returnUrl);
    } catch (error) {
      if (!(error instanceof SsoSignInError)) throw error;
      res.redirect(303, signInPageWith(error.code));
    }
  }

  /** Lax, not strict: the browser must send it on the identity provider's redirect back (a cross-site navigation). */
  private stateCookieOptions(): CookieOptions {
    return { httpOnly: true, sameSite: 'lax', secure: this.config.cookieSecure, path: SSO_STATE_COOKIE_PATH };
  }
}

function signInPageWith(code: SsoErrorCode): string {
  return `/sign-in?ssoError=${encodeURIComponent(code)}`;
}

function contextOf(req: Request): SsoRequestContext {
  return { ip: req.ip ?? null, userAgent: req.headers['user-agent'] ?? null };
}
