import { dayNumberToIsoDate, isoDateToDayNumber, weekdayOfDayNumber } from './calendar';

describe('calendar', () => {
  it.each([
    ['1970-01-01', 0, 3],
    ['2024-01-01', 19723, 0],
    ['2024-02-29', 19782, 3],
  ])('%s is day %p, weekday %p', (iso, day, weekday) => {
    expect(isoDateToDayNumber(iso)).toBe(day);
    expect(dayNumberToIsoDate(day)).toBe(iso);
    expect(weekdayOfDayNumber(day)).toBe(weekday);
  });
});
