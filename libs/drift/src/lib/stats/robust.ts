import { normalCdf, normalPdf, normalQuantile } from './distributions';

/** Consistency factor of the MAD for the normal distribution: 1 / Phi^-1(3/4) ~ 1.4826. */
export const MAD_TO_SIGMA = 1 / normalQuantile(0.75);

/** Arithmetic mean of the finite values; NaN when there are none. */
export function mean(values: readonly number[]): number {
  let sum = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      sum += v;
      n++;
    }
  }
  return n === 0 ? Number.NaN : sum / n;
}

/** Sample variance (n - 1 denominator) of the finite values; NaN with fewer than 2 values. */
export function sampleVariance(values: readonly number[]): number {
  const m = mean(values);
  let ss = 0;
  let n = 0;
  for (const v of values) {
    if (Number.isFinite(v)) {
      ss += (v - m) * (v - m);
      n++;
    }
  }
  return n < 2 ? Number.NaN : ss / (n - 1);
}

/** Median of the finite values (NaN when there are none). Does not modify the input. */
export function median(values: readonly number[]): number {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  const n = xs.length;
  if (n === 0) return Number.NaN;
  const mid = n >> 1;
  return n % 2 === 1 ? xs[mid] : 0.5 * (xs[mid - 1] + xs[mid]);
}

/** Linear-interpolation quantile (type 7, as R's default) of the finite values, q in [0, 1]. */
export function quantile(values: readonly number[], q: number): number {
  const xs = values.filter((v) => Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return Number.NaN;
  const h = (xs.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(h);
  const hi = Math.ceil(h);
  return xs[lo] + (h - lo) * (xs[hi] - xs[lo]);
}

/** Median absolute deviation from the median (raw, not scaled). */
export function medianAbsoluteDeviation(values: readonly number[]): number {
  const m = median(values);
  if (Number.isNaN(m)) return Number.NaN;
  return median(values.filter((v) => Number.isFinite(v)).map((v) => Math.abs(v - m)));
}

/**
 * Robust noise sigma from the MAD of first differences: sigma = 1.4826 * MAD(diff) / sqrt(2).
 * Level shifts only touch one difference each, so the estimate is barely affected by them
 * (the usual noise estimate for change-point penalties). Nulls/non-finite values are skipped.
 */
export function estimateSigmaFromDifferences(values: readonly number[]): number {
  const diffs: number[] = [];
  let prev = Number.NaN;
  for (const v of values) {
    if (!Number.isFinite(v)) continue;
    if (Number.isFinite(prev)) diffs.push(v - prev);
    prev = v;
  }
  if (diffs.length === 0) return Number.NaN;
  return (MAD_TO_SIGMA * medianAbsoluteDeviation(diffs)) / Math.SQRT2;
}

/** E[min(Z^2, c^2)] for Z ~ N(0, 1): the variance of a standard normal winsorized at +-c. */
export function winsorizedNormalVariance(c: number): number {
  const inside = 2 * normalCdf(c) - 1 - 2 * c * normalPdf(c);
  return inside + c * c * 2 * normalCdf(-c);
}

/**
 * Robust, efficient scale of residuals (expected to be centred near 0): starts from the scaled MAD,
 * then takes the root mean square of the residuals winsorized at +-`clip` MAD-sigmas, corrected to be consistent
 * for the normal (about 90 % efficient versus 37 % for the MAD alone). Falls back to the plain
 * standard deviation around the median when the MAD is 0 (mostly-constant data); returns 0 for constant data.
 */
export function estimateRobustScale(residuals: readonly number[], clip = 2.5): number {
  const xs = residuals.filter((v) => Number.isFinite(v));
  if (xs.length === 0) return Number.NaN;
  const madSigma = MAD_TO_SIGMA * medianAbsoluteDeviation(xs);
  if (!(madSigma > 0)) {
    const m = median(xs);
    let ss = 0;
    for (const x of xs) ss += (x - m) * (x - m);
    return Math.sqrt(ss / xs.length);
  }
  const bound = clip * madSigma;
  let ss = 0;
  for (const x of xs) {
    const c = x > bound ? bound : x < -bound ? -bound : x;
    ss += c * c;
  }
  return Math.sqrt(ss / xs.length / winsorizedNormalVariance(clip));
}

/** Clamps every finite value to [lower, upper]; non-finite values pass through unchanged. */
export function winsorize(values: readonly number[], lower: number, upper: number): number[] {
  return values.map((v) => (Number.isFinite(v) ? Math.min(upper, Math.max(lower, v)) : v));
}

/**
 * Hampel filter: replaces a point by the median of its centred window (half-width `halfWindow`)
 * when it deviates from that median by more than `threshold` robust sigmas, where sigma is
 * `sigma` if given, else the scaled MAD of the window. Returns the cleaned values and the
 * replaced indices. Non-finite values are kept as they are and ignored in the windows.
 */
export function applyHampelFilter(
  values: readonly number[],
  halfWindow = 3,
  threshold = 3.5,
  sigma?: number,
): { values: number[]; outliers: number[] } {
  const out = values.slice();
  const outliers: number[] = [];
  const window: number[] = [];
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (!Number.isFinite(v)) continue;
    window.length = 0;
    for (let j = Math.max(0, i - halfWindow); j <= Math.min(values.length - 1, i + halfWindow); j++) {
      if (Number.isFinite(values[j])) window.push(values[j]);
    }
    if (window.length < 3) continue;
    const m = median(window);
    const s = sigma ?? MAD_TO_SIGMA * medianAbsoluteDeviation(window);
    if (s > 0 && Math.abs(v - m) > threshold * s) {
      out[i] = m;
      outliers.push(i);
    }
  }
  return { values: out, outliers };
}
