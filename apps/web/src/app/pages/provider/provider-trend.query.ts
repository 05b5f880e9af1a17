import { Granularity, GRANULARITIES, ProviderDetailDto } from '@kpi/contracts';
import { TREND_RANGES, TrendRange, TrendSelection } from '@kpi/web-data-access';

/** The trend selection as it lives in the URL: `?kpi=&granularity=&range=&from=&to=&city=`. */
export interface ProviderTrendQuery {
  readonly kpi: string | null;
  readonly granularity: Granularity | null;
  /** A preset; ignored when a custom `from`/`to` is given. */
  readonly range: TrendRange | null;
  readonly from: string | null;
  readonly to: string | null;
  readonly city: string | null;
}

type QueryValue = string | readonly string[] | null | undefined;

const KPI_CODE = /^[a-z][a-z0-9_]{0,63}$/;
const RANGE_VALUES: readonly string[] = TREND_RANGES.map((option) => option.value);

/** Reads the query, ignoring anything malformed (unknown granularity or preset, impossible dates, from > to). */
export function parseProviderTrendQuery(query: Readonly<Record<string, QueryValue>>): ProviderTrendQuery {
  const kpi = first(query['kpi']);
  const granularity = first(query['granularity']);
  const range = first(query['range']);
  const from = calendarDate(first(query['from']));
  const to = calendarDate(first(query['to']));
  const custom = from !== null && to !== null && from <= to;
  const city = first(query['city'])?.trim();
  return {
    kpi: kpi && KPI_CODE.test(kpi) ? kpi : null,
    granularity: granularity && (GRANULARITIES as readonly string[]).includes(granularity) ? (granularity as Granularity) : null,
    range: range && RANGE_VALUES.includes(range) ? (range as TrendRange) : null,
    from: custom ? from : null,
    to: custom ? to : null,
    city: city && city.length <= 100 ? city : null,
  };
}

/** The query of a selection; `null` clears a parameter (defaults are left out of the URL). */
export function toProviderTrendQuery(query: ProviderTrendQuery): Record<string, string | null> {
  const custom = !!(query.from && query.to);
  return {
    kpi: query.kpi,
    granularity: query.granularity && query.granularity !== 'day' ? query.granularity : null,
    range: !custom && query.range && query.range !== 'default' ? query.range : null,
    from: custom ? query.from : null,
    to: custom ? query.to : null,
    city: query.city,
  };
}

/**
 * The store selection for a provider: a KPI the provider does not report falls back to `defaultKpi`, a city that
 * is none of its sites to all sites.
 */
export function toTrendSelection(query: ProviderTrendQuery, provider: ProviderDetailDto, defaultKpi: string | null): TrendSelection {
  const reported = provider.latest.some((snapshot) => snapshot.kpiCode === query.kpi);
  const site = query.city ? provider.sites.find((candidate) => candidate.city === query.city) : undefined;
  return {
    kpiCode: reported ? query.kpi : defaultKpi,
    granularity: query.granularity ?? 'day',
    siteId: site?.id ?? null,
    range: query.range ?? 'default',
    from: query.from,
    to: query.to,
  };
}

function first(value: QueryValue): string | undefined {
  if (value === null || value === undefined) return undefined;
  return typeof value === 'string' ? value : value[0];
}

function calendarDate(value: string | undefined): string | null {
  if (!value || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  const [year, month, day] = value.split('-').map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day ? value : null;
}
