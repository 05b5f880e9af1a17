import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { PurgeableDataKind } from '@kpi/domain';
import type { PoolClient, QueryConfig } from 'pg';
import { DataSource, EntityManager, QueryRunner } from 'typeorm';

/** Each purgeable kind's rows dated before `$1` (an instant), deleted in one statement that returns the count. */
const PURGE_SQL: Readonly<Record<PurgeableDataKind, string>> = {
  qa_evaluations: `WITH gone AS (DELETE FROM qa_evaluations WHERE evaluated_at < $1::timestamptz RETURNING 1)
                   SELECT count(*)::int AS n FROM gone`,
  ingestion_row_errors: `WITH gone AS (DELETE FROM ingestion_row_errors e USING ingestion_runs r
                                       WHERE e.run_id = r.id AND r.started_at < $1::timestamptz RETURNING 1)
                         SELECT count(*)::int AS n FROM gone`,
};

/** Every value in PostgreSQL's own text form, so the export writes exactly what the database holds. */
const RAW_TEXT_TYPES = { getTypeParser: () => (value: string) => value } as unknown as QueryConfig['types'];

export interface ExportBatch {
  columns: string[];
  typeIds: number[];
  rows: (string | null)[][];
}

/** A read-only, repeatable-read transaction: every query sees the same snapshot of the database. */
export class ExportSnapshot {
  private released = false;

  constructor(
    private readonly runner: QueryRunner,
    private readonly client: PoolClient,
  ) {}

  /** The rows of `sql` in batches through a server-side cursor; always yields at least once (for the columns). */
  async *batches(sql: string, params: unknown[], batchSize: number): AsyncGenerator<ExportBatch> {
    await this.client.query(`DECLARE export_rows NO SCROLL CURSOR FOR ${sql}`, params);
    for (let first = true; ; first = false) {
      const result = await this.client.query<(string | null)[]>({ text: `FETCH FORWARD ${batchSize} FROM export_rows`, rowMode: 'array', types: RAW_TEXT_TYPES });
      if (result.rows.length === 0 && !first) break;
      yield { columns: result.fields.map((f) => f.name), typeIds: result.fields.map((f) => f.dataTypeID), rows: result.rows };
      if (result.rows.length < batchSize) break;
    }
    await this.client.query(`CLOSE export_rows`);
  }

  async release(): Promise<void> {
    if (this.released) return;
    this.released = true;
    try {
      await this.client.query('ROLLBACK');
    } finally {
      await this.runner.release();
    }
  }
}

@Injectable()
export class DataProtectionRepository {
  private readonly logger = new Logger(DataProtectionRepository.name);

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Deletes one kind's rows older than `cutoff` in a transaction of its own; how many were deleted. */
  purge(kind: PurgeableDataKind, cutoff: string): Promise<number> {
    return this.dataSource.transaction(async (em: EntityManager) => {
      const [{ n }]: { n: number }[] = await em.query(PURGE_SQL[kind], [cutoff]);
      return n;
    });
  }

  async findProvider(providerId: string): Promise<{ id: string; code: string; name: string } | null> {
    const rows: { id: string; code: string; name: string }[] = await this.dataSource.query(`SELECT id, code, name FROM providers WHERE id = $1`, [providerId]);
    return rows[0] ?? null;
  }

  /**
   * Deletes one agent's QA evaluations (by pseudonym) and, in the same transaction, this provider's rejected
   * ingestion rows that hold the raw agent id in one of their cells (the only place a raw id can be kept).
   */
  eraseAgent(providerId: string, agentKey: string, rawAgentId: string): Promise<{ evaluationsRemoved: number; rowErrorsRemoved: number }> {
    return this.dataSource.transaction(async (em: EntityManager) => {
      const [evaluations]: { n: number }[] = await em.query(
        `WITH gone AS (DELETE FROM qa_evaluations WHERE provider_id = $1 AND agent_key = $2 RETURNING 1) SELECT count(*)::int AS n FROM gone`,
        [providerId, agentKey],
      );
      const [rowErrors]: { n: number }[] = await em.query(
        `WITH gone AS (
           DELETE FROM ingestion_row_errors e USING ingestion_runs r
           WHERE e.run_id = r.id AND r.provider_id = $1
             AND (trim(e.value) = $2
                  OR (jsonb_typeof(e.raw) = 'object' AND EXISTS (SELECT 1 FROM jsonb_each_text(e.raw) cell WHERE trim(cell.value) = $2)))
           RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [providerId, rawAgentId],
      );
      return { evaluationsRemoved: evaluations.n, rowErrorsRemoved: rowErrors.n };
    });
  }

  /** Opens a consistent read-only snapshot (timestamps in UTC) on a connection of its own; release it when done. */
  async openExportSnapshot(): Promise<ExportSnapshot> {
    const runner = this.dataSource.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    try {
      await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
      await client.query(`SET LOCAL TimeZone = 'UTC'`);
    } catch (error) {
      this.logger.warn(`could not open the export snapshot: ${String(error)}`);
      await runner.release();
      throw error;
    }
    return new ExportSnapshot(runner, client);
  }
}
