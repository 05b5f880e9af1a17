import { IsoDate, compareIsoDates, isDateInRange } from './calendar-date';
import { KpiDefinition } from './kpi-definition';
import { KpiObservation, SliceFilter } from './kpi-observation';
import { RollupExclusion, matchesSliceFilter, rollupKpi } from './rollup';
import { SCORE_TIE_TOLERANCE } from './scorecard.constants';

export interface SiteComparisonInput {
  readonly definitions: readonly KpiDefinition[];
  readonly observations: readonly KpiObservation[];
  /** Inclusive range compared. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Usually `{ providerId }`, or a service line / queue to compare like with like. */
  readonly filter?: SliceFilter;
  readonly exclusions?: readonly RollupExclusion[];
}

export interface SiteComparisonSite {
  readonly siteId: string;
  readonly city: string;
}

export interface SiteComparisonCell {
  readonly siteId: string;
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly observationCount: number;
  /** 1 = best site for this KPI; equal values share a rank (1, 1, 3); null without a value. */
  readonly rank: number | null;
  /** Direction-aware difference to all sites together: positive = better than the overall value. */
  readonly vsOverall: number | null;
}

export interface SiteComparisonKpi {
  readonly kpiCode: string;
  readonly name: string;
  /** The KPI over every compared site together (recomputed from components). */
  readonly overall: number | null;
  /** One cell per site, in the order of `sites`. */
  readonly cells: readonly SiteComparisonCell[];
}

export interface SiteComparison {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Every site with data for one of the KPIs in the range, ordered by city then site id. */
  readonly sites: readonly SiteComparisonSite[];
  readonly kpis: readonly SiteComparisonKpi[];
}

/**
 * "Goodness" of a value: larger is better. higher_is_better: the value; lower_is_better: minus the value;
 * target_band: minus the distance outside the band (0 anywhere inside); null for a band KPI without a band.
 */
export function kpiGoodness(
  definition: Pick<KpiDefinition, 'direction' | 'band'>,
  value: number,
): number | null {
  switch (definition.direction) {
    case 'higher_is_better':
      return value;
    case 'lower_is_better':
      return -value;
    case 'target_band':
      if (!definition.band) return null;
      return -Math.max(0, definition.band.low - value, value - definition.band.high);
  }
}

/**
 * Side-by-side comparison of sites over a range: for each KPI, the value per site (recomputed from the
 * components of that site only), the overall value of all sites together, each site's rank and its
 * direction-aware difference to the overall value.
 */
export function compareSites(input: SiteComparisonInput): SiteComparison {
  if (compareIsoDates(input.from, input.to) > 0) {
    throw new RangeError(`Invalid range: ${input.from} is after ${input.to}`);
  }
  const codes = new Set(input.definitions.map((definition) => definition.code));
  const range = { from: input.from, to: input.to };
  const siteCities = new Map<string, string>();
  for (const observation of input.observations) {
    if (!codes.has(observation.kpiCode) || !isDateInRange(observation.date, range)) continue;
    if (!matchesSliceFilter(observation, input.filter)) continue;
    if (!siteCities.has(observation.siteId)) siteCities.set(observation.siteId, observation.city);
  }
  const sites = [...siteCities.entries()]
    .map(([siteId, city]) => ({ siteId, city }))
    .sort((a, b) => a.city.localeCompare(b.city) || (a.siteId < b.siteId ? -1 : a.siteId > b.siteId ? 1 : 0));

  const options = {
    granularity: 'range' as const,
    from: input.from,
    to: input.to,
    ...(input.filter ? { filter: input.filter } : {}),
    ...(input.exclusions ? { exclusions: input.exclusions } : {}),
  };
  return rankSiteComparison({
    from: input.from,
    to: input.to,
    sites,
    kpis: input.definitions.map((definition) => ({
      definition,
      overall: rollupKpi(definition, input.observations, options).series[0].points[0].value,
      bySite: new Map(
        rollupKpi(definition, input.observations, { ...options, groupBy: ['siteId'] }).series.map((series) => [
          series.group.siteId as string,
          series.points[0],
        ]),
      ),
    })),
  });
}

/** The components of one KPI at one site (or city), already rolled up over the compared range. */
export interface SiteComponents {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly observationCount: number;
}

export interface RankSiteComparisonInput {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** The compared columns, in display order (a site, or a city with `siteId` = the city). */
  readonly sites: readonly SiteComparisonSite[];
  readonly kpis: ReadonlyArray<{
    readonly definition: Pick<KpiDefinition, 'code' | 'name' | 'direction' | 'band'>;
    /** The KPI over every compared site together (recomputed from components, not averaged). */
    readonly overall: number | null;
    readonly bySite: ReadonlyMap<string, SiteComponents>;
  }>;
}

/**
 * Ranks already rolled-up values side by side: per KPI each site's rank (1 = best, equal values share a
 * rank) and its direction-aware difference to the overall value. `compareSites` rolls up raw observations
 * and calls this; the api calls it with values read from precomputed rollups.
 */
export function rankSiteComparison(input: RankSiteComparisonInput): SiteComparison {
  const { sites } = input;
  const kpis = input.kpis.map(({ definition, overall, bySite }): SiteComparisonKpi => {
    const goodness = (value: number | null) => (value === null ? null : kpiGoodness(definition, value));
    const cells = sites.map((site) => {
      const point = bySite.get(site.siteId);
      return {
        siteId: site.siteId,
        value: point?.value ?? null,
        numerator: point?.numerator ?? 0,
        denominator: point?.denominator ?? null,
        observationCount: point?.observationCount ?? 0,
      };
    });
    return {
      kpiCode: definition.code,
      name: definition.name,
      overall,
      cells: cells.map((cell) => {
        const mine = goodness(cell.value);
        const overallGoodness = goodness(overall);
        const rank =
          mine === null
            ? null
            : 1 +
              cells.filter((other) => {
                const theirs = goodness(other.value);
                return theirs !== null && theirs - mine > SCORE_TIE_TOLERANCE;
              }).length;
        return {
          ...cell,
          rank,
          vsOverall: mine === null || overallGoodness === null ? null : mine - overallGoodness,
        };
      }),
    };
  });
  return { from: input.from, to: input.to, sites, kpis };
}
