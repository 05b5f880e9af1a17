import type { KpiAggregation } from '@kpi/domain';
import type { BucketTotals } from './metrics.repository';

/**
 * A bucket's KPI value from its summed components, following the KPI's aggregation rule
 * (never an average of daily percentages). Null when the bucket has nothing to divide by.
 */
export function bucketValue(aggregation: KpiAggregation, totals: BucketTotals): number | null {
  const ratio = (num: number, den: number | null) => (den === null || den === 0 ? null : num / den);
  switch (aggregation) {
    case 'ratio_of_sums':
    case 'net_share':
      return ratio(totals.sumNumerator, totals.sumDenominator);
    case 'sum':
      return totals.sumNumerator;
    case 'stock':
      return totals.lastNumerator;
    case 'sum_over_mean_stock':
      return ratio(totals.sumNumerator, totals.meanDenominator);
  }
}
