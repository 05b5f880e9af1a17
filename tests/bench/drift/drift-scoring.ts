import type { DriftFinding, SeriesEvaluation, SeriesInput } from '@kpi/drift';
import type { TruthChange } from '@kpi/testing';
import { BenchCategory, BenchSeries } from './benchmark-set';

/** A detection counts as true when it starts within this many points of the true change. */
export const MATCH_MARGIN = 5;

export type Detect = (input: SeriesInput) => SeriesEvaluation;

export interface SeriesScore {
  readonly truePositives: number;
  readonly findings: number;
  readonly truths: number;
  readonly delays: number[];
  readonly falseAlarmsInControl: number;
  readonly inControlPoints: number;
  /** Matched truth (index into truth.changes) per finding, or -1. */
  readonly matchedTruths: number[];
}

export interface AggregateScore {
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  readonly meanDelay: number;
  readonly falseAlarmsPer1000: number;
  readonly truePositives: number;
  readonly findings: number;
  readonly truths: number;
  readonly recallByCategory: Partial<Record<BenchCategory, number>>;
  readonly findingsPerSeriesByCategory: Partial<Record<BenchCategory, number>>;
}

export function toInput(s: BenchSeries): SeriesInput {
  return { values: s.series.values, dates: s.series.dates, betterWhen: s.series.betterWhen };
}

/** Index after which points are monitored: the position right after the 56th valid point. */
export function monitoringStart(values: readonly (number | null)[], baselinePoints: number): number {
  let valid = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] !== null) valid++;
    if (valid === baselinePoints) return i + 1;
  }
  return values.length;
}

function compatible(f: DriftFinding, t: TruthChange): boolean {
  const varianceFinding = f.kind === 'variance_change';
  return f.direction === t.direction && varianceFinding === (t.kind === 'variance');
}

/**
 * One-to-one matching of findings to true changes: closest start first, within MATCH_MARGIN,
 * same direction, variance findings only for variance truths (and mean findings for steps/ramps).
 * False alarms per 1000 in-control points: unmatched findings raised (alarmIndex) before the first
 * true change, over the monitored points before the first true change (valid points only).
 */
export function scoreSeries(
  series: BenchSeries,
  result: SeriesEvaluation,
  baselinePoints: number,
): SeriesScore {
  const truths = series.series.truth.changes;
  const findings = result.findings;
  const pairs: { f: number; t: number; d: number }[] = [];
  findings.forEach((f, fi) =>
    truths.forEach((t, ti) => {
      const d = Math.abs(f.startIndex - t.index);
      if (d <= MATCH_MARGIN && compatible(f, t)) pairs.push({ f: fi, t: ti, d });
    }),
  );
  pairs.sort((a, b) => a.d - b.d || a.f - b.f);
  const matchedTruths = findings.map(() => -1);
  const truthUsed = truths.map(() => false);
  for (const p of pairs) {
    if (matchedTruths[p.f] !== -1 || truthUsed[p.t]) continue;
    matchedTruths[p.f] = p.t;
    truthUsed[p.t] = true;
  }
  const delays = findings.flatMap((f, fi) =>
    matchedTruths[fi] >= 0 ? [Math.max(0, f.alarmIndex - truths[matchedTruths[fi]].index)] : [],
  );
  const values = series.series.values;
  const start = monitoringStart(values, baselinePoints);
  const firstChange = truths.length > 0 ? truths[0].index : values.length;
  let inControlPoints = 0;
  for (let i = start; i < firstChange; i++) if (values[i] !== null) inControlPoints++;
  const falseAlarmsInControl = findings.filter(
    (f, fi) => matchedTruths[fi] === -1 && f.alarmIndex < firstChange,
  ).length;
  return {
    truePositives: matchedTruths.filter((m) => m >= 0).length,
    findings: findings.length,
    truths: truths.length,
    delays,
    falseAlarmsInControl,
    inControlPoints,
    matchedTruths,
  };
}

export function aggregate(set: readonly BenchSeries[], scores: readonly SeriesScore[]): AggregateScore {
  let tp = 0;
  let nf = 0;
  let nt = 0;
  let fa = 0;
  let icp = 0;
  const delays: number[] = [];
  const byCat = new Map<BenchCategory, { tp: number; truths: number; findings: number; series: number }>();
  scores.forEach((s, i) => {
    tp += s.truePositives;
    nf += s.findings;
    nt += s.truths;
    fa += s.falseAlarmsInControl;
    icp += s.inControlPoints;
    delays.push(...s.delays);
    const c = byCat.get(set[i].category) ?? { tp: 0, truths: 0, findings: 0, series: 0 };
    c.tp += s.truePositives;
    c.truths += s.truths;
    c.findings += s.findings;
    c.series++;
    byCat.set(set[i].category, c);
  });
  const precision = nf === 0 ? 0 : tp / nf;
  const recall = nt === 0 ? 0 : tp / nt;
  const recallByCategory: Partial<Record<BenchCategory, number>> = {};
  const findingsPerSeriesByCategory: Partial<Record<BenchCategory, number>> = {};
  for (const [cat, c] of byCat) {
    if (c.truths > 0) recallByCategory[cat] = c.tp / c.truths;
    findingsPerSeriesByCategory[cat] = c.findings / c.series;
  }
  return {
    precision,
    recall,
    f1: precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall),
    meanDelay: delays.length === 0 ? Number.NaN : delays.reduce((a, b) => a + b, 0) / delays.length,
    falseAlarmsPer1000: icp === 0 ? 0 : (1000 * fa) / icp,
    truePositives: tp,
    findings: nf,
    truths: nt,
    recallByCategory,
    findingsPerSeriesByCategory,
  };
}

/**
 * Detection delay of a retrospective detector (one that sees the whole series at once): the
 * shortest prefix, ending at truth + d, on which it already reports a finding matching the truth.
 */
export function prefixDelay(
  series: BenchSeries,
  truthIndex: number,
  detect: Detect,
  maxDelay = 90,
): number | null {
  const truth = series.series.truth.changes[truthIndex];
  const input = toInput(series);
  for (let d = 0; d <= maxDelay; d++) {
    const end = Math.min(input.values.length, truth.index + d + 1);
    const r = detect({ ...input, values: input.values.slice(0, end), dates: input.dates?.slice(0, end) });
    if (r.findings.some((f) => Math.abs(f.startIndex - truth.index) <= MATCH_MARGIN && compatible(f, truth)))
      return d;
    if (end === input.values.length) break;
  }
  return null;
}
