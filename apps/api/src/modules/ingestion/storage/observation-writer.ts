import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** One KPI observation ready to store: codes already resolved to this provider's ids and validated. */
export interface StorableObservation {
  siteId: string;
  serviceLineCode: string;
  queue: string;
  kpiCode: string;
  granularity: 'day' | 'week' | 'month' | 'quarter';
  periodStart: string;
  numerator: number;
  denominator: number | null;
}

export interface ObservationWriteResult {
  received: number;
  inserted: number;
  updated: number;
  unchanged: number;
  restated: number;
  /** What changed, for follow-up work (rollup refresh, drift evaluation). Null when nothing changed. */
  affected: { from: string; to: string; kpiCodes: string[] } | null;
}

export interface WriteObservationsOptions {
  /**
   * Periods starting on or after this date (the provider's today) are provisional ("today so far"): a changed
   * value there is updated but not recorded as a restatement.
   */
  provisionalFrom?: string;
}

const STAGING = 'observation_staging';
const ROWS_PER_COPY_CHUNK = 5_000;
const CARDINALITY_VIOLATION = '21000';

/**
 * The bulk path: COPY into a temporary staging table, then one set-based merge.
 * Runs inside the caller's transaction (the run commits whole or not at all). The merge is idempotent:
 * re-sending the same values changes nothing; a changed value for an existing key is updated and kept as a
 * restatement (old value, new value, when, which run).
 */
export async function writeObservations(
  client: PoolClient,
  providerId: string,
  runId: string | null,
  records: Iterable<StorableObservation> | AsyncIterable<StorableObservation>,
  options: WriteObservationsOptions = {},
): Promise<ObservationWriteResult> {
  await client.query(`
    CREATE TEMP TABLE ${STAGING} (
      site_id uuid NOT NULL, service_line_code text NOT NULL, queue text NOT NULL, kpi_code text NOT NULL,
      granularity text NOT NULL, period_start date NOT NULL, numerator float8 NOT NULL, denominator float8
    ) ON COMMIT DROP`);
  let received = 0;
  const lines = Readable.from(
    (async function* () {
      let chunk: string[] = [];
      for await (const r of records as AsyncIterable<StorableObservation>) {
        received++;
        chunk.push(
          `${r.siteId}\t${copyText(r.serviceLineCode)}\t${copyText(r.queue)}\t${copyText(r.kpiCode)}\t${r.granularity}\t` +
            `${r.periodStart}\t${numberText(r.numerator)}\t${r.denominator === null ? '\\N' : numberText(r.denominator)}\n`,
        );
        if (chunk.length >= ROWS_PER_COPY_CHUNK) {
          yield chunk.join('');
          chunk = [];
        }
      }
      if (chunk.length > 0) yield chunk.join('');
    })(),
  );
  await pipeline(lines, client.query(copyFrom(`COPY ${STAGING} FROM STDIN`)));
  if (received === 0) return { received, inserted: 0, updated: 0, unchanged: 0, restated: 0, affected: null };

  // Restatements only exist where the provider already has data in the batch's date range: skip the
  // join for batches of new periods (the common bulk case).
  const overlap = await client.query(
    `SELECT EXISTS (
       SELECT 1 FROM metric_observations o, (SELECT min(period_start) AS lo, max(period_start) AS hi FROM ${STAGING}) r
       WHERE o.provider_id = $1 AND o.period_start BETWEEN r.lo AND r.hi
     ) AS overlap`,
    [providerId],
  );
  let restated = 0;
  if (overlap.rows[0].overlap) {
    const result = await client.query(
      `INSERT INTO metric_restatements (provider_id, site_id, service_line_code, queue, kpi_code, granularity,
         period_start, old_numerator, old_denominator, new_numerator, new_denominator, run_id)
       SELECT $1, o.site_id, o.service_line_code, o.queue, o.kpi_code, o.granularity, o.period_start,
              o.numerator, o.denominator, s.numerator, s.denominator, $2
       FROM (SELECT DISTINCT ON (site_id, service_line_code, queue, kpi_code, granularity, period_start) *
             FROM ${STAGING}) s
       JOIN metric_observations o ON o.provider_id = $1 AND o.site_id = s.site_id
         AND o.service_line_code = s.service_line_code AND o.queue = s.queue AND o.kpi_code = s.kpi_code
         AND o.granularity = s.granularity AND o.period_start = s.period_start
       WHERE (o.numerator, o.denominator) IS DISTINCT FROM (s.numerator, s.denominator)
         AND ($3::date IS NULL OR s.period_start < $3::date)`,
      [providerId, runId, options.provisionalFrom ?? null],
    );
    restated = result.rowCount ?? 0;
  }

  // Fast path: merge straight from staging. A batch that repeats a key makes ON CONFLICT fail with
  // cardinality_violation; only then pay for de-duplicating (DISTINCT ON sorts the whole batch).
  let row: MergeRow;
  let distinctRows = received;
  await client.query('SAVEPOINT observation_merge');
  try {
    row = await merge(client, providerId, runId, STAGING);
    await client.query('RELEASE SAVEPOINT observation_merge');
  } catch (error) {
    if ((error as { code?: string }).code !== CARDINALITY_VIOLATION) throw error;
    await client.query('ROLLBACK TO SAVEPOINT observation_merge');
    const deduplicated = await client.query(
      `CREATE TEMP TABLE ${STAGING}_distinct ON COMMIT DROP AS
       SELECT DISTINCT ON (site_id, service_line_code, queue, kpi_code, granularity, period_start) * FROM ${STAGING}`,
    );
    distinctRows = deduplicated.rowCount ?? 0;
    row = await merge(client, providerId, runId, `${STAGING}_distinct`);
  }
  return {
    received,
    inserted: row.inserted,
    updated: row.updated,
    unchanged: distinctRows - row.inserted - row.updated,
    restated,
    affected: row.lo && row.hi ? { from: row.lo, to: row.hi, kpiCodes: [...row.kpis].sort() } : null,
  };
}

interface MergeRow {
  inserted: number;
  updated: number;
  lo: string | null;
  hi: string | null;
  kpis: string[];
}

async function merge(client: PoolClient, providerId: string, runId: string | null, source: string): Promise<MergeRow> {
  const merged = await client.query(
    `WITH merged AS (
       INSERT INTO metric_observations (provider_id, site_id, service_line_code, queue, kpi_code, granularity,
         period_start, numerator, denominator, source_run_id)
       SELECT $1::uuid, site_id, service_line_code, queue, kpi_code, granularity, period_start, numerator, denominator, $2::uuid
       FROM ${source}
       ON CONFLICT ON CONSTRAINT metric_observations_natural_key DO UPDATE
         SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator,
             source_run_id = EXCLUDED.source_run_id, updated_at = now()
         WHERE (metric_observations.numerator, metric_observations.denominator)
               IS DISTINCT FROM (EXCLUDED.numerator, EXCLUDED.denominator)
       RETURNING (xmax = 0) AS inserted, kpi_code, period_start
     )
     SELECT count(*) FILTER (WHERE inserted)::int AS inserted, count(*) FILTER (WHERE NOT inserted)::int AS updated,
            min(period_start)::text AS lo, max(period_start)::text AS hi,
            coalesce(array_agg(DISTINCT kpi_code), '{}') AS kpis
     FROM merged`,
    [providerId, runId],
  );
  return merged.rows[0] as MergeRow;
}

/** COPY text format: backslash, tab, newline and carriage return must be escaped. */
function copyText(value: string): string {
  return /[\\\t\n\r]/.test(value)
    ? value.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : value;
}

function numberText(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`Not a finite number: ${value}`);
  return String(value);
}
