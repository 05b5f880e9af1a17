import { isValidTimeZone, latestDigestSlot, quietHoursEnd, zonedParts, zonedTimeToInstant } from './alert-schedule';

const at = (iso: string) => new Date(iso);

describe('zonedParts / zonedTimeToInstant', () => {
  it.each([
    // Mexico City: UTC-6 all year since 2022
    ['2026-11-02T14:30:00Z', 'America/Mexico_City', { date: '2026-11-02', hour: 8, minute: 30, weekday: 1 }],
    ['2026-11-02T03:00:00Z', 'America/Mexico_City', { date: '2026-11-01', hour: 21, minute: 0, weekday: 7 }],
    ['2026-07-01T12:00:00Z', 'Europe/Madrid', { date: '2026-07-01', hour: 14, minute: 0, weekday: 3 }],
    ['2026-01-01T12:00:00Z', 'Europe/Madrid', { date: '2026-01-01', hour: 13, minute: 0, weekday: 4 }],
  ])('%s in %s', (iso, zone, expected) => {
    expect(zonedParts(at(iso), zone)).toEqual(expected);
  });

  it.each([
    ['2026-11-02', 8, 'America/Mexico_City', '2026-11-02T14:00:00.000Z'],
    ['2026-07-01', 8, 'Europe/Madrid', '2026-07-01T06:00:00.000Z'],
    ['2026-01-15', 8, 'Europe/Madrid', '2026-01-15T07:00:00.000Z'],
    // New York springs forward on 2026-03-08: 02:00 does not exist, the first instant after is 03:00 EDT
    ['2026-03-08', 2, 'America/New_York', '2026-03-08T07:00:00.000Z'],
    // ... and falls back on 2026-11-01: 01:00 happens twice, the first one (EDT) is taken
    ['2026-11-01', 1, 'America/New_York', '2026-11-01T05:00:00.000Z'],
    ['2026-11-01', 0, 'UTC', '2026-11-01T00:00:00.000Z'],
  ])('%s %d:00 in %s is %s', (date, hour, zone, expected) => {
    expect(zonedTimeToInstant(date, hour, zone).toISOString()).toBe(expected);
  });

  it('validates zone names', () => {
    expect(isValidTimeZone('America/Monterrey')).toBe(true);
    expect(isValidTimeZone('Mars/Olympus')).toBe(false);
  });
});

describe('latestDigestSlot', () => {
  const zone = 'America/Mexico_City';
  it.each([
    // daily at 08:00 local (14:00 UTC)
    [{ frequency: 'daily', hour: 8 }, '2026-11-02T14:00:00Z', 'daily:2026-11-02', '2026-11-02T14:00:00.000Z'],
    [{ frequency: 'daily', hour: 8 }, '2026-11-02T13:59:59Z', 'daily:2026-11-01', '2026-11-01T14:00:00.000Z'],
    [{ frequency: 'daily', hour: 8 }, '2026-11-03T05:00:00Z', 'daily:2026-11-02', '2026-11-02T14:00:00.000Z'], // 23:00 local
    [{ frequency: 'daily', hour: 0 }, '2026-11-02T06:00:00Z', 'daily:2026-11-02', '2026-11-02T06:00:00.000Z'],
    // weekly on Monday (1) at 08:00; 2026-11-02 is a Monday
    [{ frequency: 'weekly', hour: 8, weekday: 1 }, '2026-11-02T15:00:00Z', 'weekly:2026-11-02', '2026-11-02T14:00:00.000Z'],
    [{ frequency: 'weekly', hour: 8, weekday: 1 }, '2026-11-02T13:00:00Z', 'weekly:2026-10-26', '2026-10-26T14:00:00.000Z'],
    [{ frequency: 'weekly', hour: 8, weekday: 1 }, '2026-11-08T20:00:00Z', 'weekly:2026-11-02', '2026-11-02T14:00:00.000Z'], // Sunday
    [{ frequency: 'weekly', hour: 18, weekday: 5 }, '2026-11-04T12:00:00Z', 'weekly:2026-10-30', '2026-10-31T00:00:00.000Z'], // Friday 18:00
  ] as const)('%p at %s -> %s', (schedule, now, key, slotAt) => {
    const slot = latestDigestSlot(schedule, zone, at(now));
    expect(slot.key).toBe(key);
    expect(slot.at.toISOString()).toBe(slotAt);
    expect(slot.at.getTime()).toBeLessThanOrEqual(at(now).getTime());
  });

  it('never lands after now across a daylight-saving gap', () => {
    const slot = latestDigestSlot({ frequency: 'daily', hour: 2 }, 'America/New_York', at('2026-03-08T06:30:00Z'));
    expect(slot.at.getTime()).toBeLessThanOrEqual(at('2026-03-08T06:30:00Z').getTime());
    expect(slot.key).toBe('daily:2026-03-07');
  });
});

describe('quietHoursEnd', () => {
  const zone = 'America/Mexico_City';
  it.each([
    ['inside a window across midnight, before midnight', 22, 7, '2026-11-03T05:00:00Z', '2026-11-03T13:00:00.000Z'], // 23:00 local
    ['inside a window across midnight, after midnight', 22, 7, '2026-11-03T08:00:00Z', '2026-11-03T13:00:00.000Z'], // 02:00 local
    ['outside', 22, 7, '2026-11-03T18:00:00Z', null], // 12:00 local
    ['the end hour itself is outside', 22, 7, '2026-11-03T13:00:00Z', null], // 07:00 local
    ['same-day window', 12, 14, '2026-11-03T18:30:00Z', '2026-11-03T20:00:00.000Z'], // 12:30 local
    ['no quiet hours', null, null, '2026-11-03T05:00:00Z', null],
    ['equal hours mean none', 8, 8, '2026-11-03T14:00:00Z', null],
  ] as const)('%s', (_label, start, end, now, expected) => {
    expect(quietHoursEnd(at(now), zone, start, end)?.toISOString() ?? null).toBe(expected);
  });
});
