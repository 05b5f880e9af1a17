/** Whether a rise of the KPI is good ('higher') or bad ('lower'). */
export type BetterWhen = 'higher' | 'lower';

/** One KPI series to evaluate. Values are in time order; null means no data for that period. */
export interface SeriesInput {
  readonly values: readonly (number | null)[];
  /** ISO dates (yyyy-mm-dd, a time part is ignored), one per value, may be irregularly spaced. */
  readonly dates?: readonly string[];
  readonly betterWhen: BetterWhen;
  /** Number of valid (non-null) points used as the in-control baseline (default 8 seasons, see settings). */
  readonly baselineLength?: number;
  /** Season length in points; default 7 (weekday profile) when the dates are daily, none otherwise. */
  readonly seasonPeriod?: number;
}

/** The sequential detectors the series monitor can run (see DEFAULT_DRIFT_SETTINGS). */
export type MonitorDetectorName = 'cusum' | 'ewma' | 'control_chart' | 'mann_kendall' | 'variance';
/** Every detector that can produce a finding. */
export type DetectorName = MonitorDetectorName | 'change_point';

export type FindingKind = 'level_shift' | 'small_shift' | 'trend' | 'rule_violation' | 'variance_change';
export type FindingDirection = 'adverse' | 'favourable';

/** Classic individuals-chart run rules (Western Electric). */
export type ControlChartRule =
  'beyond_3_sigma' | 'two_of_three_beyond_2_sigma' | 'eight_on_one_side' | 'six_trending';

/** A change found in a series. Improvements are findings too, with direction 'favourable'. */
export interface DriftFinding {
  readonly detector: DetectorName;
  readonly kind: FindingKind;
  readonly direction: FindingDirection;
  /** Index of the first point of the new regime ("since when"). */
  readonly startIndex: number;
  /** ISO date of startIndex when the input had dates. */
  readonly startDate?: string;
  /** Index of the point at which the detector raised the finding (alarmIndex - startIndex = delay). */
  readonly alarmIndex: number;
  /**
   * Relative change versus the level before the change, e.g. -0.08 = 8 % lower (for variance
   * changes: relative change of the noise standard deviation). 0 when the old level is 0.
   */
  readonly magnitude: number;
  /** Change in the KPI's own unit (seasonally adjusted level after minus before). */
  readonly absoluteChange: number;
  /** Size of the change in noise standard deviations (|change| / sigma); for variance: sd ratio. */
  readonly score: number;
  /** Indices of the points that show the change (capped at 30, most recent kept). */
  readonly evidenceIndices: readonly number[];
  /** One short English sentence. */
  readonly reason: string;
  /** Control-chart rule that fired (rule_violation findings). */
  readonly rule?: ControlChartRule;
  /** Trend findings: Sen's slope, relative change per point (per day with daily dates). */
  readonly slopePerPoint?: number;
  /** Trend findings: one-sided Mann-Kendall p-value of the points since startIndex. */
  readonly pValue?: number;
}

export type SeriesStatus = 'in_control' | 'drifting' | 'improving' | 'insufficient_data';

/** Result of evaluating one series. */
export interface SeriesEvaluation {
  /**
   * drifting: the current regime (level/trend, and noise level) was opened by an adverse finding that
   * started within the last statusHorizon points (default 90), or by an adverse trend that is still
   * going on; improving: the same with a favourable finding (and nothing adverse current);
   * in_control: neither (older shifts are the new normal); insufficient_data: no baseline yet.
   */
  readonly status: SeriesStatus;
  readonly findings: readonly DriftFinding[];
  /** Sorted 0-based indices where a new regime starts (start of each finding, de-duplicated). */
  readonly changepoints: readonly number[];
  /** Number of points seen (including nulls). */
  readonly pointsSeen: number;
  /** Baseline learned from the first valid points (null while still learning). */
  readonly baseline: BaselineSummary | null;
  /** Points set aside as isolated outliers (most recent 50). */
  readonly outlierIndices: readonly number[];
}

export interface BaselineSummary {
  /** Seasonally adjusted level of the baseline in KPI units. */
  readonly level: number;
  /** Noise standard deviation in KPI units (approximate for log-scale series). */
  readonly sigma: number;
  /** 'log' when the series is positive and analysed on the log scale (relative changes). */
  readonly scale: 'log' | 'linear';
  /** Season length used (0 when no seasonal adjustment). */
  readonly seasonPeriod: number;
  /** Seasonal effect per slot (weekday Monday..Sunday for daily dates), as factors (log) or offsets (linear). */
  readonly seasonalEffects: readonly number[];
  /** Number of valid points the baseline was learned from. */
  readonly points: number;
}

/** Tuning of the detectors. Every field has a documented default (DEFAULT_DRIFT_SETTINGS). */
export interface DriftSettings {
  /** Sequential detectors that may raise findings. */
  readonly detectors: readonly MonitorDetectorName[];
  /**
   * How to estimate "since when" after an alarm: 'refine' fits a step (best single split, the
   * binary-segmentation step) and a hinge (ramp) to the points of the current regime and keeps the
   * better one, which also decides level shift vs trend; 'native' uses each detector's own estimate.
   */
  readonly locateStart: 'refine' | 'native';
  /** Baseline length in seasons when the input gives none (8 weeks for daily data). */
  readonly baselineSeasons: number;
  /** Baseline length in points when there is no season. */
  readonly baselinePointsWithoutSeason: number;
  /** Smallest baseline accepted (points). */
  readonly minBaselinePoints: number;
  readonly cusum: { readonly k: number; readonly h: number };
  readonly ewma: { readonly lambda: number; readonly limit: number };
  readonly controlChart: { readonly rules: readonly ControlChartRule[] };
  readonly mannKendall: { readonly window: number; readonly alpha: number };
  /**
   * Variance CUSUM on |z| (bounded influence): detects sd x ratioUp (adverse) and sd / ratioDown
   * (favourable); reference values halfway between E|z| before and after.
   */
  readonly variance: {
    readonly ratioUp: number;
    readonly hUp: number;
    readonly ratioDown: number;
    readonly hDown: number;
  };
  /**
   * Two-stage confirmation of mean changes: after an alarm the change stays tentative until
   * `points` fresh points confirm it (their mean deviation from the old level, in standard errors,
   * is at least z in the alarm's direction); changes whose evidence already reaches fastZ standard
   * errors are reported at once. points = 0 reports every alarm immediately.
   */
  readonly confirmation: { readonly points: number; readonly z: number; readonly fastZ: number };
  /**
   * Outlier handling on standardised residuals z: |z| > suspectZ is held back and dropped unless the
   * next valid point confirms it (same side, |z| >= confirmZ); every z is winsorized at clipZ.
   */
  readonly outliers: { readonly suspectZ: number; readonly confirmZ: number; readonly clipZ: number };
  /** Shifts of at least this many sigmas are 'level_shift', smaller ones 'small_shift'. */
  readonly levelShiftSigma: number;
  /** After a change, the new regime learns its level for this many points before its statistics arm. */
  readonly regimeWarmup: number;
  /** A ramp needs at least this many points after its start to be called a trend. */
  readonly minTrendPoints: number;
  /** Findings starting within the last statusHorizon points decide the status. */
  readonly statusHorizon: number;
  /** Points kept in the state for locating changes (bounded memory per series). */
  readonly historyLength: number;
  /**
   * The noise variance of each seasonal slot is refined online as a running mean of winsorized
   * squared residuals, with at most this weight (points per slot); 0 keeps the baseline estimate.
   */
  readonly sigmaRefinePointsPerSlot: number;
}

/** Recursive partial, for overriding a few settings. */
export type DriftSettingsOverrides = {
  readonly [K in keyof DriftSettings]?: DriftSettings[K] extends readonly unknown[]
    ? DriftSettings[K]
    : DriftSettings[K] extends object
      ? Partial<DriftSettings[K]>
      : DriftSettings[K];
};
