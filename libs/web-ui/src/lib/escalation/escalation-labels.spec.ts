import { translateFrom } from '../i18n/translate';
import { uiEn } from '../i18n/ui.en';
import { uiEsMx } from '../i18n/ui.es-mx';
import { describeDue, describeTimelineEntry, formatMinutes, formatRelativeChange } from './escalation-labels';

const t = translateFrom({ ui: uiEn });
const tEs = translateFrom({ ui: uiEsMx });

describe('escalation labels', () => {
  it.each([
    [null, '–'],
    [0, '0 min'],
    [45, '45 min'],
    [60, '1 h'],
    [95, '1 h 35 min'],
    [47 * 60, '47 h'],
    [2 * 24 * 60, '2 days'],
    [5 * 24 * 60 + 12 * 60, '5.5 days'],
    [-30, '30 min'],
  ])('formatMinutes(%p) = %p', (minutes, text) => {
    expect(formatMinutes(minutes, t)).toBe(text);
  });

  it.each([
    ['2026-11-21T10:00:00Z', '2026-11-21T08:00:00Z', { text: 'in 2 h', overdue: false }],
    ['2026-11-21T08:00:00Z', '2026-11-21T11:30:00Z', { text: '3 h 30 min overdue', overdue: true }],
    [null, '2026-11-21T08:00:00Z', null],
  ])('describeDue(%p at %p)', (due, now, expected) => {
    expect(describeDue(due, new Date(now), t)).toEqual(expected);
  });

  it.each([
    [{ action: 'acknowledge', actorName: 'Luis', level: 1, data: null }, 'Luis acknowledged'],
    [{ action: 'escalate', actorName: 'System', level: 2, data: null }, 'System escalated to level 2'],
    [{ action: 'resolve', actorName: 'María', level: 1, data: { rootCauseCategory: 'training' } }, 'María resolved (root cause: Training)'],
    [{ action: 'propose_action_plan', actorName: 'Luis', level: 1, data: null }, 'Luis proposed an action plan'],
    [{ action: 'something_new', actorName: 'X', level: null, data: null }, 'X something new'],
  ])('describes %p', (entry, text) => {
    expect(describeTimelineEntry(entry as never, t)).toBe(text);
  });

  it.each([
    [0.112, '+11.2 %'],
    [-0.05, '−5.0 %'],
    [0, '±0.0 %'],
    [null, null],
  ])('formatRelativeChange(%p) = %p', (magnitude, text) => {
    expect(formatRelativeChange(magnitude)).toBe(text);
  });

  it('speaks Spanish with the Spanish dictionary', () => {
    expect(formatMinutes(3 * 24 * 60, tEs)).toBe('3 días');
    expect(describeDue('2026-11-21T08:00:00Z', new Date('2026-11-21T09:00:00Z'), tEs)).toEqual({ text: 'vencida hace 1 h', overdue: true });
    expect(describeTimelineEntry({ action: 'resolve', actorName: 'María', level: 1, data: { rootCauseCategory: 'training' } }, tEs)).toBe(
      'María la resolvió (causa raíz: Capacitación)',
    );
  });
});
