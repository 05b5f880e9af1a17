import { DateRange, IsoDate, addDays, assertDateRange, compareIsoDates, maxIsoDate, minIsoDate } from './calendar-date';
import { PeriodGranularity, bucketEnd, bucketStart } from './period-bucket';
import type { RollupExclusion } from './rollup';

/** One piece of a covered range: a whole calendar bucket, or a run of single days (`day`). */
export interface RangePiece {
  readonly granularity: PeriodGranularity;
  /** Inclusive. For a calendar granularity other than `day`: exactly one whole bucket. */
  readonly from: IsoDate;
  readonly to: IsoDate;
}

/** Coarsest first. Weeks are tried last because they do not nest in months. */
const COVER_ORDER: readonly PeriodGranularity[] = ['year', 'quarter', 'month', 'week'];

/** The whole buckets of `granularity` lying inside the range, as one contiguous run, or null. */
function wholeBucketsInside(range: DateRange, granularity: PeriodGranularity): DateRange | null {
  const firstStart =
    bucketStart(range.from, granularity) === range.from
      ? range.from
      : addDays(bucketEnd(range.from, granularity), 1);
  const lastEnd =
    bucketEnd(range.to, granularity) === range.to ? range.to : addDays(bucketStart(range.to, granularity), -1);
  return compareIsoDates(firstStart, lastEnd) <= 0 ? { from: firstStart, to: lastEnd } : null;
}

function coverWith(range: DateRange, order: readonly PeriodGranularity[]): RangePiece[] {
  if (compareIsoDates(range.from, range.to) > 0) return [];
  const [granularity, ...finer] = order;
  if (granularity === undefined) return [{ granularity: 'day', from: range.from, to: range.to }];
  const inside = wholeBucketsInside(range, granularity);
  if (!inside) return coverWith(range, finer);
  const pieces: RangePiece[] = [];
  for (let start = inside.from; compareIsoDates(start, inside.to) <= 0; ) {
    const end = bucketEnd(start, granularity);
    pieces.push({ granularity, from: start, to: end });
    start = addDays(end, 1);
  }
  return [
    ...coverWith({ from: range.from, to: addDays(inside.from, -1) }, finer),
    ...pieces,
    ...coverWith({ from: addDays(inside.to, 1), to: range.to }, finer),
  ];
}

/**
 * Covers an inclusive date range with as few pieces as possible, coarsest first: whole years, then whole
 * quarters, months and ISO weeks of what is left on either side, then runs of single days. The pieces are
 * disjoint, ordered and add up to exactly the range, so partials precomputed per calendar bucket plus raw
 * days give the same sums as the raw days of the whole range.
 * @param granularities the bucket sizes available (e.g. the precomputed rollup granularities); `day` is implied.
 */
export function coverDateRange(
  range: DateRange,
  granularities: readonly PeriodGranularity[] = COVER_ORDER,
): RangePiece[] {
  assertDateRange(range);
  return coverWith(
    range,
    COVER_ORDER.filter((granularity) => granularities.includes(granularity)),
  );
}

/** A part of a range with the same exclusions on every date. */
export interface ExclusionSegment {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /**
   * null: nothing excluded; 'all': every site excluded; otherwise the excluded site ids (sorted, unique).
   */
  readonly excludedSites: 'all' | readonly string[] | null;
}

/**
 * Splits a range at the edges of the exclusions overlapping it, so that every segment has one set of
 * excluded sites (or none). Segments are ordered, disjoint and add up to the range.
 */
export function splitRangeByExclusions(
  range: DateRange,
  exclusions: readonly RollupExclusion[] = [],
): ExclusionSegment[] {
  assertDateRange(range);
  const relevant = exclusions
    .filter((exclusion) => compareIsoDates(exclusion.from, exclusion.to) <= 0)
    .map((exclusion) => ({
      ...exclusion,
      from: maxIsoDate(exclusion.from, range.from),
      to: minIsoDate(exclusion.to, range.to),
    }))
    .filter((exclusion) => compareIsoDates(exclusion.from, exclusion.to) <= 0);
  const cuts = new Set<IsoDate>([range.from]);
  for (const exclusion of relevant) {
    cuts.add(exclusion.from);
    if (compareIsoDates(exclusion.to, range.to) < 0) cuts.add(addDays(exclusion.to, 1));
  }
  const starts = [...cuts].sort((a, b) => compareIsoDates(a, b));
  const segments: ExclusionSegment[] = [];
  starts.forEach((start, index) => {
    const end = index + 1 < starts.length ? addDays(starts[index + 1], -1) : range.to;
    const covering = relevant.filter(
      (exclusion) => compareIsoDates(exclusion.from, start) <= 0 && compareIsoDates(end, exclusion.to) <= 0,
    );
    let excludedSites: ExclusionSegment['excludedSites'] = null;
    if (covering.some((exclusion) => exclusion.siteIds === undefined)) excludedSites = 'all';
    else {
      const sites = [...new Set(covering.flatMap((exclusion) => exclusion.siteIds ?? []))].sort();
      excludedSites = sites.length > 0 ? sites : null;
    }
    const previous = segments[segments.length - 1];
    if (previous && sameExclusion(previous.excludedSites, excludedSites)) {
      segments[segments.length - 1] = { ...previous, to: end };
    } else {
      segments.push({ from: start, to: end, excludedSites });
    }
  });
  return segments;
}

function sameExclusion(a: ExclusionSegment['excludedSites'], b: ExclusionSegment['excludedSites']): boolean {
  if (a === null || b === null || a === 'all' || b === 'all') return a === b;
  return a.length === b.length && a.every((site, index) => site === b[index]);
}
