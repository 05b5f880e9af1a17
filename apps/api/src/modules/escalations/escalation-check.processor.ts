import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { EscalationCheckService } from './escalation-check.service';

export interface CheckEscalationsJob {
  tick: string;
}

/** The check-escalations job (enqueued every minute by the scheduler, keyed by the tick). */
@Injectable()
export class EscalationCheckProcessor implements OnModuleInit {
  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly check: EscalationCheckService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work<CheckEscalationsJob>(JOB_NAMES.checkEscalations, async () => {
      await this.check.run();
    });
  }
}
