import { SeriesEvaluation } from '../drift.types';
import { DEFAULT_HYSTERESIS_SETTINGS } from './hysteresis.constants';

/** What one evaluation says: the problem is present, absent, or unknown (no data). */
export type HysteresisSignal = 'breaching' | 'clear' | 'unknown';
/**
 * normal: nothing open; pending: breaching but not long enough to open; firing: open;
 * resolving: open, clear but not long enough to resolve.
 */
export type HysteresisPhase = 'normal' | 'pending' | 'firing' | 'resolving';
/** What the engine should do after this evaluation. Only 'open' and 'resolve' are transitions. */
export type HysteresisAction = 'open' | 'keep' | 'resolve' | 'none';

export interface HysteresisState {
  readonly phase: HysteresisPhase;
  /** Consecutive breaching evaluations (pending/firing) or consecutive clear ones (resolving). */
  readonly streak: number;
  /** Evaluations seen, counting this one. */
  readonly evaluations: number;
  /** Evaluation number (1-based) at which the current alert opened, null when none is open. */
  readonly openedAt: number | null;
}

export interface HysteresisSettings {
  /** Consecutive breaching evaluations needed to open (minimum duration before open). */
  readonly minBreachingToOpen: number;
  /** Consecutive clear evaluations needed to resolve (minimum duration before resolve). */
  readonly minClearToResolve: number;
}

/** Maps a series evaluation to a signal: drifting is breaching, insufficient data is unknown. */
export function toHysteresisSignal(result: Pick<SeriesEvaluation, 'status'>): HysteresisSignal {
  if (result.status === 'drifting') return 'breaching';
  if (result.status === 'insufficient_data') return 'unknown';
  return 'clear';
}

/**
 * One step of alert hysteresis (Normal -> Pending -> Firing -> Resolving -> Normal), a pure function
 * of the previous state and the new signal. An alert opens after minBreachingToOpen consecutive
 * breaching evaluations and resolves after minClearToResolve consecutive clear ones, so a KPI that
 * flickers around a limit does not fire, resolve and fire again. 'unknown' (no data) changes nothing:
 * it neither advances nor resets a streak (a missing feed is alerted separately).
 */
export function stepHysteresis(
  previous: HysteresisState | null,
  signal: HysteresisSignal,
  settings: Partial<HysteresisSettings> = {},
): { state: HysteresisState; action: HysteresisAction } {
  const { minBreachingToOpen, minClearToResolve } = { ...DEFAULT_HYSTERESIS_SETTINGS, ...settings };
  const prev: HysteresisState = previous ?? { phase: 'normal', streak: 0, evaluations: 0, openedAt: null };
  const evaluations = prev.evaluations + 1;
  const open = prev.phase === 'firing' || prev.phase === 'resolving';
  if (signal === 'unknown') return { state: { ...prev, evaluations }, action: open ? 'keep' : 'none' };
  if (!open) {
    if (signal === 'clear')
      return { state: { phase: 'normal', streak: 0, evaluations, openedAt: null }, action: 'none' };
    const streak = prev.phase === 'pending' ? prev.streak + 1 : 1;
    if (streak >= minBreachingToOpen)
      return { state: { phase: 'firing', streak, evaluations, openedAt: evaluations }, action: 'open' };
    return { state: { phase: 'pending', streak, evaluations, openedAt: null }, action: 'none' };
  }
  if (signal === 'breaching')
    return {
      state: {
        phase: 'firing',
        streak: prev.phase === 'firing' ? prev.streak + 1 : 1,
        evaluations,
        openedAt: prev.openedAt,
      },
      action: 'keep',
    };
  const clear = prev.phase === 'resolving' ? prev.streak + 1 : 1;
  if (clear >= minClearToResolve)
    return { state: { phase: 'normal', streak: 0, evaluations, openedAt: null }, action: 'resolve' };
  return {
    state: { phase: 'resolving', streak: clear, evaluations, openedAt: prev.openedAt },
    action: 'keep',
  };
}
