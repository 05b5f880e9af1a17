import { CustomKpiKind, KpiUnit, ServiceLineCode } from '@kpi/domain';

/**
 * An admin-defined KPI (POST /api/kpis). Validated by kpi-domain's `validateCustomKpi`; percent values
 * (band) are ratios 0..1. Code and kind cannot change afterwards (stored observations depend on them).
 */
export interface CustomKpiRequest {
  code: string;
  name: string;
  description?: string;
  kind: CustomKpiKind;
  unit: KpiUnit;
  /** Every kind but `band`. */
  direction?: 'higher_is_better' | 'lower_is_better';
  numeratorLabel?: string;
  denominatorLabel?: string | null;
  /** weighted_mean only. */
  valueLabel?: string;
  weightLabel?: string;
  /** band only. */
  band?: { low: number; high: number };
  displayPrecision?: number;
  serviceLines: ServiceLineCode[];
}

/** PUT /api/kpis/:code: everything but the code and the kind. */
export type UpdateCustomKpiRequest = Omit<CustomKpiRequest, 'code' | 'kind'>;
