import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { RetentionService } from './retention.service';

export interface PurgeRetentionJob {
  /** The UTC day the scheduler enqueued it for (the job key). */
  day: string;
}

/** The purge-retention job, enqueued daily by the scheduler: the purge runs as the system. */
@Injectable()
export class RetentionPurgeProcessor implements OnModuleInit {
  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly retention: RetentionService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work<PurgeRetentionJob>(JOB_NAMES.purgeRetention, async () => {
      await this.retention.purge('schedule', null);
    });
  }
}
