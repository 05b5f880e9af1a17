import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobContext, JobQueue } from '../../jobs/job-queue.port';
import { MAILER, MailerPort } from '../../mail/mailer.port';
import { MESSAGE_ID_DOMAIN } from './notifications.constants';
import { OutboxRepository } from './outbox.repository';
import { OutboxService, SendEmailJob } from './outbox.service';

export type DeliveryOutcome = 'sent' | 'already_done' | 'skipped' | 'retry' | 'failed' | 'missing';

/**
 * Drains the email outbox through the MailerPort. Each message is sent while its row is locked, and marked
 * sent in the same transaction that records the server's acceptance, so a message is sent once; should the
 * commit itself be lost, the resend carries the same Message-ID (the outbox id) and is recognisable.
 * Retries and backoff are the send-email job's settings (EMAIL_RETRY_LIMIT, EMAIL_RETRY_DELAY_SECONDS).
 */
@Injectable()
export class EmailOutboxProcessor implements OnModuleInit {
  private readonly logger = new Logger('EmailOutbox');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @Inject(MAILER) private readonly mailer: MailerPort,
    private readonly outbox: OutboxRepository,
    private readonly outboxService: OutboxService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    // ENABLE_EMAIL=false: messages stay queued in the outbox (visible in the web app) until mail is enabled.
    if (!this.config.emailEnabled) return;
    await this.jobs.work<SendEmailJob>(JOB_NAMES.sendEmail, (data, ctx) => this.handle(data, ctx), { concurrency: 4 });
    await this.jobs.work<{ tick: string }>(JOB_NAMES.sweepOutbox, async (data) => {
      await this.outboxService.sweep(data.tick);
    });
  }

  /** The send-email job: throws to have the job retried with backoff. */
  async handle(data: SendEmailJob, ctx: JobContext): Promise<void> {
    const final = ctx.retryCount >= this.config.emailRetryLimit;
    const { outcome, error } = await this.deliver(data.outboxId, final);
    if (outcome === 'retry') throw error ?? new Error('delivery failed');
  }

  /** Sends one outbox message once; `final` marks the last allowed attempt (a failure is then permanent). */
  async deliver(outboxId: string, final: boolean): Promise<{ outcome: DeliveryOutcome; error?: Error }> {
    return this.dataSource.transaction(async (db) => {
      const row = await this.outbox.lockForSend(db, outboxId);
      if (!row) return { outcome: 'missing' as const };
      if (row.status !== 'queued') return { outcome: 'already_done' as const };
      if (row.kind === 'escalation' && (await this.outbox.isOptedOut(db, row.toAddress))) {
        await this.outbox.markSkipped(db, row.id, 'The recipient unsubscribed from escalation mail');
        return { outcome: 'skipped' as const };
      }
      const images = await this.outbox.images(db, row.id);
      const attachments = await this.outbox.fileAttachments(db, row.id);
      try {
        const accepted = await this.mailer.send({
          messageId: `<${row.id}@${MESSAGE_ID_DOMAIN}>`,
          from: this.config.mailFrom,
          to: { address: row.toAddress, name: row.toName },
          subject: row.subject,
          text: row.text,
          html: row.html,
          headers: { ...row.headers, 'X-KPI-Outbox-Id': row.id },
          inlineImages: images,
          attachments,
        });
        await this.outbox.markSent(db, row.id, accepted.response);
        return { outcome: 'sent' as const };
      } catch (caught) {
        const error = caught instanceof Error ? caught : new Error(String(caught));
        const permanent = final || isPermanentSmtpError(error);
        await this.outbox.markAttemptFailed(db, row.id, describeError(error), permanent);
        this.logger.warn(
          `Sending ${row.id} to ${row.toAddress} via ${this.mailer.describe()} failed (attempt ${row.attempts + 1}` +
            `${permanent ? ', giving up' : ', will retry'}): ${describeError(error)}`,
        );
        return { outcome: permanent ? ('failed' as const) : ('retry' as const), error };
      }
    });
  }
}

/** 5xx answers (mailbox unknown, message refused) will not get better by retrying. */
export function isPermanentSmtpError(error: Error): boolean {
  const code = (error as { responseCode?: number }).responseCode;
  return typeof code === 'number' && code >= 500 && code < 600;
}

function describeError(error: Error): string {
  const e = error as Error & { code?: string; responseCode?: number; response?: string };
  const parts = [e.message.replace(/\s+/g, ' ').trim()];
  if (e.code && !e.message.includes(e.code)) parts.push(`(${e.code})`);
  return parts.join(' ').slice(0, 500);
}
