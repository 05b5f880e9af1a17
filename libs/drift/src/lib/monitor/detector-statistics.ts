import { checkControlChartRules } from '../detectors/control-chart';
import { mannKendallVariance } from '../detectors/mann-kendall';
import { recentIndex, recentZ } from './history-ring';
import { MEAN_ABS_NORMAL, RULE_WINDOW } from './monitor.constants';
import { Alarm, SeriesState, SourceState } from './series-state.types';

/** The O(1) per-point statistics of the sequential detectors (CUSUM, EWMA, run rules, Mann-Kendall, variance). */

export function freshSources(since: number): SourceState {
  return {
    since,
    count: 0,
    cusumHi: 0,
    cusumHiStart: since,
    cusumLo: 0,
    cusumLoStart: since,
    ewma: 0,
    ewmaStart: since,
    ewmaDecay: 1,
    varHi: 0,
    varHiStart: since,
    varLo: 0,
    varLoStart: since,
    mkS: 0,
    mkSize: 0,
  };
}

export function updateSources(s: SeriesState, index: number, z: number): Alarm | null {
  const src = s.src;
  const set = s.settings;
  const mask = s.mask;
  src.count++;
  let alarm: Alarm | null = null;
  if (mask & 1) {
    const k = set.cusum.k;
    const hi = src.cusumHi + z - k;
    if (hi > 0) {
      if (src.cusumHi === 0) src.cusumHiStart = index;
      src.cusumHi = hi;
    } else src.cusumHi = 0;
    const lo = src.cusumLo - z - k;
    if (lo > 0) {
      if (src.cusumLo === 0) src.cusumLoStart = index;
      src.cusumLo = lo;
    } else src.cusumLo = 0;
    if (src.cusumHi > set.cusum.h || src.cusumLo > set.cusum.h) {
      const up = src.cusumHi >= src.cusumLo;
      alarm = {
        family: 'mean',
        source: 'cusum',
        side: up ? 1 : -1,
        nativeStart: up ? src.cusumHiStart : src.cusumLoStart,
        rule: null,
      };
    }
  }
  if (mask & 2) {
    const lambda = set.ewma.lambda;
    const prev = src.ewma;
    const e = lambda * z + (1 - lambda) * prev;
    if (prev === 0 || e > 0 !== prev > 0) src.ewmaStart = index;
    src.ewma = e;
    src.ewmaDecay *= (1 - lambda) * (1 - lambda);
    const limit = set.ewma.limit * Math.sqrt((lambda / (2 - lambda)) * (1 - src.ewmaDecay));
    if (alarm === null && Math.abs(e) > limit)
      alarm = {
        family: 'mean',
        source: 'ewma',
        side: e > 0 ? 1 : -1,
        nativeStart: src.ewmaStart,
        rule: null,
      };
  }
  if (mask & 4) {
    const available = Math.min(src.count, RULE_WINDOW);
    const recent: number[] = [];
    for (let k = available - 1; k >= 0; k--) recent.push(recentZ(s.hist, k));
    const v = checkControlChartRules(recent, set.controlChart.rules);
    if (alarm === null && v !== null) {
      alarm = {
        family: 'mean',
        source: 'control_chart',
        side: v.side,
        nativeStart: recentIndex(s.hist, v.runLength - 1),
        rule: v.rule,
      };
    }
  }
  if (mask & 8) {
    const w = set.mannKendall.window;
    const h = s.hist;
    if (src.mkSize === w) {
      const zo = recentZ(h, w);
      let d = 0;
      for (let k = 1; k < w; k++) {
        const zk = recentZ(h, k);
        d += zk > zo ? 1 : zk < zo ? -1 : 0;
      }
      src.mkS -= d;
      src.mkSize--;
    }
    let add = 0;
    for (let k = 1; k <= src.mkSize; k++) {
      const zk = recentZ(h, k);
      add += z > zk ? 1 : z < zk ? -1 : 0;
    }
    src.mkS += add;
    src.mkSize++;
    if (alarm === null && src.mkSize === w) {
      const score = (src.mkS - Math.sign(src.mkS)) / Math.sqrt(mannKendallVariance(w));
      if (Math.abs(score) > s.mkCritical) {
        alarm = {
          family: 'mean',
          source: 'mann_kendall',
          side: score > 0 ? 1 : -1,
          nativeStart: recentIndex(h, w - 1),
          rule: null,
        };
      }
    }
  }
  if (mask & 16) {
    // CUSUM of |z| (bounded influence): reference values halfway between E|z| in and out of control.
    const v = set.variance;
    const a = Math.abs(z);
    const kUp = (MEAN_ABS_NORMAL * (1 + v.ratioUp)) / 2;
    const kDown = (MEAN_ABS_NORMAL * (1 + 1 / v.ratioDown)) / 2;
    const hi = src.varHi + a - kUp;
    if (hi > 0) {
      if (src.varHi === 0) src.varHiStart = index;
      src.varHi = hi;
    } else src.varHi = 0;
    const lo = src.varLo + kDown - a;
    if (lo > 0) {
      if (src.varLo === 0) src.varLoStart = index;
      src.varLo = lo;
    } else src.varLo = 0;
    if (alarm === null) {
      if (src.varHi > v.hUp)
        alarm = { family: 'variance', source: 'variance', side: 1, nativeStart: src.varHiStart, rule: null };
      else if (src.varLo > v.hDown)
        alarm = { family: 'variance', source: 'variance', side: -1, nativeStart: src.varLoStart, rule: null };
    }
  }
  return alarm;
}
