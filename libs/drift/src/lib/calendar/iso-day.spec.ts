import { formatIsoDay, parseIsoDay, weekdayOfDay } from './iso-day';

describe('parseIsoDay / formatIsoDay', () => {
  it.each([
    ['1970-01-01', 0, 3],
    ['2024-01-01', 19723, 0],
    ['2024-02-29', 19782, 3],
    ['2000-03-01', 11017, 2],
    ['1969-12-31', -1, 2],
    ['2024-07-14T08:30:00Z', 19918, 6],
  ])('%s is day %p (weekday %p)', (iso, day, weekday) => {
    expect(parseIsoDay(iso)).toBe(day);
    expect(formatIsoDay(day)).toBe(iso.slice(0, 10));
    expect(weekdayOfDay(day)).toBe(weekday);
  });

  it.each(['2023-02-29', '2024-13-01', '2024-1-01', 'hello world', '', '2024-01-01X'])(
    'rejects %p',
    (iso) => {
      expect(parseIsoDay(iso)).toBeNaN();
    },
  );

  it('round-trips every day over 30 years', () => {
    for (let day = 0; day < 365 * 30; day += 13) expect(parseIsoDay(formatIsoDay(day))).toBe(day);
  });
});
