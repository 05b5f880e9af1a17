/** Whether a higher value is better, a lower one, or the value should stay inside a band. */
export type KpiDirection = 'higher_is_better' | 'lower_is_better' | 'target_band';

/**
 * How stored components roll up over time and across slices (sites, queues, service lines).
 * - ratio_of_sums: sum(numerator) / sum(denominator) (rates, averages kept as sum + count)
 * - sum: sum(numerator) (plain counts)
 * - stock: a level at a moment; over time take the period-end value, across slices add them up
 * - sum_over_mean_stock: sum(numerator) / mean over periods of the summed denominator
 *   (attrition: separations / average headcount)
 * - net_share: (sum promoters - sum detractors) / sum responses (NPS); numerator holds promoters - detractors
 */
export type KpiAggregation = 'ratio_of_sums' | 'sum' | 'stock' | 'sum_over_mean_stock' | 'net_share';

export type KpiUnit = 'percent' | 'seconds' | 'days' | 'hours' | 'count' | 'score';

export type ServiceLineCode = 'voice' | 'chat' | 'email' | 'back_office' | 'finance_accounting' | 'it_helpdesk';

export interface KpiBand {
  readonly low: number;
  readonly high: number;
}

export interface KpiDefinition {
  readonly code: string;
  readonly name: string;
  readonly description: string;
  readonly unit: KpiUnit;
  readonly direction: KpiDirection;
  readonly aggregation: KpiAggregation;
  /** What the numerator component counts or sums, e.g. "contacts answered within threshold". */
  readonly numeratorLabel: string;
  /** What the denominator counts; null where the KPI has no denominator (sum, stock). */
  readonly denominatorLabel: string | null;
  /** Decimals shown to users (percent KPIs: decimals of the percentage). */
  readonly displayPrecision: number;
  /** For target_band KPIs: the acceptable band, in the KPI's own value scale (ratio for percents). */
  readonly band?: KpiBand;
  /** Service lines where this KPI is usually measured. */
  readonly serviceLines: readonly ServiceLineCode[];
  readonly builtIn: boolean;
}
