import { classifyAttainment } from './attainment';
import { BUILT_IN_KPIS, findBuiltInKpi } from './kpi-catalog';
import { KpiDefinition } from './kpi-definition';
import { anObservation as o } from './kpi-observation.mock';
import { computeKpiValue } from './kpi-value';
import { aggregateObservations, annualiseRate, rollupKpi } from './rollup';

function kpi(code: string): KpiDefinition {
  const definition = findBuiltInKpi(code);
  if (!definition) throw new Error(`no KPI ${code}`);
  return definition;
}

/** The single value of a one-bucket, ungrouped rollup. */
function monthValue(code: string, observations: ReturnType<typeof o>[]) {
  const rollup = rollupKpi(kpi(code), observations, { granularity: 'month' });
  expect(rollup.series).toHaveLength(1);
  expect(rollup.series[0].points).toHaveLength(1);
  return rollup.series[0].points[0];
}

/** Built-in KPIs with a hand-computed rollup case in this file (checked at the end). */
const COVERED_KPIS = new Set<string>();

// Three observations per KPI: Monterrey Mon 4 Mar, Guadalajara Mon 4 Mar, Monterrey Tue 5 Mar 2024.
// Expected = sum(numerators) / sum(denominators), computed by hand in the comment of each row.
describe('rollupKpi: every ratio KPI is sum(num) / sum(den), never a mean of percentages', () => {
  it.each<[string, [number, number], [number, number], [number, number], number, number]>([
    // code, mty d1, gdl d1, mty d2, expected ratio of sums, mean of the three ratios (wrong)
    // (160+90+50)/(200+100+100) = 300/400 = 0.75 ; mean(0.8, 0.9, 0.5) = 0.7333
    ['service_level', [160, 200], [90, 100], [50, 100], 0.75, 0.733333],
    // (1200+300+900)/(60+30+10) = 2400/100 = 24 s ; mean(20, 10, 90) = 40
    ['asa', [1200, 60], [300, 30], [900, 10], 24, 40],
    // (36000+8000+6000)/(120+20+10) = 50000/150 = 333.33 s ; mean(300, 400, 600) = 433.33
    ['aht', [36000, 120], [8000, 20], [6000, 10], 333.333333, 433.333333],
    // (10+3+12)/(200+100+100) = 25/400 = 0.0625 ; mean(0.05, 0.03, 0.12) = 0.0667
    ['abandonment_rate', [10, 200], [3, 100], [12, 100], 0.0625, 0.066667],
    // (70+40+30)/(100+50+50) = 140/200 = 0.7 ; mean(0.7, 0.8, 0.6) = 0.7 (same here by symmetry)
    ['fcr', [70, 100], [40, 50], [30, 50], 0.7, 0.7],
    // (45+8+27)/(50+10+40) = 80/100 = 0.8 ; mean(0.9, 0.8, 0.675) = 0.7917
    ['csat', [45, 50], [8, 10], [27, 40], 0.8, 0.791667],
    // (180+85+70)/(200+100+100) = 335/400 = 0.8375 ; mean(0.9, 0.85, 0.7) = 0.8167
    ['qa_score', [180, 200], [85, 100], [70, 100], 0.8375, 0.816667],
    // (2+1+0)/(40+10+50) = 3/100 = 0.03 ; mean(0.05, 0.1, 0) = 0.05
    ['qa_autofail_rate', [2, 40], [1, 10], [0, 50], 0.03, 0.05],
    // (25200+12600+5400)/(28800+14400+7200) = 43200/50400 = 6/7 = 0.857143 ; mean(0.875, 0.875, 0.75) = 0.8333
    ['occupancy', [25200, 28800], [12600, 14400], [5400, 7200], 0.857143, 0.833333],
    // (30+12+18)/(200+100+100) = 60/400 = 0.15 ; mean(0.15, 0.12, 0.18) = 0.15
    ['shrinkage', [30, 200], [12, 100], [18, 100], 0.15, 0.15],
    // (27000+13500+6480)/(28800+14400+7200) = 46980/50400 = 0.932143 ; mean(0.9375, 0.9375, 0.9) = 0.925
    ['schedule_adherence', [27000, 28800], [13500, 14400], [6480, 7200], 0.932143, 0.925],
    // (990+495+480)/(1000+500+500) = 1965/2000 = 0.9825 ; mean(0.99, 0.99, 0.96) = 0.98
    ['accuracy', [990, 1000], [495, 500], [480, 500], 0.9825, 0.98],
    // (180+95+85)/(200+100+100) = 360/400 = 0.9 ; mean(0.9, 0.95, 0.85) = 0.9
    ['tat_compliance', [180, 200], [95, 100], [85, 100], 0.9, 0.9],
    // (300+250+100)/(100+50+50) = 650/200 = 3.25 d ; mean(3, 5, 2) = 3.3333
    ['invoice_cycle_time', [300, 100], [250, 50], [100, 50], 3.25, 3.333333],
    // (160+70+90)/(200+100+100) = 320/400 = 0.8 ; mean(0.8, 0.7, 0.9) = 0.8
    ['first_pass_match_rate', [160, 200], [70, 100], [90, 100], 0.8, 0.8],
    // NPS, numerator = promoters - detractors: (60-25) + (20-20) + (30-10) = 35 + 0 + 20 = 55 over
    // 100 + 50 + 50 = 200 responses -> 0.275 ; mean(0.35, 0, 0.4) = 0.25
    ['nps', [35, 100], [0, 50], [20, 50], 0.275, 0.25],
  ])('%s', (code, mtyDay1, gdlDay1, mtyDay2, expected, meanOfRatios) => {
    COVERED_KPIS.add(code);
    const observations = [
      o(code, '2024-03-04', 'mty', ...mtyDay1),
      o(code, '2024-03-04', 'gdl', ...gdlDay1),
      o(code, '2024-03-05', 'mty', ...mtyDay2),
    ];
    const point = monthValue(code, observations);
    expect(point.value).toBeCloseTo(expected, 6);
    expect(point.numerator).toBe(mtyDay1[0] + gdlDay1[0] + mtyDay2[0]);
    expect(point.denominator).toBe(mtyDay1[1] + gdlDay1[1] + mtyDay2[1]);
    expect(point.observationCount).toBe(3);
    const ratios = observations.map((x) => computeKpiValue(kpi(code).aggregation, x) as number);
    expect(ratios.reduce((a, b) => a + b, 0) / ratios.length).toBeCloseTo(meanOfRatios, 5);
  });

  it('service level 80/20: the ratio of sums (75 %) differs from the mean of daily/site percentages (73.3 %)', () => {
    const observations = [
      o('service_level', '2024-03-04', 'mty', 160, 200), // 80 % on 200 offered
      o('service_level', '2024-03-04', 'gdl', 90, 100), // 90 % on 100 offered
      o('service_level', '2024-03-05', 'mty', 50, 100), // 50 % on 100 offered
    ];
    const week = rollupKpi(kpi('service_level'), observations, { granularity: 'week' }).series[0].points[0];
    // Right: (160 + 90 + 50) / (200 + 100 + 100) = 300 / 400 = 0.75
    expect(week.value).toBe(0.75);
    // Wrong: (0.8 + 0.9 + 0.5) / 3 = 0.7333...
    const meanOfPercentages = (0.8 + 0.9 + 0.5) / 3;
    expect(meanOfPercentages).toBeCloseTo(0.733333, 6);
    expect(week.value).not.toBeCloseTo(meanOfPercentages, 3);
  });
});

describe('rollupKpi: stock (backlog)', () => {
  // Week 2024-W10 is Mon 2024-03-04 .. Sun 2024-03-10.
  const days = [
    '2024-03-04',
    '2024-03-05',
    '2024-03-06',
    '2024-03-07',
    '2024-03-08',
    '2024-03-09',
    '2024-03-10',
  ];
  const mty = [100, 120, 110, 90, 95, 85, 80];
  const gdl = [50, 55, 60, 52, 48, 45, 40];
  const backlog = [
    ...days.map((date, i) => o('backlog', date, 'mty', mty[i], null)),
    ...days.map((date, i) => o('backlog', date, 'gdl', gdl[i], null)),
  ];

  it('over a week takes the last day; across sites adds them up', () => {
    COVERED_KPIS.add('backlog');
    const point = rollupKpi(kpi('backlog'), backlog, { granularity: 'week' }).series[0].points[0];
    // Sunday: Monterrey 80 + Guadalajara 40 = 120 (summing the 14 daily values would give 1130)
    expect(point.value).toBe(120);
    expect(point.stockAsOf).toBe('2024-03-10');
    expect(point.denominator).toBeNull();
    expect(point.carriedForwardReadings).toBe(0);
  });

  it('per site over the week is each site’s last day', () => {
    const rollup = rollupKpi(kpi('backlog'), backlog, { granularity: 'week', groupBy: ['siteId'] });
    expect(rollup.series.map((s) => [s.group.siteId, s.points[0].value])).toEqual([
      ['gdl', 40],
      ['mty', 80],
    ]);
  });

  it('per day is the sum of the sites that day', () => {
    const points = rollupKpi(kpi('backlog'), backlog, { granularity: 'day' }).series[0].points;
    // Mon 100 + 50 = 150, Tue 120 + 55 = 175, ..., Sun 80 + 40 = 120
    expect(points.map((p) => p.value)).toEqual([150, 175, 170, 142, 143, 130, 120]);
  });

  it('a slice missing on the last day is carried forward from its latest reading in the bucket (default)', () => {
    const withoutGdlSunday = backlog.filter((x) => !(x.siteId === 'gdl' && x.date === '2024-03-10'));
    const point = rollupKpi(kpi('backlog'), withoutGdlSunday, { granularity: 'week' }).series[0].points[0];
    // Monterrey Sunday 80 + Guadalajara Saturday 45 (carried) = 125
    expect(point.value).toBe(125);
    expect(point.stockAsOf).toBe('2024-03-10');
    expect(point.carriedForwardReadings).toBe(1);
  });

  it('with the omit rule only the slices reporting on the last date count', () => {
    const withoutGdlSunday = backlog.filter((x) => !(x.siteId === 'gdl' && x.date === '2024-03-10'));
    const point = rollupKpi(kpi('backlog'), withoutGdlSunday, {
      granularity: 'week',
      stockMissingSlice: 'omit',
    }).series[0].points[0];
    // Only Monterrey reported on Sunday: 80
    expect(point.value).toBe(80);
    expect(point.carriedForwardReadings).toBe(0);
  });

  it('does not carry a reading across buckets', () => {
    // Guadalajara reported only in week 10; week 11 holds Monterrey only.
    const observations = [...backlog, o('backlog', '2024-03-11', 'mty', 70, null)];
    const points = rollupKpi(kpi('backlog'), observations, { granularity: 'week' }).series[0].points;
    expect(points.map((p) => p.value)).toEqual([120, 70]);
  });
});

describe('rollupKpi: attrition over a quarter (sum of separations / mean summed headcount)', () => {
  // Month-end readings, separations of the month; Q1 2024.
  const observations = [
    o('attrition', '2024-01-31', 'mty', 4, 100),
    o('attrition', '2024-01-31', 'gdl', 1, 50),
    o('attrition', '2024-02-29', 'mty', 6, 130),
    o('attrition', '2024-02-29', 'gdl', 2, 40),
    o('attrition', '2024-03-31', 'mty', 5, 90),
    o('attrition', '2024-03-31', 'gdl', 0, 60),
  ];

  it('quarter = 18 / mean(150, 170, 150)', () => {
    COVERED_KPIS.add('attrition');
    const point = rollupKpi(kpi('attrition'), observations, { granularity: 'quarter' }).series[0].points[0];
    // separations 4+1+6+2+5+0 = 18; headcount per date 150, 170, 150 -> mean 470/3 = 156.667
    // attrition = 18 / 156.667 = 0.114894
    expect(point.numerator).toBe(18);
    expect(point.denominator).toBeCloseTo(156.666667, 5);
    expect(point.value).toBeCloseTo(0.114894, 6);
    expect(point.stockReadingDates).toBe(3);
    // Adding the monthly rates would give 5/150 + 8/170 + 5/150 = 0.113725 (not the same)
    expect(5 / 150 + 8 / 170 + 5 / 150).toBeCloseTo(0.113725, 6);
    // Annualised: a quarter x 4 = 0.459574
    expect(annualiseRate(point.value, { from: '2024-01-01', to: '2024-03-31' })).toBeCloseTo(0.459574, 6);
  });

  it('monthly buckets give each month’s rate', () => {
    const points = rollupKpi(kpi('attrition'), observations, { granularity: 'month' }).series[0].points;
    // Jan 5/150 = 0.033333, Feb 8/170 = 0.047059, Mar 5/150 = 0.033333
    expect(points.map((p) => p.value)).toEqual([5 / 150, 8 / 170, 5 / 150]);
  });

  it('per site over the quarter', () => {
    const rollup = rollupKpi(kpi('attrition'), observations, { granularity: 'quarter', groupBy: ['siteId'] });
    // gdl: 3 / mean(50, 40, 60) = 3 / 50 = 0.06 ; mty: 15 / mean(100, 130, 90) = 15 / 106.667 = 0.140625
    expect(rollup.series.map((s) => s.group.siteId)).toEqual(['gdl', 'mty']);
    expect(rollup.series[0].points[0].value).toBeCloseTo(0.06, 10);
    expect(rollup.series[1].points[0].value).toBeCloseTo(0.140625, 10);
  });

  it('daily separations without a headcount that day still count', () => {
    const daily = [o('attrition', '2024-01-10', 'mty', 2, null), o('attrition', '2024-01-31', 'mty', 1, 100)];
    const point = rollupKpi(kpi('attrition'), daily, { granularity: 'month' }).series[0].points[0];
    // (2 + 1) / mean(100) = 0.03
    expect(point.value).toBeCloseTo(0.03, 10);
  });

  it('has no value without any headcount reading', () => {
    const point = rollupKpi(kpi('attrition'), [o('attrition', '2024-01-10', 'mty', 2, null)], {
      granularity: 'month',
    }).series[0].points[0];
    expect(point.value).toBeNull();
    expect(point.denominator).toBeNull();
  });
});

describe('rollupKpi: empty periods, ranges and groups', () => {
  const sl = [
    o('service_level', '2024-01-15', 'mty', 80, 100),
    o('service_level', '2024-03-15', 'mty', 90, 100),
    o('service_level', '2024-03-16', 'gdl', 0, 0), // nothing offered
  ];

  it('gives null (not 0) for a month without data', () => {
    const points = rollupKpi(kpi('service_level'), sl, { granularity: 'month' }).series[0].points;
    expect(points.map((p) => [p.label, p.value, p.observationCount])).toEqual([
      ['2024-01', 0.8, 1],
      ['2024-02', null, 0],
      ['2024-03', 0.9, 2], // 90 / (100 + 0)
    ]);
  });

  it('gives null for a day whose denominator is 0', () => {
    const point = rollupKpi(kpi('service_level'), sl, {
      granularity: 'day',
      from: '2024-03-16',
      to: '2024-03-16',
    }).series[0].points[0];
    expect(point.value).toBeNull();
    expect(point.observationCount).toBe(1);
  });

  it('gives null for a sum KPI bucket without data', () => {
    const countKpi = { code: 'tickets', aggregation: 'sum' } as const;
    const points = rollupKpi(
      countKpi,
      [o('tickets', '2024-03-04', 'mty', 12, null), o('tickets', '2024-03-06', 'gdl', 0, null)],
      { granularity: 'day', from: '2024-03-04', to: '2024-03-06' },
    ).series[0].points;
    // 12 ; no data ; a real zero
    expect(points.map((p) => p.value)).toEqual([12, null, 0]);
  });

  it('still returns one series of empty buckets when nothing matches a given range', () => {
    const rollup = rollupKpi(kpi('service_level'), [], {
      granularity: 'week',
      from: '2024-03-04',
      to: '2024-03-17',
    });
    expect(rollup.series).toHaveLength(1);
    expect(rollup.series[0].points.map((p) => p.value)).toEqual([null, null]);
    expect(rollupKpi(kpi('service_level'), [], { granularity: 'week' }).series).toEqual([]);
  });

  it('clips the first and last bucket to the range and marks them partial', () => {
    const daily = ['2024-03-06', '2024-03-11', '2024-03-20', '2024-03-22'].map((date) =>
      o('service_level', date, 'mty', 9, 10),
    );
    const points = rollupKpi(kpi('service_level'), daily, {
      granularity: 'week',
      from: '2024-03-06',
      to: '2024-03-20',
    }).series[0].points;
    expect(points.map((p) => [p.periodStart, p.from, p.to, p.partial, p.observationCount])).toEqual([
      ['2024-03-04', '2024-03-06', '2024-03-10', true, 1],
      ['2024-03-11', '2024-03-11', '2024-03-17', false, 1],
      ['2024-03-18', '2024-03-18', '2024-03-20', true, 1], // 2024-03-22 is outside the range
    ]);
  });

  it('rolls a custom range into one bucket', () => {
    const rollup = rollupKpi(kpi('service_level'), sl, {
      granularity: 'range',
      from: '2024-01-01',
      to: '2024-03-31',
    });
    // (80 + 90 + 0) / (100 + 100 + 0) = 0.85
    expect(rollup.series[0].points[0]).toMatchObject({ value: 0.85, label: '2024-01-01..2024-03-31' });
  });

  it('groups by any subset of keys and filters slices', () => {
    const observations = [
      o('service_level', '2024-03-04', 'mty', 80, 100),
      o('service_level', '2024-03-04', 'mty-2', 60, 100),
      o('service_level', '2024-03-04', 'gdl', 45, 50),
      o('service_level', '2024-03-04', 'gdl', 10, 50, { serviceLine: 'chat' }),
      o('service_level', '2024-03-04', 'gdl', 5, 10, { providerId: 'p2' }),
      o('aht', '2024-03-04', 'gdl', 3000, 10), // another KPI: ignored
    ];
    const byCity = rollupKpi(kpi('service_level'), observations, {
      granularity: 'day',
      groupBy: ['city'],
      filter: { providerId: 'p1' },
    });
    // Guadalajara (45 + 10) / (50 + 50) = 0.55 ; Monterrey (80 + 60) / (100 + 100) = 0.7
    expect(byCity.series.map((s) => [s.group.city, s.points[0].value])).toEqual([
      ['Guadalajara', 0.55],
      ['Monterrey', 0.7],
    ]);
    const byProviderAndLine = rollupKpi(kpi('service_level'), observations, {
      granularity: 'day',
      groupBy: ['providerId', 'serviceLine'],
      filter: { siteId: ['gdl', 'mty'] },
    });
    // p1 chat 10/50 = 0.2 ; p1 voice (80 + 45)/(100 + 50) = 0.833333 ; p2 voice 5/10 = 0.5
    expect(byProviderAndLine.series.map((s) => [s.group, s.points[0].value])).toEqual([
      [{ providerId: 'p1', serviceLine: 'chat' }, 0.2],
      [{ providerId: 'p1', serviceLine: 'voice' }, 125 / 150],
      [{ providerId: 'p2', serviceLine: 'voice' }, 0.5],
    ]);
  });

  it('skips unusable observations and says how many', () => {
    const rollup = rollupKpi(
      kpi('service_level'),
      [
        o('service_level', '2024-03-04', 'mty', 80, 100),
        o('service_level', '2024-03-04', 'gdl', 5, null),
        o('service_level', '2024-03-04', 'qro', Number.NaN, 10),
      ],
      { granularity: 'day' },
    );
    expect(rollup.skippedObservationCount).toBe(2);
    expect(rollup.series[0].points[0].value).toBe(0.8);
  });
});

describe('rollupKpi: exclusions', () => {
  const observations = [
    o('service_level', '2024-03-04', 'mty', 160, 200),
    o('service_level', '2024-03-04', 'gdl', 90, 100),
    o('service_level', '2024-03-05', 'mty', 50, 100), // outage day
    o('service_level', '2024-03-05', 'gdl', 40, 100),
  ];

  it('removes excluded dates from the components before dividing', () => {
    const point = rollupKpi(kpi('service_level'), observations, {
      granularity: 'week',
      exclusions: [{ from: '2024-03-05', to: '2024-03-05' }],
    });
    // (160 + 90) / (200 + 100) = 250 / 300 = 0.833333 (without the exclusion: 340 / 500 = 0.68)
    expect(point.series[0].points[0].value).toBeCloseTo(0.833333, 6);
    expect(point.excludedObservationCount).toBe(2);
  });

  it('can exclude one site only', () => {
    const point = rollupKpi(kpi('service_level'), observations, {
      granularity: 'week',
      exclusions: [{ from: '2024-03-05', to: '2024-03-05', siteIds: ['mty'] }],
    });
    // (160 + 90 + 40) / (200 + 100 + 100) = 290 / 400 = 0.725
    expect(point.series[0].points[0].value).toBeCloseTo(0.725, 10);
    expect(point.excludedObservationCount).toBe(1);
  });
});

describe('aggregateObservations', () => {
  it('returns null values for no observations, whatever the aggregation', () => {
    for (const aggregation of [
      'ratio_of_sums',
      'sum',
      'stock',
      'sum_over_mean_stock',
      'net_share',
    ] as const) {
      expect(aggregateObservations(aggregation, []).value).toBeNull();
    }
  });

  it('adds duplicate stock readings of one slice and date', () => {
    const value = aggregateObservations('stock', [
      o('backlog', '2024-03-04', 'mty', 10, null),
      o('backlog', '2024-03-04', 'mty', 5, null),
    ]).value;
    expect(value).toBe(15);
  });
});

describe('annualiseRate', () => {
  it.each([
    [0.01, '2024-03-01', '2024-03-31', 0.12], // one month x 12
    [0.03, '2024-01-01', '2024-06-30', 0.06], // six months x 2
    [0.01, '2024-03-01', '2024-03-10', 0.365], // 10 days x 365 / 10
  ])('%p over %s..%s -> %p', (rate, from, to, expected) => {
    expect(annualiseRate(rate, { from, to })).toBeCloseTo(expected, 10);
  });
});

describe('rollupKpi: a band KPI (occupancy, band 85 %..90 %)', () => {
  // Monday: 800 handle s of 1000 available (80 %); Tuesday: 95 of 100 (95 %).
  const observations = [
    o('occupancy', '2024-03-04', 'mty', 800, 1000),
    o('occupancy', '2024-03-05', 'mty', 95, 100),
  ];
  const levels = { target: { low: 0.85, high: 0.9 }, minimum: { low: 0.8, high: 0.95 } };

  it('is judged on the ratio of sums (81.4 %, outside the band), not the mean of days (87.5 %, inside)', () => {
    const point = rollupKpi(kpi('occupancy'), observations, { granularity: 'week' }).series[0].points[0];
    // (800 + 95) / (1000 + 100) = 895 / 1100 = 0.813636
    expect(point.value).toBeCloseTo(0.813636, 6);
    expect(classifyAttainment(kpi('occupancy'), point.value, levels).status).toBe('at_risk');
    // The mean of the daily percentages, (0.8 + 0.95) / 2 = 0.875, would wrongly look on target.
    expect(classifyAttainment(kpi('occupancy'), (0.8 + 0.95) / 2, levels).status).toBe('met');
  });
});

describe('rollup coverage of the catalog', () => {
  it('has a hand-computed rollup case for every built-in KPI', () => {
    expect([...COVERED_KPIS].sort()).toEqual(BUILT_IN_KPIS.map((definition) => definition.code).sort());
  });
});
