import { assertTimeZone, localDateOf, toLocalDateTime, zoneOffsetMs, zonedTimeToEpoch } from './local-time';

describe('local time', () => {
  it.each([
    [Date.UTC(2024, 2, 5, 5, 59), 'America/Mexico_City', '2024-03-04'],
    [Date.UTC(2024, 2, 5, 6, 0), 'America/Mexico_City', '2024-03-05'],
    [Date.UTC(2024, 2, 5, 7, 59), 'America/Tijuana', '2024-03-04'],
    [Date.UTC(2024, 2, 5, 8, 0), 'America/Tijuana', '2024-03-05'],
    [Date.UTC(2024, 2, 5, 23, 0), 'UTC', '2024-03-05'],
    [Date.UTC(2024, 2, 5, 23, 0), 'Asia/Kolkata', '2024-03-06'],
  ])('%d in %s is on %s', (epochMs, zone, date) => {
    expect(localDateOf(epochMs, zone)).toBe(date);
  });

  it('follows daylight-saving changes (Tijuana, March 2024: UTC-8 -> UTC-7)', () => {
    expect(zoneOffsetMs(Date.UTC(2024, 2, 10, 9, 59), 'America/Tijuana')).toBe(-8 * 3_600_000);
    expect(zoneOffsetMs(Date.UTC(2024, 2, 10, 10, 0), 'America/Tijuana')).toBe(-7 * 3_600_000);
  });

  it('gives the time of day', () => {
    expect(toLocalDateTime(Date.UTC(2024, 2, 5, 3, 10, 30), 'America/Mexico_City')).toEqual({
      date: '2024-03-04',
      secondsOfDay: 21 * 3600 + 10 * 60 + 30,
    });
  });

  it('turns a local wall-clock time into its instant, also next to a daylight-saving change', () => {
    expect(zonedTimeToEpoch({ year: 2024, month: 3, day: 5, hour: 9 }, 'America/Mexico_City')).toBe(
      Date.UTC(2024, 2, 5, 15),
    );
    expect(zonedTimeToEpoch({ year: 2024, month: 3, day: 10, hour: 12 }, 'America/Tijuana')).toBe(
      Date.UTC(2024, 2, 10, 19),
    );
    expect(zonedTimeToEpoch({ year: 2024, month: 3, day: 9, hour: 12 }, 'America/Tijuana')).toBe(
      Date.UTC(2024, 2, 9, 20),
    );
  });

  it('throws on an unknown zone (a configuration error)', () => {
    expect(() => assertTimeZone('Mars/Olympus_Mons')).toThrow(RangeError);
  });
});
