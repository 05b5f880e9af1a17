/**
 * The model of the current regime: a running mean (level) or a running least-squares line (trend)
 * over the regime's deseasonalized points, kept as sums so that each update is O(1).
 */
export interface RegimeState {
  kind: 'level' | 'trend';
  /** Index of the first point of the regime. */
  start: number;
  /** Time origin of the sums (time of the first point), keeps the sums well conditioned. */
  t0: number;
  n: number;
  sumT: number;
  sumY: number;
  sumTT: number;
  sumTY: number;
}

/** Prediction of a regime at some time: mean and variance factor (1 + parameter uncertainty). */
export interface RegimePrediction {
  mean: number;
  /** Var(y - mean) / sigma^2 under the regime model: 1 + 1/n for a level, plus leverage for a line. */
  factor: number;
}

export function createRegime(kind: 'level' | 'trend', start: number, t0: number): RegimeState {
  return { kind, start, t0, n: 0, sumT: 0, sumY: 0, sumTT: 0, sumTY: 0 };
}

export function addToRegime(r: RegimeState, time: number, y: number): void {
  const t = time - r.t0;
  r.n++;
  r.sumT += t;
  r.sumY += y;
  r.sumTT += t * t;
  r.sumTY += t * y;
}

/**
 * Writes the regime's prediction at `time` into `out` (no allocation on the hot path). An empty
 * regime predicts nothing (factor Infinity). A trend regime with fewer than 3 points, or without
 * spread in time, falls back to its mean.
 */
export function predictRegime(r: RegimeState, time: number, out: RegimePrediction): RegimePrediction {
  const n = r.n;
  if (n === 0) {
    out.mean = 0;
    out.factor = Number.POSITIVE_INFINITY;
    return out;
  }
  const ybar = r.sumY / n;
  if (r.kind === 'trend' && n >= 3) {
    const tbar = r.sumT / n;
    const sxx = r.sumTT - n * tbar * tbar;
    if (sxx > 1e-9) {
      const b = (r.sumTY - n * tbar * ybar) / sxx;
      const dt = time - r.t0 - tbar;
      out.mean = ybar + b * dt;
      out.factor = 1 + 1 / n + (dt * dt) / sxx;
      return out;
    }
  }
  out.mean = ybar;
  out.factor = 1 + 1 / n;
  return out;
}
