import { Controller, Get, Header, HttpCode, Post, Query, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AcceptsBody } from '../../common/request-body.interceptor';
import { UnsubscribeService } from './unsubscribe.service';

/** The unsubscribe link of every email: GET asks for confirmation, POST (also RFC 8058 one-click) unsubscribes. */
@ApiTags('notifications')
@Controller('notifications/unsubscribe')
export class UnsubscribeController {
  constructor(private readonly unsubscribe: UnsubscribeService) {}

  @Get()
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async confirm(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const page = await this.unsubscribe.confirmationPage(token);
    res.status(page.status);
    return page.html;
  }

  @Post()
  @HttpCode(200)
  // RFC 8058 one-click: the body is List-Unsubscribe=One-Click; the token is in the query.
  @AcceptsBody('application/x-www-form-urlencoded', 'multipart/form-data')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async apply(@Query('token') token: string | undefined, @Res({ passthrough: true }) res: Response): Promise<string> {
    const page = await this.unsubscribe.apply(token);
    res.status(page.status);
    return page.html;
  }
}
