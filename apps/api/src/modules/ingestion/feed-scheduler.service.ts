import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../../config/app-config.service';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { IngestFeedJob } from './feeds.service';
import { IngestionRepository } from './ingestion.repository';

const PREFIX = 'feed:';
/** Every instance re-reads the feeds this often, so a schedule changed on another instance applies too. */
const SYNC_INTERVAL_MS = 15_000;

/**
 * Per-feed cron schedules (in the feed's time zone) registered at runtime in @nestjs/schedule's
 * SchedulerRegistry. A tick only enqueues `ingest-feed` keyed `${feedId}:${tickIso}`: with several api
 * instances each tick becomes one job, and the run table's (feed, tick, attempt) key makes that doubly sure.
 */
@Injectable()
export class FeedSchedulerService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('FeedScheduler');
  private readonly registered = new Map<string, string>();
  private timer: NodeJS.Timeout | null = null;
  private syncing: Promise<void> = Promise.resolve();

  constructor(
    private readonly registry: SchedulerRegistry,
    private readonly repository: IngestionRepository,
    private readonly config: AppConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    await this.sync();
    this.timer = setInterval(() => void this.sync(), SYNC_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
    for (const id of [...this.registered.keys()]) this.unregister(id);
  }

  /** Registers, re-registers or removes schedules so they match the feeds table. */
  sync(): Promise<void> {
    this.syncing = this.syncing.then(() => this.doSync()).catch((error) => this.logger.error(`Schedule sync failed: ${(error as Error).message}`));
    return this.syncing;
  }

  private async doSync(): Promise<void> {
    if (!this.config.schedulerEnabled) return;
    const feeds = (await this.repository.scheduledFeeds()).filter((f) => !f.demo || this.config.demoFeedsEnabled);
    const wanted = new Map(feeds.map((f) => [f.id, f]));
    for (const id of [...this.registered.keys()]) if (!wanted.has(id)) this.unregister(id);
    for (const feed of feeds) {
      const signature = `${feed.scheduleCron}|${feed.timeZone}`;
      if (this.registered.get(feed.id) === signature) continue;
      this.unregister(feed.id);
      try {
        const job = CronJob.from({ cronTime: feed.scheduleCron, timeZone: feed.timeZone, onTick: () => void this.tick(feed.id), start: false });
        this.registry.addCronJob(PREFIX + feed.id, job as never);
        job.start();
        this.registered.set(feed.id, signature);
      } catch (error) {
        this.logger.error(`Cannot schedule feed ${feed.id} (${signature}): ${(error as Error).message}`);
      }
    }
  }

  private unregister(feedId: string): void {
    if (this.registry.doesExist('cron', PREFIX + feedId)) this.registry.deleteCronJob(PREFIX + feedId);
    this.registered.delete(feedId);
  }

  /** The tick's instant rounded to the second: every instance computes the same key for the same tick. */
  async tick(feedId: string, at: Date = new Date()): Promise<string | null> {
    const tick = new Date(Math.round(at.getTime() / 1000) * 1000).toISOString();
    const job: IngestFeedJob = { feedId, trigger: 'schedule', tick };
    try {
      return await this.jobs.enqueue(JOB_NAMES.ingestFeed, job, { key: `${feedId}:${tick}` });
    } catch (error) {
      this.logger.error(`Cannot enqueue feed ${feedId} tick ${tick}: ${(error as Error).message}`);
      return null;
    }
  }
}
