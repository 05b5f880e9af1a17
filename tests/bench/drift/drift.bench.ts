/**
 * Drift detection benchmark (npm run bench:drift).
 *
 * 1. Quality on a labelled synthetic set (tests/bench/drift/benchmark-set.ts, fixed seed, ~670 daily
 *    series: steps of 0.75-5 sd, two steps, ramps, variance changes, weekday patterns without change,
 *    outliers and holidays, constant, very short, missing values and irregular dates, AR(1) noise,
 *    business days). For each detector and the default combination: precision, recall and F1 with a
 *    5-point margin (a finding is a true detection when it starts within 5 points of a true change,
 *    in the same direction, variance findings only for variance changes), mean detection delay
 *    (alarm index - true change), false alarms per 1,000 in-control points (findings raised before the
 *    first true change, over the monitored points before it). Baseline: a naive fixed-threshold
 *    detector (raw value outside baseline mean +- 3 sd of the first 8 weeks).
 * 2. Speed: full evaluation of 10,000 series x 730 daily points with the defaults, and one new day for
 *    all 10,000 through the incremental API (createSeriesState / appendPoint).
 */
import {
  appendPoint,
  createSeriesState,
  detectControlChartViolations,
  detectCusumShift,
  detectEwmaShift,
  detectLevelShifts,
  detectMannKendallTrend,
  detectVarianceChange,
  DriftFinding,
  evaluateSeries,
  SeriesEvaluation,
  SeriesInput,
  SeriesState,
} from '@kpi/drift';
import { aSeries, createPrng } from '@kpi/testing';
import { printFigure, reportFigures } from '../bench-report';
import { BENCH_BASELINE_POINTS, BENCH_SEED, BenchSeries, buildDriftBenchmarkSet } from './benchmark-set';
import {
  aggregate,
  AggregateScore,
  Detect,
  MATCH_MARGIN,
  prefixDelay,
  scoreSeries,
  toInput,
} from './drift-scoring';

const SPEED_SERIES = 10_000;
const SPEED_POINTS = 730;
const WEEK = [1.1, 1, 1, 1, 0.95, 0.8, 0.7];

/**
 * Naive baseline: mean and sd of the first 56 valid raw values, a finding whenever a value leaves
 * mean +- 3 sd (no seasonal adjustment, no robustness), re-armed when a value is back inside.
 */
function detectNaiveThreshold(input: SeriesInput): SeriesEvaluation {
  const values = input.values;
  const base: number[] = [];
  let i = 0;
  for (; i < values.length && base.length < BENCH_BASELINE_POINTS; i++)
    if (values[i] !== null) base.push(values[i] as number);
  const empty: SeriesEvaluation = {
    status: 'insufficient_data',
    findings: [],
    changepoints: [],
    pointsSeen: values.length,
    baseline: null,
    outlierIndices: [],
  };
  if (base.length < BENCH_BASELINE_POINTS) return empty;
  const mean = base.reduce((a, b) => a + b, 0) / base.length;
  const sd = Math.sqrt(base.reduce((a, b) => a + (b - mean) ** 2, 0) / (base.length - 1));
  const findings: DriftFinding[] = [];
  let armed = true;
  for (; i < values.length; i++) {
    const v = values[i];
    if (v === null) continue;
    const outside = Math.abs(v - mean) > 3 * sd;
    if (outside && armed) {
      const up = v > mean;
      findings.push({
        detector: 'cusum',
        kind: 'level_shift',
        direction: up === (input.betterWhen === 'higher') ? 'favourable' : 'adverse',
        startIndex: i,
        alarmIndex: i,
        magnitude: mean !== 0 ? (v - mean) / Math.abs(mean) : 0,
        absoluteChange: v - mean,
        score: sd > 0 ? Math.abs(v - mean) / sd : 0,
        evidenceIndices: [i],
        reason: 'Outside the baseline mean +- 3 sd.',
      });
    }
    armed = !outside;
  }
  return { ...empty, status: 'in_control', findings, changepoints: findings.map((f) => f.startIndex) };
}

const DETECTORS: { name: string; detect: Detect; retrospective?: boolean }[] = [
  { name: 'default', detect: (i) => evaluateSeries(i) },
  { name: 'cusum', detect: (i) => detectCusumShift(i) },
  { name: 'ewma', detect: (i) => detectEwmaShift(i) },
  { name: 'control_chart', detect: (i) => detectControlChartViolations(i) },
  { name: 'mann_kendall', detect: (i) => detectMannKendallTrend(i) },
  { name: 'variance', detect: (i) => detectVarianceChange(i) },
  { name: 'change_point', detect: (i) => detectLevelShifts(i), retrospective: true },
  { name: 'naive', detect: detectNaiveThreshold },
];

function evaluateQuality(set: readonly BenchSeries[]): Map<string, AggregateScore> {
  const out = new Map<string, AggregateScore>();
  for (const d of DETECTORS) {
    const scores = set.map((s) => scoreSeries(s, d.detect(toInput(s)), BENCH_BASELINE_POINTS));
    let agg = aggregate(set, scores);
    if (d.retrospective) {
      // A retrospective method sees the whole series: measure its delay on growing prefixes.
      const delays: number[] = [];
      scores.forEach((sc, k) =>
        sc.matchedTruths.forEach((t) => {
          if (t < 0) return;
          const delay = prefixDelay(set[k], t, d.detect);
          if (delay !== null) delays.push(delay);
        }),
      );
      agg = {
        ...agg,
        meanDelay: delays.length ? delays.reduce((a, b) => a + b, 0) / delays.length : Number.NaN,
      };
    }
    out.set(d.name, agg);
  }
  return out;
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : 'n/a';
}

function printQuality(set: readonly BenchSeries[], quality: Map<string, AggregateScore>): void {
  const truths = set.reduce((a, s) => a + s.series.truth.changes.length, 0);
  console.log(
    `Labelled set: ${set.length} series (seed ${BENCH_SEED}), ${truths} true changes, match margin ${MATCH_MARGIN} points`,
  );
  console.log('detector        precision  recall     F1   delay  FA/1000  findings');
  for (const [name, a] of quality) {
    console.log(
      `${name.padEnd(15)} ${fmt(a.precision).padStart(9)} ${fmt(a.recall).padStart(7)} ${fmt(a.f1).padStart(6)} ${fmt(a.meanDelay, 1).padStart(7)} ${fmt(a.falseAlarmsPer1000, 2).padStart(8)} ${String(a.findings).padStart(9)}`,
    );
  }
  console.log('recall on the single-step, ramp and variance categories:');
  for (const [name, a] of quality) {
    const r = a.recallByCategory;
    console.log(
      `  ${name.padEnd(15)} step ${fmt(r.step ?? Number.NaN, 2)}  ramp ${fmt(r.ramp ?? Number.NaN, 2)}  variance ${fmt(r.variance ?? Number.NaN, 2)}`,
    );
  }
  const d = quality.get('default')!;
  console.log(
    'default recall by category:',
    Object.entries(d.recallByCategory)
      .map(([k, v]) => `${k} ${fmt(v as number, 2)}`)
      .join(', '),
  );
  console.log(
    'default findings per series:',
    Object.entries(d.findingsPerSeriesByCategory)
      .map(([k, v]) => `${k} ${fmt(v as number, 2)}`)
      .join(', '),
  );
}

function buildSpeedInputs(): SeriesInput[] {
  const rng = createPrng(BENCH_SEED + 1);
  const dates = aSeries({ seed: 1 }).daily(SPEED_POINTS, '2023-01-02').constant().build().dates;
  const inputs: SeriesInput[] = [];
  for (let i = 0; i < SPEED_SERIES; i++) {
    const b = aSeries({ seed: i + 1 })
      .daily(SPEED_POINTS, '2023-01-02')
      .level(50 + 450 * rng.next())
      .noise(0.02 + 0.04 * rng.next())
      .weekly(WEEK);
    const kind = rng.int(0, 3);
    if (kind === 1) b.withStep(rng.int(100, 700), (rng.chance(0.5) ? 1 : -1) * 0.08);
    if (kind === 2) b.withRamp(rng.int(400, 650), 0.001);
    if (kind === 3) b.withMissing(0.1).withOutlier(rng.int(100, 700), -0.4);
    const s = b.build();
    inputs.push({ values: s.values, dates, betterWhen: s.betterWhen });
  }
  return inputs;
}

function seconds(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e9;
}

function collectGarbage(): void {
  (globalThis as { gc?: () => void }).gc?.();
}

function main(): void {
  const set = buildDriftBenchmarkSet();
  const quality = evaluateQuality(set);
  printQuality(set, quality);

  const inputs = buildSpeedInputs();
  collectGarbage();
  // Warm the JIT on a few series (a long-running engine pays this once).
  for (let i = 0; i < 200; i++) evaluateSeries(inputs[i]);
  let totalFindings = 0;
  const fullEval = seconds(() => {
    for (const input of inputs) totalFindings += evaluateSeries(input).findings.length;
  });
  const naiveEval = seconds(() => {
    for (const input of inputs) detectNaiveThreshold(input);
  });
  collectGarbage();
  const states: SeriesState[] = inputs.map((input) =>
    createSeriesState({
      ...input,
      values: input.values.slice(0, SPEED_POINTS - 1),
      dates: input.dates?.slice(0, SPEED_POINTS - 1),
    }),
  );
  const lastDate = inputs[0].dates![SPEED_POINTS - 1];
  // appendPoint does not modify its input, so the same one-day pass can be repeated: median of 3.
  collectGarbage();
  let drifting = 0;
  const passes: number[] = [];
  for (let pass = 0; pass < 3; pass++) {
    drifting = 0;
    passes.push(
      seconds(() => {
        for (let i = 0; i < states.length; i++) {
          const r = appendPoint(states[i], inputs[i].values[SPEED_POINTS - 1], lastDate);
          if (r.result.status === 'drifting') drifting++;
        }
      }),
    );
  }
  const incremental = [...passes].sort((a, b) => a - b)[1];
  console.log(
    `\nSpeed: ${SPEED_SERIES} series x ${SPEED_POINTS} daily points, ${totalFindings} findings; one new day: ${drifting} drifting, passes ${passes.map((p) => p.toFixed(3)).join(' / ')} s (median reported)`,
  );

  const d = quality.get('default')!;
  const naive = quality.get('naive')!;
  const figures: Record<string, number> = {};
  const add = (
    name: string,
    value: number,
    unit: string,
    baseline?: { name: string; value: number; unit?: string },
  ) => {
    figures[name] = Number(value.toFixed(4));
    printFigure(name, value, unit, baseline);
  };
  console.log('');
  add('drift.default_f1', d.f1, '', { name: 'drift.naive_f1', value: naive.f1 });
  add('drift.default_precision', d.precision, '', { name: 'naive', value: naive.precision });
  add('drift.default_recall', d.recall, '', { name: 'naive', value: naive.recall });
  add('drift.default_mean_delay', d.meanDelay, 'points', { name: 'naive', value: naive.meanDelay });
  add('drift.default_false_alarms_per_1000', d.falseAlarmsPer1000, 'per 1000 points', {
    name: 'drift.naive_false_alarms_per_1000',
    value: naive.falseAlarmsPer1000,
  });
  for (const det of DETECTORS) {
    if (det.name === 'default') continue;
    const a = quality.get(det.name)!;
    const base =
      det.name === 'naive'
        ? { name: 'drift.default_f1', value: d.f1 }
        : { name: 'drift.naive_f1', value: naive.f1 };
    add(`drift.${det.name}_f1`, a.f1, '', base);
    add(`drift.${det.name}_mean_delay`, a.meanDelay, 'points', { name: 'default', value: d.meanDelay });
    add(`drift.${det.name}_false_alarms_per_1000`, a.falseAlarmsPer1000, 'per 1000 points', {
      name: 'default',
      value: d.falseAlarmsPer1000,
    });
  }
  add('drift.full_eval_s', fullEval, 's', {
    name: 'naive 3-sd threshold pass over the same data',
    value: naiveEval,
  });
  add('drift.incremental_s', incremental, 's', {
    name: 'drift.full_eval_s (re-evaluating everything)',
    value: fullEval,
  });
  reportFigures(figures);
}

main();
