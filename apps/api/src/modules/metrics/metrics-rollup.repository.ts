import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { DatedReading, KpiAggregation, SlicePartial, sliceKeyOf } from '@kpi/domain';
import { ROLLUP_BUCKET_INTERVAL, RollupGranularityStored, SNAPSHOT_WINDOW_DAYS } from './metrics-rollup.constants';
import { ComponentRequest, PlannedPiece } from './rollup-plan';

/**
 * Usable observations, exactly as kpi-domain's `isUsableObservation`: finite numbers, and a denominator for
 * ratio KPIs. (In PostgreSQL NaN sorts above Infinity, so `abs(x) < 'Infinity'` is false for NaN too.)
 */
function usableSql(o: string, aggregation: string): string {
  return `abs(${o}.numerator) < 'Infinity'::float8
    AND (${o}.denominator IS NULL OR abs(${o}.denominator) < 'Infinity'::float8)
    AND (${o}.denominator IS NOT NULL OR ${aggregation} NOT IN ('ratio_of_sums', 'net_share'))`;
}

/**
 * The per-slice partial columns of a set of daily rows `src` (see kpi-domain `SlicePartial`): exact numeric
 * sums, the count, the slice's last reading (stocks only) and its dated denominator readings (attrition only).
 */
const PARTIAL_COLUMNS_SQL = `
  sum(numerator::numeric) AS numerator_sum,
  sum(denominator::numeric) AS denominator_sum,
  count(*)::int AS observation_count,
  max(period_start) AS last_date,
  (array_agg(numerator ORDER BY period_start DESC) FILTER (WHERE aggregation = 'stock'))[1] AS last_numerator,
  jsonb_agg(jsonb_build_array(period_start, denominator) ORDER BY period_start)
    FILTER (WHERE aggregation = 'sum_over_mean_stock' AND denominator IS NOT NULL) AS denominator_readings`;

/**
 * The portfolio windows of each provider in $1, computed from raw daily rows: per slice and KPI, the last
 * 7 days with data (ending on the provider's latest daily observation) and the 7 days before. Rolled up by
 * kpi-domain, they fill `metric_window_snapshots` (refresh) or answer the raw path directly.
 */
const WINDOW_PARTIALS_SQL = `
  WITH last AS MATERIALIZED (
    SELECT p.id AS provider_id,
           (SELECT max(x.d) FROM kpi_definitions k
              CROSS JOIN LATERAL (SELECT max(o.period_start) AS d FROM metric_observations o
                                  WHERE o.provider_id = p.id AND o.kpi_code = k.code AND o.granularity = 'day') x) AS d
    FROM providers p WHERE p.id = ANY($1::uuid[])
  ), src AS (
    SELECT o.provider_id, o.kpi_code, o.site_id, o.service_line_code, o.queue, k.aggregation,
           o.period_start, o.numerator, o.denominator, l.d,
           CASE WHEN o.period_start > l.d - ${SNAPSHOT_WINDOW_DAYS} THEN 'current' ELSE 'previous' END AS snapshot_window
    FROM last l
    CROSS JOIN kpi_definitions k
    -- Per provider and KPI: an index range scan of the 14 days (provider, kpi, granularity, date).
    CROSS JOIN LATERAL (
      SELECT * FROM metric_observations o
      WHERE o.provider_id = l.provider_id AND o.kpi_code = k.code AND o.granularity = 'day'
        AND o.period_start > l.d - ${2 * SNAPSHOT_WINDOW_DAYS} AND o.period_start <= l.d
    ) o
    WHERE ${usableSql('o', 'k.aggregation')}
  )
  SELECT provider_id, kpi_code, snapshot_window,
         CASE snapshot_window WHEN 'current' THEN d - ${SNAPSHOT_WINDOW_DAYS - 1} ELSE d - ${2 * SNAPSHOT_WINDOW_DAYS - 1} END AS window_from,
         CASE snapshot_window WHEN 'current' THEN d ELSE d - ${SNAPSHOT_WINDOW_DAYS} END AS window_to,
         site_id, service_line_code, queue, ${PARTIAL_COLUMNS_SQL}
  FROM src
  GROUP BY provider_id, kpi_code, snapshot_window, d, site_id, service_line_code, queue`;

/** One slice's partial as read back, with the keys a query can group by. */
export interface PartialRow {
  providerId: string;
  siteId: string;
  city: string;
  serviceLine: string;
  queue: string;
  partial: SlicePartial;
}

export interface RequestPartialRow extends PartialRow {
  req: number;
  /** Usable observations removed by an exclusion. */
  excludedCount: number;
}

export interface WindowPartialRow extends PartialRow {
  kpiCode: string;
  window: 'current' | 'previous';
  windowFrom: string;
  windowTo: string;
}

/** One provider x KPI x portfolio window, rolled up (what `metric_window_snapshots` stores). */
export interface StoredWindowSnapshot {
  providerId: string;
  kpiCode: string;
  window: 'current' | 'previous';
  from: string;
  to: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
  observationCount: number;
  stockAsOf: string | null;
  carriedForwardReadings: number;
  stockReadingDates: number;
}

export interface RefreshCounts {
  upserted: number;
  removed: number;
}

@Injectable()
export class MetricsRollupRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /** Fresh planner statistics after a full rebuild (bulk loads leave them stale). */
  async analyze(): Promise<void> {
    await this.dataSource.query(`ANALYZE metric_observations, metric_rollups, metric_window_snapshots, metric_data_coverage`);
  }

  async rollupsMissing(): Promise<boolean> {
    const [row] = await this.dataSource.query(
      `SELECT (EXISTS (SELECT 1 FROM metric_observations WHERE granularity = 'day')
               AND NOT EXISTS (SELECT 1 FROM metric_window_snapshots)) AS missing`,
    );
    return row.missing === true;
  }

  async kpiAggregations(): Promise<Map<string, KpiAggregation>> {
    const rows: { code: string; aggregation: KpiAggregation }[] = await this.dataSource.query(
      `SELECT code, aggregation FROM kpi_definitions`,
    );
    return new Map(rows.map((row) => [row.code, row.aggregation]));
  }

  async providerIdsWithData(manager: EntityManager = this.dataSource.manager): Promise<string[]> {
    const rows: { id: string }[] = await manager.query(
      `SELECT p.id FROM providers p WHERE EXISTS (SELECT 1 FROM metric_observations o WHERE o.provider_id = p.id) ORDER BY p.id`,
    );
    return rows.map((row) => row.id);
  }

  async dailyDateRange(
    manager: EntityManager,
    providerIds: readonly string[],
  ): Promise<{ from: string; to: string } | null> {
    const [row] = await manager.query(
      `SELECT min(period_start) AS from, max(period_start) AS to FROM metric_observations
       WHERE provider_id = ANY($1::uuid[]) AND granularity = 'day'`,
      [providerIds],
    );
    return row?.from ? { from: row.from, to: row.to } : null;
  }

  /**
   * Recomputes every bucket of one granularity between `bucketFrom` and `bucketTo` (bucket-aligned) for the
   * providers, in one statement: upsert the buckets that have rows, delete the ones that no longer do.
   */
  async refreshBuckets(
    manager: EntityManager,
    providerIds: readonly string[],
    granularity: RollupGranularityStored,
    bucketFrom: string,
    bucketTo: string,
    kpiCodes: readonly string[] | null,
  ): Promise<RefreshCounts> {
    const [row] = await manager.query(
      `WITH src AS (
         SELECT o.provider_id, o.site_id, o.service_line_code, o.queue, o.kpi_code, k.aggregation,
                o.period_start, o.numerator, o.denominator,
                date_trunc($4, o.period_start::timestamp)::date AS bucket_start
         FROM metric_observations o JOIN kpi_definitions k ON k.code = o.kpi_code
         WHERE o.provider_id = ANY($1::uuid[]) AND o.granularity = 'day'
           AND o.period_start BETWEEN $2::date AND $3::date
           AND ($5::text[] IS NULL OR o.kpi_code = ANY($5::text[]))
           AND ${usableSql('o', 'k.aggregation')}
       ), fresh AS (
         SELECT kpi_code, bucket_start, (bucket_start + $6::interval - interval '1 day')::date AS bucket_end,
                provider_id, site_id, service_line_code, queue, ${PARTIAL_COLUMNS_SQL}
         FROM src GROUP BY kpi_code, bucket_start, provider_id, site_id, service_line_code, queue
       ), upserted AS (
         INSERT INTO metric_rollups AS m (kpi_code, granularity, bucket_start, bucket_end, provider_id, site_id,
           service_line_code, queue, numerator_sum, denominator_sum, observation_count, last_date, last_numerator,
           denominator_readings)
         SELECT kpi_code, $4, bucket_start, bucket_end, provider_id, site_id, service_line_code, queue,
                numerator_sum, denominator_sum, observation_count, last_date, last_numerator, denominator_readings
         FROM fresh
         ON CONFLICT (kpi_code, granularity, bucket_start, provider_id, site_id, service_line_code, queue) DO UPDATE SET
           bucket_end = EXCLUDED.bucket_end, numerator_sum = EXCLUDED.numerator_sum,
           denominator_sum = EXCLUDED.denominator_sum, observation_count = EXCLUDED.observation_count,
           last_date = EXCLUDED.last_date, last_numerator = EXCLUDED.last_numerator,
           denominator_readings = EXCLUDED.denominator_readings, refreshed_at = now()
         WHERE (m.numerator_sum, m.denominator_sum, m.observation_count, m.last_date, m.last_numerator, m.denominator_readings)
           IS DISTINCT FROM (EXCLUDED.numerator_sum, EXCLUDED.denominator_sum, EXCLUDED.observation_count,
                             EXCLUDED.last_date, EXCLUDED.last_numerator, EXCLUDED.denominator_readings)
         RETURNING 1
       ), stale AS (
         -- Buckets of the range that no longer have rows (EXCEPT hashes or sorts: never a quadratic anti-join).
         SELECT kpi_code, bucket_start, provider_id, site_id, service_line_code, queue FROM metric_rollups
         WHERE provider_id = ANY($1::uuid[]) AND granularity = $4 AND bucket_start BETWEEN $2::date AND $3::date
           AND ($5::text[] IS NULL OR kpi_code = ANY($5::text[]))
         EXCEPT
         SELECT kpi_code, bucket_start, provider_id, site_id, service_line_code, queue FROM fresh
       ), removed AS (
         DELETE FROM metric_rollups m USING stale s
         WHERE m.granularity = $4 AND m.kpi_code = s.kpi_code AND m.bucket_start = s.bucket_start
           AND m.provider_id = s.provider_id AND m.site_id = s.site_id
           AND m.service_line_code = s.service_line_code AND m.queue = s.queue
         RETURNING 1
       )
       SELECT (SELECT count(*) FROM upserted)::int AS upserted, (SELECT count(*) FROM removed)::int AS removed`,
      [providerIds, bucketFrom, bucketTo, granularity, kpiCodes, ROLLUP_BUCKET_INTERVAL[granularity]],
    );
    return { upserted: row.upserted, removed: row.removed };
  }

  /** Stores the portfolio windows of the providers (replacing theirs) and refreshes their data coverage. */
  async replaceWindowSnapshots(
    manager: EntityManager,
    providerIds: readonly string[],
    snapshots: readonly StoredWindowSnapshot[],
  ): Promise<number> {
    await manager.query(`DELETE FROM metric_window_snapshots WHERE provider_id = ANY($1::uuid[])`, [providerIds]);
    if (snapshots.length > 0) {
      await manager.query(
        `INSERT INTO metric_window_snapshots (provider_id, kpi_code, snapshot_window, window_from, window_to, value,
           numerator, denominator, observation_count, stock_as_of, carried_forward_readings, stock_reading_dates)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::date[], $5::date[], $6::float8[], $7::float8[],
                              $8::float8[], $9::int[], $10::date[], $11::int[], $12::int[])`,
        [
          snapshots.map((row) => row.providerId),
          snapshots.map((row) => row.kpiCode),
          snapshots.map((row) => row.window),
          snapshots.map((row) => row.from),
          snapshots.map((row) => row.to),
          snapshots.map((row) => row.value),
          snapshots.map((row) => row.numerator),
          snapshots.map((row) => row.denominator),
          snapshots.map((row) => row.observationCount),
          snapshots.map((row) => row.stockAsOf),
          snapshots.map((row) => row.carriedForwardReadings),
          snapshots.map((row) => row.stockReadingDates),
        ],
      );
    }
    await manager.query(
      `INSERT INTO metric_data_coverage (provider_id, last_date, last_daily_date, refreshed_at)
       SELECT p.id,
         (SELECT max(x.d) FROM kpi_definitions k CROSS JOIN (VALUES ('day'), ('week'), ('month'), ('quarter')) g(granularity)
            CROSS JOIN LATERAL (SELECT max(o.period_start) AS d FROM metric_observations o
                                WHERE o.provider_id = p.id AND o.kpi_code = k.code AND o.granularity = g.granularity) x),
         (SELECT max(x.d) FROM kpi_definitions k
            CROSS JOIN LATERAL (SELECT max(o.period_start) AS d FROM metric_observations o
                                WHERE o.provider_id = p.id AND o.kpi_code = k.code AND o.granularity = 'day') x),
         now()
       FROM providers p WHERE p.id = ANY($1::uuid[])
       ON CONFLICT (provider_id) DO UPDATE SET last_date = EXCLUDED.last_date,
         last_daily_date = EXCLUDED.last_daily_date, refreshed_at = now()`,
      [providerIds],
    );
    return snapshots.length;
  }

  /** The stored portfolio windows of the providers. */
  async storedWindowSnapshots(providerIds: readonly string[]): Promise<StoredWindowSnapshot[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT provider_id, kpi_code, snapshot_window, window_from, window_to, value, numerator, denominator,
              observation_count, stock_as_of, carried_forward_readings, stock_reading_dates
       FROM metric_window_snapshots WHERE provider_id = ANY($1::uuid[])`,
      [providerIds],
    );
    return rows.map((row) => ({
      providerId: row['provider_id'] as string,
      kpiCode: row['kpi_code'] as string,
      window: row['snapshot_window'] as 'current' | 'previous',
      from: row['window_from'] as string,
      to: row['window_to'] as string,
      value: row['value'] as number | null,
      numerator: row['numerator'] as number,
      denominator: row['denominator'] as number | null,
      observationCount: row['observation_count'] as number,
      stockAsOf: row['stock_as_of'] as string | null,
      carriedForwardReadings: row['carried_forward_readings'] as number,
      stockReadingDates: row['stock_reading_dates'] as number,
    }));
  }

  /** The per-slice partials of the providers' portfolio windows, computed from the raw daily rows. */
  async windowPartials(
    providerIds: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<WindowPartialRow[]> {
    const rows: Record<string, unknown>[] = await manager.query(
      `SELECT w.provider_id, w.kpi_code, w.snapshot_window, w.window_from, w.window_to, w.site_id, s.city,
              w.service_line_code, w.queue, w.numerator_sum::float8 AS numerator_sum,
              w.denominator_sum::float8 AS denominator_sum, w.observation_count, w.last_date, w.last_numerator,
              w.denominator_readings
       FROM (${WINDOW_PARTIALS_SQL}) w JOIN sites s ON s.id = w.site_id`,
      [providerIds],
    );
    return rows.map((row) => ({
      ...toPartialRow(row, row['denominator_readings'] as [string, number][] | null),
      kpiCode: row['kpi_code'] as string,
      window: row['snapshot_window'] as 'current' | 'previous',
      windowFrom: row['window_from'] as string,
      windowTo: row['window_to'] as string,
    }));
  }

  /** Last observation dates per provider (any granularity, and daily only), from `metric_data_coverage`. */
  async coverage(providerIds: readonly string[]): Promise<Map<string, { lastDate: string | null; lastDailyDate: string | null }>> {
    const rows: { provider_id: string; last_date: string | null; last_daily_date: string | null }[] =
      await this.dataSource.query(
        `SELECT provider_id, last_date, last_daily_date FROM metric_data_coverage WHERE provider_id = ANY($1::uuid[])`,
        [providerIds],
      );
    return new Map(rows.map((r) => [r.provider_id, { lastDate: r.last_date, lastDailyDate: r.last_daily_date }]));
  }

  /**
   * The partials of every request, per slice: whole buckets from `metric_rollups`, raw days from
   * `metric_observations` (rows of excluded dates/sites counted, not summed). Sums are exact (numeric) per
   * slice before they become doubles, so the rollup path and the raw path give identical partials.
   */
  async requestPartials(
    requests: readonly ComponentRequest[],
    pieces: readonly PlannedPiece[],
  ): Promise<RequestPartialRow[]> {
    if (requests.length === 0 || pieces.length === 0) return [];
    const requestJson = requests.map((request, req) => ({
      req,
      kpi_code: request.kpiCode,
      aggregation: request.aggregation,
      provider_ids: request.providerIds,
      site_ids: request.siteIds ?? null,
      service_lines: request.serviceLines ?? null,
      queues: request.queues ?? null,
    }));
    const pieceJson = pieces.map((piece) => ({
      req: piece.req,
      kind: piece.kind,
      granularity: piece.granularity,
      from_date: piece.from,
      to_date: piece.to,
      exclude_all: piece.excludeAll,
      exclude_site_ids: piece.excludeSiteIds,
    }));
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH q AS MATERIALIZED (
         SELECT * FROM jsonb_to_recordset($1::jsonb) AS r(req int, kpi_code text, aggregation text,
           provider_ids uuid[], site_ids uuid[], service_lines text[], queues text[])
       ), p AS MATERIALIZED (
         SELECT * FROM jsonb_to_recordset($2::jsonb) AS r(req int, kind text, granularity text, from_date date,
           to_date date, exclude_all boolean, exclude_site_ids uuid[])
       ), parts AS (
         -- LATERAL: each piece is an index range scan parameterised by its own KPI, providers and dates.
         SELECT p.req, q.aggregation, m.provider_id, m.site_id, m.service_line_code, m.queue, m.numerator_sum,
                m.denominator_sum, m.observation_count, m.last_date, m.last_numerator, m.denominator_readings,
                false AS excluded
         FROM p JOIN q ON q.req = p.req
         CROSS JOIN LATERAL (
           SELECT * FROM metric_rollups r
           WHERE r.kpi_code = q.kpi_code AND r.granularity = p.granularity AND r.bucket_start = p.from_date
             AND r.provider_id = ANY(q.provider_ids)
             AND (q.site_ids IS NULL OR r.site_id = ANY(q.site_ids))
             AND (q.service_lines IS NULL OR r.service_line_code = ANY(q.service_lines))
             AND (q.queues IS NULL OR r.queue = ANY(q.queues))
         ) m
         WHERE p.kind = 'rollup'
         UNION ALL
         SELECT p.req, q.aggregation, o.provider_id, o.site_id, o.service_line_code, o.queue, o.numerator::numeric,
                o.denominator::numeric, 1, o.period_start,
                CASE WHEN q.aggregation = 'stock' THEN o.numerator END,
                CASE WHEN q.aggregation = 'sum_over_mean_stock' AND o.denominator IS NOT NULL
                     THEN jsonb_build_array(jsonb_build_array(o.period_start, o.denominator)) END,
                (p.exclude_all OR o.site_id = ANY(p.exclude_site_ids))
         FROM p JOIN q ON q.req = p.req
         CROSS JOIN LATERAL (
           SELECT * FROM metric_observations r
           WHERE r.provider_id = ANY(q.provider_ids) AND r.kpi_code = q.kpi_code AND r.granularity = 'day'
             AND r.period_start BETWEEN p.from_date AND p.to_date
             AND (q.site_ids IS NULL OR r.site_id = ANY(q.site_ids))
             AND (q.service_lines IS NULL OR r.service_line_code = ANY(q.service_lines))
             AND (q.queues IS NULL OR r.queue = ANY(q.queues))
         ) o
         WHERE p.kind = 'raw' AND ${usableSql('o', 'q.aggregation')}
       ), slices AS (
         SELECT x.req, x.provider_id, x.site_id, x.service_line_code, x.queue,
                (sum(x.numerator_sum) FILTER (WHERE NOT x.excluded))::float8 AS numerator_sum,
                (sum(x.denominator_sum) FILTER (WHERE NOT x.excluded))::float8 AS denominator_sum,
                coalesce(sum(x.observation_count) FILTER (WHERE NOT x.excluded), 0)::int AS observation_count,
                max(x.last_date) FILTER (WHERE NOT x.excluded) AS last_date,
                (array_agg(x.last_numerator ORDER BY x.last_date DESC) FILTER (WHERE NOT x.excluded AND x.aggregation = 'stock'))[1]
                  AS last_numerator,
                jsonb_agg(x.denominator_readings) FILTER (WHERE NOT x.excluded AND x.denominator_readings IS NOT NULL)
                  AS denominator_readings,
                count(*) FILTER (WHERE x.excluded)::int AS excluded_count
         FROM parts x
         GROUP BY x.req, x.provider_id, x.site_id, x.service_line_code, x.queue
       )
       SELECT slices.*, (SELECT s.city FROM sites s WHERE s.id = slices.site_id) AS city FROM slices`,
      [JSON.stringify(requestJson), JSON.stringify(pieceJson)],
    );
    return rows.map((row) => {
      const nested = row['denominator_readings'] as [string, number][][] | null;
      return {
        ...toPartialRow(row, nested ? nested.flat() : null),
        req: row['req'] as number,
        excludedCount: row['excluded_count'] as number,
      };
    });
  }
}

function toPartialRow(row: Record<string, unknown>, readings: [string, number][] | null): PartialRow {
  const providerId = row['provider_id'] as string;
  const siteId = row['site_id'] as string;
  const serviceLine = row['service_line_code'] as string;
  const queue = row['queue'] as string;
  const denominatorReadings: DatedReading[] = (readings ?? [])
    .map(([date, value]) => ({ date, value }))
    .sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
  return {
    providerId,
    siteId,
    city: row['city'] as string,
    serviceLine,
    queue,
    partial: {
      sliceKey: sliceKeyOf({ providerId, siteId, serviceLine: serviceLine as never, queue }),
      numeratorSum: (row['numerator_sum'] as number | null) ?? 0,
      denominatorSum: (row['denominator_sum'] as number | null) ?? null,
      observationCount: row['observation_count'] as number,
      lastDate: (row['last_date'] as string | null) ?? null,
      lastNumerator: (row['last_numerator'] as number | null) ?? null,
      denominatorReadings,
    },
  };
}
