import { Logger, OnApplicationShutdown } from '@nestjs/common';
import { createHash } from 'node:crypto';
import PgBoss from 'pg-boss';
import type { JobName } from './job-names';
import { EnqueueOptions, JobHandler, JobQueue, JobSettings } from './job-queue.port';
import { JOB_SETTINGS } from './job-settings.constants';

/**
 * JobQueue on pg-boss (SKIP LOCKED, retries with backoff, dead letters) in the `pgboss` schema of the
 * application's own PostgreSQL. Idempotency keys become deterministic job ids, which pg-boss inserts with
 * ON CONFLICT DO NOTHING: the same key enqueued by several instances yields one job.
 */
export class PgBossJobQueue implements JobQueue, OnApplicationShutdown {
  private readonly logger = new Logger('JobQueue');
  private readonly createdQueues = new Map<string, Promise<void>>();
  private queueCreation: Promise<void> = Promise.resolve();
  private stopped = false;

  private constructor(
    private readonly boss: PgBoss,
    private readonly settings: Record<JobName, JobSettings>,
  ) {}

  static async start(connectionString: string, settings: Record<JobName, JobSettings> = JOB_SETTINGS): Promise<PgBossJobQueue> {
    const boss = new PgBoss({
      connectionString,
      schema: 'pgboss',
      max: 4,
      application_name: 'kpi-governance-jobs',
      archiveCompletedAfterSeconds: 7 * 24 * 3600,
      monitorStateIntervalSeconds: 60,
    });
    const queue = new PgBossJobQueue(boss, settings);
    boss.on('error', (error: Error) => queue.logger.error(`pg-boss: ${error.message}`));
    await boss.start();
    return queue;
  }

  async enqueue<T extends object>(name: JobName, data: T, options: EnqueueOptions = {}): Promise<string | null> {
    await this.ensureQueue(name);
    const settings = this.settings[name];
    return this.boss.send(name, data, {
      id: options.key ? deterministicUuid(`${name}:${options.key}`) : undefined,
      startAfter: options.startAfterSeconds,
      retryLimit: settings.retryLimit,
      retryDelay: settings.retryDelaySeconds,
      retryBackoff: settings.retryBackoff,
      expireInSeconds: settings.expireInSeconds,
    });
  }

  async work<T extends object>(name: JobName, handler: JobHandler<T>, options: { concurrency?: number } = {}): Promise<void> {
    await this.ensureQueue(name);
    // pg-boss 10 has no per-worker concurrency option: each work() call is one polling worker.
    for (let i = 0; i < (options.concurrency ?? 1); i++) {
      await this.boss.work<T>(name, { batchSize: 1, pollingIntervalSeconds: 1, includeMetadata: true }, async ([job]) => {
        await handler(job.data, { id: job.id, retryCount: job.retryCount });
      });
    }
  }

  /** Waits until no job of `name` is queued or running (tests and graceful shutdown). */
  async drained(name: JobName): Promise<boolean> {
    const size = await this.boss.getQueueSize(name, { before: 'completed' });
    return size === 0;
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.boss.stop({ graceful: true, timeout: 10_000, wait: true }).catch(() => undefined);
  }

  private ensureQueue(name: JobName): Promise<void> {
    let created = this.createdQueues.get(name);
    if (!created) {
      const settings = this.settings[name];
      const create = () =>
        this.boss.createQueue(name, {
          name,
          retryLimit: settings.retryLimit,
          retryDelay: settings.retryDelaySeconds,
          retryBackoff: settings.retryBackoff,
          expireInSeconds: settings.expireInSeconds,
        });
      // pg-boss 10 creates a partition per queue; concurrent creations (several modules registering workers
      // at start, or several instances) can deadlock in PostgreSQL. One at a time here, and retried on a deadlock.
      created = this.queueCreation.then(() => withDeadlockRetry(create)).then(() => undefined);
      this.queueCreation = created.catch(() => undefined);
      created.catch(() => this.createdQueues.delete(name));
      this.createdQueues.set(name, created);
    }
    return created;
  }
}

async function withDeadlockRetry<T>(action: () => Promise<T>, attempts = 5): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await action();
    } catch (error) {
      if ((error as { code?: string }).code !== '40P01' || attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 50 * attempt + Math.random() * 100));
    }
  }
}

/** A UUID derived from a key (SHA-256 based, version nibble 5-style), so equal keys give equal ids. */
export function deterministicUuid(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex').slice(0, 32).split('');
  hex[12] = '5';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const h = hex.join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
