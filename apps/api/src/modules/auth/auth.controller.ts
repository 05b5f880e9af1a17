import { Body, Controller, Get, HttpCode, Post, Req, Res, UseGuards } from '@nestjs/common';
import { ThrottlerGuard } from '@nestjs/throttler';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, SessionResponse } from '@kpi/contracts';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config.service';
import { CurrentUserParam } from './auth.decorators';
import { AuthenticatedUser } from './authenticated-user';
import { AuthService, IssuedSession, SignInLockedException } from './auth.service';
import { ChangePasswordDto } from './dto/change-password.dto';
import { LoginDto } from './dto/login.dto';
import { REFRESH_COOKIE, REFRESH_COOKIE_PATH, setRefreshCookie } from './refresh-cookie';

export { REFRESH_COOKIE } from './refresh-cookie';

/** Rate-limited per IP address (AUTH_RATE_LIMIT_PER_MINUTE), on top of the per-account lockout. */
@ApiTags('auth')
@UseGuards(ThrottlerGuard)
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    return this.withCookie(res, await withRetryAfter(res, this.auth.signIn(body.email, body.password, req.headers['user-agent'], req.ip)));
  }

  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    return this.withCookie(res, await this.auth.refresh(req.cookies?.[REFRESH_COOKIE], req.headers['user-agent']));
  }

  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(req.cookies?.[REFRESH_COOKIE], bearerToken(req), { ip: req.ip, userAgent: req.headers['user-agent'] });
    res.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUserParam() user: AuthenticatedUser): CurrentUser {
    return user;
  }

  /** Changes the caller's own password; every other session of the user is signed out. */
  @ApiBearerAuth()
  @Post('password')
  @HttpCode(204)
  async changePassword(
    @CurrentUserParam() user: AuthenticatedUser,
    @Body() body: ChangePasswordDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
  ): Promise<void> {
    const context = { ip: req.ip, userAgent: req.headers['user-agent'] };
    await withRetryAfter(res, this.auth.changePassword(user, bearerToken(req) ?? '', body.currentPassword, body.newPassword, context));
  }

  private withCookie(res: Response, issued: IssuedSession): SessionResponse {
    setRefreshCookie(res, issued, this.config.cookieSecure);
    return issued.session;
  }
}

function bearerToken(req: Request): string | undefined {
  const header = req.headers.authorization;
  return header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
}

/** A locked account's 429 carries Retry-After (seconds), as HTTP asks of a 429. */
async function withRetryAfter<T>(res: Response, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (error) {
    if (error instanceof SignInLockedException) res.setHeader('Retry-After', String(error.lock.retryAfterSeconds));
    throw error;
  }
}
