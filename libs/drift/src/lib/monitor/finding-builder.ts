import { MAX_EVIDENCE_INDICES } from '../drift.constants';
import { ControlChartRule, DriftFinding, FindingKind, MonitorDetectorName } from '../drift.types';
import { formatIsoDay } from '../calendar/iso-day';
import { estimateSenSlope, testMannKendall } from '../detectors/mann-kendall';
import { describeFinding } from './finding-reason';
import { HistoryWindow } from './history-ring';
import { TREND_SUMMARY_POINTS } from './monitor.constants';
import { fromScale, pooledSigma } from './noise-model';
import { LocatedChange, SeriesState } from './series-state.types';

export function pushMeanFinding(
  s: SeriesState,
  source: MonitorDetectorName,
  side: 1 | -1,
  rule: ControlChartRule | null,
  located: LocatedChange,
  w: HistoryWindow,
  t: number,
): void {
  s.regimeFinding = s.findings.length;
  s.findings.push(buildMeanFinding(s, source, side, rule, located, w, t));
}

export function buildMeanFinding(
  s: SeriesState,
  source: MonitorDetectorName,
  side: 1 | -1,
  rule: ControlChartRule | null,
  located: LocatedChange,
  w: HistoryWindow,
  t: number,
): DriftFinding {
  const n = w.y.length;
  const pos = located.pos;
  const delta = located.newLevel - located.preLevel;
  const sigma = pooledSigma(s);
  const sizeSigma = Math.abs(delta) / sigma;
  let kind: FindingKind;
  if (located.model === 'ramp') kind = 'trend';
  else if (source === 'control_chart' && s.settings.locateStart === 'native') kind = 'rule_violation';
  else kind = sizeSigma >= s.settings.levelShiftSigma ? 'level_shift' : 'small_shift';
  let slopePerPoint: number | undefined;
  let pValue: number | undefined;
  if (kind === 'trend') {
    // Sen's slope and Mann-Kendall are O(m^2): use at most TREND_SUMMARY_POINTS evenly spaced points.
    const m = n - pos;
    const step = Math.max(1, (m - 1) / (TREND_SUMMARY_POINTS - 1));
    const picks: number[] = [];
    for (let k = 0; pos + Math.round(k * step) < n; k++) picks.push(pos + Math.round(k * step));
    const ys = picks.map((i) => w.y[i]);
    const sen = estimateSenSlope(
      ys,
      picks.map((i) => w.time[i]),
    );
    slopePerPoint =
      s.scale === 'log' ? Math.expm1(sen) : located.preLevel !== 0 ? sen / Math.abs(located.preLevel) : 0;
    const mk = testMannKendall(ys);
    pValue = side > 0 ? mk.pIncreasing : mk.pDecreasing;
  }
  const sign = delta !== 0 ? Math.sign(delta) : side;
  return makeFinding(s, {
    detector: source,
    kind,
    direction: sign * s.betterSign > 0 ? 'favourable' : 'adverse',
    startIndex: w.index[pos],
    startDate: s.usesDays ? formatIsoDay(w.time[pos]) : undefined,
    alarmIndex: t,
    magnitude:
      s.scale === 'log' ? Math.expm1(delta) : located.preLevel !== 0 ? delta / Math.abs(located.preLevel) : 0,
    absoluteChange: fromScale(s, located.newLevel) - fromScale(s, located.preLevel),
    score: sizeSigma,
    evidenceIndices: w.index.slice(Math.max(pos, n - MAX_EVIDENCE_INDICES)),
    rule: rule ?? undefined,
    slopePerPoint,
    pValue,
  });
}

export function makeFinding(s: SeriesState, f: Omit<DriftFinding, 'reason'>): DriftFinding {
  const finding: DriftFinding = { ...f, reason: describeFinding(f, s.betterSign > 0 ? 'higher' : 'lower') };
  // Drop undefined optional fields so the finding stays JSON-clean.
  for (const key of Object.keys(finding) as (keyof DriftFinding)[])
    if (finding[key] === undefined) delete (finding as Partial<DriftFinding>)[key];
  return finding;
}
