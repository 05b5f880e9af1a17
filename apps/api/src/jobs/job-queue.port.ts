import type { JobName } from './job-names';

export const JOB_QUEUE = Symbol('JOB_QUEUE');

/** Retry and time-out settings belong to the job, not to the service that does the work. */
export interface JobSettings {
  retryLimit: number;
  /** Seconds before the first retry; doubled on each further retry when retryBackoff is set. */
  retryDelaySeconds: number;
  retryBackoff: boolean;
  expireInSeconds: number;
}

export interface EnqueueOptions {
  /**
   * Idempotency key: jobs enqueued with the same (name, key) are created once, however many api instances
   * or retries ask. Use e.g. `${feedId}:${tick}`.
   */
  key?: string;
  startAfterSeconds?: number;
}

export interface JobContext {
  id: string;
  /** 0 on the first attempt. */
  retryCount: number;
}

export type JobHandler<T> = (data: T, context: JobContext) => Promise<void>;

/** The queue the api uses for scheduled and follow-up work (pg-boss on the application's PostgreSQL). */
export interface JobQueue {
  /** Returns the job id, or null when a job with the same key already exists. */
  enqueue<T extends object>(name: JobName, data: T, options?: EnqueueOptions): Promise<string | null>;
  /** Registers the processor of a job name; several instances may work the same queue, each job runs once. */
  work<T extends object>(name: JobName, handler: JobHandler<T>, options?: { concurrency?: number }): Promise<void>;
}
