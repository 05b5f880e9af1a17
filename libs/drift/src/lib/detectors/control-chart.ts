import { ControlChartRule } from '../drift.types';

export interface RuleViolation {
  readonly rule: ControlChartRule;
  /** +1 above the centre line / increasing, -1 below / decreasing. */
  readonly side: 1 | -1;
  /** How many of the most recent points make up the violating run (the run starts that many points back). */
  readonly runLength: number;
}

/**
 * Checks the classic individuals-chart run rules (Western Electric) on the latest standardised
 * residuals. `recent` holds the most recent z-values, oldest first (the last one is the new point);
 * only rules completed by the new point are reported, the first matching rule in `rules` order wins:
 * - beyond_3_sigma: the new point beyond 3 sigma (ARL0 370 alone);
 * - two_of_three_beyond_2_sigma: 2 of the last 3 beyond 2 sigma on the same side, the new one included;
 * - eight_on_one_side: the last 8 on the same side of the centre line;
 * - six_trending: the last 6 steadily increasing or decreasing.
 * All four together have ARL0 ~ 90 on independent normal data, which is why the default combination
 * does not use them for alerting (see DEFAULT_DRIFT_SETTINGS).
 */
export function checkControlChartRules(
  recent: readonly number[],
  rules: readonly ControlChartRule[],
): RuleViolation | null {
  const n = recent.length;
  if (n === 0) return null;
  const last = recent[n - 1];
  for (const rule of rules) {
    switch (rule) {
      case 'beyond_3_sigma':
        if (Math.abs(last) > 3) return { rule, side: last > 0 ? 1 : -1, runLength: 1 };
        break;
      case 'two_of_three_beyond_2_sigma': {
        if (n < 2 || Math.abs(last) <= 2) break;
        const side = last > 0 ? 1 : -1;
        let count = 0;
        let first = 0;
        for (let k = 1; k <= Math.min(3, n); k++) {
          if (recent[n - k] * side > 2) {
            count++;
            first = k;
          }
        }
        if (count >= 2) return { rule, side, runLength: first };
        break;
      }
      case 'eight_on_one_side': {
        if (n < 8 || last === 0) break;
        const side = last > 0 ? 1 : -1;
        let ok = true;
        for (let k = 1; k <= 8 && ok; k++) ok = recent[n - k] * side > 0;
        if (ok) return { rule, side, runLength: 8 };
        break;
      }
      case 'six_trending': {
        if (n < 6) break;
        let up = true;
        let down = true;
        for (let k = n - 5; k < n; k++) {
          up = up && recent[k] > recent[k - 1];
          down = down && recent[k] < recent[k - 1];
        }
        if (up || down) return { rule, side: up ? 1 : -1, runLength: 6 };
        break;
      }
    }
  }
  return null;
}
