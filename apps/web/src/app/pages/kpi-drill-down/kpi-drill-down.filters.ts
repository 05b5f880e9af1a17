import { KpiRollupQuery, RollupDimension } from '@kpi/contracts';
import { SERVICE_LINES } from '@kpi/domain';

/** Bucket sizes offered for the drill-down trend. */
export const DRILL_DOWN_GRANULARITIES = ['day', 'week', 'month'] as const;
export type DrillDownGranularity = (typeof DRILL_DOWN_GRANULARITIES)[number];

/** How the table groups the selection: provider x site (default), provider, city or service line. */
export const DRILL_DOWN_GROUPINGS = ['site', 'provider', 'city', 'serviceLine'] as const;
export type DrillDownGrouping = (typeof DRILL_DOWN_GROUPINGS)[number];

/** The rollup dimensions behind each grouping. */
export const GROUPING_DIMENSIONS: Record<DrillDownGrouping, RollupDimension[]> = {
  site: ['providerId', 'siteId'],
  provider: ['providerId'],
  city: ['city'],
  serviceLine: ['serviceLine'],
};

/** What the drill-down page shows; everything lives in the URL query so a link restores the view. */
export interface DrillDownFilters {
  readonly providerIds: readonly string[];
  readonly city: string | null;
  readonly siteId: string | null;
  readonly serviceLine: string | null;
  /** Inclusive local dates (yyyy-mm-dd); null = the default period (see `defaultPeriod`). */
  readonly from: string | null;
  readonly to: string | null;
  readonly granularity: DrillDownGranularity;
  readonly groupBy: DrillDownGrouping;
}

export const DEFAULT_DRILL_DOWN_FILTERS: DrillDownFilters = {
  providerIds: [],
  city: null,
  siteId: null,
  serviceLine: null,
  from: null,
  to: null,
  granularity: 'week',
  groupBy: 'site',
};

/** A query parameter as Angular's `Params` hands it over (repeated parameters become arrays). */
type QueryValue = string | readonly string[] | null | undefined;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const LINE_CODES: readonly string[] = SERVICE_LINES.map((line) => line.code);
const MAX_CITY_LENGTH = 100;

/**
 * Filters from the URL query. Anything malformed is ignored (that filter falls back to its default) rather than
 * failing the page: unknown granularities or groupings, ids that are not ids, impossible dates, unknown service
 * lines, and a `from` after `to` (both dropped).
 */
export function parseDrillDownQuery(query: Readonly<Record<string, QueryValue>>): DrillDownFilters {
  const from = calendarDate(first(query['from']));
  const to = calendarDate(first(query['to']));
  const rangeValid = !(from && to && from > to);
  const granularity = first(query['granularity']);
  const groupBy = first(query['groupBy']);
  const line = first(query['line']);
  const city = first(query['city'])?.trim();
  const site = first(query['site']);
  return {
    providerIds: unique(all(query['providers']).filter((id) => UUID.test(id))),
    city: city && city.length <= MAX_CITY_LENGTH ? city : null,
    siteId: site && UUID.test(site) ? site : null,
    serviceLine: line && LINE_CODES.includes(line) ? line : null,
    from: rangeValid ? from : null,
    to: rangeValid ? to : null,
    granularity: oneOf(DRILL_DOWN_GRANULARITIES, granularity) ?? DEFAULT_DRILL_DOWN_FILTERS.granularity,
    groupBy: oneOf(DRILL_DOWN_GROUPINGS, groupBy) ?? DEFAULT_DRILL_DOWN_FILTERS.groupBy,
  };
}

/**
 * The URL query of the filters: only what differs from the defaults, in a stable order; `null` for the rest so a
 * merge with the current query removes them.
 */
export function toDrillDownQuery(filters: DrillDownFilters): Record<string, string | null> {
  const defaults = DEFAULT_DRILL_DOWN_FILTERS;
  return {
    providers: filters.providerIds.length > 0 ? unique(filters.providerIds).join(',') : null,
    city: filters.city || null,
    site: filters.siteId || null,
    line: filters.serviceLine || null,
    from: filters.from || null,
    to: filters.to || null,
    granularity: filters.granularity !== defaults.granularity ? filters.granularity : null,
    groupBy: filters.groupBy !== defaults.groupBy ? filters.groupBy : null,
  };
}

/**
 * The period shown when the URL names none: the three calendar months ending with the latest data date of the
 * visible providers (so a late feed still shows a full window), e.g. 2025-03-12 -> 2025-01-01..2025-03-12.
 */
export function defaultPeriod(lastDataDate: string | null, today: Date): { from: string; to: string } {
  const to = calendarDate(lastDataDate) ?? today.toISOString().slice(0, 10);
  const [year, month] = to.split('-').map(Number);
  const start = new Date(Date.UTC(year, month - 3, 1));
  return { from: start.toISOString().slice(0, 10), to };
}

/** The api query for the selection: `range` gives one value per group for the table, a granularity the trend. */
export function toRollupQuery(
  kpi: string,
  filters: DrillDownFilters,
  period: { from: string; to: string },
  shape: 'table' | 'trend',
): KpiRollupQuery {
  return {
    kpi,
    granularity: shape === 'table' ? 'range' : filters.granularity,
    from: period.from,
    to: period.to,
    providerIds: filters.providerIds.length > 0 ? [...filters.providerIds] : undefined,
    siteIds: filters.siteId ? [filters.siteId] : undefined,
    cities: filters.city ? [filters.city] : undefined,
    serviceLines: filters.serviceLine ? [filters.serviceLine] : undefined,
    groupBy: shape === 'table' ? GROUPING_DIMENSIONS[filters.groupBy] : undefined,
  };
}

function first(value: QueryValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

/** Comma-separated and repeated parameters alike. */
function all(value: QueryValue): string[] {
  if (value === null || value === undefined) return [];
  const values = typeof value === 'string' ? [value] : value;
  return values.flatMap((entry) => entry.split(',')).map((entry) => entry.trim()).filter(Boolean);
}

function unique(values: readonly string[]): string[] {
  return [...new Set(values)];
}

function oneOf<T extends string>(options: readonly T[], value: string | undefined): T | null {
  return value !== undefined && (options as readonly string[]).includes(value) ? (value as T) : null;
}

/** yyyy-mm-dd that is a real calendar day, else null. */
function calendarDate(value: string | null | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : null;
}
