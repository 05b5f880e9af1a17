import { CustomKpiKind, KpiDirection, KpiUnit, KpiAggregation, ServiceLineCode } from '@kpi/domain';

export interface SiteDto {
  id: string;
  code: string;
  city: string;
  country: string;
  timeZone: string;
}

export interface ServiceLineDto {
  code: ServiceLineCode;
  name: string;
}

/** One KPI for one provider over a recent window, rolled up from components, with the window before it. */
export interface KpiSnapshotDto {
  kpiCode: string;
  value: number | null;
  previousValue: number | null;
  /** Inclusive ISO dates (yyyy-mm-dd) of the window the value covers. */
  from: string;
  to: string;
}

export interface ProviderSummaryDto {
  id: string;
  code: string;
  name: string;
  sites: SiteDto[];
  serviceLines: ServiceLineDto[];
  /** Last 7 days with data vs the 7 days before, per KPI the provider reports. */
  latest: KpiSnapshotDto[];
  /** ISO date of the most recent observation, null when the provider has sent nothing. */
  lastDataDate: string | null;
  /**
   * Feeds of this provider that missed their expected cadence ("stale data" on the dashboard). Always filled
   * by the api (empty when every feed is on time); optional only so older fixtures stay valid.
   */
  staleFeeds?: StaleFeedSummaryDto[];
}

/** A feed that missed its expected cadence, as shown on the Portfolio card and the provider header. */
export interface StaleFeedSummaryDto {
  feedId: string;
  name: string;
  /** ISO timestamp of the last successful run, null when the feed never succeeded. */
  lastSuccessAt: string | null;
  expectedCadenceMinutes: number;
}

export type ProviderDetailDto = ProviderSummaryDto;

export interface KpiDefinitionDto {
  code: string;
  name: string;
  description: string;
  unit: KpiUnit;
  direction: KpiDirection;
  aggregation: KpiAggregation;
  numeratorLabel: string;
  denominatorLabel: string | null;
  displayPrecision: number;
  band: { low: number; high: number } | null;
  /** Built-in KPIs come with the product; custom ones are defined by an admin (see kpi-catalog.contracts). */
  builtIn: boolean;
  /** Service lines where the KPI is usually measured. */
  serviceLines: ServiceLineCode[];
  /** Custom KPIs: how the KPI is built from its components; null for built-ins. */
  customKind: CustomKpiKind | null;
  /** Custom weighted means: what is averaged and what weighs it; null otherwise. */
  valueLabel: string | null;
  weightLabel: string | null;
}

export type Granularity = 'day' | 'week' | 'month' | 'quarter';

export const GRANULARITIES: readonly Granularity[] = ['day', 'week', 'month', 'quarter'];

export interface KpiTrendQuery {
  granularity?: Granularity;
  /** Inclusive ISO dates; defaults to the last 90 days with data. */
  from?: string;
  to?: string;
  siteId?: string;
  serviceLine?: ServiceLineCode;
}

export interface KpiTrendPointDto {
  /** ISO date of the bucket's first day. */
  periodStart: string;
  value: number | null;
  numerator: number;
  denominator: number | null;
}

export interface KpiTrendDto {
  providerId: string;
  kpiCode: string;
  granularity: Granularity;
  from: string;
  to: string;
  siteId: string | null;
  serviceLine: ServiceLineCode | null;
  points: KpiTrendPointDto[];
}
