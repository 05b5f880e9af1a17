import { enumerateDates } from './calendar-date';
import { KpiAggregation } from './kpi-definition';
import { KpiObservation } from './kpi-observation';
import { anObservation as o } from './kpi-observation.mock';
import { aggregateObservations, aggregateSlicePartials, isUsableObservation } from './rollup';
import {
  SlicePartial,
  mergePartialsBySlice,
  mergeSlicePartials,
  observationPartial,
  sliceKeyOf,
  summariseObservationsBySlice,
} from './slice-partial';

/** Small deterministic generator (integers, so every sum is exact whatever the order). */
function lcg(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

const SLICES = [
  { siteId: 'mty', queue: 'sales' },
  { siteId: 'gdl', queue: 'sales' },
  { siteId: 'gdl', queue: 'care' },
  { siteId: 'cdmx', queue: 'sales' },
];

/** A month of observations in which some slices skip days (so stocks must be carried). */
function aMonthOf(aggregation: KpiAggregation, seed: number): KpiObservation[] {
  const random = lcg(seed);
  const observations: KpiObservation[] = [];
  for (const date of enumerateDates('2024-03-01', '2024-03-31')) {
    for (const slice of SLICES) {
      if (random() < 0.25) continue;
      const denominator =
        aggregation === 'sum' || aggregation === 'stock'
          ? null
          : aggregation === 'sum_over_mean_stock'
            ? random() < 0.3
              ? 80 + Math.floor(random() * 40)
              : null
            : 50 + Math.floor(random() * 200);
      const numerator = Math.floor(random() * (denominator ?? 300));
      observations.push(o('kpi', date, slice.siteId, numerator, denominator, { queue: slice.queue }));
    }
  }
  return observations;
}

/** Partials per slice and per piece of the month (as precomputed weekly/daily rollups would hold them). */
function piecewisePartials(aggregation: KpiAggregation, observations: readonly KpiObservation[]): SlicePartial[] {
  const pieces = [
    ['2024-03-01', '2024-03-03'], // raw days before the first whole week
    ['2024-03-04', '2024-03-10'],
    ['2024-03-11', '2024-03-17'],
    ['2024-03-18', '2024-03-24'],
    ['2024-03-25', '2024-03-31'],
  ];
  return pieces.flatMap(([from, to]) =>
    summariseObservationsBySlice(
      aggregation,
      observations.filter((x) => x.date >= from && x.date <= to && isUsableObservation(aggregation, x)),
    ),
  );
}

describe('aggregateSlicePartials: precomputed partials give the same result as the raw observations', () => {
  const aggregations: KpiAggregation[] = ['ratio_of_sums', 'net_share', 'sum', 'stock', 'sum_over_mean_stock'];
  it.each(aggregations.flatMap((aggregation) => [1, 2, 3].map((seed) => [aggregation, seed] as const)))(
    '%s (seed %p), carry_forward and omit',
    (aggregation, seed) => {
      const observations = aMonthOf(aggregation, seed);
      const partials = piecewisePartials(aggregation, observations);
      for (const rule of ['carry_forward', 'omit'] as const) {
        expect(aggregateSlicePartials(aggregation, partials, rule)).toEqual(
          aggregateObservations(aggregation, observations, rule),
        );
      }
      // Input order does not matter.
      expect(aggregateSlicePartials(aggregation, [...partials].reverse())).toEqual(
        aggregateSlicePartials(aggregation, partials),
      );
    },
  );
});

describe('aggregateSlicePartials: hand-computed cases', () => {
  it('ratio of sums across slices and pieces: (160 + 90 + 50) / (200 + 100 + 100) = 0.75', () => {
    const partials = [
      observationPartial('ratio_of_sums', o('service_level', '2024-03-04', 'mty', 160, 200)),
      observationPartial('ratio_of_sums', o('service_level', '2024-03-04', 'gdl', 90, 100)),
      observationPartial('ratio_of_sums', o('service_level', '2024-03-05', 'mty', 50, 100)),
    ];
    expect(aggregateSlicePartials('ratio_of_sums', partials)).toMatchObject({
      value: 0.75,
      numerator: 300,
      denominator: 400,
      observationCount: 3,
    });
  });

  it('stock: each slice’s latest reading in the bucket; a slice silent on the last day is carried', () => {
    // mty reads 80 on Sunday 10 March; gdl last read 45 on Saturday 9 March.
    const mty = mergeSlicePartials(
      observationPartial('stock', o('backlog', '2024-03-04', 'mty', 100, null)),
      observationPartial('stock', o('backlog', '2024-03-10', 'mty', 80, null)),
    );
    const gdl = observationPartial('stock', o('backlog', '2024-03-09', 'gdl', 45, null));
    expect(aggregateSlicePartials('stock', [mty, gdl])).toMatchObject({
      value: 125, // 80 + 45 carried
      stockAsOf: '2024-03-10',
      carriedForwardReadings: 1,
    });
    expect(aggregateSlicePartials('stock', [mty, gdl], 'omit')).toMatchObject({
      value: 80,
      stockAsOf: '2024-03-10',
      carriedForwardReadings: 0,
    });
  });

  it('attrition: separations over the mean headcount of the group’s reading dates', () => {
    // mty: 4 separations, headcount 100 on 31 Jan and 130 on 29 Feb; gdl: 1 separation, 50 on 31 Jan only.
    const mty = summariseObservationsBySlice('sum_over_mean_stock', [
      o('attrition', '2024-01-31', 'mty', 4, 100),
      o('attrition', '2024-02-29', 'mty', 0, 130),
    ]);
    const gdl = summariseObservationsBySlice('sum_over_mean_stock', [o('attrition', '2024-01-31', 'gdl', 1, 50)]);
    const result = aggregateSlicePartials('sum_over_mean_stock', [...mty, ...gdl]);
    // dates: 31 Jan 100 + 50 = 150 ; 29 Feb 130 + 50 (gdl carried) = 180 ; mean 165 ; 5 / 165
    expect(result.denominator).toBe(165);
    expect(result.value).toBeCloseTo(5 / 165, 12);
    expect(result.carriedForwardReadings).toBe(1);
    expect(result.stockReadingDates).toBe(2);
  });

  it('is empty (value null) without partials', () => {
    for (const aggregation of ['ratio_of_sums', 'sum', 'stock', 'sum_over_mean_stock', 'net_share'] as const) {
      expect(aggregateSlicePartials(aggregation, []).value).toBeNull();
    }
  });
});

describe('mergeSlicePartials', () => {
  const a = observationPartial('stock', o('backlog', '2024-03-04', 'mty', 10, null));

  it('adds readings of the same slice and date, keeps the latest date otherwise', () => {
    const same = mergeSlicePartials(a, observationPartial('stock', o('backlog', '2024-03-04', 'mty', 5, null)));
    expect(same).toMatchObject({ lastDate: '2024-03-04', lastNumerator: 15, observationCount: 2, numeratorSum: 15 });
    const earlier = mergeSlicePartials(a, observationPartial('stock', o('backlog', '2024-03-01', 'mty', 7, null)));
    expect(earlier).toMatchObject({ lastDate: '2024-03-04', lastNumerator: 10 });
  });

  it('refuses to merge two slices', () => {
    expect(() => mergeSlicePartials(a, observationPartial('stock', o('backlog', '2024-03-04', 'gdl', 1, null)))).toThrow(
      RangeError,
    );
  });

  it('orders merged partials by slice key', () => {
    const keys = mergePartialsBySlice([
      observationPartial('sum', o('x', '2024-03-04', 'mty', 1, null)),
      observationPartial('sum', o('x', '2024-03-04', 'gdl', 1, null)),
      observationPartial('sum', o('x', '2024-03-05', 'mty', 1, null)),
    ]).map((partial) => [partial.sliceKey, partial.numeratorSum]);
    expect(keys).toEqual([
      [sliceKeyOf({ providerId: 'p1', siteId: 'gdl', serviceLine: 'voice', queue: 'sales' }), 1],
      [sliceKeyOf({ providerId: 'p1', siteId: 'mty', serviceLine: 'voice', queue: 'sales' }), 2],
    ]);
  });

  it('keeps attrition headcount readings by date and adds duplicates', () => {
    const merged = mergeSlicePartials(
      observationPartial('sum_over_mean_stock', o('attrition', '2024-02-29', 'mty', 1, 130)),
      mergeSlicePartials(
        observationPartial('sum_over_mean_stock', o('attrition', '2024-01-31', 'mty', 2, 100)),
        observationPartial('sum_over_mean_stock', o('attrition', '2024-01-31', 'mty', 0, 5)),
      ),
    );
    expect(merged.denominatorReadings).toEqual([
      { date: '2024-01-31', value: 105 },
      { date: '2024-02-29', value: 130 },
    ]);
  });
});
