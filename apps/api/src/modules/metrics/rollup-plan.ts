import {
  DateRange,
  KpiAggregation,
  PeriodGranularity,
  RollupExclusion,
  coverDateRange,
  splitRangeByExclusions,
} from '@kpi/domain';
import { ROLLUP_GRANULARITIES, RollupGranularityStored } from './metrics-rollup.constants';

/** Where components come from: the precomputed rollup tables (with raw days where needed) or raw only. */
export type RollupSource = 'rollups' | 'raw';

/**
 * The components of one KPI over one date range and one set of slices (each list empty/absent = all),
 * with dates (optionally per site) removed by exclusions. One request = one output number per group.
 */
export interface ComponentRequest {
  readonly kpiCode: string;
  readonly aggregation: KpiAggregation;
  /** Already restricted to the caller's scope; never empty (an empty scope has nothing to ask). */
  readonly providerIds: readonly string[];
  readonly siteIds?: readonly string[] | null;
  readonly serviceLines?: readonly string[] | null;
  readonly queues?: readonly string[] | null;
  readonly range: DateRange;
  readonly exclusions?: readonly RollupExclusion[];
}

/** One piece of a request: a whole precomputed bucket, or raw daily rows of a date run. */
export interface PlannedPiece {
  readonly req: number;
  readonly kind: 'rollup' | 'raw';
  /** The stored granularity of a rollup piece; null for raw pieces. */
  readonly granularity: RollupGranularityStored | null;
  readonly from: string;
  readonly to: string;
  /** Raw pieces only: rows of these dates are excluded for every site ... */
  readonly excludeAll: boolean;
  /** ... or for these sites. */
  readonly excludeSiteIds: readonly string[];
}

function isStored(granularity: PeriodGranularity): granularity is RollupGranularityStored {
  return (ROLLUP_GRANULARITIES as readonly string[]).includes(granularity);
}

/**
 * Splits each request's range into pieces: dates touched by an exclusion are read raw (so rows can be
 * removed per date and site), the clean parts are covered by whole precomputed buckets (years, quarters,
 * months, ISO weeks) plus raw days for what is left. With `source = 'raw'` everything is read raw.
 * Pieces of a request are disjoint and add up to its range, so the sums are the same either way.
 */
export function planPieces(requests: readonly ComponentRequest[], source: RollupSource): PlannedPiece[] {
  const pieces: PlannedPiece[] = [];
  requests.forEach((request, req) => {
    for (const segment of splitRangeByExclusions(request.range, request.exclusions ?? [])) {
      if (segment.excludedSites !== null) {
        pieces.push({
          req,
          kind: 'raw',
          granularity: null,
          from: segment.from,
          to: segment.to,
          excludeAll: segment.excludedSites === 'all',
          excludeSiteIds: segment.excludedSites === 'all' ? [] : [...segment.excludedSites],
        });
        continue;
      }
      const covered =
        source === 'raw'
          ? [{ granularity: 'day' as const, from: segment.from, to: segment.to }]
          : coverDateRange(segment, ROLLUP_GRANULARITIES);
      for (const piece of covered) {
        pieces.push({
          req,
          kind: isStored(piece.granularity) ? 'rollup' : 'raw',
          granularity: isStored(piece.granularity) ? piece.granularity : null,
          from: piece.from,
          to: piece.to,
          excludeAll: false,
          excludeSiteIds: [],
        });
      }
    }
  });
  return pieces;
}
