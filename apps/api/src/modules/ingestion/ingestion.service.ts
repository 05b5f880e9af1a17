import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BatchPolicy, FeedSourceKind, PayloadFormat, RunStatus, RunTrigger } from '@kpi/contracts';
import {
  ColumnMapping,
  IngestCatalog,
  IngestIssue,
  IngestStats,
  createIngestCatalog,
  formatIngestError,
  parseColumnMapping,
  parseObservationsCsvChunks,
} from '@kpi/ingest-formats';
import type { PoolClient } from 'pg';
import { AppConfig } from '../../config/app-config.service';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { MetricsRollupService } from '../metrics/metrics-rollup.service';
import { FetchedPayload } from './connectors/provider-connector';
import { IngestionClock } from './ingestion.clock';
import { FeedRow, IngestionRepository, RowErrorInsert } from './ingestion.repository';
import { parsePayload, readTable, suggestMappingFor } from './pipeline/payload-parser';
import { agentPseudonymiser } from './secrets/credentials-cipher';
import { StorableObservation, writeObservations } from './storage/observation-writer';

export interface BatchRequest {
  providerId: string;
  feed: FeedRow | null;
  trigger: RunTrigger;
  connector: string;
  sourceKind: FeedSourceKind;
  fileName?: string | null;
  window?: { from: string; to: string } | null;
  tick?: string | null;
  attempt?: number;
  /** Mapping for tabular payloads; default: the feed's saved mapping, else suggested from the header. */
  mapping?: ColumnMapping | null;
  batchPolicy?: BatchPolicy;
  /** Fetches (pull) or simply returns (push, upload) the payload; a throw fails the run. */
  payload: () => Promise<FetchedPayload>;
  /** Cursor stored on the feed when the run succeeds. */
  nextCursor?: Record<string, unknown> | null;
}

export interface BatchOutcome {
  runId: string;
  status: RunStatus;
  counts: { received: number; inserted: number; updated: number; unchanged: number; rejected: number };
  error: string | null;
}

const MAX_WARNINGS_KEPT = 50;
/**
 * CSV observation bodies from this size on stream through the chunked parser into the COPY bulk path (see
 * streamCsv). Smaller ones are read whole: same records, and a conflicting repeated key rejects both rows
 * (the streaming reader can only reject the later one), which the fixtures and the quarantine flow rely on.
 */
export const STREAM_CSV_MIN_BYTES = 1024 * 1024;
/** Run warning naming the path a streamed CSV took. */
export const STREAMED_NOTE = 'streamed through the bulk CSV path (chunked parser, COPY into staging, one merge)';

/**
 * One ingestion run, whatever the connector: record the run, get the payload, parse and validate it, apply the
 * batch policy, store everything in one transaction (observations through the bulk writer, QA evaluations,
 * quarantined rows, the run's counts, the feed's cursor), then after the commit refresh rollups and ask for a
 * drift evaluation. A run that cannot fetch or store is marked failed and nothing of it is kept.
 */
@Injectable()
export class IngestionService {
  private readonly logger = new Logger('Ingestion');

  constructor(
    private readonly repository: IngestionRepository,
    private readonly config: AppConfig,
    private readonly clock: IngestionClock,
    private readonly rollups: MetricsRollupService,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
  ) {}

  /** Returns null when the run already exists (the same feed tick and attempt on another instance). */
  async runBatch(request: BatchRequest): Promise<BatchOutcome | null> {
    const context = await this.repository.providerContext(request.providerId);
    if (!context) throw new Error(`Unknown provider ${request.providerId}`);
    const runId = await this.repository.createRun({
      providerId: request.providerId,
      feedId: request.feed?.id ?? null,
      trigger: request.trigger,
      connector: request.connector,
      fileName: request.fileName ?? null,
      window: request.window ?? null,
      tick: request.tick ?? null,
      attempt: request.attempt ?? 1,
    });
    if (!runId) return null;
    const timeZone = request.feed?.timeZone ?? context.timeZone;
    const today = this.clock.today(timeZone);
    try {
      const payload = await request.payload();
      const mapping = request.mapping ?? this.savedMapping(request.feed);
      const policy = request.batchPolicy ?? request.feed?.batchPolicy ?? 'reject_batch';
      if (
        request.sourceKind === 'observations' &&
        payload.format === 'csv' &&
        payload.body instanceof Uint8Array &&
        payload.body.length >= STREAM_CSV_MIN_BYTES &&
        policy === 'reject_batch'
      ) {
        const catalog = createIngestCatalog({ sites: context.sites, serviceLines: context.serviceLines.length ? context.serviceLines : undefined });
        const siteIds = new Map(context.sites.map((s) => [s.code, s.id]));
        return await this.streamCsv(request, runId, payload, payload.body, { mapping, catalog, today, timeZone, siteIds });
      }
      const parsed = await parsePayload({
        sourceKind: request.sourceKind,
        format: payload.format,
        body: payload.body,
        mapping,
        catalog: createIngestCatalog({ sites: context.sites, serviceLines: context.serviceLines.length ? context.serviceLines : undefined }),
        today,
        timeZone,
        queues: (request.feed?.config['queues'] as never) ?? undefined,
        shortAbandonSeconds: typeof request.feed?.config['shortAbandonSeconds'] === 'number' ? (request.feed.config['shortAbandonSeconds'] as number) : undefined,
        slThresholdSeconds: typeof request.feed?.config['slThresholdSeconds'] === 'number' ? (request.feed.config['slThresholdSeconds'] as number) : undefined,
        pseudonymise: agentPseudonymiser(this.config.pseudonymisationKey, request.providerId),
      });
      const rejected = parsed.stats.rowsRejected + parsed.stats.recordsRejected;
      const received = parsed.stats.rowsRead;
      const hasErrors = parsed.errors.length > 0 || parsed.stats.errorCount > 0;
      const rowErrors = hasErrors ? await this.rowErrorsOf(parsed.errors, payload) : [];
      const warnings = {
        messages: [...payload.notes, ...parsed.warnings.slice(0, MAX_WARNINGS_KEPT).map(formatIngestError)],
        mapping: parsed.mapping,
        errorsOmitted: parsed.stats.errorsOmitted,
      };
      const store = !hasErrors || policy === 'quarantine_invalid';
      const siteIds = new Map(context.sites.map((s) => [s.code, s.id]));
      const outcome = await this.inTransaction(async (client) => {
        const db = { query: (sql: string, params?: unknown[]) => client.query(sql, params as never[]).then((r) => r.rows) } as never;
        let written = { inserted: 0, updated: 0, unchanged: 0, affected: null as { from: string; to: string; kpiCodes: string[] } | null };
        if (store) {
          const storable: StorableObservation[] = parsed.observations.map((r) => ({
            siteId: siteIds.get(r.siteCode) as string,
            serviceLineCode: r.serviceLine,
            queue: r.queue,
            kpiCode: r.kpiCode,
            granularity: r.granularity,
            periodStart: r.periodStart,
            numerator: r.numerator,
            denominator: r.denominator,
          }));
          written = await writeObservations(client, request.providerId, runId, storable, { provisionalFrom: today });
          await this.repository.upsertQaEvaluations(
            db,
            request.providerId,
            runId,
            parsed.qaEvaluations.map((q) => ({
              siteId: siteIds.get(q.siteCode) as string,
              serviceLine: q.serviceLine,
              evaluationId: q.evaluationId,
              evaluatedAt: q.evaluatedAt,
              agentKey: q.agentKey,
              team: q.team,
              formVersion: q.formVersion,
              score: q.score,
              rawScore: q.rawScore,
              possible: q.possible,
              autoFail: q.autoFail,
            })),
          );
        }
        const status: RunStatus = !hasErrors ? 'succeeded' : store && parsed.observations.length > 0 ? 'partial' : 'rejected';
        await this.repository.insertRowErrors(db, runId, rowErrors);
        const error = hasErrors
          ? `${parsed.stats.errorCount} error(s)${store ? '; invalid rows quarantined' : '; batch rejected, nothing stored'}. First: ${formatIngestError(parsed.errors[0] ?? ({ reason: 'see errors' } as IngestIssue))}`
          : null;
        const counts = { received, inserted: written.inserted, updated: written.updated, unchanged: written.unchanged, rejected };
        await this.repository.finishRun(db, runId, { status, ...counts, error, warnings });
        if (request.feed) await this.repository.touchFeed(db, request.feed.id, status !== 'rejected', status !== 'rejected' ? (request.nextCursor ?? undefined) : undefined);
        return { status, counts, error, affected: written.affected };
      });
      if (outcome.affected) await this.followUp(request.providerId, runId, outcome.affected);
      return { runId, status: outcome.status, counts: outcome.counts, error: outcome.error };
    } catch (error) {
      const message = (error as Error).message ?? String(error);
      await this.repository.finishRun(this.repository.dataSource, runId, {
        status: 'failed',
        received: 0,
        inserted: 0,
        updated: 0,
        unchanged: 0,
        rejected: 0,
        error: message,
        warnings: { messages: [] },
      });
      if (request.feed) await this.repository.touchFeed(this.repository.dataSource, request.feed.id, false);
      this.logger.warn(`Run ${runId} failed: ${message}`);
      return { runId, status: 'failed', counts: { received: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 }, error: message };
    }
  }

  /**
   * The bulk path for large CSV observations (>= STREAM_CSV_MIN_BYTES; push and upload, reject-batch policy): the bytes stream through the
   * chunked parser (records validated batch by batch, memory flat) straight into the COPY + set-based merge of
   * `writeObservations`, all in ONE transaction. The first validation error stops storing; the rest of the file
   * is still read so every error (capped) is reported with line/column/reason; then the COPY is aborted, the
   * transaction rolled back and the run recorded as rejected with its row errors: nothing of the batch is kept.
   */
  private async streamCsv(
    request: BatchRequest,
    runId: string,
    payload: FetchedPayload,
    bytes: Uint8Array,
    options: { mapping: ColumnMapping | null; catalog: IngestCatalog; today: string; timeZone: string; siteIds: Map<string, string> },
  ): Promise<BatchOutcome> {
    const mapping = options.mapping ?? (await suggestMappingFor(headOf(bytes), 'csv'));
    const errors: IngestIssue[] = [];
    const warnings: IngestIssue[] = [];
    let stats: IngestStats | null = null;
    let rejectedBatch = false;
    const batches = parseObservationsCsvChunks(bytes, { mapping, catalog: options.catalog, today: options.today, timeZone: options.timeZone });
    const siteIds = options.siteIds;
    async function* storable(): AsyncGenerator<StorableObservation> {
      for await (const batch of batches) {
        for (const e of batch.errors) errors.push(e);
        for (const w of batch.warnings) if (warnings.length < MAX_WARNINGS_KEPT) warnings.push(w);
        stats = batch.stats;
        if (errors.length > 0 || batch.stats.errorCount > 0) continue; // keep reading to report every error, store nothing
        for (const r of batch.records) {
          yield {
            siteId: siteIds.get(r.siteCode) as string,
            serviceLineCode: r.serviceLine,
            queue: r.queue,
            kpiCode: r.kpiCode,
            granularity: r.granularity,
            periodStart: r.periodStart,
            numerator: r.numerator,
            denominator: r.denominator,
          };
        }
      }
      if (errors.length > 0 || (stats?.errorCount ?? 0) > 0) {
        rejectedBatch = true;
        throw new BatchRejected();
      }
    }
    const warningsOf = (s: IngestStats | null) => ({
      messages: [...payload.notes, STREAMED_NOTE, ...warnings.map(formatIngestError)],
      mapping,
      errorsOmitted: s?.errorsOmitted ?? 0,
    });
    try {
      const outcome = await this.inTransaction(async (client) => {
        const db = { query: (sql: string, params?: unknown[]) => client.query(sql, params as never[]).then((r) => r.rows) } as never;
        const written = await writeObservations(client, request.providerId, runId, storable(), { provisionalFrom: options.today });
        const final = stats as IngestStats | null;
        const counts = {
          received: final?.rowsRead ?? 0,
          inserted: written.inserted,
          updated: written.updated,
          unchanged: written.unchanged,
          rejected: (final?.rowsRejected ?? 0) + (final?.recordsRejected ?? 0),
        };
        await this.repository.finishRun(db, runId, { status: 'succeeded', ...counts, error: null, warnings: warningsOf(final) });
        if (request.feed) await this.repository.touchFeed(db, request.feed.id, true, request.nextCursor ?? undefined);
        return { counts, affected: written.affected };
      });
      if (outcome.affected) await this.followUp(request.providerId, runId, outcome.affected);
      return { runId, status: 'succeeded', counts: outcome.counts, error: null };
    } catch (error) {
      if (!rejectedBatch) throw error;
    }
    // Rejected whole: the transaction above was rolled back; record the run and its row errors.
    const final = stats as IngestStats | null;
    const rowErrors = await this.rowErrorsOf(errors, payload);
    const counts = {
      received: final?.rowsRead ?? 0,
      inserted: 0,
      updated: 0,
      unchanged: 0,
      rejected: (final?.rowsRejected ?? 0) + (final?.recordsRejected ?? 0),
    };
    const error = `${final?.errorCount ?? errors.length} error(s); batch rejected, nothing stored. First: ${formatIngestError(errors[0] ?? ({ reason: 'see errors' } as IngestIssue))}`;
    await this.inTransaction(async (client) => {
      const db = { query: (sql: string, params?: unknown[]) => client.query(sql, params as never[]).then((r) => r.rows) } as never;
      await this.repository.insertRowErrors(db, runId, rowErrors);
      await this.repository.finishRun(db, runId, { status: 'rejected', ...counts, error, warnings: warningsOf(final) });
      if (request.feed) await this.repository.touchFeed(db, request.feed.id, false);
    });
    return { runId, status: 'rejected', counts, error };
  }

  savedMapping(feed: FeedRow | null): ColumnMapping | null {
    if (!feed?.mapping) return null;
    const parsed = parseColumnMapping(feed.mapping);
    return parsed.ok ? parsed.value : null;
  }

  /** Per-row errors, with the raw row (header -> value) for tabular files so a user can fix and re-submit it. */
  private async rowErrorsOf(errors: IngestIssue[], payload: FetchedPayload): Promise<RowErrorInsert[]> {
    let raw = new Map<number, Record<string, string>>();
    const lines = new Set(errors.map((e) => e.line).filter((l): l is number => l !== null));
    if (payload.body instanceof Uint8Array && (payload.format === 'csv' || payload.format === 'xlsx') && lines.size > 0) {
      const table = await readTable(payload.body, payload.format, null, (line) => lines.has(line)).catch(() => null);
      if (table) {
        raw = new Map(table.rows.map((row) => [row.line, Object.fromEntries(table.header.map((h, i) => [h, row.values[i] ?? '']))]));
      }
    }
    return errors.map((e) => ({
      line: e.line,
      path: e.path ?? null,
      column: e.column,
      value: e.value,
      reason: e.reason,
      suggestion: e.suggestion ?? null,
      raw: e.line !== null ? (raw.get(e.line) ?? null) : null,
    }));
  }

  private async followUp(providerId: string, runId: string, affected: { from: string; to: string; kpiCodes: string[] }): Promise<void> {
    try {
      await this.rollups.refreshRange(providerId, affected.from, affected.to, affected.kpiCodes);
    } catch (error) {
      this.logger.error(`Rollup refresh after run ${runId} failed: ${(error as Error).message}`);
    }
    try {
      await this.jobs.enqueue(
        JOB_NAMES.evaluateDrift,
        { scope: 'provider', providerId, kpiCodes: affected.kpiCodes, fromDate: affected.from, reason: 'ingestion' },
        { key: runId },
      );
    } catch (error) {
      this.logger.error(`Drift evaluation request after run ${runId} failed: ${(error as Error).message}`);
    }
  }

  private async inTransaction<T>(work: (client: PoolClient) => Promise<T>): Promise<T> {
    const runner = this.repository.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    await runner.startTransaction();
    try {
      const result = await work(client);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}

export type { PayloadFormat };

/** Thrown inside the streaming COPY to abort it (and roll the run's transaction back) when the batch has errors. */
class BatchRejected extends Error {
  constructor() {
    super('batch rejected: validation errors');
  }
}

/** The first 64 KiB of a CSV file cut at a line end: enough to read the header and suggest a mapping. */
function headOf(bytes: Uint8Array): Uint8Array {
  if (bytes.length <= 65_536) return bytes;
  const head = bytes.subarray(0, 65_536);
  const end = head.lastIndexOf(0x0a);
  return end > 0 ? head.subarray(0, end + 1) : head;
}
