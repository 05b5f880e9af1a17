import { BadRequestException, ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import type { CreateFeedRequest, FeedDto, UpdateFeedRequest } from '@kpi/contracts';
import { parseColumnMapping } from '@kpi/ingest-formats';
import { CronTime } from 'cron';
import { AppConfig } from '../../config/app-config.service';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { ProviderScope } from '../auth/provider-scope';
import { ConnectorRegistry } from './connectors/connector-registry';
import { feedFreshness } from './feed-freshness';
import { IngestionClock } from './ingestion.clock';
import { FeedRow, IngestionRepository } from './ingestion.repository';
import { CredentialsCipher } from './secrets/credentials-cipher';

export interface IngestFeedJob {
  feedId: string;
  trigger: 'schedule' | 'manual' | 'backfill';
  tick?: string;
  from?: string;
  to?: string;
}

/** Feeds: CRUD (credentials encrypted, never returned), "run now" and backfill requests. */
@Injectable()
export class FeedsService {
  readonly cipher: CredentialsCipher;

  constructor(
    private readonly repository: IngestionRepository,
    private readonly connectors: ConnectorRegistry,
    private readonly clock: IngestionClock,
    config: AppConfig,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {
    this.cipher = new CredentialsCipher(config.secretsKeyRing);
  }

  async list(scope: ProviderScope, providerId?: string): Promise<FeedDto[]> {
    if (providerId) scope.assertVisible(providerId);
    const rows = await this.repository.listFeeds(scope, providerId);
    return rows.map((row) => this.toDto(row));
  }

  async get(scope: ProviderScope, id: string): Promise<FeedDto> {
    return this.toDto(await this.visibleFeed(scope, id));
  }

  async visibleFeed(scope: ProviderScope, id: string): Promise<FeedRow> {
    const feed = await this.repository.findFeed(id);
    if (!feed || !scope.includes(feed.providerId)) throw new NotFoundException('Feed not found');
    return feed;
  }

  async create(scope: ProviderScope, request: CreateFeedRequest): Promise<FeedDto> {
    scope.assertVisible(request.providerId);
    const context = await this.repository.providerContext(request.providerId);
    if (!context) throw new NotFoundException('Provider not found');
    this.check(request.connector, request);
    let id: string;
    try {
      id = await this.repository.insertFeed({
        providerId: request.providerId,
        name: request.name,
        connector: request.connector,
        sourceKind: request.sourceKind ?? 'observations',
        scheduleCron: request.scheduleCron ?? null,
        timeZone: request.timeZone ?? context.timeZone,
        config: request.config ?? {},
        mapping: request.mapping ?? null,
        batchPolicy: request.batchPolicy ?? 'reject_batch',
        expectedCadenceMinutes: request.expectedCadenceMinutes ?? null,
        enabled: request.enabled ?? true,
      });
    } catch (error) {
      if ((error as { code?: string }).code === '23505') throw new ConflictException(`A feed named "${request.name}" already exists for this provider`);
      throw error;
    }
    if (request.credentials) await this.repository.updateFeed(id, { credentialsEncrypted: this.cipher.encrypt(request.credentials, id) });
    return this.get(scope, id);
  }

  async update(scope: ProviderScope, id: string, request: UpdateFeedRequest): Promise<FeedDto> {
    const feed = await this.visibleFeed(scope, id);
    this.check(feed.connector, { ...request, config: request.config ?? feed.config });
    const { credentials, ...rest } = request;
    await this.repository.updateFeed(id, {
      ...rest,
      credentialsEncrypted: credentials === undefined ? undefined : credentials === null ? null : this.cipher.encrypt(credentials, id),
    });
    return this.get(scope, id);
  }

  async remove(scope: ProviderScope, id: string): Promise<void> {
    await this.visibleFeed(scope, id);
    await this.repository.deleteFeed(id);
  }

  async saveMapping(feedId: string, mapping: Record<string, unknown>): Promise<void> {
    await this.repository.updateFeed(feedId, { mapping });
  }

  credentialsOf(feed: FeedRow): Record<string, string> | null {
    return feed.credentialsEncrypted ? this.cipher.decrypt(feed.credentialsEncrypted, feed.id) : null;
  }

  async enqueueRun(scope: ProviderScope, id: string, window?: { from: string; to: string }): Promise<{ jobId: string | null }> {
    const feed = await this.visibleFeed(scope, id);
    if (!this.connectors.get(feed.connector).pulls) throw new BadRequestException('Only pull feeds can be run on demand; push and upload feeds receive their data');
    if (window && window.from > window.to) throw new BadRequestException('from must not be after to');
    const job: IngestFeedJob = window ? { feedId: id, trigger: 'backfill', ...window } : { feedId: id, trigger: 'manual' };
    const jobId = await this.jobs.enqueue(JOB_NAMES.ingestFeed, job, { key: `${id}:${job.trigger}:${this.clock.now().toISOString()}` });
    return { jobId };
  }

  toDto(row: FeedRow): FeedDto {
    const { credentialsEncrypted, ...rest } = row;
    return {
      ...rest,
      format: ((row.config['format'] as FeedDto['format']) ?? null),
      hasCredentials: credentialsEncrypted !== null,
      lastRunAt: iso(row.lastRunAt),
      lastSuccessAt: iso(row.lastSuccessAt),
      createdAt: iso(row.createdAt) as string,
      updatedAt: iso(row.updatedAt) as string,
      freshness: feedFreshness(row, this.clock.now()),
    };
  }

  private check(connector: FeedRow['connector'], request: Partial<CreateFeedRequest>): void {
    const problems = this.connectors.get(connector).validateConfig(request.config ?? {});
    if (request.scheduleCron) {
      try {
        new CronTime(request.scheduleCron, request.timeZone ?? 'UTC');
      } catch {
        problems.push(`scheduleCron "${request.scheduleCron}" is not a valid cron expression`);
      }
      if (connector !== 'http_pull') problems.push('only http_pull feeds have a schedule');
    }
    if (request.timeZone) {
      try {
        new Intl.DateTimeFormat('en', { timeZone: request.timeZone });
      } catch {
        problems.push(`timeZone "${request.timeZone}" is not an IANA time zone`);
      }
    }
    if (request.mapping) {
      const parsed = parseColumnMapping(request.mapping);
      if (!parsed.ok) problems.push(...parsed.problems.map((p) => `mapping: ${p}`));
    }
    if (problems.length > 0) throw new BadRequestException(problems.join('; '));
  }
}

export function iso(value: Date | string | null): string | null {
  return value === null ? null : new Date(value).toISOString();
}
