import type { PeriodGranularity } from './period-bucket';

/** Calendar granularities a rollup can bucket by (weeks are ISO weeks starting on Monday). */
export const PERIOD_GRANULARITIES: readonly PeriodGranularity[] = ['day', 'week', 'month', 'quarter', 'year'];
