import { normalCdf, logGamma, studentTCdf } from '../stats/distributions';
import { adjustPValuesBenjaminiHochberg } from '../stats/multiple-testing';
import { DEFAULT_QA_REGRESSION_SETTINGS } from './qa-regression.constants';

/** QA evaluations of one group in one window (baseline or recent). */
export interface QaSample {
  /** Number of evaluations. */
  readonly evaluations: number;
  /** Auto-failed evaluations (they score 0). */
  readonly autoFails: number;
  /**
   * Scores of the evaluations that did NOT auto-fail (e.g. 0..1 or 0..100). The auto-fail rate is
   * tested on its own, so the score test compares the quality of the remaining evaluations (with the
   * zeros mixed in, the score's spread doubles and real drops of a few points go unseen). Needed for
   * Mann-Whitney.
   */
  readonly scores?: readonly number[];
  /** Mean and sample variance of those scores, when the raw scores are not given. */
  readonly scoreMean?: number;
  readonly scoreVariance?: number;
}

/** One group to test; the key is opaque (provider, site, team, form version, or a combination). */
export interface QaGroupInput {
  readonly key: string;
  readonly baseline: QaSample;
  readonly recent: QaSample;
}

export interface QaRegressionSettings {
  /** Test for the score: Welch's t-test (means) or Mann-Whitney U (distributions, needs raw scores). */
  readonly scoreTest: 'welch' | 'mann_whitney';
  /** False discovery rate controlled by Benjamini-Hochberg over all tests of one call. */
  readonly fdr: number;
  /** Minimum evaluations in each window; smaller groups are 'insufficient_data' (and not tested). */
  readonly minEvaluations: number;
  /** The two-proportion z-test needs this many expected auto-fails and passes in each window; else Fisher's exact test. */
  readonly minExpectedCount: number;
  /** Smallest score drop (score units) that counts as a regression (practical significance). */
  readonly minScoreDrop: number;
  /** Smallest auto-fail rate rise (e.g. 0.01 = 1 point) that counts as a regression. */
  readonly minAutoFailRise: number;
}

export type QaTestName = 'welch_t' | 'mann_whitney_u' | 'two_proportion_z' | 'fisher_exact';
export type QaTestStatus = 'regressed' | 'improved' | 'no_change' | 'insufficient_data';

export interface QaTestResult {
  readonly test: QaTestName | null;
  /** Baseline and recent mean score (score test) or auto-fail rate (auto-fail test). */
  readonly baselineValue: number | null;
  readonly recentValue: number | null;
  /** recent - baseline. */
  readonly change: number | null;
  /** t, z or U statistic. */
  readonly statistic: number | null;
  /** One-sided p-value for a regression (score down / auto-fail rate up). */
  readonly pValueAdverse: number | null;
  /** One-sided p-value for an improvement. */
  readonly pValueFavourable: number | null;
  /** Benjamini-Hochberg adjusted p-value of the adverse test, across every test of the call. */
  readonly qValueAdverse: number | null;
  readonly qValueFavourable: number | null;
  readonly status: QaTestStatus;
}

export interface QaGroupResult {
  readonly key: string;
  readonly score: QaTestResult;
  readonly autoFail: QaTestResult;
  /** Either test regressed (after false discovery control). */
  readonly regressed: boolean;
  /** Either test improved and none regressed. */
  readonly improved: boolean;
  readonly reason: string;
}

export interface QaRegressionResult {
  readonly groups: readonly QaGroupResult[];
  readonly regressedKeys: readonly string[];
  readonly improvedKeys: readonly string[];
  /** Number of hypotheses in the false-discovery family (tests actually run). */
  readonly testsRun: number;
}

interface RawTest {
  test: QaTestName | null;
  baselineValue: number | null;
  recentValue: number | null;
  statistic: number | null;
  pAdverse: number;
  pFavourable: number;
  practical: boolean;
  practicalFavourable: boolean;
}

/**
 * QA regressions per group: recent window versus baseline for the QA score (Welch's t-test, or
 * Mann-Whitney U) and the auto-fail rate (two-proportion z-test; Fisher's exact test when expected
 * counts are small), one-sided in the adverse direction. All p-values of the call form one family:
 * Benjamini-Hochberg keeps the expected share of false regressions among those flagged at `fdr`
 * (default 5 %), so testing hundreds of teams at once does not flood the account manager. Groups with
 * fewer than minEvaluations evaluations in either window are reported as insufficient_data.
 * Improvements are tested the same way (their own BH family) and recorded, not alerted.
 */
export function detectQaRegressions(
  groups: readonly QaGroupInput[],
  settings: Partial<QaRegressionSettings> = {},
): QaRegressionResult {
  const set = { ...DEFAULT_QA_REGRESSION_SETTINGS, ...settings };
  const raw = groups.map((g) => {
    const enough = g.baseline.evaluations >= set.minEvaluations && g.recent.evaluations >= set.minEvaluations;
    return {
      score: enough ? testScore(g, set) : null,
      autoFail: enough ? testAutoFail(g, set) : null,
    };
  });
  const adverse: number[] = [];
  const favourable: number[] = [];
  for (const r of raw) {
    adverse.push(r.score?.pAdverse ?? Number.NaN, r.autoFail?.pAdverse ?? Number.NaN);
    favourable.push(r.score?.pFavourable ?? Number.NaN, r.autoFail?.pFavourable ?? Number.NaN);
  }
  const qAdverse = adjustPValuesBenjaminiHochberg(adverse);
  const qFavourable = adjustPValuesBenjaminiHochberg(favourable);
  const results = groups.map((g, i): QaGroupResult => {
    const score = finish(raw[i].score, qAdverse[2 * i], qFavourable[2 * i], set.fdr);
    const autoFail = finish(raw[i].autoFail, qAdverse[2 * i + 1], qFavourable[2 * i + 1], set.fdr);
    const regressed = score.status === 'regressed' || autoFail.status === 'regressed';
    const improved = !regressed && (score.status === 'improved' || autoFail.status === 'improved');
    return {
      key: g.key,
      score,
      autoFail,
      regressed,
      improved,
      reason: describe(g, score, autoFail, set.minEvaluations),
    };
  });
  return {
    groups: results,
    regressedKeys: results.filter((r) => r.regressed).map((r) => r.key),
    improvedKeys: results.filter((r) => r.improved).map((r) => r.key),
    testsRun: adverse.filter((p) => Number.isFinite(p)).length,
  };
}

/**
 * Welch's t-test for two means with unequal variances. Returns t, the Welch-Satterthwaite degrees
 * of freedom and the one-sided p-value P(T <= t) (small when mean2 is lower than mean1).
 * Given summaries: mean, sample variance, size of each sample (sample 1 = baseline, 2 = recent).
 */
export function testWelch(
  mean1: number,
  variance1: number,
  n1: number,
  mean2: number,
  variance2: number,
  n2: number,
): { t: number; df: number; pLower: number } {
  const a = variance1 / n1;
  const b = variance2 / n2;
  const se = Math.sqrt(a + b);
  const diff = mean2 - mean1;
  if (!(se > 0))
    return {
      t: diff === 0 ? 0 : diff > 0 ? Number.POSITIVE_INFINITY : Number.NEGATIVE_INFINITY,
      df: n1 + n2 - 2,
      pLower: diff < 0 ? 0 : diff > 0 ? 1 : 0.5,
    };
  const df = ((a + b) * (a + b)) / ((a * a) / (n1 - 1) + (b * b) / (n2 - 1));
  const t = diff / se;
  return { t, df, pLower: studentTCdf(t, df) };
}

/**
 * Mann-Whitney U test of sample2 versus sample1 (normal approximation with tie correction and
 * continuity correction). U counts the pairs where sample2 is larger (ties count 1/2); pLower is the
 * one-sided p-value for sample2 being stochastically smaller.
 */
export function testMannWhitney(
  sample1: readonly number[],
  sample2: readonly number[],
): { u: number; z: number; pLower: number; pHigher: number } {
  const n1 = sample1.length;
  const n2 = sample2.length;
  const all = [...sample1.map((v) => ({ v, g: 1 })), ...sample2.map((v) => ({ v, g: 2 }))].sort(
    (a, b) => a.v - b.v,
  );
  const n = all.length;
  let rankSum2 = 0;
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && all[j].v === all[i].v) j++;
    const rank = (i + 1 + j) / 2;
    for (let k = i; k < j; k++) if (all[k].g === 2) rankSum2 += rank;
    const t = j - i;
    tieTerm += t * t * t - t;
    i = j;
  }
  const u = rankSum2 - (n2 * (n2 + 1)) / 2;
  const mu = (n1 * n2) / 2;
  const variance = ((n1 * n2) / 12) * (n + 1 - tieTerm / (n * (n - 1)));
  if (!(variance > 0)) return { u, z: 0, pLower: 1, pHigher: 1 };
  const sd = Math.sqrt(variance);
  return {
    u,
    z: (u - mu) / sd,
    pLower: normalCdf((u - mu + 0.5) / sd),
    pHigher: 1 - normalCdf((u - mu - 0.5) / sd),
  };
}

/**
 * Two-proportion z-test with the pooled proportion: z = (p2 - p1) / sqrt(p (1 - p) (1/n1 + 1/n2)).
 * pHigher is the one-sided p-value for p2 > p1. Without any variation (p = 0 or 1) both are 1.
 */
export function testTwoProportions(
  successes1: number,
  n1: number,
  successes2: number,
  n2: number,
): { z: number; pHigher: number; pLower: number } {
  const p1 = successes1 / n1;
  const p2 = successes2 / n2;
  const p = (successes1 + successes2) / (n1 + n2);
  const se = Math.sqrt(p * (1 - p) * (1 / n1 + 1 / n2));
  if (!(se > 0)) return { z: 0, pHigher: 1, pLower: 1 };
  const z = (p2 - p1) / se;
  return { z, pHigher: normalCdf(-z), pLower: normalCdf(z) };
}

/**
 * Fisher's exact test, one-sided, for the 2x2 table [[x2, n2 - x2], [x1, n1 - x1]]: pHigher =
 * P(X >= x2) and pLower = P(X <= x2) under the hypergeometric law with the margins fixed.
 */
export function testFisherExact(
  x1: number,
  n1: number,
  x2: number,
  n2: number,
): { pHigher: number; pLower: number } {
  const total = x1 + x2;
  const n = n1 + n2;
  const logChoose = (a: number, b: number) => logGamma(a + 1) - logGamma(b + 1) - logGamma(a - b + 1);
  const logDenominator = logChoose(n, n2);
  const lo = Math.max(0, total - n1);
  const hi = Math.min(total, n2);
  let pHigher = 0;
  let pLower = 0;
  for (let x = lo; x <= hi; x++) {
    const p = Math.exp(logChoose(total, x) + logChoose(n - total, n2 - x) - logDenominator);
    if (x >= x2) pHigher += p;
    if (x <= x2) pLower += p;
  }
  return { pHigher: Math.min(1, pHigher), pLower: Math.min(1, pLower) };
}

function summary(s: QaSample): { mean: number; variance: number; n: number } | null {
  if (s.scores && s.scores.length >= 2) {
    const xs = s.scores.filter((v) => Number.isFinite(v));
    const n = xs.length;
    if (n < 2) return null;
    const mean = xs.reduce((a, b) => a + b, 0) / n;
    const variance = xs.reduce((a, b) => a + (b - mean) * (b - mean), 0) / (n - 1);
    return { mean, variance, n };
  }
  if (
    s.scoreMean !== undefined &&
    s.scoreVariance !== undefined &&
    Number.isFinite(s.scoreMean) &&
    Number.isFinite(s.scoreVariance)
  ) {
    return { mean: s.scoreMean, variance: s.scoreVariance, n: s.evaluations - s.autoFails };
  }
  return null;
}

function testScore(g: QaGroupInput, set: QaRegressionSettings): RawTest | null {
  const b = summary(g.baseline);
  const r = summary(g.recent);
  if (!b || !r || b.n < 2 || r.n < 2) return null;
  const drop = b.mean - r.mean;
  const practical = drop >= set.minScoreDrop;
  const practicalFavourable = -drop >= set.minScoreDrop;
  if (set.scoreTest === 'mann_whitney' && g.baseline.scores && g.recent.scores) {
    const mw = testMannWhitney(g.baseline.scores, g.recent.scores);
    return {
      test: 'mann_whitney_u',
      baselineValue: b.mean,
      recentValue: r.mean,
      statistic: mw.u,
      pAdverse: mw.pLower,
      pFavourable: mw.pHigher,
      practical,
      practicalFavourable,
    };
  }
  const w = testWelch(b.mean, b.variance, b.n, r.mean, r.variance, r.n);
  return {
    test: 'welch_t',
    baselineValue: b.mean,
    recentValue: r.mean,
    statistic: w.t,
    pAdverse: w.pLower,
    pFavourable: 1 - w.pLower,
    practical,
    practicalFavourable,
  };
}

function testAutoFail(g: QaGroupInput, set: QaRegressionSettings): RawTest | null {
  const { evaluations: n1, autoFails: x1 } = g.baseline;
  const { evaluations: n2, autoFails: x2 } = g.recent;
  if (!(n1 > 0 && n2 > 0) || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) return null;
  const p1 = x1 / n1;
  const p2 = x2 / n2;
  const pooled = (x1 + x2) / (n1 + n2);
  const rise = p2 - p1;
  const practical = rise >= set.minAutoFailRise;
  const practicalFavourable = -rise >= set.minAutoFailRise;
  const expected = Math.min(n1, n2) * Math.min(pooled, 1 - pooled);
  if (expected >= set.minExpectedCount) {
    const z = testTwoProportions(x1, n1, x2, n2);
    return {
      test: 'two_proportion_z',
      baselineValue: p1,
      recentValue: p2,
      statistic: z.z,
      pAdverse: z.pHigher,
      pFavourable: z.pLower,
      practical,
      practicalFavourable,
    };
  }
  const f = testFisherExact(x1, n1, x2, n2);
  return {
    test: 'fisher_exact',
    baselineValue: p1,
    recentValue: p2,
    statistic: null,
    pAdverse: f.pHigher,
    pFavourable: f.pLower,
    practical,
    practicalFavourable,
  };
}

function finish(raw: RawTest | null, qAdverse: number, qFavourable: number, fdr: number): QaTestResult {
  if (raw === null) {
    return {
      test: null,
      baselineValue: null,
      recentValue: null,
      change: null,
      statistic: null,
      pValueAdverse: null,
      pValueFavourable: null,
      qValueAdverse: null,
      qValueFavourable: null,
      status: 'insufficient_data',
    };
  }
  let status: QaTestStatus = 'no_change';
  if (qAdverse <= fdr && raw.practical) status = 'regressed';
  else if (qFavourable <= fdr && raw.practicalFavourable) status = 'improved';
  return {
    test: raw.test,
    baselineValue: raw.baselineValue,
    recentValue: raw.recentValue,
    change:
      raw.baselineValue !== null && raw.recentValue !== null ? raw.recentValue - raw.baselineValue : null,
    statistic: raw.statistic,
    pValueAdverse: raw.pAdverse,
    pValueFavourable: raw.pFavourable,
    qValueAdverse: Number.isFinite(qAdverse) ? qAdverse : null,
    qValueFavourable: Number.isFinite(qFavourable) ? qFavourable : null,
    status,
  };
}

function fmt(x: number | null, digits = 3): string {
  return x === null ? '-' : Number(x.toPrecision(digits)).toString();
}

function describe(
  g: QaGroupInput,
  score: QaTestResult,
  autoFail: QaTestResult,
  minEvaluations: number,
): string {
  if (score.status === 'insufficient_data' && autoFail.status === 'insufficient_data') {
    return `Not tested: ${g.baseline.evaluations} baseline and ${g.recent.evaluations} recent evaluations (at least ${minEvaluations} each needed).`;
  }
  const parts: string[] = [];
  if (score.status === 'regressed' || score.status === 'improved') {
    parts.push(
      `QA score ${score.status === 'regressed' ? 'fell' : 'rose'} from ${fmt(score.baselineValue)} to ${fmt(score.recentValue)} (q=${fmt(score.qValueAdverse !== null && score.status === 'regressed' ? score.qValueAdverse : score.qValueFavourable, 2)})`,
    );
  }
  if (autoFail.status === 'regressed' || autoFail.status === 'improved') {
    parts.push(
      `auto-fail rate ${autoFail.status === 'regressed' ? 'rose' : 'fell'} from ${fmt((autoFail.baselineValue ?? 0) * 100)}% to ${fmt((autoFail.recentValue ?? 0) * 100)}% (q=${fmt(autoFail.status === 'regressed' ? autoFail.qValueAdverse : autoFail.qValueFavourable, 2)})`,
    );
  }
  if (parts.length === 0) return `No significant change over ${g.recent.evaluations} recent evaluations.`;
  const text = parts.join('; ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)} over ${g.recent.evaluations} recent evaluations.`;
}
