import { daysSinceIsoDate, formatIsoDate, parseIsoDate } from './date-format';
import { roleLabel } from './role-label';

describe('date formatting', () => {
  it('formats ISO dates without time zone shifts', () => {
    expect(formatIsoDate('2025-03-05')).toBe('5 Mar 2025');
    expect(formatIsoDate('2025-12-31T23:30:00Z')).toBe('31 Dec 2025');
    expect(formatIsoDate(null)).toBe('–');
    expect(formatIsoDate('garbage', 'n/a')).toBe('n/a');
    expect(parseIsoDate('2025-13-01')).toBeNull();
  });

  it('counts calendar days since a date', () => {
    expect(daysSinceIsoDate('2025-03-01', new Date(2025, 2, 5, 23, 59))).toBe(4);
    expect(daysSinceIsoDate('2025-03-05', new Date(2025, 2, 5, 0, 1))).toBe(0);
    expect(daysSinceIsoDate(null, new Date())).toBeNull();
  });
});

describe('roleLabel', () => {
  it('names each role for people', () => {
    expect(roleLabel('account_manager')).toBe('Account manager');
    expect(roleLabel('admin')).toBe('Administrator');
    expect(roleLabel('executive')).toBe('Executive');
    expect(roleLabel('provider')).toBe('Provider lead');
  });
});
