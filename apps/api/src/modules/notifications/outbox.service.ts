import { Inject, Injectable, Logger, NotFoundException } from '@nestjs/common';
import type { OutboxListDto, OutboxQuery } from '@kpi/contracts';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import type { SqlExecutor } from '../alerts/alert.types';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { OUTBOX_MAX_PAGE_SIZE, OUTBOX_ORPHAN_AFTER_SECONDS, OUTBOX_PAGE_SIZE, OUTBOX_SWEEP_BATCH } from './notifications.constants';
import { OutboxRepository, OutboxVisibility } from './outbox.repository';
import type { NewOutboxMessage } from './outbox.types';

export interface SendEmailJob {
  outboxId: string;
}

/**
 * The email outbox: producers write rendered messages in the transaction of the event that caused them; after
 * the commit a send-email job (keyed by the outbox id) delivers each one. A sweeper re-enqueues messages whose
 * job was lost, so nothing written to the outbox is ever dropped.
 */
@Injectable()
export class OutboxService {
  private readonly logger = new Logger('EmailOutbox');

  constructor(
    private readonly outbox: OutboxRepository,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  /** Writes a message in the caller's transaction; returns its id, or null if its dedupe key was already used. */
  async write(db: SqlExecutor, message: NewOutboxMessage): Promise<string | null> {
    return (await this.outbox.insert(db, message)) ? message.id : null;
  }

  /** After the commit: one send job per message (held back until a quiet-hours end when needed). */
  async dispatch(ids: readonly string[], keySuffix = ''): Promise<void> {
    const due = await this.outbox.dueTimes([...ids]);
    const now = Date.now();
    for (const { id, notBefore } of due) {
      const delay = Math.ceil((notBefore.getTime() - now) / 1000);
      try {
        await this.jobs.enqueue<SendEmailJob>(
          JOB_NAMES.sendEmail,
          { outboxId: id },
          { key: `${id}${keySuffix}`, startAfterSeconds: delay > 0 ? delay : undefined },
        );
      } catch (error) {
        // The sweeper will enqueue it: the message is safe in the outbox.
        this.logger.warn(`Could not enqueue outbox message ${id}: ${(error as Error).message}`);
      }
    }
  }

  /** Re-enqueues due messages that were never attempted (a job lost between commit and enqueue). */
  async sweep(tick: string): Promise<number> {
    const ids = await this.outbox.orphanIds(OUTBOX_ORPHAN_AFTER_SECONDS, OUTBOX_SWEEP_BATCH);
    await this.dispatch(ids, `:sweep:${tick}`);
    if (ids.length > 0) this.logger.warn(`Re-enqueued ${ids.length} outbox message(s) that had no send job`);
    return ids.length;
  }

  list(user: AuthenticatedUser, query: OutboxQuery): Promise<OutboxListDto> {
    const limit = Math.min(query.limit ?? OUTBOX_PAGE_SIZE, OUTBOX_MAX_PAGE_SIZE);
    return this.outbox.list(visibilityOf(user), query.status, { limit, offset: query.offset ?? 0 });
  }

  /** Puts a failed message back in the queue (one more round of retries). */
  async retry(user: AuthenticatedUser, id: string): Promise<void> {
    const attempts = await this.outbox.requeue(id, visibilityOf(user));
    if (attempts === null) throw new NotFoundException('No failed message with this id');
    await this.dispatch([id], `:retry:${attempts}`);
  }

  addOptOut(email: string): Promise<void> {
    return this.outbox.addOptOut(email);
  }
}

function visibilityOf(user: AuthenticatedUser): OutboxVisibility {
  if (user.role === 'admin' || user.providerIds === null) return { all: true, userId: user.id, providerIds: null };
  // Provider staff see only mail addressed to them; the client's people also see mail about their providers.
  if (user.role === 'provider') return { all: false, userId: user.id, providerIds: null };
  return { all: false, userId: user.id, providerIds: user.providerIds };
}
