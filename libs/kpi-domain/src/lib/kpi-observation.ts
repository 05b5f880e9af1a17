import { IsoDate } from './calendar-date';
import { ServiceLineCode } from './kpi-definition';

/**
 * One stored KPI observation: the components of one KPI for one local calendar date x provider x site x
 * service line x queue. `denominator` is null for `sum` and `stock` KPIs, and for `sum_over_mean_stock`
 * (attrition) on dates without a headcount reading.
 */
export interface KpiObservation {
  /** Local calendar date (already in the site's time zone). */
  readonly date: IsoDate;
  readonly kpiCode: string;
  readonly providerId: string;
  readonly siteId: string;
  readonly city: string;
  readonly serviceLine: ServiceLineCode;
  readonly queue: string;
  readonly numerator: number;
  readonly denominator: number | null;
}

/** The keys an observation can be sliced and grouped by. */
export type SliceDimension = 'providerId' | 'siteId' | 'city' | 'serviceLine' | 'queue';

/** Keep only observations whose key equals the value (or one of the values). */
export type SliceFilter = {
  readonly [K in SliceDimension]?: KpiObservation[K] | readonly KpiObservation[K][];
};

/** The key values of one group of a rollup (only the grouped dimensions are present). */
export type SliceGroup = { readonly [K in SliceDimension]?: KpiObservation[K] };
