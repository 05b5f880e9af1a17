import { MonitorDetectorName } from '../drift.types';
import { winsorizedNormalVariance } from '../stats/robust';
import { SIGMA_WINSOR_Z } from '../drift.constants';

/** Internal constants of the series monitor (the tunable ones are in DriftSettings). */

export const DETECTOR_MASK: Record<MonitorDetectorName, number> = {
  cusum: 1,
  ewma: 2,
  control_chart: 4,
  mann_kendall: 8,
  variance: 16,
};

export const MEAN_DETECTORS_MASK =
  DETECTOR_MASK.cusum | DETECTOR_MASK.ewma | DETECTOR_MASK.control_chart | DETECTOR_MASK.mann_kendall;

export const RULE_WINDOW = 8;

/** E[|Z|] for Z ~ N(0, 1). */
export const MEAN_ABS_NORMAL = Math.sqrt(2 / Math.PI);

export const SIGMA_WINSOR_VARIANCE = winsorizedNormalVariance(SIGMA_WINSOR_Z);

/** Points (evenly spaced) used to describe a trend with Sen's slope and Mann-Kendall. */
export const TREND_SUMMARY_POINTS = 60;

/** Deviations below this (relative) are float round-off and count as exactly 0. */
export const ROUND_OFF = 1e-9;

/** Largest AR(1) coefficient used for prewhitening. */
export const PHI_MAX = 0.8;

/** Pseudo-points of zero autocorrelation in the phi estimate. */
export const AUTOCORRELATION_PRIOR_POINTS = 8;

/** Memory (points) of the running autocorrelation estimate. */
export const AUTOCORRELATION_MEMORY = 365;

/** A hinge (ramp) must fit better than a step by this many sigma^2 to be called a trend. */
export const TREND_PRIOR_SIGMA2 = 2;

/** Fast confirmation needs the post-change points to scatter at most 1.5^2 times the noise variance. */
export const FAST_CONFIRM_MAX_SPREAD = 2.25;
