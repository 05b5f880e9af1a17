import { DriftSettings } from './drift.types';

/**
 * Default tuning of the combination (evaluateSeries), for daily KPI series without per-series
 * tuning. In-control average run lengths (ARL0: points between false alarms when nothing changed)
 * are quoted for known parameters and independent normal residuals (simulated with the winsorizing
 * at clipZ). Real series have estimated parameters, uneven weekday noise and autocorrelation, which
 * shorten run lengths a lot; the screen is therefore set far above the textbook ARL0 ~ 500 and the
 * confirmation stage removes most of what remains. Measured on the labelled benchmark
 * (tests/bench/drift): about 0.04 false alarms per 1,000 in-control points, i.e. one per ~25,000
 * daily points, roughly one per 70 years per series (or ~0.4 per day over 10,000 series).
 * Tuned on that benchmark; the standalone detectors keep the classic
 * textbook settings (CLASSIC_*).
 */
export const DEFAULT_DRIFT_SETTINGS: DriftSettings = {
  detectors: ['cusum', 'variance'],
  locateStart: 'refine',
  baselineSeasons: 8,
  baselinePointsWithoutSeason: 30,
  minBaselinePoints: 14,
  // Two-sided tabular CUSUM as the screening stage, k = 0.5 sigma (optimal for a 1 sigma shift),
  // h = 8: ARL0 ~ 9,400 two-sided (18,700 per side; Siegmund's approximation agrees), ~16.5 points to
  // flag a 1 sigma shift, ~6 for 2 sigma. h = 5, 6, 7 gave clearly lower F1 on the benchmark.
  cusum: { k: 0.5, h: 8 },
  // EWMA lambda = 0.1, L = 2.814: ARL0 = 500 (Lucas & Saccucci 1990).
  ewma: { lambda: 0.1, limit: 2.814 },
  controlChart: {
    rules: ['beyond_3_sigma', 'two_of_three_beyond_2_sigma', 'eight_on_one_side', 'six_trending'],
  },
  // Mann-Kendall on the trailing 56 residuals (8 weeks: a 0.05 sd/day ramp gives z ~ 5.8, a 28-point
  // window only ~ 1.8), one-sided alpha 0.0005 per evaluation since the test is repeated every point.
  mannKendall: { window: 56, alpha: 0.0005 },
  // |z| CUSUM for a doubled (halved) sd: ARL0 > 100,000 both ways with known sigma (simulated), ~19
  // points to flag a doubled sd, ~40 a halved one. Estimated sigmas make it far more trigger-happy,
  // hence the high setting.
  variance: { ratioUp: 2, hUp: 7, ratioDown: 2, hDown: 8 },
  // One week of fresh points must confirm a change at 1.5 standard errors; 6 standard errors confirm
  // at once (big steps are reported 2-3 points after they start).
  confirmation: { points: 7, z: 1.5, fastZ: 6 },
  outliers: { suspectZ: 3.5, confirmZ: 2, clipZ: 4 },
  levelShiftSigma: 2,
  regimeWarmup: 14,
  minTrendPoints: 10,
  statusHorizon: 90,
  historyLength: 180,
  sigmaRefinePointsPerSlot: 52,
};

/**
 * Classic single-detector parameters, used by the standalone detectors (detectCusumShift ...):
 * CUSUM k = 0.5, h = 5: ARL0 ~ 465 two-sided (Montgomery, table 9.3; simulated 917 per side), ~10
 * points for a 1 sigma shift. The EWMA default (lambda 0.1, L 2.814) is likewise ARL0 = 500.
 */
export const CLASSIC_CUSUM = { k: 0.5, h: 5 } as const;
/** Standalone variance detector: sd x 1.5 / 1.5, h = 7 up (ARL0 ~ 6,000) and 8 down (ARL0 ~ 11,000), simulated. */
export const CLASSIC_VARIANCE = { ratioUp: 1.5, hUp: 7, ratioDown: 1.5, hDown: 8 } as const;

/** At most this many evidence indices are kept per finding. */
export const MAX_EVIDENCE_INDICES = 30;
/** At most this many outlier indices are kept in the state. */
export const MAX_OUTLIER_INDICES = 50;
/** A seasonal slot needs this many baseline points to get its own effect. */
export const MIN_POINTS_PER_SEASON_SLOT = 3;
/** Dates whose median spacing is at most this many days count as daily. */
export const DAILY_MAX_MEDIAN_GAP_DAYS = 1.5;
/** Prior weight (points) of the pooled sigma when estimating each slot's sigma from the baseline. */
export const SIGMA_PRIOR_POINTS_PER_SLOT = 8;
/** Residuals are winsorized at this many sigmas when estimating / refining the noise. */
export const SIGMA_WINSOR_Z = 2.5;
/** Bounds of the estimated sd ratio after a variance change. */
export const VARIANCE_RATIO_MIN = 0.2;
export const VARIANCE_RATIO_MAX = 5;
/** Relative floor of the noise sigma (constant series), and absolute floor. */
export const SIGMA_FLOOR_RELATIVE = 1e-6;
export const SIGMA_FLOOR_ABSOLUTE = 1e-12;
/** Log scale is used when every baseline value is positive and the smallest is at least this share of the median. */
export const LOG_SCALE_MIN_RATIO_TO_MEDIAN = 0.05;
