import { Controller, HttpCode, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { ResealCredentialsResultDto } from '@kpi/contracts';
import type { Request } from 'express';
import { CurrentUserParam } from '../../auth/auth.decorators';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CredentialsRotationService } from './credentials-rotation.service';

@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin/feed-credentials')
export class CredentialsRotationController {
  constructor(private readonly rotation: CredentialsRotationService) {}

  /** After adding a key to SECRETS_KEYS and making it current: re-seals all stored feed credentials with it. */
  @Post('reseal')
  @HttpCode(200)
  reseal(@CurrentUserParam() user: AuthenticatedUser, @Req() req: Request): Promise<ResealCredentialsResultDto> {
    return this.rotation.resealAll(user, { ip: req.ip, userAgent: req.headers['user-agent'] });
  }
}
