/** Ingestion: feeds, runs, per-row errors, restatements, push API keys, file uploads. */

export type ConnectorType = 'http_pull' | 'push' | 'file_upload';
export const CONNECTOR_TYPES: readonly ConnectorType[] = ['http_pull', 'push', 'file_upload'];

/** What a feed delivers. */
export type FeedSourceKind = 'observations' | 'contacts' | 'qa_evaluations';
export const FEED_SOURCE_KINDS: readonly FeedSourceKind[] = ['observations', 'contacts', 'qa_evaluations'];

/** The shape of a pulled or pushed payload. */
export type PayloadFormat = 'json' | 'csv' | 'xlsx' | 'genesys' | 'amazon_connect';
export const PAYLOAD_FORMATS: readonly PayloadFormat[] = ['json', 'csv', 'xlsx', 'genesys', 'amazon_connect'];

export type BatchPolicy = 'reject_batch' | 'quarantine_invalid';
export type RunTrigger = 'schedule' | 'manual' | 'backfill' | 'push' | 'upload' | 'resubmit' | 'seed';
export type RunStatus = 'queued' | 'running' | 'succeeded' | 'partial' | 'rejected' | 'failed';

/** Settings of an HTTP pull feed (no secrets: the auth header value is a credential). */
export interface HttpPullConfig {
  /** Absolute URL, or a path starting with `/` on this api itself (the demo provider endpoint). */
  url: string;
  format?: PayloadFormat;
  /** Header that carries the credential `token` (default `Authorization`, sent as `Bearer <token>`). */
  authHeader?: string;
  /** Query parameters of the requested period (default `from` / `to`, yyyy-mm-dd). */
  fromParam?: string;
  toParam?: string;
  /** JSON paging: the answer's `nextPage` is sent back as this query parameter (default `page`). */
  pageParam?: string;
  maxPages?: number;
  timeoutMs?: number;
  retries?: number;
  retryDelayMs?: number;
  /** Genesys / Amazon Connect: source queue id -> site, service line and queue name. */
  queues?: Record<string, { siteCode: string; serviceLine: string; queue: string }>;
  /** Incremental pulls start this many days before the last good period (partial days get completed). */
  overlapDays?: number;
}

export interface FeedFreshnessDto {
  status: 'fresh' | 'stale' | 'never' | 'unscheduled';
  /** When the feed became (or becomes) stale: last success + expected cadence. */
  staleSince: string | null;
  minutesLate: number;
}

export interface FeedDto {
  id: string;
  providerId: string;
  providerName: string;
  name: string;
  connector: ConnectorType;
  sourceKind: FeedSourceKind;
  format: PayloadFormat | null;
  scheduleCron: string | null;
  timeZone: string;
  config: Record<string, unknown>;
  mapping: Record<string, unknown> | null;
  /** Only whether credentials are stored; they are never returned. */
  hasCredentials: boolean;
  batchPolicy: BatchPolicy;
  expectedCadenceMinutes: number | null;
  cursor: Record<string, unknown> | null;
  enabled: boolean;
  lastRunAt: string | null;
  lastSuccessAt: string | null;
  lastRunStatus: RunStatus | null;
  freshness: FeedFreshnessDto;
  createdAt: string;
  updatedAt: string;
}

export interface CreateFeedRequest {
  providerId: string;
  name: string;
  connector: ConnectorType;
  sourceKind?: FeedSourceKind;
  scheduleCron?: string | null;
  timeZone?: string;
  config?: Record<string, unknown>;
  mapping?: Record<string, unknown> | null;
  /** Write-only, e.g. `{ "token": "..." }`. */
  credentials?: Record<string, string> | null;
  batchPolicy?: BatchPolicy;
  expectedCadenceMinutes?: number | null;
  enabled?: boolean;
}

export type UpdateFeedRequest = Partial<Omit<CreateFeedRequest, 'providerId' | 'connector'>>;

export interface RunCountsDto {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
}

export interface IngestionRunDto {
  id: string;
  providerId: string;
  feedId: string | null;
  feedName: string | null;
  trigger: RunTrigger;
  connector: string;
  status: RunStatus;
  fileName: string | null;
  windowFrom: string | null;
  windowTo: string | null;
  startedAt: string;
  finishedAt: string | null;
  counts: RunCountsDto;
  attempt: number;
  error: string | null;
  errorCount: number;
  warnings: string[];
}

export interface RowErrorDto {
  id: string;
  line: number | null;
  path: string | null;
  column: string | null;
  value: string | null;
  reason: string;
  suggestion: string | null;
  /** The row as read (header -> value), for fixing and re-submitting; null for JSON sources. */
  raw: Record<string, string> | null;
  status: 'open' | 'resubmitted' | 'discarded';
}

export interface IngestionRunDetailDto extends IngestionRunDto {
  rowErrors: RowErrorDto[];
}

export interface ResubmitRowsRequest {
  rows: { errorId: string; values: Record<string, string> }[];
}

export interface RestatementDto {
  id: string;
  siteCode: string;
  serviceLine: string;
  queue: string;
  kpiCode: string;
  granularity: string;
  periodStart: string;
  oldNumerator: number;
  oldDenominator: number | null;
  newNumerator: number;
  newDenominator: number | null;
  runId: string | null;
  restatedAt: string;
}

export interface BackfillRequest {
  from: string;
  to: string;
}

export interface EnqueuedRunDto {
  jobId: string | null;
}

export interface UploadPreviewDto {
  fileName: string;
  format: 'csv' | 'xlsx';
  header: string[];
  rows: string[][];
  suggestedMapping: Record<string, unknown>;
  savedMapping: Record<string, unknown> | null;
  errors: string[];
}

export interface ApiKeyDto {
  id: string;
  providerId: string;
  prefix: string;
  label: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Returned once, when a key is created or rotated. */
export interface CreatedApiKeyDto extends ApiKeyDto {
  key: string;
}

export interface PushAcceptedDto {
  runId: string;
  status: RunStatus;
  counts: RunCountsDto;
}

/** Answer of re-sealing every feed's stored credentials with the current secrets key. */
export interface ResealCredentialsResultDto {
  currentKeyId: string;
  /** Feeds whose credentials were sealed with an older key (or format) and are now on the current key. */
  resealed: number;
  alreadyCurrent: number;
  /** Feeds whose credentials no configured key opens (left unchanged). */
  unreadableFeedIds: string[];
}
