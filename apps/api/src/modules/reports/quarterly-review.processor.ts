import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { BuildQuarterlyReviewJob, ReportsService } from './reports.service';

/** Works the build-quarterly-review job: one pack, or the scheduled fan-out of a quarter. */
@Injectable()
export class QuarterlyReviewProcessor implements OnModuleInit {
  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly reports: ReportsService,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work<BuildQuarterlyReviewJob>(JOB_NAMES.buildQuarterlyReview, (data) => this.reports.runJob(data), { concurrency: 2 });
  }
}
