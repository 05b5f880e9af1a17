import { IsoDate, ServiceLineCode } from '@kpi/domain';

export type ObservationGranularity = 'day' | 'week' | 'month';

export const OBSERVATION_GRANULARITIES: readonly ObservationGranularity[] = ['day', 'week', 'month'];

/** Where a record came from: a line of a CSV/XLSX file, or a JSON path. */
export interface RecordSource {
  /** Physical line (CSV) / Excel row of the first source row; null for JSON sources. */
  readonly line: number | null;
  /** JSON path for JSON sources, e.g. `results[0].data[3]`. */
  readonly path?: string;
}

/**
 * One KPI's components for one period x site x service line x queue, ready to store. The value is always
 * recomputed as numerator / denominator (or taken as the numerator for KPIs without a denominator).
 */
export interface ObservationRecord {
  /** First local date of the period (a Monday for weeks, the 1st for months). */
  readonly periodStart: IsoDate;
  readonly granularity: ObservationGranularity;
  readonly siteCode: string;
  readonly serviceLine: ServiceLineCode;
  /** '' when the source has no queue. */
  readonly queue: string;
  readonly kpiCode: string;
  readonly numerator: number;
  /** null for KPIs without a denominator (backlog and other stocks or sums). */
  readonly denominator: number | null;
  /** True when the numerator was rebuilt from a ready-made percentage or average (round(pct x denominator)). */
  readonly derived: boolean;
  readonly source: RecordSource;
}

/** Source columns of each field, so validation errors can name them. Shared by all rows of a file. */
export interface SourceColumns {
  readonly periodStart?: string;
  readonly granularity?: string;
  readonly siteCode?: string;
  readonly serviceLine?: string;
  readonly queue?: string;
  readonly kpiCode?: string;
  readonly numerator?: string;
  readonly denominator?: string;
}

/**
 * A record before validation: codes are still raw text (`Monterrey`, `Voz`, `Nivel de servicio`) and
 * get resolved and checked by `validateObservations`.
 */
export interface ObservationInput {
  readonly periodStart: string;
  readonly granularity: string;
  readonly siteCode: string;
  readonly serviceLine: string;
  readonly queue?: string;
  readonly kpiCode: string;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly derived?: boolean;
  readonly source: RecordSource;
  /** Source columns, for error messages (file sources). */
  readonly columns?: SourceColumns;
  /** Raw text of numerator/denominator, for error messages (file sources). */
  readonly rawNumerator?: string;
  readonly rawDenominator?: string;
}
