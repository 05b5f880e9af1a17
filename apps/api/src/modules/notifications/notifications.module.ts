import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { ChartsModule } from '../charts/charts.module';
import { MetricsModule } from '../metrics/metrics.module';
import { AlertItemBuilder } from './alert-items.builder';
import { AlertMailService } from './alert-mail.service';
import { DigestProcessor } from './digest.processor';
import { DigestService } from './digest.service';
import { EmailOutboxProcessor } from './email-outbox.processor';
import { EscalationMailService } from './escalation-mail.service';
import { MailboxService } from './mailbox.service';
import { NotificationsController } from './notifications.controller';
import { OutboxRepository } from './outbox.repository';
import { OutboxService } from './outbox.service';
import { RecipientsRepository } from './recipients.repository';
import { SubscriptionsRepository } from './subscriptions.repository';
import { SubscriptionsService } from './subscriptions.service';
import { UnsubscribeController } from './unsubscribe.controller';
import { UnsubscribeService } from './unsubscribe.service';
import { UnsubscribeTokensService } from './unsubscribe-tokens.service';

/**
 * Who hears about what, and when: subscriptions, quiet hours, mute windows, immediate alerts, digests,
 * escalation mail; everything rendered into the email outbox, which the send-email job drains through the
 * MailerPort (mail/).
 */
@Module({
  imports: [AlertsModule, MetricsModule, ChartsModule],
  controllers: [NotificationsController, UnsubscribeController],
  providers: [
    AlertItemBuilder,
    AlertMailService,
    DigestService,
    DigestProcessor,
    EmailOutboxProcessor,
    EscalationMailService,
    MailboxService,
    OutboxRepository,
    OutboxService,
    RecipientsRepository,
    SubscriptionsRepository,
    SubscriptionsService,
    UnsubscribeService,
    UnsubscribeTokensService,
  ],
  exports: [AlertMailService, EscalationMailService, OutboxService, DigestService],
})
export class NotificationsModule {}
