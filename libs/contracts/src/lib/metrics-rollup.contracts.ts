import { KpiAggregation } from '@kpi/domain';

/** Bucket sizes of the KPI query endpoint: calendar buckets (ISO weeks) or one custom range. */
export type RollupQueryGranularity = 'day' | 'week' | 'month' | 'quarter' | 'year' | 'range';

export const ROLLUP_QUERY_GRANULARITIES: readonly RollupQueryGranularity[] = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'range',
];

export type RollupDimension = 'providerId' | 'siteId' | 'city' | 'serviceLine' | 'queue';

export const ROLLUP_DIMENSIONS: readonly RollupDimension[] = ['providerId', 'siteId', 'city', 'serviceLine', 'queue'];

/**
 * GET /api/metrics/rollup: one KPI over any period and slice. List parameters take comma-separated values
 * (or repeat the parameter). Every list is optional (absent = all the caller may see).
 */
export interface KpiRollupQuery {
  kpi: string;
  granularity: RollupQueryGranularity;
  /** Inclusive local dates yyyy-mm-dd (observations are already in the site's time zone). */
  from: string;
  to: string;
  providerIds?: string[];
  siteIds?: string[];
  cities?: string[];
  serviceLines?: string[];
  queues?: string[];
  groupBy?: RollupDimension[];
}

export interface KpiRollupPointDto {
  /** The whole calendar bucket ... */
  periodStart: string;
  periodEnd: string;
  label: string;
  /** ... and the part inside the requested range (`partial` when the range cuts the bucket). */
  from: string;
  to: string;
  partial: boolean;
  /** null when there is nothing to compute from (never 0 for "no data"). */
  value: number | null;
  numerator: number;
  denominator: number | null;
  observationCount: number;
  /** Stock KPIs: the date the period-end value is taken from. */
  stockAsOf: string | null;
  /** Stock KPIs: slices whose latest reading in the bucket was carried to `stockAsOf`. */
  carriedForwardReadings: number;
}

export interface KpiRollupSeriesDto {
  groupKey: string;
  group: Partial<Record<RollupDimension, string>>;
  points: KpiRollupPointDto[];
}

export interface KpiRollupDto {
  kpiCode: string;
  aggregation: KpiAggregation;
  granularity: RollupQueryGranularity;
  from: string;
  to: string;
  groupBy: RollupDimension[];
  /** Slices: what was asked, narrowed to the caller's providers. */
  providerIds: string[];
  series: KpiRollupSeriesDto[];
  /** How stock KPIs treat a slice silent on the bucket's last reading date. */
  stockMissingSlice: 'carry_forward';
}
