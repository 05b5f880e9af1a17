import { aSeries, GeneratedSeries, SeriesBuilder } from '@kpi/testing';
import { SeriesEvaluation, SeriesInput } from './drift.types';
import {
  detectControlChartViolations,
  detectCusumShift,
  detectEwmaShift,
  detectMannKendallTrend,
  detectVarianceChange,
  evaluateSeries,
} from './evaluate-series';
import { detectLevelShifts } from './detectors/level-shift.detector';
import { appendPoint, createSeriesState, getSeriesResult, SeriesState } from './monitor/series-state';

const WEEK = [1.1, 1, 1, 1, 0.95, 0.8, 0.7];
/** Daily series, 3 % noise, contact-center weekday pattern (the same noise for a given seed). */
const daily = (seed: number, n = 400): SeriesBuilder =>
  aSeries({ seed }).daily(n, '2024-01-01').level(300).noise(0.03).weekly(WEEK);
const input = (s: GeneratedSeries): SeriesInput => ({
  values: s.values,
  dates: s.dates,
  betterWhen: s.betterWhen,
});

type Detector = (i: SeriesInput) => SeriesEvaluation;
const DETECTORS: [string, Detector][] = [
  ['default', (i) => evaluateSeries(i)],
  ['cusum', (i) => detectCusumShift(i)],
  ['ewma', (i) => detectEwmaShift(i)],
  ['control_chart', (i) => detectControlChartViolations(i)],
  ['mann_kendall', (i) => detectMannKendallTrend(i)],
  ['variance', (i) => detectVarianceChange(i)],
  ['change_point', (i) => detectLevelShifts(i)],
];
const MEAN_DETECTORS = DETECTORS.filter(([name]) => !['variance', 'mann_kendall'].includes(name));

describe('a 4 sd step (known truth at 260)', () => {
  const s = daily(11, 320).withStep(260, -0.12).build();

  it.each(MEAN_DETECTORS)('%s finds it within 5 points, adverse, about -12 %', (_name, detect) => {
    const r = detect(input(s));
    const hit = r.findings.find((f) => Math.abs(f.startIndex - 260) <= 5);
    expect(hit).toBeDefined();
    expect(hit!.direction).toBe('adverse');
    expect(hit!.kind).not.toBe('variance_change');
    expect(hit!.magnitude).toBeGreaterThan(-0.16);
    expect(hit!.magnitude).toBeLessThan(-0.08);
    expect(hit!.alarmIndex).toBeGreaterThanOrEqual(hit!.startIndex);
  });

  it('default: one finding, a level shift with its date, status drifting, fast', () => {
    const r = evaluateSeries(input(s));
    expect(r.findings).toHaveLength(1);
    const f = r.findings[0];
    expect(f).toMatchObject({
      kind: 'level_shift',
      direction: 'adverse',
      startIndex: 260,
      startDate: s.dates[260],
    });
    expect(f.alarmIndex - f.startIndex).toBeLessThanOrEqual(5);
    expect(f.reason).toMatch(/^Level shift down 1\d% .* since 2024-09-17; worse, as higher is better\.$/);
    expect(r.status).toBe('drifting');
    expect(r.changepoints).toEqual([260]);
  });

  it('the variance detector does not call it a variance change', () => {
    expect(detectVarianceChange(input(s)).findings.filter((f) => Math.abs(f.startIndex - 260) <= 10)).toEqual(
      [],
    );
  });

  it('direction follows betterWhen: the same drop is an improvement when lower is better', () => {
    const r = evaluateSeries({ ...input(s), betterWhen: 'lower' });
    expect(r.findings.map((f) => f.direction)).toEqual(['favourable']);
    expect(r.status).toBe('improving');
  });
});

describe('a small persistent shift (1.5 sd, truth at 250)', () => {
  it.each([
    ['default', (i: SeriesInput) => evaluateSeries(i)],
    ['cusum', (i: SeriesInput) => detectCusumShift(i)],
    ['ewma', (i: SeriesInput) => detectEwmaShift(i)],
  ])('%s detects it, starting close to the truth', (_name, detect) => {
    const s = daily(12).withStep(250, 0.045).build();
    const r = detect(input(s));
    const hit = r.findings.find((f) => f.direction === 'favourable' && Math.abs(f.startIndex - 250) <= 10);
    expect(hit).toBeDefined();
  });
});

describe('a slow ramp (0.05 sd per day from 250)', () => {
  const s = daily(13).withRamp(250, -0.0015).build();

  it('default reports one adverse trend from about the start, with Sen slope and Mann-Kendall p', () => {
    const r = evaluateSeries(input(s));
    const trends = r.findings.filter((f) => f.kind === 'trend');
    expect(trends).toHaveLength(1);
    expect(Math.abs(trends[0].startIndex - 250)).toBeLessThanOrEqual(15);
    expect(trends[0].direction).toBe('adverse');
    expect(trends[0].slopePerPoint).toBeLessThan(-0.0005);
    expect(trends[0].slopePerPoint).toBeGreaterThan(-0.004);
    expect(trends[0].pValue).toBeLessThan(0.01);
    expect(r.findings.filter((f) => f.startIndex < 240)).toEqual([]);
    expect(r.status).toBe('drifting');
  });

  it.each([
    ['mann_kendall', detectMannKendallTrend],
    ['cusum', detectCusumShift],
    ['change_point', detectLevelShifts],
  ] as const)('%s raises an adverse finding after the ramp starts, dated near its start', (_name, detect) => {
    const r = detect(input(s));
    expect(
      r.findings.some(
        (f) => f.direction === 'adverse' && f.alarmIndex > 250 && Math.abs(f.startIndex - 250) <= 25,
      ),
    ).toBe(true);
    expect(r.findings.filter((f) => f.alarmIndex < 250)).toEqual([]);
  });
});

describe('a variance change (sd x 2.5 from 250)', () => {
  const s = daily(14).withVarianceChange(250, 2.5).build();

  it.each([
    ['default', (i: SeriesInput) => evaluateSeries(i)],
    ['variance', (i: SeriesInput) => detectVarianceChange(i)],
  ])('%s reports an adverse variance change near the truth', (_name, detect) => {
    const r = detect(input(s));
    const hit = r.findings.find((f) => f.kind === 'variance_change' && Math.abs(f.startIndex - 250) <= 15);
    expect(hit).toBeDefined();
    expect(hit!.direction).toBe('adverse');
    expect(hit!.magnitude).toBeGreaterThan(0.5);
  });

  it('default does not report it as level shifts', () => {
    expect(evaluateSeries(input(s)).findings.filter((f) => f.kind !== 'variance_change')).toEqual([]);
  });
});

describe('weekly seasonality without change', () => {
  const seeds = Array.from({ length: 12 }, (_, i) => 100 + i);

  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

  it('default: at most 2 findings over 12 two-year series (~8,000 monitored points)', () => {
    const findings = seeds.flatMap((seed) => evaluateSeries(input(daily(seed, 730).build())).findings);
    expect(findings.length).toBeLessThanOrEqual(2);
  });

  it('classic CUSUM (ARL0 ~ 465) alarms about as rarely as designed on weekday-patterned data', () => {
    // 344 monitored points per series: ~0.75 false alarms per series expected at ARL0 465.
    expect(
      mean(seeds.map((seed) => detectCusumShift(input(daily(seed).build())).findings.length)),
    ).toBeLessThan(1.5);
  });

  it('the weekday profile is what makes a 1.5 sd shift visible', () => {
    const s = daily(31).withStep(250, -0.045).build();
    const near = (r: SeriesEvaluation) =>
      r.findings.some((f) => Math.abs(f.startIndex - 250) <= 10 && f.direction === 'adverse');
    expect(near(evaluateSeries(input(s)))).toBe(true);
    // Without it, the weekday swings (+-15 %) inflate the noise estimate five-fold and hide the shift.
    expect(near(evaluateSeries({ ...input(s), seasonPeriod: 0 }))).toBe(false);
  });

  // Expected false alarms per 344 monitored points: control-chart run rules have ARL0 ~ 90 by design.
  it.each(DETECTORS.map(([name, detect]) => [name, detect, name === 'control_chart' ? 6 : 1.5] as const))(
    '%s stays under its design false-alarm rate on a flat-pattern series',
    (_name, detect, limit) => {
      const counts = seeds
        .slice(0, 6)
        .map((seed) => detect(input(daily(seed).weekly([1, 1, 1, 1, 1, 1, 1]).build())).findings.length);
      expect(mean(counts)).toBeLessThan(limit);
    },
  );
});

describe('a single outlier day (-40 %, a holiday) at 250', () => {
  const s = daily(15).withOutlier(250, -0.4).build();

  it.each(DETECTORS)('%s raises nothing around it', (_name, detect) => {
    const r = detect(input(s));
    expect(r.findings.filter((f) => Math.abs(f.startIndex - 250) <= 3)).toEqual([]);
  });

  it('default stays in control', () => {
    const r = evaluateSeries(input(s));
    expect(r.findings).toEqual([]);
    expect(r.status).toBe('in_control');
  });

  it('an isolated extreme point is set aside; two in a row are a real jump', () => {
    const single = daily(15).constant().withOutlier(250, -0.4).build();
    const r1 = evaluateSeries(input(single));
    expect(r1.outlierIndices).toEqual([250]);
    expect(r1.findings).toEqual([]);
    const jump = daily(15).constant().withStep(250, -0.4).build();
    const r2 = evaluateSeries(input(jump));
    expect(r2.outlierIndices).toEqual([]);
    expect(r2.findings.map((f) => [f.startIndex, f.direction])).toEqual([[250, 'adverse']]);
  });
});

describe('edge cases never throw', () => {
  const constant = daily(16).constant().build();

  it.each(DETECTORS)('%s: a constant series is in control', (_name, detect) => {
    const r = detect(input(constant));
    expect(r.findings).toEqual([]);
    expect(r.status).toBe('in_control');
  });

  it('default: a step in an otherwise constant series is found exactly', () => {
    const s = daily(16).constant().withStep(200, 0.05).build();
    const r = evaluateSeries(input(s));
    expect(r.findings.map((f) => [f.startIndex, f.kind, f.direction])).toEqual([
      [200, 'level_shift', 'favourable'],
    ]);
  });

  it.each(DETECTORS)('%s: very short series give insufficient_data', (_name, detect) => {
    for (const n of [0, 1, 5, 13]) {
      const s = daily(17, n).build();
      const r = detect(input(s));
      expect(r.status).toBe('insufficient_data');
      expect(r.findings).toEqual([]);
    }
  });

  it.each(DETECTORS)('%s: all-null and mostly-null series give insufficient_data', (_name, detect) => {
    expect(detect({ values: new Array(300).fill(null), betterWhen: 'higher' }).status).toBe(
      'insufficient_data',
    );
    const sparse = new Array(300).fill(null).map((_, i) => (i % 30 === 0 ? 5 : null));
    expect(detect({ values: sparse, betterWhen: 'higher' }).status).toBe('insufficient_data');
  });

  it('default: a step is still found with 20 % missing values and irregular dates', () => {
    const s = daily(18, 500).withStep(300, -0.12).withMissing(0.2).withGaps(0.15).build();
    const r = evaluateSeries(input(s));
    expect(r.findings.some((f) => Math.abs(f.startIndex - 300) <= 5 && f.direction === 'adverse')).toBe(true);
  });

  it.each([
    [
      'NaN, Infinity and undefined values',
      {
        values: [
          1,
          Number.NaN,
          Number.POSITIVE_INFINITY,
          undefined as unknown as null,
          ...new Array(100).fill(2),
        ],
        betterWhen: 'higher',
      },
    ],
    [
      'unparsable dates',
      { values: new Array(100).fill(1), dates: new Array(100).fill('not a date'), betterWhen: 'lower' },
    ],
    [
      'dates of the wrong length',
      { values: new Array(100).fill(1), dates: ['2024-01-01'], betterWhen: 'lower' },
    ],
    [
      'dates going back in time',
      { values: [1, 2, 3], dates: ['2024-01-03', '2024-01-02', '2024-01-01'], betterWhen: 'lower' },
    ],
    [
      'zeros and negative values',
      { values: Array.from({ length: 120 }, (_, i) => (i % 3) - 1), betterWhen: 'higher' },
    ],
    [
      'a season longer than the series',
      { values: new Array(50).fill(3), betterWhen: 'higher', seasonPeriod: 400 },
    ],
    [
      'weekly dates',
      {
        values: new Array(80).fill(0).map((_, i) => 10 + (i > 50 ? 5 : 0) + (i % 2)),
        dates: Array.from({ length: 80 }, (_, i) =>
          new Date(Date.UTC(2023, 0, 2 + 7 * i)).toISOString().slice(0, 10),
        ),
        betterWhen: 'higher',
      },
    ],
  ] as [string, SeriesInput][])('%s', (_name, i) => {
    for (const [, detect] of DETECTORS) expect(() => detect(i)).not.toThrow();
    expect(['in_control', 'insufficient_data', 'drifting', 'improving']).toContain(evaluateSeries(i).status);
  });
});

describe('incremental evaluation (createSeriesState + appendPoint)', () => {
  const cases: [string, GeneratedSeries][] = [
    ['step', daily(21).withStep(200, -0.1).build()],
    ['ramp', daily(22).withRamp(220, 0.002).build()],
    ['variance', daily(23).withVarianceChange(200, 2.5).build()],
    [
      'missing values, gaps and outliers',
      daily(24).withStep(250, 0.08).withMissing(0.15).withGaps(0.1).withOutlier(150, -0.5).build(),
    ],
  ];

  it.each(cases)('%s: appending the points one by one gives exactly the full evaluation', (_name, s) => {
    const full = evaluateSeries(input(s));
    let state = createSeriesState({
      values: s.values.slice(0, 30),
      dates: s.dates.slice(0, 30),
      betterWhen: s.betterWhen,
    });
    let last = getSeriesResult(state);
    for (let i = 30; i < s.values.length; i++)
      ({ state, result: last } = appendPoint(state, s.values[i], s.dates[i]));
    expect(last).toEqual(full);
    expect(full.findings.length).toBeGreaterThan(0);
  });

  it('the state survives a JSON round trip (an engine can store it) and is not mutated by appendPoint', () => {
    const s = cases[0][1];
    const state = createSeriesState({
      values: s.values.slice(0, 199),
      dates: s.dates.slice(0, 199),
      betterWhen: s.betterWhen,
    });
    const before = JSON.stringify(state);
    const restored = JSON.parse(before) as SeriesState;
    let a = appendPoint(state, s.values[199], s.dates[199]);
    let b = appendPoint(restored, s.values[199], s.dates[199]);
    for (let i = 200; i < 260; i++) {
      a = appendPoint(a.state, s.values[i], s.dates[i]);
      b = appendPoint(JSON.parse(JSON.stringify(b.state)) as SeriesState, s.values[i], s.dates[i]);
    }
    expect(JSON.stringify(state)).toBe(before);
    expect(b.result).toEqual(a.result);
    expect(a.result.findings.some((f) => f.startIndex === 200)).toBe(true);
  });

  it('assumes the next day when no date is given', () => {
    const s = daily(25, 120).build();
    const state = createSeriesState({
      values: s.values.slice(0, 119),
      dates: s.dates.slice(0, 119),
      betterWhen: 'higher',
    });
    expect(appendPoint(state, s.values[119]).result).toEqual(
      appendPoint(state, s.values[119], s.dates[119]).result,
    );
  });

  it('reports insufficient_data until the baseline is complete', () => {
    let state = createSeriesState({ values: [], dates: [], betterWhen: 'higher' });
    const s = daily(26, 60).build();
    const statuses: string[] = [];
    for (let i = 0; i < 60; i++) {
      const r = appendPoint(state, s.values[i], s.dates[i]);
      state = r.state;
      statuses.push(r.result.status);
    }
    expect(statuses.slice(0, 55).every((x) => x === 'insufficient_data')).toBe(true);
    expect(statuses.slice(56)).toEqual(['in_control', 'in_control', 'in_control', 'in_control']);
    expect(getSeriesResult(state).baseline).toMatchObject({ scale: 'log', seasonPeriod: 7, points: 56 });
  });
});
