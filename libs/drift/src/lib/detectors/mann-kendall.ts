import { normalCdf } from '../stats/distributions';

export interface MannKendallResult {
  /** Number of finite values used. */
  readonly n: number;
  /** S = sum over i < j of sign(x_j - x_i). */
  readonly s: number;
  /** Var(S) under no trend, with the tie correction. */
  readonly variance: number;
  /** Normal score with continuity correction: (S - sign(S)) / sqrt(Var S). */
  readonly z: number;
  /** One-sided p-value for an increasing trend. */
  readonly pIncreasing: number;
  /** One-sided p-value for a decreasing trend. */
  readonly pDecreasing: number;
  readonly pTwoSided: number;
}

/** Var(S) of the Mann-Kendall statistic for n values without ties: n(n-1)(2n+5)/18. */
export function mannKendallVariance(n: number): number {
  return (n * (n - 1) * (2 * n + 5)) / 18;
}

/**
 * Mann-Kendall test for a monotonic trend (non-parametric, O(n^2)). Non-finite values are skipped.
 * Var(S) = [n(n-1)(2n+5) - sum over tie groups t(t-1)(2t+5)] / 18; Z uses a continuity correction
 * and the normal approximation (fine from n ~ 10). Fewer than 3 values give p = 1.
 */
export function testMannKendall(values: readonly number[]): MannKendallResult {
  const xs = values.filter((v) => Number.isFinite(v));
  const n = xs.length;
  if (n < 3) return { n, s: 0, variance: 0, z: 0, pIncreasing: 1, pDecreasing: 1, pTwoSided: 1 };
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = xs[i];
    for (let j = i + 1; j < n; j++) s += xs[j] > xi ? 1 : xs[j] < xi ? -1 : 0;
  }
  const sorted = xs.slice().sort((a, b) => a - b);
  let tieTerm = 0;
  for (let i = 0; i < n;) {
    let j = i + 1;
    while (j < n && sorted[j] === sorted[i]) j++;
    const t = j - i;
    if (t > 1) tieTerm += t * (t - 1) * (2 * t + 5);
    i = j;
  }
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 ? (s - Math.sign(s)) / Math.sqrt(variance) : 0;
  const pIncreasing = variance > 0 ? normalCdf(-z) : 1;
  const pDecreasing = variance > 0 ? normalCdf(z) : 1;
  return {
    n,
    s,
    variance,
    z,
    pIncreasing,
    pDecreasing,
    pTwoSided: Math.min(1, 2 * Math.min(pIncreasing, pDecreasing)),
  };
}

/**
 * Sen's slope: the median of the pairwise slopes (x_j - x_i) / (t_j - t_i) over i < j (t_i = i when
 * no times are given, otherwise e.g. day numbers for irregular spacing). Robust to outliers
 * (breakdown ~29 %). Returns 0 with fewer than 2 values.
 */
export function estimateSenSlope(values: readonly number[], times?: readonly number[]): number {
  const n = values.length;
  const slopes = new Float64Array((n * (n - 1)) / 2);
  let m = 0;
  for (let i = 0; i < n - 1; i++) {
    const xi = values[i];
    if (!Number.isFinite(xi)) continue;
    const ti = times ? times[i] : i;
    for (let j = i + 1; j < n; j++) {
      const xj = values[j];
      const dt = (times ? times[j] : j) - ti;
      if (Number.isFinite(xj) && dt !== 0) slopes[m++] = (xj - xi) / dt;
    }
  }
  if (m === 0) return 0;
  const mid = m >> 1;
  const upper = selectKth(slopes, m, mid);
  if (m % 2 === 1) return upper;
  // The lower middle is the largest value left of the upper one after the partition.
  let lower = Number.NEGATIVE_INFINITY;
  for (let k = 0; k < mid; k++) if (slopes[k] > lower) lower = slopes[k];
  return 0.5 * (lower + upper);
}

/** k-th smallest of a[0..n) (Hoare's quickselect, O(n) expected); partially reorders a. */
function selectKth(a: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1];
    let i = lo;
    let j = hi;
    while (i <= j) {
      while (a[i] < pivot) i++;
      while (a[j] > pivot) j--;
      if (i <= j) {
        const t = a[i];
        a[i] = a[j];
        a[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return a[k];
  }
  return a[k];
}
