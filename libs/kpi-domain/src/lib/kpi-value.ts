import { KpiAggregation, KpiDefinition } from './kpi-definition';

/** The stored components of one KPI observation (one period x slice). */
export interface KpiComponents {
  readonly numerator: number;
  readonly denominator: number | null;
}

/**
 * The KPI value of a single observation's components. Returns null when the value is undefined
 * (nothing offered, no responses) rather than 0, so "no data" never looks like a perfect or a failed day.
 */
export function computeKpiValue(aggregation: KpiAggregation, components: KpiComponents): number | null {
  switch (aggregation) {
    case 'sum':
    case 'stock':
      return components.numerator;
    case 'ratio_of_sums':
    case 'net_share':
    case 'sum_over_mean_stock':
      if (components.denominator === null || components.denominator === 0) return null;
      return components.numerator / components.denominator;
  }
}

/** Formats a KPI value for display with its unit and precision, e.g. "81.4 %", "312 s", "3.2 d". */
export function formatKpiValue(kpi: Pick<KpiDefinition, 'unit' | 'displayPrecision'>, value: number | null): string {
  if (value === null || !Number.isFinite(value)) return '–';
  const fixed = (v: number) => v.toFixed(kpi.displayPrecision);
  switch (kpi.unit) {
    case 'percent':
      return `${fixed(value * 100)} %`;
    case 'seconds':
      return `${fixed(value)} s`;
    case 'days':
      return `${fixed(value)} d`;
    case 'hours':
      return `${fixed(value)} h`;
    case 'score':
      return kpi.displayPrecision === 0 ? String(Math.round(value * 100)) : fixed(value * 100);
    case 'count':
      return fixed(value);
  }
}

/** +1 when a rise of the value is good, -1 when it is bad, 0 for band KPIs (judged against the band). */
export function goodDirectionSign(kpi: Pick<KpiDefinition, 'direction'>): 1 | -1 | 0 {
  if (kpi.direction === 'higher_is_better') return 1;
  if (kpi.direction === 'lower_is_better') return -1;
  return 0;
}
