import type { QaSample } from './qa-regression';

/** One day of QA components of a group (summed over its evaluations), as stored in daily KPI observations. */
export interface QaDailyTotals {
  /** Points earned (auto-failed evaluations earn 0) and points possible (every evaluation). */
  readonly pointsEarned: number;
  readonly pointsPossible: number;
  readonly evaluations: number;
  readonly autoFails: number;
}

/**
 * A QaSample (see detectQaRegressions) from daily totals when the individual evaluations are not at
 * hand. Score = points earned / points possible of the evaluations that did not auto-fail, assuming each
 * evaluation of a day has the same points possible: mean = sum earned / sum (possible x (1 - auto-fails
 * / evaluations)), a ratio of sums.
 *
 * Its variance treats days as clusters: evaluations of one day share the evaluator, the calibration and
 * the day's traffic, so they are not independent, and a per-evaluation variance would overstate the
 * evidence. The cluster-robust (linearised ratio estimator) variance of the window mean is
 *   Var(mean) = D / (D - 1) x sum_d (k_d / K)^2 (m_d - mean)^2
 * with m_d the day's mean, k_d its non-auto-failed evaluations, K = sum k_d, D the days. Welch's test in
 * detectQaRegressions divides scoreVariance by the evaluations that did not auto-fail, so scoreVariance =
 * Var(mean) x K. Fewer than 2 days with scored evaluations give no score summary (the auto-fail rate is
 * still tested).
 */
export function qaSampleFromDailyTotals(days: readonly QaDailyTotals[]): QaSample {
  let evaluations = 0;
  let autoFails = 0;
  const scored: { earned: number; possible: number; k: number }[] = [];
  for (const d of days) {
    if (!(d.evaluations > 0) || !Number.isFinite(d.autoFails) || !Number.isFinite(d.pointsEarned)) continue;
    const fails = Math.min(Math.max(0, d.autoFails), d.evaluations);
    evaluations += d.evaluations;
    autoFails += fails;
    const k = d.evaluations - fails;
    const possible = d.pointsPossible * (k / d.evaluations);
    if (k > 0 && possible > 0) scored.push({ earned: d.pointsEarned, possible, k });
  }
  if (scored.length < 2) return { evaluations, autoFails };
  let earned = 0;
  let possible = 0;
  let kTotal = 0;
  for (const s of scored) {
    earned += s.earned;
    possible += s.possible;
    kTotal += s.k;
  }
  const mean = earned / possible;
  let sum = 0;
  for (const s of scored) {
    const m = s.earned / s.possible;
    const w = s.k / kTotal;
    sum += w * w * (m - mean) * (m - mean);
  }
  const D = scored.length;
  const varianceOfMean = (D / (D - 1)) * sum;
  return { evaluations, autoFails, scoreMean: mean, scoreVariance: varianceOfMean * kTotal };
}
