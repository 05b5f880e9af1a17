import { MAX_EVIDENCE_INDICES, VARIANCE_RATIO_MAX, VARIANCE_RATIO_MIN } from '../drift.constants';
import { findBestSplit, fitHinge } from '../detectors/change-point';
import { formatIsoDay } from '../calendar/iso-day';
import { median } from '../stats/robust';
import { classifyChange, locateMeanChange, rampChange, spreadRatio, sumOfSquares } from './change-location';
import { freshSources } from './detector-statistics';
import { buildMeanFinding, makeFinding, pushMeanFinding } from './finding-builder';
import { collectWindow, HistoryWindow } from './history-ring';
import { DETECTOR_MASK, FAST_CONFIRM_MAX_SPREAD, MEAN_DETECTORS_MASK } from './monitor.constants';
import { fromScale, longRunFactor, pooledSigma } from './noise-model';
import { addToRegime, createRegime, predictRegime, RegimePrediction, RegimeState } from './regime';
import { Alarm, LocatedChange, SeriesState, TentativeChange } from './series-state.types';
import { MonitorDetectorName } from '../drift.types';

/** Alarms turn into findings and new regimes here: classification, confirmation, trends, variance. */

const scratch: RegimePrediction = { mean: 0, factor: 1 };

/**
 * Replaces the current regime by one starting at window position `located.pos`, built from the
 * points seen since then. `previousStart` is the start of the regime the change ends.
 */
export function startRegime(
  s: SeriesState,
  w: HistoryWindow,
  located: LocatedChange,
  previous: RegimeState,
): void {
  const regime = createRegime(
    located.model === 'ramp' ? 'trend' : 'level',
    w.index[located.pos],
    w.time[located.pos],
  );
  const tail = w.y.slice(located.pos);
  const center = median(tail);
  const bound = s.settings.outliers.clipZ * pooledSigma(s);
  for (let i = located.pos; i < w.y.length; i++) {
    const y = regime.kind === 'level' ? Math.min(center + bound, Math.max(center - bound, w.y[i])) : w.y[i];
    addToRegime(regime, w.time[i], y);
  }
  s.regime = regime;
  s.previousRegime = { ...previous };
  s.regimeFinding = -1;
  s.previousIndex = -2;
}

/**
 * Routes an alarm. Mean and variance changes both produce large residuals, so the type is decided by
 * the data, not by which statistic fired first: see classifyChange. A variance alarm while a mean
 * change is tentative cancels it (the excursion came from the larger scatter).
 */
export function handleAlarm(s: SeriesState, alarm: Alarm, t: number): void {
  if (s.tentative !== null) {
    if (alarm.family === 'mean') {
      handleMeanAlarm(s, alarm, t);
      return;
    }
    cancelTentative(s, t);
  }
  const enabledVariance = (s.mask & DETECTOR_MASK.variance) !== 0;
  if (alarm.family === 'variance' && alarm.side < 0) {
    // Less scatter cannot be mistaken for a mean shift.
    handleVarianceAlarm(s, alarm, t);
    return;
  }
  const w = collectWindow(s.hist, s.regime.start);
  const type = enabledVariance ? classifyChange(w.z) : 'mean';
  if (type === 'variance' || (type === null && alarm.family === 'variance')) {
    if (!enabledVariance) return;
    handleVarianceAlarm(
      s,
      alarm.family === 'variance' ? alarm : { ...alarm, family: 'variance', side: 1 },
      t,
    );
  } else {
    let side = alarm.side;
    if (alarm.family === 'variance') {
      let sum = 0;
      for (let i = Math.max(0, w.z.length - 10); i < w.z.length; i++) sum += w.z[i];
      side = sum >= 0 ? 1 : -1;
    }
    if ((s.mask & MEAN_DETECTORS_MASK) === 0) {
      // Only the variance detector runs: a level change is not its finding, but the regime restarts.
      const located = locateMeanChange(s, s.regime, w, side, alarm.source, alarm.nativeStart);
      startRegime(s, w, located, s.regime);
      s.src = freshSources(t + 1);
      return;
    }
    handleMeanAlarm(s, { ...alarm, family: 'mean', side }, t);
  }
}

export function handleMeanAlarm(s: SeriesState, alarm: Alarm, t: number): void {
  const tentative = s.tentative;
  if (tentative !== null) {
    // A second alarm while a change is unconfirmed: the same direction confirms it (the level moved
    // further), the opposite direction means the new level did not hold (cancel). Either way the
    // statistics restart from here.
    if (alarm.side === tentative.side) confirmTentative(s, t);
    else cancelTentative(s, t);
    return;
  }
  if (mergeIntoTrend(s, alarm.side, t)) return;
  const w = collectWindow(s.hist, s.regime.start);
  const located = locateMeanChange(s, s.regime, w, alarm.side, alarm.source, alarm.nativeStart);
  const oldRegime = { ...s.regime };
  const saved = { previousRegime: s.previousRegime, regimeFinding: s.regimeFinding };
  startRegime(s, w, located, oldRegime);
  s.src = freshSources(t + 1);
  const { points, fastZ } = s.settings.confirmation;
  const sigma = pooledSigma(s) * Math.sqrt(longRunFactor(s));
  const spread = spreadRatio(w.y, located.pos, pooledSigma(s));
  // Strong evidence: a shift of fastZ standard errors whose points scatter like the old noise
  // (a variance increase also produces large excursions, with a wide scatter).
  const evidence =
    (Math.abs(located.newLevel - located.preLevel) / sigma) * Math.sqrt(w.y.length - located.pos);
  if (points <= 0 || (evidence >= fastZ && spread <= FAST_CONFIRM_MAX_SPREAD)) {
    pushMeanFinding(s, alarm.source, alarm.side, alarm.rule, located, w, t);
    return;
  }
  s.tentative = {
    source: alarm.source,
    side: alarm.side,
    rule: alarm.rule,
    alarmIndex: t,
    oldRegime,
    savedPreviousRegime: saved.previousRegime,
    savedRegimeFinding: saved.regimeFinding,
    preLevel: located.preLevel,
    seen: 0,
    sumDeviation: 0,
    sumSquaredDeviation: 0,
  };
}

export function updateTentative(s: SeriesState, index: number, y: number): void {
  const tv = s.tentative as TentativeChange;
  const d = y - tv.preLevel;
  tv.seen++;
  tv.sumDeviation += d;
  tv.sumSquaredDeviation += d * d;
  const sigma = pooledSigma(s) * Math.sqrt(longRunFactor(s));
  const { points, z, fastZ } = s.settings.confirmation;
  // Strong evidence from everything since the start (with a normal scatter) confirms at once.
  if (s.regime.kind === 'level' && s.regime.n >= 3) {
    const w = collectWindow(s.hist, s.regime.start);
    const strong = ((s.regime.sumY / s.regime.n - tv.preLevel) * tv.side * Math.sqrt(s.regime.n)) / sigma;
    if (strong >= fastZ && spreadRatio(w.y, 0, pooledSigma(s)) <= FAST_CONFIRM_MAX_SPREAD) {
      confirmTentative(s, index);
      return;
    }
  }
  if (tv.seen < points) return;
  // Fresh points only: one-sided test of their mean deviation, with the larger of the noise sigma
  // and their own scatter (a variance increase must not pass as a shift).
  const mean = tv.sumDeviation / tv.seen;
  const own =
    tv.seen > 1
      ? Math.sqrt(Math.max(0, (tv.sumSquaredDeviation - tv.seen * mean * mean) / (tv.seen - 1)))
      : 0;
  const fresh = (mean * tv.side * Math.sqrt(tv.seen)) / Math.max(sigma, own);
  if (fresh >= z) confirmTentative(s, index);
  else cancelTentative(s, index);
}

/** Reports the tentative change, locating its start again with all points seen so far. */
export function confirmTentative(s: SeriesState, t: number): void {
  const tv = s.tentative as TentativeChange;
  s.tentative = null;
  const w = collectWindow(s.hist, tv.oldRegime.start);
  const located = locateMeanChange(s, tv.oldRegime, w, tv.side, tv.source, s.regime.start);
  startRegime(s, w, located, tv.oldRegime);
  s.src = freshSources(t + 1);
  pushMeanFinding(s, tv.source, tv.side, tv.rule, located, w, t);
}

/** Drops the tentative change: the old regime continues, with the points seen meanwhile. */
export function cancelTentative(s: SeriesState, t: number): void {
  const tv = s.tentative as TentativeChange;
  s.tentative = null;
  const regime = tv.oldRegime;
  const w = collectWindow(s.hist, tv.alarmIndex);
  const clipZ = s.settings.outliers.clipZ;
  const sigma = pooledSigma(s);
  for (let i = 0; i < w.y.length; i++) {
    predictRegime(regime, w.time[i], scratch);
    const bound = clipZ * sigma * Math.sqrt(scratch.factor);
    const d = w.y[i] - scratch.mean;
    addToRegime(
      regime,
      w.time[i],
      d > bound ? scratch.mean + bound : d < -bound ? scratch.mean - bound : w.y[i],
    );
  }
  s.regime = regime;
  s.previousRegime = tv.savedPreviousRegime;
  s.regimeFinding = tv.savedRegimeFinding;
  s.src = freshSources(t + 1);
}

/**
 * A ramp is often first seen as a small shift and then alarms again in the same direction. When the
 * current regime was opened by a same-direction shift and one hinge (a ramp) over the previous and
 * the current regime fits about as well as two steps (BIC: two steps use 2 more parameters,
 * 2 sigma^2 ln n), the earlier finding is revised in place into a trend (keeping its alarm index)
 * and the regime becomes a line. Returns true when it merged.
 */
export function mergeIntoTrend(s: SeriesState, side: 1 | -1, t: number): boolean {
  const previous = s.previousRegime;
  if (
    s.settings.locateStart !== 'refine' ||
    s.regimeFinding < 0 ||
    previous === null ||
    s.regime.kind !== 'level'
  )
    return false;
  const opened = s.findings[s.regimeFinding];
  if (opened.kind !== 'small_shift' && opened.kind !== 'level_shift') return false;
  if (opened.direction !== (side * s.betterSign > 0 ? 'favourable' : 'adverse')) return false;
  const w = collectWindow(s.hist, previous.start);
  const n = w.y.length;
  let cut = 0;
  while (cut < n && w.index[cut] < s.regime.start) cut++;
  if (cut < s.settings.minTrendPoints || n - cut < 2) return false;
  const hinge = fitHinge(w.time, w.y, s.settings.minTrendPoints, side, 2);
  if (hinge === null) return false;
  const before = w.y.slice(0, cut);
  const after = w.y.slice(cut);
  const split = findBestSplit(after, 0, after.length, 1, side);
  const twoStepSse = sumOfSquares(before) + sumOfSquares(after) - (split ? split.gain : 0);
  const sigma = pooledSigma(s);
  if (hinge.sse > twoStepSse + 2 * sigma * sigma * Math.log(n)) return false;
  const findingIndex = s.regimeFinding;
  const located = rampChange(w, hinge);
  if (w.index[located.pos] > opened.alarmIndex) return false;
  startRegime(s, w, located, previous);
  s.findings[findingIndex] = buildMeanFinding(
    s,
    opened.detector as MonitorDetectorName,
    side,
    null,
    located,
    w,
    opened.alarmIndex,
  );
  s.regimeFinding = findingIndex;
  s.src = freshSources(t + 1);
  return true;
}

export function handleVarianceAlarm(s: SeriesState, alarm: Alarm, t: number): void {
  const sigma = pooledSigma(s);
  if (alarm.side < 0 && sigma <= s.sigmaFloor * (1 + 1e-9)) {
    // Already at the noise floor (constant series): nothing can get more stable.
    s.src = freshSources(t + 1);
    return;
  }
  const w = collectWindow(s.hist, s.regime.start);
  const n = w.z.length;
  let pos = 0;
  while (pos < n - 1 && w.index[pos] < alarm.nativeStart) pos++;
  if (s.settings.locateStart === 'refine' && n >= 6) {
    // Maximum-likelihood split of a change in variance: minimise n_l ln(m_l) + n_r ln(m_r), m = mean z^2.
    let total = 0;
    for (const z of w.z) total += z * z;
    let left = 0;
    let best = Number.POSITIVE_INFINITY;
    for (let j = 1; j <= n - 2; j++) {
      left += w.z[j - 1] * w.z[j - 1];
      const ml = Math.max(left / j, 1e-6);
      const mr = Math.max((total - left) / (n - j), 1e-6);
      if ((mr - ml) * alarm.side <= 0) continue;
      const cost = j * Math.log(ml) + (n - j) * Math.log(mr);
      if (cost < best) {
        best = cost;
        pos = j;
      }
    }
  }
  let ss = 0;
  for (let i = pos; i < n; i++) ss += w.z[i] * w.z[i];
  const post = n - pos;
  const ratio = Math.min(VARIANCE_RATIO_MAX, Math.max(VARIANCE_RATIO_MIN, Math.sqrt(ss / post)));
  const level = fromScale(s, s.regime.n > 0 ? s.regime.sumY / s.regime.n : 0);
  const sigmaAbs = s.scale === 'log' ? level * sigma : sigma;
  s.findings.push(
    makeFinding(s, {
      detector: 'variance',
      kind: 'variance_change',
      direction: ratio > 1 ? 'adverse' : 'favourable',
      startIndex: w.index[pos],
      startDate: s.usesDays ? formatIsoDay(w.time[pos]) : undefined,
      alarmIndex: t,
      magnitude: ratio - 1,
      absoluteChange: sigmaAbs * (ratio - 1),
      score: ratio,
      evidenceIndices: w.index.slice(Math.max(pos, n - MAX_EVIDENCE_INDICES)),
    }),
  );
  // Rescale the noise and let it be re-learned quickly from the points since the change.
  const slots = s.slotVariance.length;
  const weight = Math.max(2, Math.round(post / slots));
  for (let k = 0; k < slots; k++) {
    s.slotVariance[k] = Math.max(s.sigmaFloor ** 2, s.slotVariance[k] * ratio * ratio);
    s.slotWeight[k] = Math.min(s.slotWeight[k], weight);
  }
  s.src = freshSources(t + 1);
}
