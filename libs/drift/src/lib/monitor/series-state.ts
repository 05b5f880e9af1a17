import { MAX_OUTLIER_INDICES, SIGMA_FLOOR_ABSOLUTE, SIGMA_WINSOR_Z } from '../drift.constants';
import {
  DriftSettingsOverrides,
  SeriesEvaluation,
  SeriesInput,
  SeriesStatus,
} from '../drift.types';
import { parseIsoDay } from '../calendar/iso-day';
import { resolveSeriesCalendar, seasonSlot } from '../calendar/series-calendar';
import { normalQuantile } from '../stats/distributions';
import { finishBaseline } from './baseline';
import { freshSources, updateSources } from './detector-statistics';
import { cloneHistoryRing, createHistoryRing, pushHistory } from './history-ring';
import { DETECTOR_MASK, RULE_WINDOW, SIGMA_WINSOR_VARIANCE } from './monitor.constants';
import { slotIndex, standardize, toScale, updateAutocorrelation } from './noise-model';
import { addToRegime, createRegime, predictRegime, RegimePrediction } from './regime';
import { handleAlarm, updateTentative } from './regime-changes';
import { SeriesState } from './series-state.types';
import { resolveDriftSettings } from './settings';

export type { SeriesState } from './series-state.types';

/*
 * The series monitor: one online (point-by-point) pass shared by every sequential detector and by
 * the default combination. Files of the monitor:
 *   baseline.ts           learning the baseline (scale, weekday profile, per-slot noise, AR(1))
 *   noise-model.ts        standardised residuals, noise and autocorrelation refinement
 *   detector-statistics.ts the O(1) statistics of CUSUM, EWMA, run rules, Mann-Kendall, variance
 *   change-location.ts    "since when" (best split / hinge) and mean-vs-variance classification
 *   regime-changes.ts     alarms -> tentative change -> confirmed finding and new regime
 *   finding-builder.ts    findings and their one-sentence reasons
 *
 * 1. Baseline: the first `baselineLength` valid points. Positive series are analysed on the log
 *    scale (relative changes, multiplicative weekday effects), others as they are. Seasonal profile:
 *    median per slot (weekday for daily dates) minus the overall median, centred. Noise: a
 *    winsorized robust scale of the deseasonalized residuals, per slot shrunk towards the pooled
 *    value (weekend days are often noisier), refined online with every in-control residual (running
 *    mean, capped weight). Lag-1 autocorrelation of the residuals, also refined online.
 * 2. Each new valid point is deseasonalized (y) and compared with the prediction of the current
 *    regime: the running mean of its points (self-starting, Hawkins 1987) or a running least-squares
 *    line for a trend regime. z = (y - prediction) / (sigma_slot * sqrt(factor)) is N(0, 1) while
 *    nothing changes, even right after a regime starts; it is prewhitened for AR(1) noise before the
 *    detectors see it.
 * 3. Outliers: |z| > suspectZ is held back; it is dropped as an isolated outlier unless the next
 *    valid point lies on the same side with |z| >= confirmZ (a real jump: both count). All z are
 *    winsorized at clipZ, so one bad day cannot push any statistic far.
 * 4. The enabled detectors update O(1) statistics. An alarm is classified (mean shift or variance
 *    change, by likelihood), "since when" is located (DriftSettings.locateStart) and a new regime
 *    starts there. Unless the evidence is already strong (fastZ), a mean change stays tentative for
 *    `confirmation.points` fresh points and is only reported when they confirm it; otherwise the old
 *    regime is restored. Screening with CUSUM and confirming with data the screen did not select
 *    removes most false alarms and the cascades a biased new level would cause. A new regime learns
 *    its level for `regimeWarmup` points before the detectors re-arm.
 *
 * The state is plain JSON-serialisable data, so an engine can store it between runs.
 * evaluateSeries(input) is createSeriesState(input) followed by getSeriesResult, and appending the
 * points one at a time gives exactly the same findings as evaluating the whole series at once.
 */

/** Scratch prediction reused on the hot path (no allocation per point; nothing survives a call). */
const scratch: RegimePrediction = { mean: 0, factor: 1 };

/**
 * Builds the incremental state of a series from all its points (the full evaluation).
 * Cost O(n) for the default detectors (O(n * window) with mann_kendall).
 */
export function createSeriesState(input: SeriesInput, overrides?: DriftSettingsOverrides): SeriesState {
  const { state, values, days } = initialiseSeriesState(input, overrides);
  for (let i = 0; i < values.length; i++) stepSeriesState(state, values[i], days ? days[i] : Number.NaN);
  return state;
}

/** The status of a series after one point, and which finding decides it (index in `findings`, -1 for none). */
export interface SeriesTimelinePoint {
  readonly status: SeriesStatus;
  /** The adverse finding that makes the series drifting, or the favourable one that makes it improving; -1 otherwise. */
  readonly finding: number;
}

/**
 * createSeriesState plus the status after every point: timeline[i] is what getSeriesResult(...).status
 * (and currentStatus) would say after appending point i, exactly as if the points had been appended one
 * at a time, but in one O(n) pass without copying the state. An engine uses it to replay alert hysteresis
 * over a whole history. Findings revised later (a shift merged into a trend) keep their index, so
 * `state.findings[timeline[i].finding]` is the latest version of the finding that decided point i.
 */
export function createSeriesStateWithTimeline(
  input: SeriesInput,
  overrides?: DriftSettingsOverrides,
): { state: SeriesState; timeline: SeriesTimelinePoint[] } {
  const { state, values, days } = initialiseSeriesState(input, overrides);
  const timeline: SeriesTimelinePoint[] = new Array(values.length);
  for (let i = 0; i < values.length; i++) {
    stepSeriesState(state, values[i], days ? days[i] : Number.NaN);
    timeline[i] = currentStatus(state);
  }
  return { state, timeline };
}

function initialiseSeriesState(
  input: SeriesInput,
  overrides?: DriftSettingsOverrides,
): { state: SeriesState; values: readonly (number | null)[]; days: readonly number[] | null } {
  const settings = resolveDriftSettings(overrides);
  const values = Array.isArray(input.values) ? input.values : [];
  const calendar = resolveSeriesCalendar(input);
  const days = calendar.days;
  const period = calendar.period;
  const defaultBaseline =
    period > 0 ? settings.baselineSeasons * period : settings.baselinePointsWithoutSeason;
  const requestedBaseline =
    input.baselineLength !== undefined && Number.isFinite(input.baselineLength)
      ? Math.floor(input.baselineLength)
      : defaultBaseline;
  let mask = 0;
  for (const d of settings.detectors) mask |= DETECTOR_MASK[d] ?? 0;
  const state: SeriesState = {
    type: 'kpi-drift-series-state',
    version: 1,
    settings,
    betterSign: input.betterWhen === 'lower' ? -1 : 1,
    usesDays: days !== null,
    period,
    slotByDay: calendar.slotByDay,
    baselineTarget: Math.max(settings.minBaselinePoints, requestedBaseline),
    mask,
    mkCritical: -normalQuantile(settings.mannKendall.alpha),
    n: 0,
    lastDay: null,
    phase: 'learning',
    learnIndex: [],
    learnTime: [],
    learnSlot: [],
    learnValue: [],
    scale: 'linear',
    logFloor: 0,
    season: [],
    slotVariance: [],
    slotWeight: [],
    sigmaFloor: SIGMA_FLOOR_ABSOLUTE,
    phi: 0,
    arCross: 0,
    arSquares: 0,
    previousIndex: -2,
    previousZ: 0,
    baseline: null,
    regime: createRegime('level', 0, 0),
    src: freshSources(0),
    pending: null,
    tentative: null,
    regimeFinding: -1,
    previousRegime: null,
    hist: createHistoryRing(
      Math.max(settings.historyLength, settings.mannKendall.window + 2, RULE_WINDOW + 1),
    ),
    findings: [],
    outliers: [],
  };
  return { state, values, days };
}

/**
 * Appends one point (the next period) and returns the new state and the evaluation. The input state
 * is not modified. `date` (ISO) is used when the series has dates; without it the next day is assumed.
 * Cost O(1) plus copying the bounded state (historyLength points).
 */
export function appendPoint(
  state: SeriesState,
  value: number | null,
  date?: string,
): { state: SeriesState; result: SeriesEvaluation } {
  const next = cloneSeriesState(state);
  let day = Number.NaN;
  if (next.usesDays) {
    const parsed = date === undefined ? Number.NaN : parseIsoDay(date);
    day = Number.isFinite(parsed) ? parsed : (next.lastDay ?? 0) + 1;
  }
  stepSeriesState(next, value, day);
  return { state: next, result: getSeriesResult(next) };
}

/** A deep copy of the state (plain arrays and objects). */
export function cloneSeriesState(s: SeriesState): SeriesState {
  return {
    ...s,
    learnIndex: s.learnIndex.slice(),
    learnTime: s.learnTime.slice(),
    learnSlot: s.learnSlot.slice(),
    learnValue: s.learnValue.slice(),
    season: s.season.slice(),
    slotVariance: s.slotVariance.slice(),
    slotWeight: s.slotWeight.slice(),
    regime: { ...s.regime },
    src: { ...s.src },
    pending: s.pending ? { ...s.pending } : null,
    tentative: s.tentative
      ? {
          ...s.tentative,
          oldRegime: { ...s.tentative.oldRegime },
          savedPreviousRegime: s.tentative.savedPreviousRegime
            ? { ...s.tentative.savedPreviousRegime }
            : null,
        }
      : null,
    previousRegime: s.previousRegime ? { ...s.previousRegime } : null,
    hist: cloneHistoryRing(s.hist),
    findings: s.findings.slice(),
    outliers: s.outliers.slice(),
  };
}

/** The evaluation of everything the state has seen so far. */
export function getSeriesResult(s: SeriesState): SeriesEvaluation {
  const changepoints = [...new Set(s.findings.map((f) => f.startIndex))].sort((a, b) => a - b);
  return {
    status: computeStatus(s),
    findings: s.findings.slice(),
    changepoints,
    pointsSeen: s.n,
    baseline: s.baseline,
    outlierIndices: s.outliers.slice(),
  };
}

function computeStatus(s: SeriesState): SeriesStatus {
  return currentStatus(s).status;
}

/**
 * The status now and the finding that decides it. Current findings: the latest mean finding and the
 * latest variance finding, each when it started within the last statusHorizon points (a trend whose
 * regime is still the current one stays current whatever its age). drifting when one of them is
 * adverse (the mean finding is named first), improving when one is favourable and none adverse.
 */
export function currentStatus(s: SeriesState): SeriesTimelinePoint {
  if (s.phase === 'learning') return { status: 'insufficient_data', finding: -1 };
  const horizonStart = s.n - s.settings.statusHorizon;
  let lastMean = -1;
  let lastVariance = -1;
  const findings = s.findings;
  for (let i = 0; i < findings.length; i++) {
    if (findings[i].kind === 'variance_change') lastVariance = i;
    else lastMean = i;
  }
  // A trend whose regime is still the current one keeps moving, so it stays current whatever its age.
  const ongoingTrend = lastMean >= 0 && findings[lastMean].kind === 'trend' && s.regime.kind === 'trend';
  const mean =
    lastMean >= 0 && (findings[lastMean].startIndex >= horizonStart || ongoingTrend) ? lastMean : -1;
  const variance = lastVariance >= 0 && findings[lastVariance].startIndex >= horizonStart ? lastVariance : -1;
  for (const direction of ['adverse', 'favourable'] as const) {
    const deciding =
      mean >= 0 && findings[mean].direction === direction
        ? mean
        : variance >= 0 && findings[variance].direction === direction
          ? variance
          : -1;
    if (deciding >= 0) return { status: direction === 'adverse' ? 'drifting' : 'improving', finding: deciding };
  }
  return { status: 'in_control', finding: -1 };
}

/** Advances the state by one point, in place. `day` is NaN when the series has no dates. */
export function stepSeriesState(s: SeriesState, value: number | null | undefined, day: number): void {
  const index = s.n++;
  if (s.usesDays && Number.isFinite(day)) s.lastDay = day;
  if (typeof value !== 'number' || !Number.isFinite(value)) return;
  const time = s.usesDays ? day : index;
  const slot = seasonSlot(s.period, s.slotByDay, index, day);
  if (s.phase === 'learning') {
    s.learnIndex.push(index);
    s.learnTime.push(time);
    s.learnSlot.push(slot);
    s.learnValue.push(value);
    if (s.learnValue.length >= s.baselineTarget) finishBaseline(s);
    return;
  }
  const y = toScale(s, value) - (slot >= 0 ? s.season[slot] : 0);
  const { suspectZ, confirmZ } = s.settings.outliers;
  const z = standardize(s, time, slot, y);
  const pending = s.pending;
  if (pending !== null) {
    s.pending = null;
    if (z * pending.z > 0 && Math.abs(z) >= confirmZ) {
      acceptPoint(s, pending.index, pending.time, pending.slot, pending.y, pending.z);
      acceptPoint(s, index, time, slot, y, standardize(s, time, slot, y));
      return;
    }
    recordOutlier(s, pending.index);
  }
  if (Math.abs(z) > suspectZ) {
    s.pending = { index, time, slot, y, z };
    return;
  }
  acceptPoint(s, index, time, slot, y, z);
}

function recordOutlier(s: SeriesState, index: number): void {
  s.outliers.push(index);
  if (s.outliers.length > MAX_OUTLIER_INDICES) s.outliers.shift();
}

function acceptPoint(s: SeriesState, index: number, time: number, slot: number, y: number, z: number): void {
  const clipZ = s.settings.outliers.clipZ;
  const zc = z > clipZ ? clipZ : z < -clipZ ? -clipZ : z;
  // Prewhitening: e = (z_t - phi z_{t-1}) / sqrt(1 - phi^2) is N(0, 1) and independent under AR(1) noise.
  const adjacent = s.previousIndex === index - 1;
  let e = zc;
  if (adjacent && s.phi > 0) {
    e = (zc - s.phi * s.previousZ) / Math.sqrt(1 - s.phi * s.phi);
    e = e > clipZ ? clipZ : e < -clipZ ? -clipZ : e;
  }
  const warmingUp = s.regime.n < s.settings.regimeWarmup;
  if (adjacent && !warmingUp && s.tentative === null && Math.abs(z) <= s.settings.outliers.suspectZ)
    updateAutocorrelation(s, zc);
  s.previousIndex = index;
  s.previousZ = zc;
  pushHistory(s.hist, index, time, y, e);
  const alarm = warmingUp ? null : updateSources(s, index, e);
  if (alarm !== null) {
    handleAlarm(s, alarm, index);
    return;
  }
  // Winsorized update of the regime and of the slot's noise variance.
  predictRegime(s.regime, time, scratch);
  const k = slotIndex(slot);
  const sd = Math.sqrt(s.slotVariance[k] * scratch.factor);
  const d = y - scratch.mean;
  const bound = clipZ * sd;
  addToRegime(s.regime, time, d > bound ? scratch.mean + bound : d < -bound ? scratch.mean - bound : y);
  const cap = s.settings.sigmaRefinePointsPerSlot;
  if (cap > 0 && !warmingUp && s.tentative === null && Math.abs(z) <= s.settings.outliers.suspectZ) {
    const r = Math.min(SIGMA_WINSOR_Z, Math.abs(zc)) ** 2 / SIGMA_WINSOR_VARIANCE;
    const w = Math.min(s.slotWeight[k] + 1, cap);
    s.slotVariance[k] = Math.max(s.sigmaFloor ** 2, s.slotVariance[k] * (1 + (r - 1) / w));
    s.slotWeight[k] = w;
  }
  if (warmingUp && s.regime.n >= s.settings.regimeWarmup) s.src = freshSources(index + 1);
  if (s.tentative !== null) updateTentative(s, index, y);
}
