import { CLASSIC_CUSUM, CLASSIC_VARIANCE } from './drift.constants';
import { DriftSettings, DriftSettingsOverrides, SeriesEvaluation, SeriesInput } from './drift.types';
import { createSeriesState, getSeriesResult } from './monitor/series-state';

/**
 * The default drift evaluation of one KPI series: runs the recommended detectors with settings that
 * need no per-series tuning (DEFAULT_DRIFT_SETTINGS) and returns the combined result.
 *
 * Pipeline (see monitor/series-state.ts for the details):
 * 1. Baseline from the first 8 weeks of valid daily points: log scale for positive series, weekday
 *    profile from medians, robust (winsorized) noise sigma per weekday, AR(1) coefficient.
 * 2. Every later point: self-starting standardised residual against the current regime, prewhitened
 *    for autocorrelation; an isolated extreme day is held back and dropped (Hampel-like, confirmed
 *    by the next point); noise sigma refined online.
 * 3. Screening: two-sided CUSUM (k = 0.5, h = 8) for level shifts, small persistent shifts and
 *    trends, and a |z| CUSUM for variance changes. Which one it is (mean shift or variance increase)
 *    is decided by likelihood over the regime's residuals, not by which statistic fired first.
 * 4. "Since when": the better of a best single split (one binary-segmentation step) and a hinge
 *    (ramp) fit over the regime; a ramp becomes a 'trend' finding with Sen's slope and a Mann-Kendall
 *    p-value, and a same-direction shift that continues a ramp is merged into one trend.
 * 5. Confirmation: unless the evidence is already strong, a change is reported only when the next 7
 *    points confirm it (their mean at 1.5 standard errors, Welch-like); otherwise it is dropped.
 *    Then the regime restarts at the change and learns its level for 14 points before re-arming.
 *
 * Never throws: nulls are skipped, irregular dates are handled through the calendar, too few valid
 * points give 'insufficient_data', constant series give 'in_control'. Equivalent to
 * getSeriesResult(createSeriesState(input, settings)); see appendPoint for the incremental API.
 */
export function evaluateSeries(input: SeriesInput, settings?: DriftSettingsOverrides): SeriesEvaluation {
  return getSeriesResult(createSeriesState(input, settings));
}

/**
 * The standalone detectors share the robust preprocessing of the monitor (baseline, seasonal and
 * outlier handling, self-starting residuals) but report every alarm at once with their own estimate
 * of the start: no confirmation stage and no start refinement.
 */
const STANDALONE: DriftSettingsOverrides = { locateStart: 'native', confirmation: { points: 0 } };

/**
 * Two-sided tabular CUSUM on the seasonally adjusted, outlier-robust residuals (Page 1954):
 * S+ = max(0, S+ + z - k), S- = max(0, S- - z - k), alarm when either exceeds h. Defaults k = 0.5,
 * h = 5: ARL0 ~ 465 (two-sided), about 10 points to detect a 1 sigma shift. "Since when" is the
 * point where the alarming sum last left 0.
 */
export function detectCusumShift(
  input: SeriesInput,
  options: Partial<DriftSettings['cusum']> = {},
): SeriesEvaluation {
  return evaluateSeries(input, {
    ...STANDALONE,
    detectors: ['cusum'],
    cusum: { ...CLASSIC_CUSUM, ...options },
  });
}

/**
 * EWMA chart on the residuals (Roberts 1959): e_t = lambda z_t + (1 - lambda) e_{t-1}, alarm when
 * |e_t| > L sqrt(lambda / (2 - lambda) (1 - (1 - lambda)^(2t))). Defaults lambda = 0.1, L = 2.814:
 * ARL0 = 500 (Lucas & Saccucci 1990). "Since when" is the last crossing of the centre line.
 */
export function detectEwmaShift(
  input: SeriesInput,
  options: Partial<DriftSettings['ewma']> = {},
): SeriesEvaluation {
  return evaluateSeries(input, { ...STANDALONE, detectors: ['ewma'], ewma: options });
}

/**
 * Individuals control chart with limits from the baseline (centre = regime level, sigma = robust
 * baseline sigma) and the classic run rules (see checkControlChartRules). Findings are
 * 'rule_violation's starting at the first point of the violating run.
 */
export function detectControlChartViolations(
  input: SeriesInput,
  options: Partial<DriftSettings['controlChart']> = {},
): SeriesEvaluation {
  return evaluateSeries(input, { ...STANDALONE, detectors: ['control_chart'], controlChart: options });
}

/**
 * Gradual trends: Mann-Kendall test over the trailing `window` residuals (updated in O(window) per
 * point), alarm when the one-sided p-value is below alpha (defaults 56 points, alpha 0.0005 per
 * evaluation, since the test is repeated every point). The start comes from a hinge fit within the
 * window; the finding reports Sen's slope of the points since the start.
 */
export function detectMannKendallTrend(
  input: SeriesInput,
  options: Partial<DriftSettings['mannKendall']> = {},
): SeriesEvaluation {
  return evaluateSeries(input, { ...STANDALONE, detectors: ['mann_kendall'], mannKendall: options });
}

/**
 * Variance changes: a CUSUM of |z| (bounded influence: one bad day adds at most clipZ - k), for an
 * sd x ratioUp (adverse) and sd / ratioDown (favourable): S = max(0, S + |z| - k) with k halfway
 * between E|z| = sqrt(2/pi) in control and after the change. Defaults r = 1.5; h = 7 up (ARL0 ~
 * 6000, ~13 points for a doubled sd) and h = 8 down (ARL0 ~ 11000). The noise sigma is rescaled at
 * the change and re-learned from the points after it.
 */
export function detectVarianceChange(
  input: SeriesInput,
  options: Partial<DriftSettings['variance']> = {},
): SeriesEvaluation {
  return evaluateSeries(input, {
    ...STANDALONE,
    detectors: ['variance'],
    variance: { ...CLASSIC_VARIANCE, ...options },
  });
}
