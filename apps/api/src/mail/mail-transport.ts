import { Logger, OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '../config/app-config.service';
import type { CaughtMailStore } from './caught-mail.store';
import { MailCatcher } from './mail-catcher';
import type { MailerPort } from './mailer.port';
import { SmtpMailer } from './smtp.mailer';

/**
 * Chooses where outgoing mail goes: the SMTP server in SMTP_URL, or, when it is unset, the built-in local
 * mail catcher, started here on 127.0.0.1:MAIL_CATCHER_PORT and stopped with the app.
 */
export class MailTransport implements OnApplicationShutdown {
  private static readonly logger = new Logger('Mail');

  private constructor(
    readonly mailer: MailerPort,
    private readonly catcher: MailCatcher | null,
    readonly smtpConfigured: boolean,
  ) {}

  static async create(config: AppConfig, store: CaughtMailStore): Promise<MailTransport> {
    const timeoutSeconds = config.emailTimeoutSeconds;
    if (config.smtpUrl) {
      const mailer = new SmtpMailer({ url: config.smtpUrl, timeoutSeconds });
      MailTransport.logger.log(`Outgoing mail goes to ${mailer.describe()}`);
      return new MailTransport(mailer, null, true);
    }
    if (!config.emailEnabled) return new MailTransport(new DisabledMailer(), null, false);
    const catcher = new MailCatcher((mail) => store.store(mail), (m) => MailTransport.logger.warn(m));
    const port = await catcher.start(config.mailCatcherPort);
    const mailer = new SmtpMailer({
      url: `smtp://127.0.0.1:${port}`,
      timeoutSeconds,
      label: `local mail catcher 127.0.0.1:${port}`,
    });
    MailTransport.logger.log(`SMTP_URL is not set: mail is kept by the local mail catcher on 127.0.0.1:${port} (Mailbox page)`);
    return new MailTransport(mailer, catcher, false);
  }

  /** "127.0.0.1:2525" while the catcher runs, else null. */
  get catcherAddress(): string | null {
    const port = this.catcher?.listeningPort;
    return port ? `127.0.0.1:${port}` : null;
  }

  async onApplicationShutdown(): Promise<void> {
    await this.catcher?.stop();
  }
}

class DisabledMailer implements MailerPort {
  async send(): Promise<never> {
    throw new Error('Outgoing email is disabled (ENABLE_EMAIL=false)');
  }
  describe(): string {
    return 'email disabled';
  }
}
