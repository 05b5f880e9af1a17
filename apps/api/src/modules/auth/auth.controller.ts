import { Body, Controller, Get, HttpCode, Post, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { CurrentUser, SessionResponse } from '@kpi/contracts';
import type { Request, Response } from 'express';
import { AppConfig } from '../../config/app-config.service';
import { CurrentUserParam, Public } from './auth.decorators';
import { AuthenticatedUser } from './authenticated-user';
import { AuthService, IssuedSession } from './auth.service';
import { LoginDto } from './dto/login.dto';

export const REFRESH_COOKIE = 'kpi_refresh';
const REFRESH_COOKIE_PATH = '/api/auth';

@ApiTags('auth')
@Controller('auth')
export class AuthController {
  constructor(
    private readonly auth: AuthService,
    private readonly config: AppConfig,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  async login(@Body() body: LoginDto, @Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    return this.withCookie(res, await this.auth.signIn(body.email, body.password, req.headers['user-agent'], req.ip));
  }

  @Public()
  @Post('refresh')
  @HttpCode(200)
  async refresh(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<SessionResponse> {
    return this.withCookie(res, await this.auth.refresh(req.cookies?.[REFRESH_COOKIE], req.headers['user-agent']));
  }

  @Public()
  @Post('logout')
  @HttpCode(204)
  async logout(@Req() req: Request, @Res({ passthrough: true }) res: Response): Promise<void> {
    await this.auth.signOut(req.cookies?.[REFRESH_COOKIE], { ip: req.ip, userAgent: req.headers['user-agent'] });
    res.clearCookie(REFRESH_COOKIE, { path: REFRESH_COOKIE_PATH });
  }

  @ApiBearerAuth()
  @Get('me')
  me(@CurrentUserParam() user: AuthenticatedUser): CurrentUser {
    return user;
  }

  private withCookie(res: Response, issued: IssuedSession): SessionResponse {
    res.cookie(REFRESH_COOKIE, issued.refreshToken, {
      httpOnly: true,
      sameSite: 'strict',
      secure: this.config.cookieSecure,
      path: REFRESH_COOKIE_PATH,
      expires: issued.refreshExpiresAt,
    });
    return issued.session;
  }
}
