import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.service';
import { JOB_NAMES } from '../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../jobs/job-queue.port';
import { RETENTION_PURGE_CRON } from '../modules/data-protection/data-protection.constants';
import { quarterDueForDelivery } from '../modules/reports/quarter';

/**
 * Fixed schedules. Each method only checks the flag and enqueues jobs keyed by the tick, so with several
 * api instances every tick becomes one job. The work happens in each feature's processor.
 * (Feed pulls have per-feed schedules registered at runtime by the ingestion module.)
 */
@Injectable()
export class SchedulerService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Scheduler');

  constructor(
    private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  /** Nightly full drift evaluation of every series, at 02:30 server time. */
  @Cron('30 2 * * *', { name: 'nightly-drift-evaluation' })
  async enqueueNightlyDriftEvaluation(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    const tick = new Date().toISOString().slice(0, 10);
    await this.jobs.enqueue(JOB_NAMES.evaluateDrift, { scope: 'all', reason: 'nightly' }, { key: `nightly:${tick}` });
    this.logger.log(`Enqueued nightly drift evaluation for ${tick}`);
  }

  /**
   * Every minute: overdue escalations move up their matrix (check-escalations); due digests and reminders
   * (send-digests) and outbox messages whose send job was lost (sweep-outbox), when email is enabled.
   */
  @Cron('* * * * *', { name: 'escalations-and-alert-mail' })
  async enqueueEscalationAndMailJobs(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    const tick = new Date().toISOString().slice(0, 16);
    await this.jobs.enqueue(JOB_NAMES.checkEscalations, { tick }, { key: tick });
    if (!this.config.emailEnabled) return;
    await this.jobs.enqueue(JOB_NAMES.sendDigests, { tick }, { key: tick });
    await this.jobs.enqueue(JOB_NAMES.sweepOutbox, { tick }, { key: tick });
  }

  /** Every 5 minutes (and once at start): drift events and SLA breaches are walked through the escalation seam. */
  @Cron('*/5 * * * *', { name: 'alert-source-reconciliation' })
  async enqueueAlertSourceReconciliation(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    const tick = new Date().toISOString().slice(0, 16);
    await this.jobs.enqueue(JOB_NAMES.reconcileAlertSources, { tick }, { key: tick });
  }

  /**
   * Daily at 06:00: on QBR_DELIVERY_DAY of the month after a quarter, the quarterly review packs of every
   * provider are generated and e-mailed (one fan-out job keyed by the quarter).
   */
  @Cron('0 6 * * *', { name: 'quarterly-review-delivery' })
  async enqueueQuarterlyReviews(today = new Date().toISOString().slice(0, 10)): Promise<string | null> {
    if (!this.config.schedulerEnabled) return null;
    const quarter = quarterDueForDelivery(today, this.config.qbrDeliveryDay);
    if (!quarter) return null;
    await this.jobs.enqueue(JOB_NAMES.buildQuarterlyReview, { type: 'schedule', quarter }, { key: `schedule:${quarter}` });
    this.logger.log(`Enqueued the quarterly review packs of ${quarter}`);
    return quarter;
  }

  /** Daily at 03:15: the retention purge (personal data older than its retention period), once per day. */
  @Cron(RETENTION_PURGE_CRON, { name: 'retention-purge' })
  async enqueueRetentionPurge(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    const day = new Date().toISOString().slice(0, 10);
    await this.jobs.enqueue(JOB_NAMES.purgeRetention, { day }, { key: `daily:${day}` });
    this.logger.log(`Enqueued the retention purge of ${day}`);
  }

  /** Once shortly after start (not in the middle of it): the alert sources, so a new install has its escalations. */
  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    const tick = new Date().toISOString().slice(0, 16);
    await this.jobs.enqueue(JOB_NAMES.reconcileAlertSources, { tick }, { key: `boot:${tick}`, startAfterSeconds: 20 });
  }
}
