import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KpiAggregation } from '@kpi/domain';
import type { Granularity } from '@kpi/contracts';
import { ProviderScope } from '../auth/provider-scope';
import { KpiDefinitionEntity } from './entities/kpi-definition.entity';

/** Sums of one bucket, enough to compute any aggregation rule (see bucketValue). */
export interface BucketTotals {
  sumNumerator: number;
  sumDenominator: number | null;
  /** Numerator summed across slices on the bucket's last day (stock KPIs). */
  lastNumerator: number | null;
  /** Mean over the bucket's days of the denominator summed across slices (attrition's average headcount). */
  meanDenominator: number | null;
}

export interface TrendBucketRow extends BucketTotals {
  periodStart: string;
}

export interface SnapshotRow {
  providerId: string;
  kpiCode: string;
  aggregation: KpiAggregation;
  lastDate: string;
  current: BucketTotals;
  previous: BucketTotals;
}

export interface TrendFilter {
  providerId: string;
  kpiCode: string;
  granularity: Granularity;
  from: string;
  to: string;
  siteId?: string;
  serviceLine?: string;
}

const SNAPSHOT_DAYS = 7;

@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listKpiDefinitions(): Promise<KpiDefinitionEntity[]> {
    return this.dataSource.getRepository(KpiDefinitionEntity).find({ order: { builtIn: 'DESC', name: 'ASC' } });
  }

  findKpiDefinition(code: string): Promise<KpiDefinitionEntity | null> {
    return this.dataSource.getRepository(KpiDefinitionEntity).findOneBy({ code });
  }

  async lastDataDates(scope: ProviderScope): Promise<Map<string, string>> {
    const params: unknown[] = [];
    const rows: { provider_id: string; last: string }[] = await this.dataSource.query(
      `SELECT provider_id, max(period_start) AS last FROM metric_observations
       WHERE ${scope.sqlCondition('provider_id', params)} GROUP BY provider_id`,
      params,
    );
    return new Map(rows.map((r) => [r.provider_id, r.last]));
  }

  /** Last 7 days with data per provider and KPI, and the 7 days before, summed across sites and queues. */
  async latestSnapshots(scope: ProviderScope): Promise<SnapshotRow[]> {
    const params: unknown[] = [];
    const condition = scope.sqlCondition('provider_id', params);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH last AS (
         SELECT provider_id, max(period_start) AS d FROM metric_observations
         WHERE granularity = 'day' AND ${condition} GROUP BY provider_id
       ), daily AS (
         SELECT o.provider_id, o.kpi_code, o.period_start, l.d,
                (o.period_start > l.d - ${SNAPSHOT_DAYS}) AS is_current,
                sum(o.numerator) AS num, sum(o.denominator) AS den
         FROM metric_observations o JOIN last l ON l.provider_id = o.provider_id
         WHERE o.granularity = 'day' AND o.period_start > l.d - ${2 * SNAPSHOT_DAYS}
         GROUP BY o.provider_id, o.kpi_code, o.period_start, l.d
       )
       SELECT d.provider_id, d.kpi_code, k.aggregation, max(d.d)::text AS last_date,
         sum(num) FILTER (WHERE is_current) AS cur_num, sum(den) FILTER (WHERE is_current) AS cur_den,
         (array_agg(num ORDER BY period_start DESC) FILTER (WHERE is_current))[1] AS cur_last,
         avg(den) FILTER (WHERE is_current) AS cur_mean_den,
         sum(num) FILTER (WHERE NOT is_current) AS prev_num, sum(den) FILTER (WHERE NOT is_current) AS prev_den,
         (array_agg(num ORDER BY period_start DESC) FILTER (WHERE NOT is_current))[1] AS prev_last,
         avg(den) FILTER (WHERE NOT is_current) AS prev_mean_den
       FROM daily d JOIN kpi_definitions k ON k.code = d.kpi_code
       GROUP BY d.provider_id, d.kpi_code, k.aggregation
       ORDER BY d.provider_id, d.kpi_code`,
      params,
    );
    return rows.map((r) => ({
      providerId: r['provider_id'] as string,
      kpiCode: r['kpi_code'] as string,
      aggregation: r['aggregation'] as KpiAggregation,
      lastDate: r['last_date'] as string,
      current: totals(r['cur_num'], r['cur_den'], r['cur_last'], r['cur_mean_den']),
      previous: totals(r['prev_num'], r['prev_den'], r['prev_last'], r['prev_mean_den']),
    }));
  }

  /** One row per bucket (ISO week starts Monday), components summed across the selected slices. */
  async trendBuckets(filter: TrendFilter): Promise<TrendBucketRow[]> {
    const params: unknown[] = [filter.providerId, filter.kpiCode, filter.from, filter.to];
    let sliceSql = '';
    if (filter.siteId) {
      params.push(filter.siteId);
      sliceSql += ` AND site_id = $${params.length}`;
    }
    if (filter.serviceLine) {
      params.push(filter.serviceLine);
      sliceSql += ` AND service_line_code = $${params.length}`;
    }
    params.push(filter.granularity);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `WITH daily AS (
         SELECT period_start, sum(numerator) AS num, sum(denominator) AS den
         FROM metric_observations
         WHERE provider_id = $1 AND kpi_code = $2 AND granularity = 'day'
           AND period_start BETWEEN $3::date AND $4::date ${sliceSql}
         GROUP BY period_start
       )
       SELECT date_trunc($${params.length}, period_start)::date AS bucket,
              sum(num) AS num, sum(den) AS den,
              (array_agg(num ORDER BY period_start DESC))[1] AS last_num, avg(den) AS mean_den
       FROM daily GROUP BY 1 ORDER BY 1`,
      params,
    );
    return rows.map((r) => ({
      periodStart: r['bucket'] as string,
      ...totals(r['num'], r['den'], r['last_num'], r['mean_den']),
    }));
  }
}

function totals(num: unknown, den: unknown, last: unknown, meanDen: unknown): BucketTotals {
  const n = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return { sumNumerator: n(num) ?? 0, sumDenominator: n(den), lastNumerator: n(last), meanDenominator: n(meanDen) };
}
