import { levelDeadlines, nextEscalationStep, overdueReason, EscalationTimerState } from './escalation-timer';
import type { EscalationLevelRule } from './escalation.types';

const levels: EscalationLevelRule[] = [
  { level: 1, name: 'Account manager', ackWithinMinutes: 60, resolveWithinMinutes: 24 * 60 },
  { level: 2, name: 'Operations lead', ackWithinMinutes: 30, resolveWithinMinutes: 12 * 60 },
  { level: 3, name: 'Executive sponsor', ackWithinMinutes: 15, resolveWithinMinutes: 6 * 60 },
];
const at = (iso: string) => new Date(iso);
const base: EscalationTimerState = {
  status: 'open',
  level: 1,
  ackDueAt: at('2026-11-02T10:00:00Z'),
  resolveDueAt: at('2026-11-03T09:00:00Z'),
  finalOverdueReported: false,
};

describe('levelDeadlines', () => {
  it('counts both limits from when the level started', () => {
    expect(levelDeadlines(at('2026-11-02T09:00:00Z'), levels[1], false)).toEqual({
      ackDueAt: at('2026-11-02T09:30:00Z'),
      resolveDueAt: at('2026-11-02T21:00:00Z'),
    });
  });
  it('has no acknowledgement deadline once acknowledged', () => {
    expect(levelDeadlines(at('2026-11-02T09:00:00Z'), levels[0], true).ackDueAt).toBeNull();
  });
});

describe('overdueReason', () => {
  it.each([
    ['not yet due', base, '2026-11-02T09:59:59Z', null],
    ['ack due exactly now', base, '2026-11-02T10:00:00Z', 'ack_overdue'],
    ['acknowledged: only the resolve deadline counts', { ...base, status: 'acknowledged' as const }, '2026-11-02T12:00:00Z', null],
    ['acknowledged and past resolve', { ...base, status: 'action_plan_agreed' as const }, '2026-11-03T09:00:00Z', 'resolve_overdue'],
    ['reopened counts as unacknowledged', { ...base, status: 'reopened' as const }, '2026-11-02T11:00:00Z', 'ack_overdue'],
    ['resolved never overdue', { ...base, status: 'resolved' as const }, '2026-12-01T00:00:00Z', null],
    ['closed never overdue', { ...base, status: 'closed' as const }, '2026-12-01T00:00:00Z', null],
  ])('%s', (_label, state, now, expected) => {
    expect(overdueReason(state, at(now))).toBe(expected);
  });
});

describe('nextEscalationStep', () => {
  it('moves an unacknowledged overdue escalation to the next level with fresh deadlines', () => {
    expect(nextEscalationStep(base, levels, at('2026-11-02T10:05:00Z'))).toEqual({
      type: 'escalate',
      reason: 'ack_overdue',
      fromLevel: 1,
      toLevel: 2,
      deadlines: { ackDueAt: at('2026-11-02T10:35:00Z'), resolveDueAt: at('2026-11-02T22:05:00Z') },
    });
  });

  it('escalates an acknowledged one that misses its resolve deadline, without an ack deadline', () => {
    const state = { ...base, status: 'acknowledged' as const, level: 2, ackDueAt: null };
    expect(nextEscalationStep(state, levels, at('2026-11-03T09:00:00Z'))).toEqual({
      type: 'escalate',
      reason: 'resolve_overdue',
      fromLevel: 2,
      toLevel: 3,
      deadlines: { ackDueAt: null, resolveDueAt: at('2026-11-03T15:00:00Z') },
    });
  });

  it('skips a missing level number and goes to the next configured one', () => {
    const gap = [levels[0], levels[2]];
    expect(nextEscalationStep(base, gap, at('2026-11-02T10:05:00Z'))).toMatchObject({ type: 'escalate', toLevel: 3 });
  });

  it('reports once when the last level is overdue', () => {
    const top = { ...base, level: 3 };
    expect(nextEscalationStep(top, levels, at('2026-11-02T10:05:00Z'))).toEqual({
      type: 'final_level_overdue',
      reason: 'ack_overdue',
      level: 3,
    });
    expect(nextEscalationStep({ ...top, finalOverdueReported: true }, levels, at('2026-11-02T10:05:00Z'))).toBeNull();
  });

  it('does nothing when not overdue', () => {
    expect(nextEscalationStep(base, levels, at('2026-11-02T09:00:00Z'))).toBeNull();
  });
});
