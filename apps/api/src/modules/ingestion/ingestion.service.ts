import { Inject, Injectable, Logger } from '@nestjs/common';
import type { BatchPolicy, FeedSourceKind, PayloadFormat, RunStatus, RunTrigger } from '@kpi/contracts';
import { ColumnMapping, IngestIssue, createIngestCatalog, formatIngestError, parseColumnMapping } from '@kpi/ingest-formats';
import type { PoolClient } from 'pg';
import { AppConfig } from '../../config/app-config.service';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { MetricsRollupService } from '../metrics/metrics-rollup.service';
import { FetchedPayload } from './connectors/provider-connector';
import { IngestionClock } from './ingestion.clock';
import { FeedRow, IngestionRepository, RowErrorInsert } from './ingestion.repository';
import { parsePayload, readTable } from './pipeline/payload-parser';
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
      const policy = request.batchPolicy ?? request.feed?.batchPolicy ?? 'reject_batch';
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
