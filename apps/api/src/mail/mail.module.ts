import { Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config.service';
import { CaughtMailStore } from './caught-mail.store';
import { MailTransport } from './mail-transport';
import { MAILER } from './mailer.port';

/** Outgoing mail transport (SMTP or the local mail catcher) and the catcher's received mail. Transport only. */
@Global()
@Module({
  providers: [
    CaughtMailStore,
    {
      provide: MailTransport,
      inject: [AppConfig, CaughtMailStore],
      useFactory: (config: AppConfig, store: CaughtMailStore) => MailTransport.create(config, store),
    },
    { provide: MAILER, inject: [MailTransport], useFactory: (transport: MailTransport) => transport.mailer },
  ],
  exports: [MAILER, MailTransport, CaughtMailStore],
})
export class MailModule {}
