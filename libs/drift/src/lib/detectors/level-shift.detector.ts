import {
  DEFAULT_DRIFT_SETTINGS,
  LOG_SCALE_MIN_RATIO_TO_MEDIAN,
  MAX_EVIDENCE_INDICES,
  SIGMA_FLOOR_ABSOLUTE,
  SIGMA_FLOOR_RELATIVE,
} from '../drift.constants';
import { DriftFinding, SeriesEvaluation, SeriesInput, SeriesStatus } from '../drift.types';
import { formatIsoDay } from '../calendar/iso-day';
import { resolveSeriesCalendar, seasonSlot } from '../calendar/series-calendar';
import { describeFinding } from '../monitor/finding-reason';
import { applyHampelFilter, estimateSigmaFromDifferences, median } from '../stats/robust';
import { segmentByBinarySegmentation } from './change-point';

export interface LevelShiftOptions {
  /** Penalty factor beta: a split must reduce the squared error by beta * sigma^2 * ln(n). */
  readonly penaltyFactor: number;
  /** Minimum points per segment. */
  readonly minSegmentLength: number;
  /** Hampel filter threshold (robust sigmas) applied before segmenting. */
  readonly outlierThreshold: number;
  /** Shifts of at least this many sigmas are 'level_shift', smaller ones 'small_shift'. */
  readonly levelShiftSigma: number;
  /** Fewer valid points than this give insufficient_data. */
  readonly minPoints: number;
  /** Change points within the last statusHorizon points decide the status. */
  readonly statusHorizon: number;
}

/**
 * Defaults of {@link detectLevelShifts}: beta = 3 (between SIC's 2 and a conservative 4; a split
 * with known sigma is kept when its likelihood-ratio statistic exceeds 3 ln n, i.e. ~19.8 for
 * n = 730), segments of at least 5 points, Hampel threshold 3.5 robust sigmas.
 */
export const DEFAULT_LEVEL_SHIFT_OPTIONS: LevelShiftOptions = {
  penaltyFactor: 3,
  minSegmentLength: 5,
  outlierThreshold: 3.5,
  levelShiftSigma: DEFAULT_DRIFT_SETTINGS.levelShiftSigma,
  minPoints: DEFAULT_DRIFT_SETTINGS.minBaselinePoints,
  statusHorizon: DEFAULT_DRIFT_SETTINGS.statusHorizon,
};

/**
 * Retrospective level-shift detection ("since when") by binary segmentation of the whole series.
 *
 * Steps: log scale for positive series; weekday (seasonal) profile from the medians per slot over
 * the whole series; noise sigma = 1.4826 MAD(first differences) / sqrt(2), which level shifts barely
 * affect; isolated outliers replaced by a Hampel filter (centred window of 7); then binary
 * segmentation with the penalty beta * sigma^2 * ln(n) chosen from the data. Each change point is a
 * finding comparing the segment after it with the segment before it. The alarm index of every
 * finding is the last point (the method looks at the whole series at once).
 */
export function detectLevelShifts(
  input: SeriesInput,
  options: Partial<LevelShiftOptions> = {},
): SeriesEvaluation {
  const o = { ...DEFAULT_LEVEL_SHIFT_OPTIONS, ...options };
  const values = Array.isArray(input.values) ? input.values : [];
  const n = values.length;
  const calendar = resolveSeriesCalendar(input);
  const positions: number[] = [];
  const raw: number[] = [];
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (typeof v === 'number' && Number.isFinite(v)) {
      positions.push(i);
      raw.push(v);
    }
  }
  const empty = (status: SeriesStatus): SeriesEvaluation => ({
    status,
    findings: [],
    changepoints: [],
    pointsSeen: n,
    baseline: null,
    outlierIndices: [],
  });
  if (raw.length < Math.max(o.minPoints, 2 * o.minSegmentLength)) return empty('insufficient_data');

  const med = median(raw);
  const min = Math.min(...raw);
  const useLog = min > 0 && min >= LOG_SCALE_MIN_RATIO_TO_MEDIAN * med;
  const w = raw.map((v) => (useLog ? Math.log(v) : v));
  const slots = positions.map((i) =>
    seasonSlot(calendar.period, calendar.slotByDay, i, calendar.days ? calendar.days[i] : 0),
  );
  const season = new Array(calendar.period).fill(0);
  if (calendar.period > 0) {
    const overall = median(w);
    const bySlot: number[][] = Array.from({ length: calendar.period }, () => []);
    slots.forEach((s, k) => bySlot[s].push(w[k]));
    const effects = bySlot.map((xs) => (xs.length >= 3 ? median(xs) - overall : Number.NaN));
    const present = effects.filter((e) => Number.isFinite(e));
    const centre = present.length >= 2 ? present.reduce((a, b) => a + b, 0) / present.length : 0;
    effects.forEach((e, k) => (season[k] = present.length >= 2 && Number.isFinite(e) ? e - centre : 0));
  }
  const adjusted = w.map((v, k) => v - (slots[k] >= 0 ? season[slots[k]] : 0));
  let sigma = estimateSigmaFromDifferences(adjusted);
  const floor = Math.max(
    SIGMA_FLOOR_ABSOLUTE,
    useLog ? SIGMA_FLOOR_RELATIVE : SIGMA_FLOOR_RELATIVE * Math.abs(median(adjusted)),
  );
  if (!(sigma > floor)) sigma = floor;
  const cleaned = applyHampelFilter(adjusted, 3, o.outlierThreshold, sigma);
  const y = cleaned.values;
  const cps = segmentByBinarySegmentation(y, {
    penalty: o.penaltyFactor * sigma * sigma * Math.log(y.length),
    minSegmentLength: o.minSegmentLength,
  });

  const bounds = [0, ...cps, y.length];
  const segmentMean = (k: number) => {
    let sum = 0;
    for (let i = bounds[k]; i < bounds[k + 1]; i++) sum += y[i];
    return sum / (bounds[k + 1] - bounds[k]);
  };
  const betterWhen = input.betterWhen === 'lower' ? 'lower' : 'higher';
  const betterSign = betterWhen === 'lower' ? -1 : 1;
  const findings: DriftFinding[] = cps.map((cp, k) => {
    const pre = segmentMean(k);
    const post = segmentMean(k + 1);
    const delta = post - pre;
    const score = Math.abs(delta) / sigma;
    const startIndex = positions[cp];
    const evidence = positions.slice(cp, Math.min(bounds[k + 2], cp + MAX_EVIDENCE_INDICES));
    const base: Omit<DriftFinding, 'reason'> = {
      detector: 'change_point',
      kind: score >= o.levelShiftSigma ? 'level_shift' : 'small_shift',
      direction: delta * betterSign > 0 ? 'favourable' : 'adverse',
      startIndex,
      ...(calendar.days ? { startDate: formatIsoDay(calendar.days[startIndex]) } : {}),
      alarmIndex: n - 1,
      magnitude: useLog ? Math.expm1(delta) : pre !== 0 ? delta / Math.abs(pre) : 0,
      absoluteChange: useLog ? Math.exp(post) - Math.exp(pre) : delta,
      score,
      evidenceIndices: evidence,
    };
    return { ...base, reason: describeFinding(base, betterWhen) };
  });
  const recent = findings.length > 0 ? findings[findings.length - 1] : undefined;
  const status: SeriesStatus =
    recent && recent.startIndex >= n - o.statusHorizon
      ? recent.direction === 'adverse'
        ? 'drifting'
        : 'improving'
      : 'in_control';
  return {
    status,
    findings,
    changepoints: findings.map((f) => f.startIndex),
    pointsSeen: n,
    baseline: null,
    outlierIndices: cleaned.outliers.map((k) => positions[k]),
  };
}
