import {
  LOG_SCALE_MIN_RATIO_TO_MEDIAN,
  MIN_POINTS_PER_SEASON_SLOT,
  SIGMA_FLOOR_ABSOLUTE,
  SIGMA_FLOOR_RELATIVE,
  SIGMA_PRIOR_POINTS_PER_SLOT,
  SIGMA_WINSOR_Z,
} from '../drift.constants';
import { estimateRobustScale, median } from '../stats/robust';
import { freshSources } from './detector-statistics';
import { pushHistory } from './history-ring';
import { SIGMA_WINSOR_VARIANCE } from './monitor.constants';
import { estimatePhi, fromScale, slotIndex, toScale } from './noise-model';
import { addToRegime, createRegime } from './regime';
import { SeriesState } from './series-state.types';

export function finishBaseline(s: SeriesState): void {
  const values = s.learnValue;
  const count = values.length;
  const med = median(values);
  let min = Number.POSITIVE_INFINITY;
  for (const v of values) if (v < min) min = v;
  s.scale = min > 0 && min >= LOG_SCALE_MIN_RATIO_TO_MEDIAN * med ? 'log' : 'linear';
  s.logFloor = s.scale === 'log' ? min * LOG_SCALE_MIN_RATIO_TO_MEDIAN : 0;
  const w = values.map((v) => toScale(s, v));

  // Seasonal profile: median per slot minus the overall median, centred over the slots that have one.
  const season = new Array(s.period).fill(0);
  const bySlot: number[][] = Array.from({ length: s.period }, () => []);
  let slotsWithEffect = 0;
  if (s.period > 0) {
    const overall = median(w);
    for (let i = 0; i < count; i++) bySlot[s.learnSlot[i]].push(w[i]);
    let sum = 0;
    for (let k = 0; k < s.period; k++) {
      if (bySlot[k].length >= MIN_POINTS_PER_SEASON_SLOT) {
        season[k] = median(bySlot[k]) - overall;
        sum += season[k];
        slotsWithEffect++;
      }
    }
    if (slotsWithEffect < 2) {
      season.fill(0);
      slotsWithEffect = 0;
    } else
      for (let k = 0; k < s.period; k++)
        if (bySlot[k].length >= MIN_POINTS_PER_SEASON_SLOT) season[k] -= sum / slotsWithEffect;
  }
  s.season = season;
  const y = w.map((v, i) => v - (s.period > 0 ? season[s.learnSlot[i]] : 0));
  const level = median(y);
  const residuals = y.map((v) => v - level);
  const dof = Math.max(1, count - slotsWithEffect - 1);
  let sigma = estimateRobustScale(residuals) * Math.sqrt(count / dof);
  s.sigmaFloor = Math.max(
    SIGMA_FLOOR_ABSOLUTE,
    s.scale === 'log' ? SIGMA_FLOOR_RELATIVE : SIGMA_FLOOR_RELATIVE * Math.abs(level),
  );
  if (!(sigma > s.sigmaFloor)) sigma = s.sigmaFloor;

  // Per-slot noise: winsorized mean square of the slot's residuals, shrunk towards the pooled sigma.
  const slots = Math.max(1, s.period);
  const sumSq = new Array(slots).fill(0);
  const counts = new Array(slots).fill(0);
  const bound = SIGMA_WINSOR_Z * sigma;
  for (let i = 0; i < count; i++) {
    const k = slotIndex(s.learnSlot[i]);
    const r = Math.min(bound, Math.abs(residuals[i]));
    sumSq[k] += (r * r) / SIGMA_WINSOR_VARIANCE;
    counts[k]++;
  }
  const prior = s.period > 0 ? SIGMA_PRIOR_POINTS_PER_SLOT : 0;
  s.slotVariance = sumSq.map((ss, k) => {
    const v =
      counts[k] + prior > 0
        ? (ss * (count / dof) + prior * sigma * sigma) / (counts[k] + prior)
        : sigma * sigma;
    return Math.max(s.sigmaFloor ** 2, v);
  });
  s.slotWeight = counts.map((c) => c + prior);

  const clipZ = s.settings.outliers.clipZ;
  const regime = createRegime('level', s.learnIndex[0], s.learnTime[0]);
  for (let i = 0; i < count; i++) {
    const sd = Math.sqrt(s.slotVariance[slotIndex(s.learnSlot[i])]);
    const r = Math.min(clipZ * sd, Math.max(-clipZ * sd, residuals[i]));
    addToRegime(regime, s.learnTime[i], level + r);
    pushHistory(s.hist, s.learnIndex[i], s.learnTime[i], y[i], r / sd);
  }
  s.regime = regime;
  s.src = freshSources(s.learnIndex[count - 1] + 1);
  // Lag-1 autocorrelation of the baseline residuals (consecutive points only).
  for (let i = 1; i < count; i++) {
    if (s.learnIndex[i] !== s.learnIndex[i - 1] + 1) continue;
    const a = Math.max(
      -SIGMA_WINSOR_Z,
      Math.min(SIGMA_WINSOR_Z, residuals[i] / Math.sqrt(s.slotVariance[slotIndex(s.learnSlot[i])])),
    );
    const b = Math.max(
      -SIGMA_WINSOR_Z,
      Math.min(SIGMA_WINSOR_Z, residuals[i - 1] / Math.sqrt(s.slotVariance[slotIndex(s.learnSlot[i - 1])])),
    );
    s.arCross += a * b;
    s.arSquares += b * b;
  }
  s.phi = estimatePhi(s);
  s.previousIndex = s.learnIndex[count - 1];
  s.previousZ = residuals[count - 1] / Math.sqrt(s.slotVariance[slotIndex(s.learnSlot[count - 1])]);
  s.baseline = {
    level: fromScale(s, level),
    sigma: s.scale === 'log' ? fromScale(s, level) * sigma : sigma,
    scale: s.scale,
    seasonPeriod: s.period,
    seasonalEffects: s.scale === 'log' ? season.map((e) => Math.exp(e)) : season.slice(),
    points: count,
  };
  s.phase = 'monitoring';
  s.learnIndex = [];
  s.learnTime = [];
  s.learnSlot = [];
  s.learnValue = [];
}
