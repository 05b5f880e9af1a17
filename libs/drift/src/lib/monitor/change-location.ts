import { MonitorDetectorName } from '../drift.types';
import { findBestSplit, fitHinge } from '../detectors/change-point';
import { HistoryWindow } from './history-ring';
import { TREND_PRIOR_SIGMA2 } from './monitor.constants';
import { pooledSigma } from './noise-model';
import { predictRegime, RegimePrediction, RegimeState } from './regime';
import { LocatedChange, SeriesState } from './series-state.types';

/** "Since when" and "what kind": locating a change in the recent history of a regime. */

const scratch: RegimePrediction = { mean: 0, factor: 1 };

/** Locates the change in the window of the regime `regime` (the regime the change ends). */
export function locateMeanChange(
  s: SeriesState,
  regime: RegimeState,
  w: HistoryWindow,
  side: 1 | -1,
  source: MonitorDetectorName,
  nativeStart: number,
): LocatedChange {
  const n = w.y.length;
  const set = s.settings;
  if (set.locateStart === 'refine' && n >= 4) {
    let target = w.y;
    if (regime.kind === 'trend') {
      // Split the residuals from the trend line instead of the raw levels.
      target = w.y.map((y, i) => y - predictRegime(regime, w.time[i], scratch).mean);
    }
    const step = findBestSplit(target, 0, n, 1, side);
    const hinge = regime.kind === 'level' ? fitHinge(w.time, w.y, set.minTrendPoints, side, 2) : null;
    if (step !== null || hinge !== null) {
      const stepSse = step === null ? Number.POSITIVE_INFINITY : sumOfSquares(target) - step.gain;
      // Same number of parameters; a small prior in favour of steps (the more common change).
      const margin = TREND_PRIOR_SIGMA2 * pooledSigma(s) ** 2;
      if (hinge !== null && hinge.sse + margin < stepSse) return rampChange(w, hinge);
      if (step !== null) return stepChange(regime, w, step.index);
    }
  }
  let pos = 0;
  while (pos < n - 1 && w.index[pos] < nativeStart) pos++;
  if (source === 'mann_kendall') {
    const hinge = fitHinge(w.time.slice(pos), w.y.slice(pos), 3, side, 1);
    if (hinge !== null) return rampChange(w, { ...hinge, index: hinge.index + pos });
  }
  return stepChange(regime, w, pos);
}

export function sumOfSquares(y: readonly number[]): number {
  let sum = 0;
  let sq = 0;
  for (const v of y) {
    sum += v;
    sq += v * v;
  }
  return sq - (sum * sum) / y.length;
}

export function stepChange(regime: RegimeState, w: HistoryWindow, pos: number): LocatedChange {
  const n = w.y.length;
  let after = 0;
  for (let i = pos; i < n; i++) after += w.y[i];
  const newLevel = after / (n - pos);
  let preLevel: number;
  if (regime.kind === 'trend' || pos === 0) {
    preLevel = regime.n > 0 ? predictRegime(regime, w.time[pos], scratch).mean : newLevel;
  } else {
    let before = 0;
    for (let i = 0; i < pos; i++) before += w.y[i];
    preLevel = before / pos;
  }
  return { pos, model: 'step', preLevel, newLevel };
}

export function rampChange(
  w: HistoryWindow,
  hinge: { index: number; slope: number; level: number },
): LocatedChange {
  const n = w.y.length;
  const pos = Math.min(n - 1, hinge.index + 1);
  return {
    pos,
    model: 'ramp',
    preLevel: hinge.level,
    newLevel: hinge.level + hinge.slope * (w.time[n - 1] - w.time[hinge.index]),
  };
}

/**
 * Mean shift or variance increase? Over the standardised residuals of the current regime, compares
 * the best split into "N(0, 1) then N(mu, 1)" with the best split into "N(0, 1) then N(0, v), v > 1"
 * (each one free parameter plus the split) by Gaussian log-likelihood. Null when the window is too
 * short.
 */
export function classifyChange(z: readonly number[]): 'mean' | 'variance' | null {
  const n = z.length;
  if (n < 6) return null;
  let right1 = 0;
  let right2 = 0;
  let left2 = 0;
  for (const v of z) left2 += v * v;
  let bestMean = Number.NEGATIVE_INFINITY;
  let bestVariance = Number.NEGATIVE_INFINITY;
  for (let j = n - 1; j >= 1; j--) {
    right1 += z[j];
    right2 += z[j] * z[j];
    left2 -= z[j] * z[j];
    const m = n - j;
    const llMean = -0.5 * left2 - 0.5 * (right2 - (right1 * right1) / m);
    if (llMean > bestMean) bestMean = llMean;
    if (m >= 2 && right2 > m) {
      const llVariance = -0.5 * left2 - 0.5 * m * (Math.log(Math.max(right2 / m, 1e-9)) + 1);
      if (llVariance > bestVariance) bestVariance = llVariance;
    }
  }
  return bestVariance > bestMean ? 'variance' : 'mean';
}

/** Variance of y[from..] in units of sigma^2 (NaN with fewer than 3 points). */
export function spreadRatio(y: readonly number[], from: number, sigma: number): number {
  const n = y.length - from;
  if (n < 3) return Number.NaN;
  let sum = 0;
  let sq = 0;
  for (let i = from; i < y.length; i++) {
    sum += y[i];
    sq += y[i] * y[i];
  }
  return (sq - (sum * sum) / n) / (n - 1) / (sigma * sigma);
}
