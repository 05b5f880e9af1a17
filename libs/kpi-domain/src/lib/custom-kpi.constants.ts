import type { KpiUnit } from './kpi-definition';
import type { CustomKpiKind } from './custom-kpi';

export const CUSTOM_KPI_KINDS: readonly CustomKpiKind[] = [
  'ratio_of_sums',
  'weighted_mean',
  'sum',
  'stock',
  'band',
];

/** Lower snake case, starts with a letter, 2..64 characters. */
export const CUSTOM_KPI_CODE_PATTERN = /^[a-z][a-z0-9_]{1,63}$/;

export const CUSTOM_KPI_MAX_DISPLAY_PRECISION = 6;
export const CUSTOM_KPI_DEFAULT_DISPLAY_PRECISION = 1;
export const CUSTOM_KPI_MAX_NAME_LENGTH = 120;

export const KPI_UNITS: readonly KpiUnit[] = ['percent', 'seconds', 'days', 'hours', 'count', 'score'];
