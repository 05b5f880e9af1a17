import {
  DateRange,
  IsoDate,
  compareIsoDates,
  countDaysInclusive,
  endOfMonth,
  isDateInRange,
  maxIsoDate,
  minIsoDate,
  parseIsoDate,
  startOfMonth,
} from './calendar-date';
import { KpiAggregation, KpiDefinition } from './kpi-definition';
import { KpiObservation, SliceDimension, SliceFilter, SliceGroup } from './kpi-observation';
import { PeriodBucket, PeriodGranularity, enumerateBuckets, rangeBucket } from './period-bucket';
import { DEFAULT_STOCK_MISSING_SLICE_RULE } from './rollup.constants';
import { DatedReading, SlicePartial, mergePartialsBySlice, summariseObservationsBySlice } from './slice-partial';

/**
 * What a stock (backlog) or headcount rollup does with a slice that has no reading on the date the
 * value is taken from:
 * - `carry_forward` (default): the slice contributes its latest reading *inside the same bucket*
 *   (a site whose feed missed the last day still has a backlog; nothing is carried across buckets).
 * - `omit`: only the slices that reported on that date are added up.
 */
export type StockMissingSliceRule = 'carry_forward' | 'omit';

/** A calendar granularity, or `range` for one bucket spanning the whole `from..to` range. */
export type RollupGranularity = PeriodGranularity | 'range';

/** Dates (optionally only some sites) whose observations are removed before anything is summed. */
export interface RollupExclusion {
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Limit the exclusion to these sites; absent = every site. */
  readonly siteIds?: readonly string[];
}

export interface RollupOptions {
  readonly granularity: RollupGranularity;
  /** Inclusive range; defaults to the first / last date of the matching observations. */
  readonly from?: IsoDate;
  readonly to?: IsoDate;
  /** Dimensions to group by; empty or absent = one series over every slice. */
  readonly groupBy?: readonly SliceDimension[];
  readonly filter?: SliceFilter;
  readonly exclusions?: readonly RollupExclusion[];
  readonly stockMissingSlice?: StockMissingSliceRule;
}

/** The rolled-up components of a set of observations and the KPI value recomputed from them. */
export interface AggregatedComponents {
  /** null when there is nothing to compute from (no observations, zero denominator): never 0 for "no data". */
  readonly value: number | null;
  /**
   * ratio_of_sums / net_share / sum / sum_over_mean_stock: sum of numerators;
   * stock: the period-end stock.
   */
  readonly numerator: number;
  /**
   * ratio_of_sums / net_share: sum of denominators; sum_over_mean_stock: mean of the summed headcount
   * (null without any reading); sum / stock: null.
   */
  readonly denominator: number | null;
  readonly observationCount: number;
  /** stock: the date the period-end value is taken from (latest date with a reading); otherwise null. */
  readonly stockAsOf: IsoDate | null;
  /**
   * stock: slices whose reading was carried forward to `stockAsOf`; sum_over_mean_stock: slice x date
   * readings filled by carry-forward. 0 for other aggregations and for the `omit` rule.
   */
  readonly carriedForwardReadings: number;
  /** sum_over_mean_stock: number of dates the headcount mean is taken over; otherwise 0. */
  readonly stockReadingDates: number;
}

export interface RollupPoint extends AggregatedComponents {
  /** The whole calendar bucket. */
  readonly periodStart: IsoDate;
  readonly periodEnd: IsoDate;
  readonly label: string;
  /** The part of the bucket inside the requested range. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** True when the requested range cuts the bucket. */
  readonly partial: boolean;
}

export interface RollupSeries {
  /** Stable key of the group (JSON of the grouped values in `groupBy` order); `[]` when not grouped. */
  readonly groupKey: string;
  readonly group: SliceGroup;
  readonly points: readonly RollupPoint[];
}

export interface KpiRollup {
  readonly kpiCode: string;
  readonly aggregation: KpiAggregation;
  readonly granularity: RollupGranularity;
  /** The range rolled up; null when no range was given and no observation matched. */
  readonly from: IsoDate | null;
  readonly to: IsoDate | null;
  readonly groupBy: readonly SliceDimension[];
  readonly series: readonly RollupSeries[];
  /** Observations in range removed by an exclusion. */
  readonly excludedObservationCount: number;
  /** Observations in range that cannot be used (non-finite numbers, missing denominator of a ratio KPI). */
  readonly skippedObservationCount: number;
}

const EMPTY_COMPONENTS_BASE = {
  observationCount: 0,
  stockAsOf: null,
  carriedForwardReadings: 0,
  stockReadingDates: 0,
};

/** Whether an observation's components can be used for the aggregation. */
export function isUsableObservation(aggregation: KpiAggregation, observation: KpiObservation): boolean {
  if (!Number.isFinite(observation.numerator)) return false;
  if (observation.denominator !== null && !Number.isFinite(observation.denominator)) return false;
  if (aggregation === 'ratio_of_sums' || aggregation === 'net_share') return observation.denominator !== null;
  return true;
}

export function matchesSliceFilter(observation: KpiObservation, filter: SliceFilter | undefined): boolean {
  if (!filter) return true;
  return (Object.keys(filter) as SliceDimension[]).every((dimension) => {
    const wanted = filter[dimension];
    if (wanted === undefined) return true;
    const actual: string = observation[dimension];
    return typeof wanted === 'string' ? actual === wanted : (wanted as readonly string[]).includes(actual);
  });
}

export function isObservationExcluded(
  observation: KpiObservation,
  exclusions: readonly RollupExclusion[] | undefined,
): boolean {
  return (exclusions ?? []).some(
    (exclusion) =>
      isDateInRange(observation.date, exclusion) &&
      (exclusion.siteIds === undefined || exclusion.siteIds.includes(observation.siteId)),
  );
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}

/**
 * Summed stock readings per date (ascending) over a set of slices, with a slice missing on a date
 * carried forward from its previous reading in the same set under `carry_forward`. Returns the total per
 * date and how many readings were carried.
 */
function stockTotalsByDate(
  readingsBySlice: ReadonlyArray<readonly DatedReading[]>,
  rule: StockMissingSliceRule,
): Array<{ date: IsoDate; total: number; carried: number }> {
  const byDate = new Map<IsoDate, Map<number, number>>();
  readingsBySlice.forEach((readings, slice) => {
    for (const reading of readings) {
      const bySlice = byDate.get(reading.date) ?? new Map<number, number>();
      bySlice.set(slice, (bySlice.get(slice) ?? 0) + reading.value);
      byDate.set(reading.date, bySlice);
    }
  });
  const current = new Map<number, number>();
  return [...byDate.entries()]
    .sort(([a], [b]) => compareIsoDates(a, b))
    .map(([date, bySlice]) => {
      const reported = [...bySlice.entries()].sort(([a], [b]) => a - b);
      if (rule === 'omit') return { date, total: sum(reported.map(([, value]) => value)), carried: 0 };
      for (const [slice, value] of reported) current.set(slice, value);
      const all = [...current.entries()].sort(([a], [b]) => a - b);
      return { date, total: sum(all.map(([, value]) => value)), carried: current.size - bySlice.size };
    });
}

/**
 * The rolled-up components of one bucket and group from one partial per slice (see `SlicePartial`);
 * `aggregateObservations` is this function over the partials of its observations, so a rollup read from
 * precomputed partials and one recomputed from raw observations follow the same rules:
 * - ratio_of_sums, net_share: sum(numerator) / sum(denominator); null when the denominator sums to 0
 * - sum: sum(numerator)
 * - stock: the latest reading date of any slice is the period end; under `carry_forward` every slice adds
 *   its latest reading in the bucket, under `omit` only the slices that reported on that date
 * - sum_over_mean_stock: sum(numerator) / mean over reading dates of the headcount summed across slices
 *   (carried forward per slice like a stock)
 * Partials of the same slice are merged first; slices are combined in slice-key order.
 */
export function aggregateSlicePartials(
  aggregation: KpiAggregation,
  partials: readonly SlicePartial[],
  stockMissingSlice: StockMissingSliceRule = DEFAULT_STOCK_MISSING_SLICE_RULE,
): AggregatedComponents {
  const slices = mergePartialsBySlice(partials);
  const observationCount = sum(slices.map((slice) => slice.observationCount));
  const numeratorSum = sum(slices.map((slice) => slice.numeratorSum));
  switch (aggregation) {
    case 'ratio_of_sums':
    case 'net_share': {
      const denominator = sum(slices.map((slice) => slice.denominatorSum ?? 0));
      return {
        ...EMPTY_COMPONENTS_BASE,
        observationCount,
        value: observationCount > 0 && denominator !== 0 ? numeratorSum / denominator : null,
        numerator: numeratorSum,
        denominator,
      };
    }
    case 'sum':
      return {
        ...EMPTY_COMPONENTS_BASE,
        observationCount,
        value: observationCount > 0 ? numeratorSum : null,
        numerator: numeratorSum,
        denominator: null,
      };
    case 'stock': {
      const reporting = slices.filter((slice) => slice.lastDate !== null && slice.lastNumerator !== null);
      if (reporting.length === 0) {
        return { ...EMPTY_COMPONENTS_BASE, observationCount, value: null, numerator: 0, denominator: null };
      }
      const asOf = reporting
        .map((slice) => slice.lastDate as IsoDate)
        .reduce((latest, date) => (compareIsoDates(date, latest) > 0 ? date : latest));
      const onLastDate = reporting.filter((slice) => slice.lastDate === asOf);
      const counted = stockMissingSlice === 'omit' ? onLastDate : reporting;
      const total = sum(counted.map((slice) => slice.lastNumerator as number));
      return {
        ...EMPTY_COMPONENTS_BASE,
        observationCount,
        value: total,
        numerator: total,
        denominator: null,
        stockAsOf: asOf,
        carriedForwardReadings: counted.length - onLastDate.length,
      };
    }
    case 'sum_over_mean_stock': {
      const totals = stockTotalsByDate(
        slices.map((slice) => slice.denominatorReadings),
        stockMissingSlice,
      );
      const meanStock = totals.length > 0 ? sum(totals.map((t) => t.total)) / totals.length : null;
      return {
        ...EMPTY_COMPONENTS_BASE,
        observationCount,
        value:
          observationCount > 0 && meanStock !== null && meanStock !== 0 ? numeratorSum / meanStock : null,
        numerator: numeratorSum,
        denominator: meanStock,
        carriedForwardReadings: sum(totals.map((t) => t.carried)),
        stockReadingDates: totals.length,
      };
    }
  }
}

/**
 * Rolls up observations that all belong to one bucket and one group, recomputing the KPI from its
 * components (never averaging per-day or per-site values); see `aggregateSlicePartials` for the rule per
 * aggregation. Any aggregation gives value null when there is no usable observation. Unusable
 * observations are ignored.
 */
export function aggregateObservations(
  aggregation: KpiAggregation,
  observations: readonly KpiObservation[],
  stockMissingSlice: StockMissingSliceRule = DEFAULT_STOCK_MISSING_SLICE_RULE,
): AggregatedComponents {
  const usable = observations.filter((observation) => isUsableObservation(aggregation, observation));
  return aggregateSlicePartials(aggregation, summariseObservationsBySlice(aggregation, usable), stockMissingSlice);
}

function groupKeyOf(observation: KpiObservation, groupBy: readonly SliceDimension[]): string {
  return JSON.stringify(groupBy.map((dimension) => observation[dimension]));
}

function groupOf(observation: KpiObservation, groupBy: readonly SliceDimension[]): SliceGroup {
  const group: { [K in SliceDimension]?: KpiObservation[K] } = {};
  for (const dimension of groupBy) {
    if (dimension === 'serviceLine') group.serviceLine = observation.serviceLine;
    else group[dimension] = observation[dimension];
  }
  return group;
}

function bucketsFor(granularity: RollupGranularity, from: IsoDate, to: IsoDate): PeriodBucket[] {
  return granularity === 'range' ? [rangeBucket({ from, to })] : enumerateBuckets(from, to, granularity);
}

/** Index of the bucket holding `date` (buckets are sorted and contiguous). */
function bucketIndexOf(buckets: readonly PeriodBucket[], date: IsoDate): number {
  let low = 0;
  let high = buckets.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (compareIsoDates(date, buckets[middle].start) < 0) high = middle - 1;
    else if (compareIsoDates(date, buckets[middle].end) > 0) low = middle + 1;
    else return middle;
  }
  return -1;
}

/**
 * Rolls a KPI up into period buckets (day, ISO week, month, quarter, year or one custom range) and
 * slices (any subset of provider, site, city, service line, queue), recomputing every value from the
 * stored components; see `aggregateObservations` for the rule per aggregation.
 *
 * - Only observations of `definition.code` that match `filter` and fall inside `from..to` are used.
 * - Every bucket of the range appears in every series; a bucket without data has value null (not 0).
 * - Excluded observations are removed before anything is summed (they still make their group appear).
 * - Without grouping there is always exactly one series, even without any observation.
 * - Series are ordered by group key, points by date.
 */
export function rollupKpi(
  definition: Pick<KpiDefinition, 'code' | 'aggregation'>,
  observations: readonly KpiObservation[],
  options: RollupOptions,
): KpiRollup {
  const groupBy = options.groupBy ?? [];
  const stockRule = options.stockMissingSlice ?? DEFAULT_STOCK_MISSING_SLICE_RULE;
  const matching = observations.filter(
    (observation) =>
      observation.kpiCode === definition.code && matchesSliceFilter(observation, options.filter),
  );

  let from = options.from ?? null;
  let to = options.to ?? null;
  for (const observation of matching) {
    if (options.from === undefined)
      from = from === null ? observation.date : minIsoDate(from, observation.date);
    if (options.to === undefined) to = to === null ? observation.date : maxIsoDate(to, observation.date);
  }
  const base = {
    kpiCode: definition.code,
    aggregation: definition.aggregation,
    granularity: options.granularity,
    groupBy,
  };
  if (from === null || to === null) {
    return { ...base, from, to, series: [], excludedObservationCount: 0, skippedObservationCount: 0 };
  }
  const range: DateRange = { from, to };
  if (compareIsoDates(from, to) > 0) throw new RangeError(`Invalid rollup range: ${from} is after ${to}`);

  const inRange = matching.filter((observation) => isDateInRange(observation.date, range));
  const usable = inRange.filter((observation) => isUsableObservation(definition.aggregation, observation));
  const kept = usable.filter((observation) => !isObservationExcluded(observation, options.exclusions));
  const buckets = bucketsFor(options.granularity, from, to);

  const groups = new Map<string, { group: SliceGroup; perBucket: KpiObservation[][] }>();
  const ensureGroup = (key: string, group: SliceGroup) => {
    const existing = groups.get(key);
    if (existing) return existing;
    const created = { group, perBucket: buckets.map((): KpiObservation[] => []) };
    groups.set(key, created);
    return created;
  };
  if (groupBy.length === 0) ensureGroup('[]', {});
  for (const observation of usable)
    ensureGroup(groupKeyOf(observation, groupBy), groupOf(observation, groupBy));
  for (const observation of kept) {
    const index = bucketIndexOf(buckets, observation.date);
    if (index >= 0) groups.get(groupKeyOf(observation, groupBy))?.perBucket[index].push(observation);
  }

  const series: RollupSeries[] = [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([groupKey, { group, perBucket }]) => ({
      groupKey,
      group,
      points: buckets.map((bucket, index) => {
        const pointFrom = maxIsoDate(bucket.start, range.from);
        const pointTo = minIsoDate(bucket.end, range.to);
        return {
          periodStart: bucket.start,
          periodEnd: bucket.end,
          label: bucket.label,
          from: pointFrom,
          to: pointTo,
          partial: pointFrom !== bucket.start || pointTo !== bucket.end,
          ...aggregateObservations(definition.aggregation, perBucket[index], stockRule),
        };
      }),
    }));

  return {
    ...base,
    from,
    to,
    series,
    excludedObservationCount: usable.length - kept.length,
    skippedObservationCount: inRange.length - usable.length,
  };
}

/**
 * Annualises a rate measured over `range` (attrition "when asked"): x 12 / months when the range is made
 * of whole calendar months (a quarter x 4), otherwise x 365 / days. null stays null.
 */
export function annualiseRate(rate: number | null, range: DateRange): number | null {
  if (rate === null) return null;
  if (compareIsoDates(range.from, range.to) > 0)
    throw new RangeError(`Invalid range: ${range.from} is after ${range.to}`);
  if (startOfMonth(range.from) === range.from && endOfMonth(range.to) === range.to) {
    const from = parseIsoDate(range.from);
    const to = parseIsoDate(range.to);
    const months = (to.year - from.year) * 12 + (to.month - from.month) + 1;
    return (rate * 12) / months;
  }
  return (rate * 365) / countDaysInclusive(range.from, range.to);
}
