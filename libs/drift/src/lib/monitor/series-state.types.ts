import {
  BaselineSummary,
  ControlChartRule,
  DriftFinding,
  DriftSettings,
  MonitorDetectorName,
} from '../drift.types';
import { HistoryRing } from './history-ring';
import { RegimeState } from './regime';

export interface SourceState {
  /** Statistics only use points with index >= since (set after each alarm). */
  since: number;
  count: number;
  cusumHi: number;
  cusumHiStart: number;
  cusumLo: number;
  cusumLoStart: number;
  ewma: number;
  ewmaStart: number;
  ewmaDecay: number;
  varHi: number;
  varHiStart: number;
  varLo: number;
  varLoStart: number;
  mkS: number;
  mkSize: number;
}

export interface PendingPoint {
  index: number;
  time: number;
  slot: number;
  y: number;
  z: number;
}

export interface TentativeChange {
  source: MonitorDetectorName;
  side: 1 | -1;
  rule: ControlChartRule | null;
  alarmIndex: number;
  /** The regime before the alarm and its bookkeeping, restored if the change is not confirmed. */
  oldRegime: RegimeState;
  savedPreviousRegime: RegimeState | null;
  savedRegimeFinding: number;
  preLevel: number;
  /** Fresh points seen since the alarm and the sum of their deviation from preLevel. */
  seen: number;
  sumDeviation: number;
  sumSquaredDeviation: number;
}

/** Incremental evaluation state of one series (JSON-serialisable; treat as opaque). */
export interface SeriesState {
  readonly type: 'kpi-drift-series-state';
  readonly version: 1;
  readonly settings: DriftSettings;
  readonly betterSign: 1 | -1;
  readonly usesDays: boolean;
  readonly period: number;
  readonly slotByDay: boolean;
  readonly baselineTarget: number;
  readonly mask: number;
  readonly mkCritical: number;
  n: number;
  lastDay: number | null;
  phase: 'learning' | 'monitoring';
  learnIndex: number[];
  learnTime: number[];
  learnSlot: number[];
  learnValue: number[];
  scale: 'log' | 'linear';
  logFloor: number;
  season: number[];
  /** Noise variance per slot (one slot without season) and its weight in points. */
  slotVariance: number[];
  slotWeight: number[];
  sigmaFloor: number;
  /** AR(1) coefficient of the residuals (>= 0) and its running sums; previous accepted point. */
  phi: number;
  arCross: number;
  arSquares: number;
  previousIndex: number;
  previousZ: number;
  baseline: BaselineSummary | null;
  regime: RegimeState;
  src: SourceState;
  pending: PendingPoint | null;
  tentative: TentativeChange | null;
  /** Index in findings of the finding that opened the current regime (-1 for the baseline regime). */
  regimeFinding: number;
  /** The regime before the current one (as it was when the change was found), null if none. */
  previousRegime: RegimeState | null;
  hist: HistoryRing;
  findings: DriftFinding[];
  outliers: number[];
}

export interface Alarm {
  family: 'mean' | 'variance';
  source: MonitorDetectorName;
  side: 1 | -1;
  nativeStart: number;
  rule: ControlChartRule | null;
}

export interface LocatedChange {
  /** Position in the window of the first point of the new regime. */
  pos: number;
  model: 'step' | 'ramp';
  preLevel: number;
  newLevel: number;
}
