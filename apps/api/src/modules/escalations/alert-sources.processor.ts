import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { DriftEscalationSubscriber } from './sources/drift-escalation.subscriber';
import { SlaBreachWatcher } from './sources/sla-breach.watcher';
import { StaleFeedWatcher } from './sources/stale-feed.watcher';

export interface ReconcileAlertSourcesJob {
  tick: string;
}

/**
 * The reconcile-alert-sources job: walks every source that can open escalations through the seam (drift
 * events, SLA breaches, stale feeds). Idempotent, so it may run on any instance at any time; one failing
 * source does not stop the others.
 */
@Injectable()
export class AlertSourcesProcessor implements OnModuleInit {
  private readonly logger = new Logger('AlertSources');

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly drift: DriftEscalationSubscriber,
    private readonly sla: SlaBreachWatcher,
    private readonly staleFeeds: StaleFeedWatcher,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work<ReconcileAlertSourcesJob>(JOB_NAMES.reconcileAlertSources, () => this.run());
  }

  async run(now = new Date()): Promise<void> {
    const sources: [string, () => Promise<unknown>][] = [
      ['drift events', () => this.drift.reconcile(now)],
      ['SLA breaches', () => this.sla.reconcile(now)],
      ['stale feeds', () => this.staleFeeds.reconcile()],
    ];
    const failures: string[] = [];
    for (const [name, reconcile] of sources) {
      try {
        await reconcile();
      } catch (error) {
        failures.push(`${name}: ${(error as Error).message}`);
        this.logger.warn(`Reconciliation of ${name} failed: ${(error as Error).message}`);
      }
    }
    // Retried by the job's settings; whatever went through stays (the seam is idempotent).
    if (failures.length > 0) throw new Error(failures.join('; '));
  }
}
