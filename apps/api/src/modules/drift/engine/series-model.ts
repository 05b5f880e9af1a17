import type { DriftSeriesLevel } from '@kpi/contracts';
import type { DailyComponents } from '@kpi/drift';

/** Where a series or QA group sits. Null = all (the provider level has no site, line or queue). */
export interface SeriesScope {
  readonly providerId: string;
  readonly siteId: string | null;
  readonly serviceLine: string | null;
  readonly queue: string | null;
}

/** One slice's summed components on one day, as loaded from metric_observations. */
export interface SliceDay {
  readonly siteId: string;
  readonly serviceLine: string;
  readonly queue: string;
  readonly kpiCode: string;
  readonly date: string;
  readonly numerator: number;
  readonly denominator: number | null;
}

export interface SeriesData {
  readonly key: string;
  readonly scope: SeriesScope;
  readonly kpiCode: string;
  readonly level: DriftSeriesLevel;
  /** Daily components summed over the slices of the scope, sorted by date. */
  readonly days: DailyComponents[];
}

/** Stable text key of a series: provider / site / line / queue / KPI, '*' for "all". */
export function seriesKey(scope: SeriesScope, kpiCode: string): string {
  return `${scope.providerId}/${scope.siteId ?? '*'}/${scope.serviceLine ?? '*'}/${scope.queue ?? '*'}/${kpiCode}`;
}

/** Key of a QA group (the QA regression test runs per provider, site and team). */
export function qaGroupKey(scope: SeriesScope): string {
  return `qa:${scope.providerId}/${scope.siteId ?? '*'}/${scope.serviceLine ?? '*'}/${scope.queue ?? '*'}`;
}

export function levelOf(scope: SeriesScope): DriftSeriesLevel {
  if (scope.siteId === null) return 'provider';
  if (scope.serviceLine === null) return 'site';
  return scope.queue === null ? 'site_line' : 'queue';
}

/**
 * The series of one provider from its slices' daily components: per KPI the provider level (all
 * slices), each site x service line (all its queues) and, where queues are reported, each queue (team).
 * Values are later computed from these summed components, never by averaging slice values.
 */
export function buildProviderSeries(providerId: string, rows: readonly SliceDay[]): Map<string, SeriesData> {
  const sums = new Map<
    string,
    { scope: SeriesScope; kpiCode: string; days: Map<string, { n: number; d: number | null }> }
  >();
  const add = (scope: SeriesScope, row: SliceDay) => {
    const key = seriesKey(scope, row.kpiCode);
    let entry = sums.get(key);
    if (!entry) sums.set(key, (entry = { scope, kpiCode: row.kpiCode, days: new Map() }));
    const day = entry.days.get(row.date) ?? { n: 0, d: null };
    day.n += row.numerator;
    if (row.denominator !== null) day.d = (day.d ?? 0) + row.denominator;
    entry.days.set(row.date, day);
  };
  for (const row of rows) {
    add({ providerId, siteId: null, serviceLine: null, queue: null }, row);
    add({ providerId, siteId: row.siteId, serviceLine: row.serviceLine, queue: null }, row);
    if (row.queue !== '')
      add({ providerId, siteId: row.siteId, serviceLine: row.serviceLine, queue: row.queue }, row);
  }
  const series = new Map<string, SeriesData>();
  for (const [key, entry] of sums) {
    const days = [...entry.days.entries()]
      .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0))
      .map(([date, c]) => ({ date, numerator: c.n, denominator: c.d }));
    series.set(key, { key, scope: entry.scope, kpiCode: entry.kpiCode, level: levelOf(entry.scope), days });
  }
  return series;
}

/**
 * A cheap fingerprint of the components up to a day: restated values change it. The nightly run
 * compares it with the stored one to catch restatements nobody announced.
 */
export interface SeriesFingerprint {
  readonly count: number;
  readonly sumNumerator: number;
  readonly sumDenominator: number;
  /** Position-weighted sum, so values moved between days change it too. */
  readonly weighted: number;
}

export const EMPTY_FINGERPRINT: SeriesFingerprint = {
  count: 0,
  sumNumerator: 0,
  sumDenominator: 0,
  weighted: 0,
};

export function addToFingerprint(f: SeriesFingerprint, days: readonly DailyComponents[]): SeriesFingerprint {
  let { count, sumNumerator, sumDenominator, weighted } = f;
  for (const d of days) {
    count += 1;
    sumNumerator += d.numerator;
    sumDenominator += d.denominator ?? 0;
    weighted += d.numerator * ((dayNumber(d.date) % 97) + 1);
  }
  return { count, sumNumerator, sumDenominator, weighted };
}

export function sameFingerprint(a: SeriesFingerprint | null, b: SeriesFingerprint): boolean {
  if (!a) return false;
  const close = (x: number, y: number) => Math.abs(x - y) <= 1e-9 * Math.max(1, Math.abs(x), Math.abs(y));
  return (
    a.count === b.count &&
    close(a.sumNumerator, b.sumNumerator) &&
    close(a.sumDenominator, b.sumDenominator) &&
    close(a.weighted, b.weighted)
  );
}

function dayNumber(iso: string): number {
  return Math.round(Date.parse(`${iso.slice(0, 10)}T00:00:00Z`) / 86_400_000);
}
