import {
  classifyAlertChange,
  isSeverityAtLeast,
  maxSeverity,
  resolveTriggerRules,
  severityForRelativeChange,
  shouldOpenEscalation,
} from './escalation-rules';
import type { AlertKind, Severity } from './escalation.types';

describe('severity ordering', () => {
  it.each<[Severity, Severity, boolean]>([
    ['critical', 'high', true],
    ['high', 'high', true],
    ['medium', 'high', false],
    ['low', 'low', true],
    ['low', 'critical', false],
  ])('%s at least %s: %p', (severity, minimum, expected) => {
    expect(isSeverityAtLeast(severity, minimum)).toBe(expected);
  });

  it('takes the higher of two', () => {
    expect(maxSeverity('medium', 'critical')).toBe('critical');
    expect(maxSeverity('high', 'low')).toBe('high');
  });
});

describe('shouldOpenEscalation: which kinds and severities escalate', () => {
  it.each<[AlertKind, Severity, boolean]>([
    ['drift', 'medium', false],
    ['drift', 'high', true],
    ['drift', 'critical', true],
    ['sla_breach', 'medium', false],
    ['sla_breach', 'high', true],
    ['sla_breach', 'critical', true],
    ['qa_regression', 'medium', false],
    ['qa_regression', 'high', true],
    ['stale_feed', 'medium', false],
    ['stale_feed', 'critical', true],
    ['manual', 'low', true],
  ])('by default %s at %s: %p', (kind, severity, expected) => {
    expect(shouldOpenEscalation(kind, severity)).toBe(expected);
  });

  it('applies a provider rule over the defaults, null meaning never', () => {
    const rules = { drift: 'critical' as const, stale_feed: null };
    expect(shouldOpenEscalation('drift', 'high', rules)).toBe(false);
    expect(shouldOpenEscalation('drift', 'critical', rules)).toBe(true);
    expect(shouldOpenEscalation('stale_feed', 'critical', rules)).toBe(false);
    expect(shouldOpenEscalation('sla_breach', 'high', rules)).toBe(true); // default kept
    expect(shouldOpenEscalation('sla_breach', 'medium', rules)).toBe(false);
    expect(resolveTriggerRules(rules).qa_regression).toBe('high');
  });
});

describe('severityForRelativeChange', () => {
  it.each<[number | null, Severity]>([
    [0.2, 'critical'],
    [-0.15, 'critical'],
    [0.11, 'high'],
    [-0.08, 'high'],
    [0.05, 'medium'],
    [0.01, 'low'],
    [0, 'low'],
    [null, 'medium'],
    [Number.NaN, 'medium'],
  ])('%p -> %s', (magnitude, severity) => {
    expect(severityForRelativeChange(magnitude)).toBe(severity);
  });
});

describe('classifyAlertChange', () => {
  const open = (severity: Severity, magnitude: number | null) => ({ status: 'open' as const, severity, magnitude });
  it.each([
    ['nothing recorded', null, { severity: 'high', magnitude: 0.1 }, 'opened'],
    ['recorded as resolved', { status: 'resolved', severity: 'high', magnitude: 0.1 }, { severity: 'high', magnitude: 0.1 }, 'reopened'],
    ['severity up', open('high', 0.1), { severity: 'critical', magnitude: 0.1 }, 'worsened'],
    ['magnitude x1.5 and +2 points', open('high', 0.1), { severity: 'high', magnitude: 0.15 }, 'worsened'],
    ['magnitude x1.5 but less than 2 points', open('low', 0.02), { severity: 'low', magnitude: 0.035 }, 'updated'],
    ['negative magnitudes compare by size', open('high', -0.1), { severity: 'high', magnitude: -0.16 }, 'worsened'],
    ['magnitude a little higher', open('high', 0.1), { severity: 'high', magnitude: 0.12 }, 'updated'],
    ['severity down', open('critical', 0.2), { severity: 'high', magnitude: 0.2 }, 'updated'],
    ['the source says worsened', open('high', 0.1), { severity: 'high', magnitude: 0.1, hint: 'worsened' }, 'worsened'],
    ['same', open('high', 0.1), { severity: 'high', magnitude: 0.1 }, 'unchanged'],
    ['tiny move', open('high', 0.1), { severity: 'high', magnitude: 0.1001 }, 'unchanged'],
    ['magnitude appears', open('high', null), { severity: 'high', magnitude: 0.1 }, 'updated'],
  ] as const)('%s -> %s', (_label, previous, next, expected) => {
    expect(classifyAlertChange(previous, next)).toBe(expected);
  });
});
