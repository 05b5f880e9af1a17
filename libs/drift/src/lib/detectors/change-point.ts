/** Best single mean change of a segment (one step of binary segmentation). */
export interface SplitResult {
  /** Position of the first point of the right part (from < index < to). */
  readonly index: number;
  /** Reduction of the sum of squared errors: n_l n_r / n (mean_r - mean_l)^2. */
  readonly gain: number;
  readonly leftMean: number;
  readonly rightMean: number;
}

/**
 * Finds the split of y[from, to) into two constant-mean parts that reduces the squared error most
 * (equivalently, the maximum of the CUSUM-of-deviations statistic). `direction` +1/-1 only accepts
 * splits where the right mean is higher/lower. Parts have at least `minSize` points. O(n).
 * Returns null when no admissible split exists.
 */
export function findBestSplit(
  y: ArrayLike<number>,
  from: number,
  to: number,
  minSize = 1,
  direction: 0 | 1 | -1 = 0,
): SplitResult | null {
  const n = to - from;
  if (n < 2 * minSize) return null;
  let total = 0;
  for (let i = from; i < to; i++) total += y[i];
  let left = 0;
  let best: SplitResult | null = null;
  for (let i = from; i < to - minSize; i++) {
    left += y[i];
    const nl = i - from + 1;
    if (nl < minSize) continue;
    const nr = n - nl;
    const ml = left / nl;
    const mr = (total - left) / nr;
    const d = mr - ml;
    if (direction !== 0 && d * direction <= 0) continue;
    const gain = ((nl * nr) / n) * d * d;
    if (best === null || gain > best.gain) best = { index: i + 1, gain, leftMean: ml, rightMean: mr };
  }
  return best;
}

export interface BinarySegmentationOptions {
  /** Minimum SSE reduction for a split, in squared units of y (e.g. beta * sigma^2 * log n). */
  readonly penalty: number;
  /** Minimum number of points per segment. */
  readonly minSegmentLength: number;
  /** Stop after this many change points. */
  readonly maxChangepoints?: number;
}

/**
 * Binary segmentation for changes in the mean (Scott & Knott 1974; Vostrikova 1981): split the
 * segment at its best single change while the SSE reduction exceeds `penalty`, then recurse on both
 * parts. With penalty = beta * sigma^2 * ln(n) this is the penalised-likelihood (SIC/BIC-type)
 * criterion with known noise sigma. O(n log n) for few changes. Returns sorted positions where a
 * new segment starts. y must be finite.
 */
export function segmentByBinarySegmentation(
  y: ArrayLike<number>,
  options: BinarySegmentationOptions,
): number[] {
  const { penalty, minSegmentLength } = options;
  const maxChangepoints = options.maxChangepoints ?? Number.POSITIVE_INFINITY;
  const changepoints: number[] = [];
  const stack: [number, number][] = [[0, y.length]];
  while (stack.length > 0 && changepoints.length < maxChangepoints) {
    const [from, to] = stack.pop() as [number, number];
    const split = findBestSplit(y, from, to, minSegmentLength);
    if (split === null || !(split.gain > penalty)) continue;
    changepoints.push(split.index);
    stack.push([from, split.index], [split.index, to]);
  }
  return changepoints.sort((a, b) => a - b);
}

/** Best "hinge" (broken-stick) fit: flat until the hinge, then a straight line with the fitted slope. */
export interface HingeFit {
  /** Position of the hinge point (last point of the flat part); the ramp starts at index + 1. */
  readonly index: number;
  readonly slope: number;
  /** Fitted level at the hinge. */
  readonly level: number;
  readonly sse: number;
}

/**
 * Fits y_i = a + b * max(0, t_i - t_k) for every hinge k and keeps the least-squares best, in O(n)
 * with suffix sums. `direction` restricts the sign of b; at least `minAfter` points must lie after
 * the hinge and at least `minBefore` before or at it. Returns null when nothing qualifies.
 */
export function fitHinge(
  t: ArrayLike<number>,
  y: ArrayLike<number>,
  minAfter = 2,
  direction: 0 | 1 | -1 = 0,
  minBefore = 1,
): HingeFit | null {
  const n = y.length;
  if (n < minAfter + minBefore) return null;
  let sy = 0;
  let syy = 0;
  for (let i = 0; i < n; i++) {
    sy += y[i];
    syy += y[i] * y[i];
  }
  const sst = syy - (sy * sy) / n;
  // Suffix sums over i > k (points strictly after the hinge have h > 0).
  let cnt = 0;
  let st = 0;
  let stt = 0;
  let sY = 0;
  let stY = 0;
  let best: HingeFit | null = null;
  for (let k = n - 1; k >= minBefore - 1; k--) {
    if (k < n - 1) {
      const i = k + 1;
      cnt++;
      st += t[i];
      stt += t[i] * t[i];
      sY += y[i];
      stY += t[i] * y[i];
    }
    if (cnt < minAfter) continue;
    const tk = t[k];
    const sh = st - tk * cnt;
    const shh = stt - 2 * tk * st + tk * tk * cnt;
    const shy = stY - tk * sY;
    const cxx = shh - (sh * sh) / n;
    if (!(cxx > 1e-12)) continue;
    const cxy = shy - (sh * sy) / n;
    const b = cxy / cxx;
    if (direction !== 0 && b * direction <= 0) continue;
    const sse = sst - (cxy * cxy) / cxx;
    if (best === null || sse < best.sse) {
      const a = (sy - b * sh) / n;
      best = { index: k, slope: b, level: a, sse };
    }
  }
  return best;
}
