import { IsoDate, compareIsoDates } from './calendar-date';
import { KpiAggregation } from './kpi-definition';
import { KpiObservation } from './kpi-observation';

/** One dated reading of a slice's stock denominator (attrition's headcount). */
export interface DatedReading {
  readonly date: IsoDate;
  readonly value: number;
}

/**
 * What one slice (provider x site x service line x queue) contributes to one bucket: the components that
 * can be precomputed per slice and period (rollup tables), merged over time (a month from its weeks and
 * days) and then across slices (a provider from its sites) without changing the result of
 * `aggregateObservations`. Only *usable* observations (see `isUsableObservation`) may be summarised.
 *
 * - ratio_of_sums / net_share / sum: the sums and the count are enough;
 * - stock: the slice's latest reading date and the numerator on that date (its period-end reading);
 * - sum_over_mean_stock: the dated denominator readings, because the mean headcount is taken over the
 *   dates of the *group* after carrying each slice forward, which no per-slice number can summarise.
 */
export interface SlicePartial {
  /** Identity of the slice, see `sliceKeyOf`. */
  readonly sliceKey: string;
  readonly numeratorSum: number;
  /** Sum of the non-null denominators; null when no observation had one. */
  readonly denominatorSum: number | null;
  readonly observationCount: number;
  /** Latest date with a usable observation; null for an empty partial. */
  readonly lastDate: IsoDate | null;
  /** Sum of the numerators on `lastDate` (one reading per slice and date in practice). */
  readonly lastNumerator: number | null;
  /** sum_over_mean_stock only: denominator readings per date, ascending; empty for other aggregations. */
  readonly denominatorReadings: readonly DatedReading[];
}

/** Identity of the finest slice: provider x site x service line x queue (the city follows the site). */
export function sliceKeyOf(
  observation: Pick<KpiObservation, 'providerId' | 'siteId' | 'serviceLine' | 'queue'>,
): string {
  return JSON.stringify([observation.providerId, observation.siteId, observation.serviceLine, observation.queue]);
}

/** The partial of a single usable observation. */
export function observationPartial(aggregation: KpiAggregation, observation: KpiObservation): SlicePartial {
  return {
    sliceKey: sliceKeyOf(observation),
    numeratorSum: observation.numerator,
    denominatorSum: observation.denominator,
    observationCount: 1,
    lastDate: observation.date,
    lastNumerator: observation.numerator,
    denominatorReadings:
      aggregation === 'sum_over_mean_stock' && observation.denominator !== null
        ? [{ date: observation.date, value: observation.denominator }]
        : [],
  };
}

function addNullable(a: number | null, b: number | null): number | null {
  if (a === null) return b;
  if (b === null) return a;
  return a + b;
}

function mergeReadings(a: readonly DatedReading[], b: readonly DatedReading[]): DatedReading[] {
  const byDate = new Map<IsoDate, number>();
  for (const reading of [...a, ...b]) byDate.set(reading.date, (byDate.get(reading.date) ?? 0) + reading.value);
  return [...byDate.entries()]
    .sort(([x], [y]) => compareIsoDates(x, y))
    .map(([date, value]) => ({ date, value }));
}

/**
 * Merges two partials of the same slice (normally over disjoint periods, e.g. the weeks of a month).
 * Readings of the same date add up, like duplicate observations do.
 */
export function mergeSlicePartials(a: SlicePartial, b: SlicePartial): SlicePartial {
  if (a.sliceKey !== b.sliceKey) {
    throw new RangeError(`Cannot merge partials of different slices: ${a.sliceKey} and ${b.sliceKey}`);
  }
  let lastDate = a.lastDate;
  let lastNumerator = a.lastNumerator;
  if (b.lastDate !== null) {
    const order = lastDate === null ? 1 : compareIsoDates(b.lastDate, lastDate);
    if (order > 0) {
      lastDate = b.lastDate;
      lastNumerator = b.lastNumerator;
    } else if (order === 0) {
      lastNumerator = addNullable(lastNumerator, b.lastNumerator);
    }
  }
  return {
    sliceKey: a.sliceKey,
    numeratorSum: a.numeratorSum + b.numeratorSum,
    denominatorSum: addNullable(a.denominatorSum, b.denominatorSum),
    observationCount: a.observationCount + b.observationCount,
    lastDate,
    lastNumerator,
    denominatorReadings:
      b.denominatorReadings.length === 0
        ? a.denominatorReadings
        : a.denominatorReadings.length === 0
          ? b.denominatorReadings
          : mergeReadings(a.denominatorReadings, b.denominatorReadings),
  };
}

/** Merges partials per slice key; the result is ordered by slice key, so it never depends on input order. */
export function mergePartialsBySlice(partials: readonly SlicePartial[]): SlicePartial[] {
  const bySlice = new Map<string, SlicePartial>();
  for (const partial of partials) {
    const existing = bySlice.get(partial.sliceKey);
    bySlice.set(partial.sliceKey, existing ? mergeSlicePartials(existing, partial) : partial);
  }
  return [...bySlice.values()].sort((a, b) => (a.sliceKey < b.sliceKey ? -1 : a.sliceKey > b.sliceKey ? 1 : 0));
}

/** One partial per slice from usable observations (callers filter with `isUsableObservation`). */
export function summariseObservationsBySlice(
  aggregation: KpiAggregation,
  observations: readonly KpiObservation[],
): SlicePartial[] {
  return mergePartialsBySlice(observations.map((observation) => observationPartial(aggregation, observation)));
}
