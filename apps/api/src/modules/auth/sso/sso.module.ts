import { Module } from '@nestjs/common';
import { AuthModule } from '../auth.module';
import { SsoAccountsRepository } from './sso-accounts.repository';
import { SsoController } from './sso.controller';
import { SsoService } from './sso.service';

/** Single sign-on through OpenID Connect (off unless OIDC_ISSUER_URL is set); sessions come from AuthService. */
@Module({
  imports: [AuthModule],
  controllers: [SsoController],
  providers: [SsoService, SsoAccountsRepository],
})
export class SsoModule {}
