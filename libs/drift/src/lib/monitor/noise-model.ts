import {
  AUTOCORRELATION_MEMORY,
  AUTOCORRELATION_PRIOR_POINTS,
  PHI_MAX,
  ROUND_OFF,
} from './monitor.constants';
import { SIGMA_WINSOR_Z } from '../drift.constants';
import { predictRegime, RegimePrediction } from './regime';
import { SeriesState } from './series-state.types';

/** Scale, noise and autocorrelation model of a series state. */

/** Scratch prediction reused on the hot path (no allocation per point; nothing survives a call). */
const scratch: RegimePrediction = { mean: 0, factor: 1 };

export function toScale(s: SeriesState, v: number): number {
  return s.scale === 'log' ? Math.log(v > s.logFloor ? v : s.logFloor) : v;
}

export function fromScale(s: SeriesState, v: number): number {
  return s.scale === 'log' ? Math.exp(v) : v;
}

export function slotIndex(slot: number): number {
  return slot < 0 ? 0 : slot;
}

/** Pooled noise sigma (root mean of the slot variances). */
export function pooledSigma(s: SeriesState): number {
  let sum = 0;
  for (const v of s.slotVariance) sum += v;
  return Math.sqrt(sum / s.slotVariance.length);
}

/** Long-run variance factor of AR(1) noise, (1 + phi) / (1 - phi): Var(mean of n) ~ sigma^2 * lrv / n. */
export function longRunFactor(s: SeriesState): number {
  return (1 + s.phi) / (1 - s.phi);
}

/** Running lag-1 autocorrelation of the winsorized residuals (capped weight), clamped to [0, PHI_MAX]. */
export function updateAutocorrelation(s: SeriesState, zc: number): void {
  const a = Math.max(-SIGMA_WINSOR_Z, Math.min(SIGMA_WINSOR_Z, zc));
  const b = Math.max(-SIGMA_WINSOR_Z, Math.min(SIGMA_WINSOR_Z, s.previousZ));
  const keep = 1 - 1 / AUTOCORRELATION_MEMORY;
  s.arCross = s.arCross * keep + a * b;
  s.arSquares = s.arSquares * keep + b * b;
  s.phi = estimatePhi(s);
}

/** phi = sum z_t z_{t-1} / (sum z_{t-1}^2 + prior): shrunk towards 0, and 0 for (near-)constant residuals. */
export function estimatePhi(s: SeriesState): number {
  return Math.min(PHI_MAX, Math.max(0, s.arCross / (s.arSquares + AUTOCORRELATION_PRIOR_POINTS)));
}

export function standardize(s: SeriesState, time: number, slot: number, y: number): number {
  predictRegime(s.regime, time, scratch);
  if (!Number.isFinite(scratch.factor)) return 0;
  // The parameter part of the factor grows with the long-run variance under autocorrelation.
  const factor = 1 + (scratch.factor - 1) * longRunFactor(s);
  const d = y - scratch.mean;
  // Float round-off of a constant series is not a residual (rules and Mann-Kendall would see it).
  if (Math.abs(d) <= ROUND_OFF * (1 + Math.abs(scratch.mean))) return 0;
  return d / Math.sqrt(s.slotVariance[slotIndex(slot)] * factor);
}
