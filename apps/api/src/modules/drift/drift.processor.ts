import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { DriftService, EvaluateDriftJob } from './drift.service';

/**
 * Worker of the evaluate-drift job: after each committed ingestion run ({scope: 'provider', providerId,
 * kpiCodes, fromDate}) and nightly ({scope: 'all'}). Retries and time-outs come from JOB_SETTINGS.
 */
@Injectable()
export class DriftProcessor implements OnModuleInit {
  private readonly logger = new Logger('DriftProcessor');

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly drift: DriftService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work<EvaluateDriftJob>(JOB_NAMES.evaluateDrift, (data) => this.handle(data));
  }

  async handle(job: EvaluateDriftJob): Promise<void> {
    const summaries = await this.drift.runJob(job);
    const opened = summaries.reduce((n, s) => n + s.transitions.opened, 0);
    const resolved = summaries.reduce((n, s) => n + s.transitions.resolved, 0);
    const ms = summaries.reduce((n, s) => n + s.ms, 0);
    this.logger.log(
      `evaluate-drift (${job.scope}, ${job.reason}): ${summaries.length} provider(s), ${opened} opened, ${resolved} resolved, ${ms} ms`,
    );
  }
}
