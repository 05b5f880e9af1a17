import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.service';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { AlertMailService } from './alert-mail.service';
import { DigestService } from './digest.service';

export interface SendDigestsJob {
  tick: string;
}

/** The periodic alert-mail job: due digests, then reminders for alerts still open after the renotify interval. */
@Injectable()
export class DigestProcessor implements OnModuleInit {
  private readonly logger = new Logger('Digests');

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly digests: DigestService,
    private readonly alertMail: AlertMailService,
    private readonly config: AppConfig,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.emailEnabled) return;
    await this.jobs.work<SendDigestsJob>(JOB_NAMES.sendDigests, () => this.run());
  }

  async run(now = new Date()): Promise<void> {
    const digests = await this.digests.runDue(now);
    const reminders = await this.alertMail.sendReminders(now);
    if (digests.sent > 0 || reminders > 0) this.logger.log(`Queued ${digests.sent} digest(s) and ${reminders} reminder(s)`);
  }
}
