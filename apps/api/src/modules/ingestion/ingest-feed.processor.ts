import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { ConnectorType } from '@kpi/contracts';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobContext, JobQueue } from '../../jobs/job-queue.port';
import { ConnectorRegistry } from './connectors/connector-registry';
import { FeedsService, IngestFeedJob } from './feeds.service';
import { IngestionClock } from './ingestion.clock';
import { IngestionRepository } from './ingestion.repository';
import { IngestionService } from './ingestion.service';

/**
 * `ingest-feed`: one pull of one feed (schedule tick, "run now" or backfill). A failed run throws, so pg-boss
 * retries it with backoff (each attempt is its own run); the incremental cursor moves only on success.
 */
@Injectable()
export class IngestFeedProcessor implements OnModuleInit {
  private readonly logger = new Logger('IngestFeed');

  constructor(
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    private readonly repository: IngestionRepository,
    private readonly feeds: FeedsService,
    private readonly connectors: ConnectorRegistry,
    private readonly ingestion: IngestionService,
    private readonly clock: IngestionClock,
    private readonly http: HttpAdapterHost,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.jobs.work<IngestFeedJob>(JOB_NAMES.ingestFeed, (data, context) => this.process(data, context), { concurrency: 2 });
  }

  async process(job: IngestFeedJob, context: JobContext): Promise<void> {
    const feed = await this.repository.findFeed(job.feedId);
    if (!feed) return;
    if (job.trigger === 'schedule' && !feed.enabled) return;
    const connector = this.connectors.get(feed.connector as ConnectorType);
    if (!connector.pulls || !connector.fetch) return;
    const today = this.clock.today(feed.timeZone);
    const window = job.trigger === 'backfill' && job.from && job.to ? { from: job.from, to: job.to } : this.incrementalWindow(feed.cursor, feed.config, today);
    const credentials = this.feeds.credentialsOf(feed);
    const outcome = await this.ingestion.runBatch({
      providerId: feed.providerId,
      feed,
      trigger: job.trigger,
      connector: feed.connector,
      sourceKind: feed.sourceKind,
      window,
      tick: job.tick ?? null,
      attempt: context.retryCount + 1,
      nextCursor: job.trigger === 'backfill' ? null : { through: window.to },
      payload: () =>
        connector.fetch!({ feedId: feed.id, config: feed.config, credentials, window, selfBaseUrl: this.selfBaseUrl() }),
    });
    if (outcome?.status === 'failed') {
      // Thrown so the queue retries; the failed run stays in the history.
      throw new Error(`Feed ${feed.name}: ${outcome.error}`);
    }
    if (outcome) this.logger.log(`Feed ${feed.name}: run ${outcome.runId} ${outcome.status}`);
  }

  /** From the last good period (re-read `overlapDays`, default 1, to complete partial days) to today. */
  incrementalWindow(cursor: Record<string, unknown> | null, config: Record<string, unknown>, today: string): { from: string; to: string } {
    const through = typeof cursor?.['through'] === 'string' ? (cursor['through'] as string) : null;
    const overlap = typeof config['overlapDays'] === 'number' ? (config['overlapDays'] as number) : 1;
    const initialDays = typeof config['initialDays'] === 'number' ? (config['initialDays'] as number) : 7;
    let from = through ? addDays(through, 1 - overlap) : addDays(today, 1 - initialDays);
    if (from > today) from = today;
    return { from, to: today };
  }

  private selfBaseUrl(): string | null {
    const server = this.http.httpAdapter?.getHttpServer?.();
    const address = server?.address?.();
    return address && typeof address === 'object' ? `http://127.0.0.1:${address.port}` : null;
  }
}

export function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}
