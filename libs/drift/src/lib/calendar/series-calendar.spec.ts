import { formatIsoDay, parseIsoDay } from './iso-day';
import { parseIsoDays, resolveSeriesCalendar, seasonSlot } from './series-calendar';

describe('parseIsoDays', () => {
  it('gives the same day numbers as parseIsoDay, across month ends, leap days and bad dates', () => {
    const dates: string[] = [];
    for (let day = 19700; day < 20500; day++) dates.push(formatIsoDay(day));
    dates.splice(100, 0, '2024-02-30', 'garbage', '2024-05-07T10:00:00Z', '2024-05-08');
    expect(parseIsoDays(dates)).toEqual(dates.map((d) => parseIsoDay(d)));
  });
});

describe('resolveSeriesCalendar', () => {
  const days = (start: number, n: number, step = 1) =>
    Array.from({ length: n }, (_, i) => formatIsoDay(start + i * step));

  it.each([
    [
      'daily dates: weekday season',
      { values: new Array(30).fill(1), dates: days(19723, 30) },
      { daily: true, period: 7, slotByDay: true },
    ],
    [
      'business days are daily',
      {
        values: new Array(10).fill(1),
        dates: [
          '2024-01-01',
          '2024-01-02',
          '2024-01-03',
          '2024-01-04',
          '2024-01-05',
          '2024-01-08',
          '2024-01-09',
          '2024-01-10',
          '2024-01-11',
          '2024-01-12',
        ],
      },
      { daily: true, period: 7 },
    ],
    [
      'weekly dates: no season',
      { values: new Array(30).fill(1), dates: days(19723, 30, 7) },
      { daily: false, period: 0 },
    ],
    ['no dates: no season', { values: new Array(30).fill(1) }, { days: null, period: 0 }],
    [
      'no dates, explicit season',
      { values: new Array(30).fill(1), seasonPeriod: 5 },
      { period: 5, slotByDay: false },
    ],
    [
      'season disabled',
      { values: new Array(30).fill(1), dates: days(19723, 30), seasonPeriod: 0 },
      { period: 0 },
    ],
    [
      'dates not in order are ignored',
      { values: [1, 2], dates: ['2024-01-02', '2024-01-01'] },
      { days: null },
    ],
  ])('%s', (_name, input, expected) => {
    expect(resolveSeriesCalendar(input)).toMatchObject(expected);
  });

  it('maps daily dates to ISO weekdays and undated points to their position', () => {
    expect(seasonSlot(7, true, 0, 19723)).toBe(0); // 2024-01-01, a Monday
    expect(seasonSlot(7, true, 5, 19729)).toBe(6);
    expect(seasonSlot(5, false, 12, Number.NaN)).toBe(2);
    expect(seasonSlot(0, false, 12, Number.NaN)).toBe(-1);
  });
});
