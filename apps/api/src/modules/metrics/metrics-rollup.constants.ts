/** Calendar granularities precomputed in `metric_rollups` (days are the raw observations themselves). */
export const ROLLUP_GRANULARITIES = ['week', 'month', 'quarter', 'year'] as const;

export type RollupGranularityStored = (typeof ROLLUP_GRANULARITIES)[number];

/** The length of one bucket, as a PostgreSQL interval (bucket end = start + interval - 1 day). */
export const ROLLUP_BUCKET_INTERVAL: Record<RollupGranularityStored, string> = {
  week: '7 days',
  month: '1 month',
  quarter: '3 months',
  year: '1 year',
};

/** Days in each portfolio window: the last 7 days with data of a provider, and the 7 days before. */
export const SNAPSHOT_WINDOW_DAYS = 7;

/** Advisory-lock namespace of rollup refreshes (one refresh per provider at a time). */
export const ROLLUP_LOCK_NAMESPACE = 7243100;

/** The widest range the KPI query endpoint and trends accept. */
export const MAX_ROLLUP_RANGE_DAYS = 366 * 5;

/** Daily buckets are read raw: keep a daily query to about two years. */
export const MAX_DAILY_BUCKETS = 731;
