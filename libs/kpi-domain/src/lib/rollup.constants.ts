import type { SliceDimension } from './kpi-observation';
import type { StockMissingSliceRule } from './rollup';

export const SLICE_DIMENSIONS: readonly SliceDimension[] = [
  'providerId',
  'siteId',
  'city',
  'serviceLine',
  'queue',
];

/**
 * Default handling of a slice (provider x site x service line x queue) that has no stock reading on the
 * bucket's last reported date: carry its latest reading inside the same bucket forward.
 */
export const DEFAULT_STOCK_MISSING_SLICE_RULE: StockMissingSliceRule = 'carry_forward';
