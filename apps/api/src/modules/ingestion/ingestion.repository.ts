import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { BatchPolicy, ConnectorType, FeedSourceKind, RunStatus, RunTrigger } from '@kpi/contracts';
import type { IngestSite } from '@kpi/ingest-formats';
import type { ServiceLineCode } from '@kpi/domain';
import { DataSource, EntityManager } from 'typeorm';
import { ProviderScope } from '../auth/provider-scope';

export interface FeedRow {
  id: string;
  providerId: string;
  providerName: string;
  name: string;
  connector: ConnectorType;
  sourceKind: FeedSourceKind;
  scheduleCron: string | null;
  timeZone: string;
  config: Record<string, unknown>;
  mapping: Record<string, unknown> | null;
  credentialsEncrypted: string | null;
  batchPolicy: BatchPolicy;
  expectedCadenceMinutes: number | null;
  cursor: Record<string, unknown> | null;
  enabled: boolean;
  lastRunAt: Date | null;
  lastSuccessAt: Date | null;
  lastRunStatus: RunStatus | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface RunRow {
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
  startedAt: Date;
  finishedAt: Date | null;
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  rejected: number;
  attempt: number;
  error: string | null;
  errorCount: number;
  warnings: { messages?: string[]; mapping?: Record<string, unknown> | null } | null;
}

export interface RowErrorInsert {
  line: number | null;
  path: string | null;
  column: string | null;
  value: string | null;
  reason: string;
  suggestion: string | null;
  raw: Record<string, string> | null;
}

const FEED_COLUMNS = `
  f.id, f.provider_id AS "providerId", p.name AS "providerName", f.name, f.connector, f.source_kind AS "sourceKind",
  f.schedule_cron AS "scheduleCron", f.time_zone AS "timeZone", f.config, f.mapping,
  f.credentials_encrypted AS "credentialsEncrypted", f.batch_policy AS "batchPolicy",
  f.expected_cadence_minutes AS "expectedCadenceMinutes", f.cursor, f.enabled, f.last_run_at AS "lastRunAt",
  f.last_success_at AS "lastSuccessAt", f.created_at AS "createdAt", f.updated_at AS "updatedAt",
  (SELECT r.status FROM ingestion_runs r WHERE r.feed_id = f.id ORDER BY r.started_at DESC LIMIT 1) AS "lastRunStatus"`;

const RUN_COLUMNS = `
  r.id, r.provider_id AS "providerId", r.feed_id AS "feedId", f.name AS "feedName", r.trigger, r.connector, r.status,
  r.file_name AS "fileName", r.window_from::text AS "windowFrom", r.window_to::text AS "windowTo",
  r.started_at AS "startedAt", r.finished_at AS "finishedAt", r.rows_received AS received, r.rows_inserted AS inserted,
  r.rows_updated AS updated, r.rows_unchanged AS unchanged, r.rows_rejected AS rejected, r.attempt, r.error,
  (SELECT count(*)::int FROM ingestion_row_errors e WHERE e.run_id = r.id) AS "errorCount", r.warnings`;

type Db = DataSource | EntityManager;

/** SQL of feeds, runs, per-row errors, restatements, API keys and QA evaluations. */
@Injectable()
export class IngestionRepository {
  constructor(@InjectDataSource() readonly dataSource: DataSource) {}

  async providerContext(providerId: string): Promise<{ timeZone: string; sites: (IngestSite & { id: string })[]; serviceLines: ServiceLineCode[] } | null> {
    const [provider] = await this.dataSource.query(`SELECT time_zone AS "timeZone" FROM providers WHERE id = $1`, [providerId]);
    if (!provider) return null;
    const sites = await this.dataSource.query(`SELECT id, code, NULL::text AS name, city FROM sites WHERE provider_id = $1 ORDER BY code`, [providerId]);
    const lines = await this.dataSource.query(`SELECT service_line_code AS code FROM provider_service_lines WHERE provider_id = $1`, [providerId]);
    return {
      timeZone: provider.timeZone,
      sites: sites.map((s: { id: string; code: string; name: string | null; city: string | null }) => ({
        id: s.id,
        code: s.code,
        name: s.name ?? undefined,
        city: s.city ?? undefined,
      })),
      serviceLines: lines.map((l: { code: ServiceLineCode }) => l.code),
    };
  }

  async providerExists(providerId: string): Promise<boolean> {
    const rows = await this.dataSource.query(`SELECT 1 FROM providers WHERE id = $1`, [providerId]);
    return rows.length > 0;
  }

  // Feeds ------------------------------------------------------------------------------------------------

  listFeeds(scope: ProviderScope, providerId?: string): Promise<FeedRow[]> {
    const params: unknown[] = [];
    const where = [scope.sqlCondition('f.provider_id', params)];
    if (providerId) {
      params.push(providerId);
      where.push(`f.provider_id = $${params.length}`);
    }
    return this.dataSource.query(
      `SELECT ${FEED_COLUMNS} FROM feeds f JOIN providers p ON p.id = f.provider_id WHERE ${where.join(' AND ')} ORDER BY p.name, f.name`,
      params,
    );
  }

  async findFeed(id: string, db: Db = this.dataSource): Promise<FeedRow | null> {
    const [row] = await db.query(`SELECT ${FEED_COLUMNS} FROM feeds f JOIN providers p ON p.id = f.provider_id WHERE f.id = $1`, [id]);
    return row ?? null;
  }

  /** Enabled feeds with a schedule: what the scheduler registers. */
  scheduledFeeds(): Promise<{ id: string; scheduleCron: string; timeZone: string; updatedAt: Date; demo: boolean }[]> {
    return this.dataSource.query(
      `SELECT id, schedule_cron AS "scheduleCron", time_zone AS "timeZone", updated_at AS "updatedAt",
              coalesce((config->>'demo')::boolean, false) AS demo
       FROM feeds WHERE enabled AND schedule_cron IS NOT NULL AND connector = 'http_pull'`,
    );
  }

  async insertFeed(values: {
    providerId: string;
    name: string;
    connector: ConnectorType;
    sourceKind: FeedSourceKind;
    scheduleCron: string | null;
    timeZone: string;
    config: Record<string, unknown>;
    mapping: Record<string, unknown> | null;
    batchPolicy: BatchPolicy;
    expectedCadenceMinutes: number | null;
    enabled: boolean;
  }): Promise<string> {
    const [row] = await this.dataSource.query(
      `INSERT INTO feeds (provider_id, name, connector, source_kind, schedule_cron, time_zone, config, mapping, batch_policy,
         expected_cadence_minutes, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        values.providerId,
        values.name,
        values.connector,
        values.sourceKind,
        values.scheduleCron,
        values.timeZone,
        values.config,
        values.mapping,
        values.batchPolicy,
        values.expectedCadenceMinutes,
        values.enabled,
      ],
    );
    return row.id;
  }

  async updateFeed(id: string, changes: Record<string, unknown>): Promise<void> {
    const columns: Record<string, string> = {
      name: 'name',
      sourceKind: 'source_kind',
      scheduleCron: 'schedule_cron',
      timeZone: 'time_zone',
      config: 'config',
      mapping: 'mapping',
      credentialsEncrypted: 'credentials_encrypted',
      batchPolicy: 'batch_policy',
      expectedCadenceMinutes: 'expected_cadence_minutes',
      enabled: 'enabled',
    };
    const sets: string[] = [];
    const params: unknown[] = [id];
    for (const [key, value] of Object.entries(changes)) {
      if (value === undefined || !columns[key]) continue;
      params.push(value);
      sets.push(`${columns[key]} = $${params.length}`);
    }
    if (sets.length === 0) return;
    await this.dataSource.query(`UPDATE feeds SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }

  async deleteFeed(id: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM feeds WHERE id = $1`, [id]);
  }

  // Runs -------------------------------------------------------------------------------------------------

  async createRun(values: {
    providerId: string;
    feedId: string | null;
    trigger: RunTrigger;
    connector: string;
    fileName: string | null;
    window: { from: string; to: string } | null;
    tick: string | null;
    attempt: number;
  }): Promise<string | null> {
    const rows = await this.dataSource.query(
      `INSERT INTO ingestion_runs (provider_id, feed_id, trigger, connector, file_name, window_from, window_to, tick, attempt)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (feed_id, tick, attempt) WHERE tick IS NOT NULL DO NOTHING RETURNING id`,
      [
        values.providerId,
        values.feedId,
        values.trigger,
        values.connector,
        values.fileName,
        values.window?.from ?? null,
        values.window?.to ?? null,
        values.tick,
        values.attempt,
      ],
    );
    return rows[0]?.id ?? null;
  }

  async finishRun(
    db: Db,
    id: string,
    values: { status: RunStatus; received: number; inserted: number; updated: number; unchanged: number; rejected: number; error: string | null; warnings: unknown },
  ): Promise<void> {
    await db.query(
      `UPDATE ingestion_runs SET status = $2, rows_received = $3, rows_inserted = $4, rows_updated = $5, rows_unchanged = $6,
         rows_rejected = $7, error = $8, warnings = $9, finished_at = clock_timestamp() WHERE id = $1`,
      [id, values.status, values.received, values.inserted, values.updated, values.unchanged, values.rejected, values.error, JSON.stringify(values.warnings)],
    );
  }

  async touchFeed(db: Db, feedId: string, success: boolean, cursor?: Record<string, unknown>): Promise<void> {
    await db.query(
      `UPDATE feeds SET last_run_at = now(), last_success_at = CASE WHEN $2 THEN now() ELSE last_success_at END,
         cursor = coalesce($3::jsonb, cursor) WHERE id = $1`,
      [feedId, success, cursor ? JSON.stringify(cursor) : null],
    );
  }

  async insertRowErrors(db: Db, runId: string, errors: RowErrorInsert[]): Promise<void> {
    if (errors.length === 0) return;
    await db.query(
      `INSERT INTO ingestion_row_errors (run_id, line, path, column_name, value, reason, suggestion, raw)
       SELECT $1, line, path, col, value, reason, suggestion, raw
       FROM unnest($2::int[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::jsonb[])
         AS e(line, path, col, value, reason, suggestion, raw)`,
      [
        runId,
        errors.map((e) => e.line),
        errors.map((e) => e.path),
        errors.map((e) => e.column),
        errors.map((e) => e.value),
        errors.map((e) => e.reason),
        errors.map((e) => e.suggestion),
        errors.map((e) => (e.raw ? JSON.stringify(e.raw) : null)),
      ],
    );
  }

  listRuns(scope: ProviderScope, filter: { providerId?: string; feedId?: string; limit: number }): Promise<RunRow[]> {
    const params: unknown[] = [];
    const where = [scope.sqlCondition('r.provider_id', params)];
    if (filter.providerId) {
      params.push(filter.providerId);
      where.push(`r.provider_id = $${params.length}`);
    }
    if (filter.feedId) {
      params.push(filter.feedId);
      where.push(`r.feed_id = $${params.length}`);
    }
    params.push(filter.limit);
    return this.dataSource.query(
      `SELECT ${RUN_COLUMNS} FROM ingestion_runs r LEFT JOIN feeds f ON f.id = r.feed_id
       WHERE ${where.join(' AND ')} ORDER BY r.started_at DESC LIMIT $${params.length}`,
      params,
    );
  }

  async findRun(id: string): Promise<RunRow | null> {
    const [row] = await this.dataSource.query(`SELECT ${RUN_COLUMNS} FROM ingestion_runs r LEFT JOIN feeds f ON f.id = r.feed_id WHERE r.id = $1`, [id]);
    return row ?? null;
  }

  rowErrors(runId: string, ids?: string[]): Promise<
    { id: string; line: number | null; path: string | null; column: string | null; value: string | null; reason: string; suggestion: string | null; raw: Record<string, string> | null; status: 'open' | 'resubmitted' | 'discarded' }[]
  > {
    return this.dataSource.query(
      `SELECT id::text, line, path, column_name AS column, value, reason, suggestion, raw, status
       FROM ingestion_row_errors WHERE run_id = $1 AND ($2::bigint[] IS NULL OR id = ANY($2::bigint[])) ORDER BY line NULLS FIRST, id LIMIT 2000`,
      [runId, ids ?? null],
    );
  }

  async setRowErrorStatus(runId: string, ids: string[], status: 'resubmitted' | 'discarded'): Promise<void> {
    await this.dataSource.query(`UPDATE ingestion_row_errors SET status = $3 WHERE run_id = $1 AND id = ANY($2::bigint[])`, [runId, ids, status]);
  }

  // Restatements -------------------------------------------------------------------------------------------

  restatements(providerId: string, limit: number): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT m.id::text, s.code AS "siteCode", m.service_line_code AS "serviceLine", m.queue, m.kpi_code AS "kpiCode",
              m.granularity, m.period_start::text AS "periodStart", m.old_numerator AS "oldNumerator",
              m.old_denominator AS "oldDenominator", m.new_numerator AS "newNumerator", m.new_denominator AS "newDenominator",
              m.run_id AS "runId", m.restated_at AS "restatedAt"
       FROM metric_restatements m JOIN sites s ON s.id = m.site_id
       WHERE m.provider_id = $1 ORDER BY m.restated_at DESC, m.id DESC LIMIT $2`,
      [providerId, limit],
    );
  }

  // QA evaluations ---------------------------------------------------------------------------------------

  async upsertQaEvaluations(
    db: Db,
    providerId: string,
    runId: string,
    rows: { siteId: string; serviceLine: string; evaluationId: string; evaluatedAt: string; agentKey: string; team: string; formVersion: string; score: number; rawScore: number; possible: number; autoFail: boolean }[],
  ): Promise<number> {
    if (rows.length === 0) return 0;
    const result = await db.query(
      `WITH x AS (
         INSERT INTO qa_evaluations (provider_id, site_id, service_line_code, evaluation_id, evaluated_at, agent_key, team,
           form_version, score, raw_score, possible, auto_fail, run_id)
         SELECT $1, * , $13 FROM unnest($2::uuid[], $3::text[], $4::text[], $5::timestamptz[], $6::text[], $7::text[],
           $8::text[], $9::float8[], $10::float8[], $11::float8[], $12::boolean[])
         ON CONFLICT (provider_id, evaluation_id) DO UPDATE SET site_id = EXCLUDED.site_id,
           service_line_code = EXCLUDED.service_line_code, evaluated_at = EXCLUDED.evaluated_at, agent_key = EXCLUDED.agent_key,
           team = EXCLUDED.team, form_version = EXCLUDED.form_version, score = EXCLUDED.score, raw_score = EXCLUDED.raw_score,
           possible = EXCLUDED.possible, auto_fail = EXCLUDED.auto_fail, run_id = EXCLUDED.run_id
         WHERE (qa_evaluations.score, qa_evaluations.possible, qa_evaluations.auto_fail, qa_evaluations.evaluated_at)
           IS DISTINCT FROM (EXCLUDED.score, EXCLUDED.possible, EXCLUDED.auto_fail, EXCLUDED.evaluated_at)
         RETURNING 1)
       SELECT count(*)::int AS n FROM x`,
      [
        providerId,
        rows.map((r) => r.siteId),
        rows.map((r) => r.serviceLine),
        rows.map((r) => r.evaluationId),
        rows.map((r) => r.evaluatedAt),
        rows.map((r) => r.agentKey),
        rows.map((r) => r.team),
        rows.map((r) => r.formVersion),
        rows.map((r) => r.score),
        rows.map((r) => r.rawScore),
        rows.map((r) => r.possible),
        rows.map((r) => r.autoFail),
        runId,
      ],
    );
    return result[0].n;
  }

  // API keys ---------------------------------------------------------------------------------------------

  async insertApiKey(providerId: string, prefix: string, hash: string, label: string | null): Promise<unknown> {
    const [row] = await this.dataSource.query(
      `INSERT INTO provider_api_keys (provider_id, key_prefix, key_hash, label) VALUES ($1, $2, $3, $4)
       RETURNING id, provider_id AS "providerId", key_prefix AS prefix, label, created_at AS "createdAt",
                 last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"`,
      [providerId, prefix, hash, label],
    );
    return row;
  }

  listApiKeys(providerId: string): Promise<unknown[]> {
    return this.dataSource.query(
      `SELECT id, provider_id AS "providerId", key_prefix AS prefix, label, created_at AS "createdAt",
              last_used_at AS "lastUsedAt", revoked_at AS "revokedAt"
       FROM provider_api_keys WHERE provider_id = $1 ORDER BY created_at DESC`,
      [providerId],
    );
  }

  async revokeApiKey(providerId: string, id: string): Promise<{ label: string | null } | null> {
    const rows = await this.dataSource.query(
      `WITH x AS (UPDATE provider_api_keys SET revoked_at = coalesce(revoked_at, now()) WHERE id = $1 AND provider_id = $2 RETURNING label)
       SELECT * FROM x`,
      [id, providerId],
    );
    return rows[0] ?? null;
  }

  async providerOfApiKey(hash: string): Promise<string | null> {
    const rows = await this.dataSource.query(
      `WITH x AS (UPDATE provider_api_keys SET last_used_at = now() WHERE key_hash = $1 AND revoked_at IS NULL RETURNING provider_id)
       SELECT provider_id AS "providerId" FROM x`,
      [hash],
    );
    return rows[0]?.providerId ?? null;
  }
}
