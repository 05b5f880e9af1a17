import { DriftFinding } from '../drift.types';
import { describeFinding } from './finding-reason';

const base: Omit<DriftFinding, 'reason'> = {
  detector: 'cusum',
  kind: 'level_shift',
  direction: 'adverse',
  startIndex: 40,
  alarmIndex: 43,
  magnitude: -0.082,
  absoluteChange: -24.6,
  score: 2.71,
  evidenceIndices: [40, 41, 42, 43],
};

describe('describeFinding', () => {
  it.each([
    [{}, 'higher', 'Level shift down 8.2% (2.7 noise sd) since point 40; worse, as higher is better.'],
    [
      { kind: 'small_shift', magnitude: 0.031, direction: 'favourable', startDate: '2024-03-04' },
      'higher',
      'Small persistent shift up 3.1% (2.7 noise sd) since 2024-03-04; better, as higher is better.',
    ],
    [
      { kind: 'trend', magnitude: 0.12, slopePerPoint: 0.0021, startDate: '2024-03-04' },
      'lower',
      'Gradual upward trend since 2024-03-04, now 12% up, Sen slope +0.2% per day; worse, as lower is better.',
    ],
    [
      { kind: 'trend', magnitude: -0.05, slopePerPoint: -0.001 },
      'higher',
      'Gradual downward trend since point 40, now 5.0% down, Sen slope -0.1% per point; worse, as higher is better.',
    ],
    [
      { kind: 'variance_change', magnitude: 0.8 },
      'higher',
      'Variability went up 80% since point 40 (less predictable).',
    ],
    [
      { kind: 'rule_violation', rule: 'eight_on_one_side' },
      'higher',
      'Control-chart rule (8 points in a row on one side) since point 40, level down 8.2%; worse, as higher is better.',
    ],
  ] as const)('%p (%s is better)', (overrides, betterWhen, expected) => {
    expect(describeFinding({ ...base, ...overrides }, betterWhen)).toBe(expected);
  });
});
