import { isAcknowledgedStatus, isActiveEscalationStatus } from './escalation-workflow';
import type { EscalationLevelRule, EscalationStatus } from './escalation.types';

const MS_PER_MINUTE = 60_000;

export interface EscalationDeadlines {
  /** Null once acknowledged in the current round. */
  readonly ackDueAt: Date | null;
  readonly resolveDueAt: Date;
}

/** Deadlines of a level, counted from when the escalation reached it (or was reopened at it). */
export function levelDeadlines(levelStartedAt: Date, rule: EscalationLevelRule, acknowledged: boolean): EscalationDeadlines {
  const start = levelStartedAt.getTime();
  return {
    ackDueAt: acknowledged ? null : new Date(start + rule.ackWithinMinutes * MS_PER_MINUTE),
    resolveDueAt: new Date(start + rule.resolveWithinMinutes * MS_PER_MINUTE),
  };
}

export interface EscalationTimerState {
  readonly status: EscalationStatus;
  readonly level: number;
  readonly ackDueAt: Date | null;
  readonly resolveDueAt: Date | null;
  /** The escalation was already reported as overdue at the last level (reported once). */
  readonly finalOverdueReported: boolean;
}

export type OverdueReason = 'ack_overdue' | 'resolve_overdue';

export type EscalationStep =
  | {
      readonly type: 'escalate';
      readonly reason: OverdueReason;
      readonly fromLevel: number;
      readonly toLevel: number;
      readonly deadlines: EscalationDeadlines;
    }
  | { readonly type: 'final_level_overdue'; readonly reason: OverdueReason; readonly level: number };

/** Why an active escalation is overdue now (an unacknowledged one first), or null. */
export function overdueReason(state: EscalationTimerState, now: Date): OverdueReason | null {
  if (!isActiveEscalationStatus(state.status)) return null;
  if (!isAcknowledgedStatus(state.status) && state.ackDueAt && state.ackDueAt.getTime() <= now.getTime()) {
    return 'ack_overdue';
  }
  if (state.resolveDueAt && state.resolveDueAt.getTime() <= now.getTime()) return 'resolve_overdue';
  return null;
}

/**
 * What the scheduled check does with one escalation: nothing (not overdue), move it to the next level of the
 * matrix with that level's deadlines counted from `now`, or, at the last level, report it overdue once.
 */
export function nextEscalationStep(
  state: EscalationTimerState,
  levels: readonly EscalationLevelRule[],
  now: Date,
): EscalationStep | null {
  const reason = overdueReason(state, now);
  if (!reason) return null;
  const next = levels
    .filter((rule) => rule.level > state.level)
    .sort((a, b) => a.level - b.level)[0];
  if (!next) {
    return state.finalOverdueReported ? null : { type: 'final_level_overdue', reason, level: state.level };
  }
  return {
    type: 'escalate',
    reason,
    fromLevel: state.level,
    toLevel: next.level,
    deadlines: levelDeadlines(now, next, isAcknowledgedStatus(state.status)),
  };
}
