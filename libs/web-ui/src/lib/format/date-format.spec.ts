import { daysSinceIsoDate, formatDateTime, formatIsoDate, monthShortName, parseIsoDate } from './date-format';
import { setDisplayLocale } from './display-locale';
import { translateFrom } from '../i18n/translate';
import { roleLabel } from './role-label';

describe('date formatting', () => {
  afterEach(() => setDisplayLocale('en-GB'));

  it('follows the display locale, with three-letter months', () => {
    expect(formatIsoDate('2025-09-05')).toBe('5 Sep 2025');
    expect(monthShortName(9)).toBe('Sep');
    setDisplayLocale('es-MX');
    expect(formatIsoDate('2025-09-05')).toBe('5 sep 2025');
    expect(monthShortName(1)).toBe('ene');
    expect(formatDateTime('not a date', 'n/a')).toBe('n/a');
  });

  it('shows instants in the user time zone', () => {
    const instant = new Date(2026, 10, 21, 8, 5).toISOString();
    expect(formatDateTime(instant)).toBe('21 Nov 2026, 08:05');
  });

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
  it("names each role with the dictionary's common.roles", () => {
    const t = translateFrom({ common: { roles: { admin: 'Administrator', account_manager: 'Account manager', executive: 'Executive', provider: 'Provider lead' } } });
    expect(roleLabel('account_manager', t)).toBe('Account manager');
    expect(roleLabel('admin', t)).toBe('Administrator');
    expect(roleLabel('executive', t)).toBe('Executive');
    expect(roleLabel('provider', t)).toBe('Provider lead');
  });
});
