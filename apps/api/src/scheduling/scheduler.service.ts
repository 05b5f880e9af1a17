import { Inject, Injectable, Logger } from '@nestjs/common';
import { Cron } from '@nestjs/schedule';
import { AppConfig } from '../config/app-config.service';
import { JOB_NAMES } from '../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../jobs/job-queue.port';

/**
 * Fixed schedules. Each method only checks the flag and enqueues jobs keyed by the tick, so with several
 * api instances every tick becomes one job. The work happens in each feature's processor.
 * (Feed pulls have per-feed schedules registered at runtime by the ingestion module.)
 */
@Injectable()
export class SchedulerService {
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
}
