import {
  addDays,
  addMonths,
  compareIsoDates,
  countDaysInclusive,
  daysBetween,
  endOfMonth,
  endOfQuarter,
  enumerateDates,
  fromEpochDay,
  intersectDateRanges,
  isIsoDate,
  isoDayOfWeek,
  isoWeekOf,
  monthKeyOf,
  monthRange,
  parseIsoDate,
  startOfIsoWeek,
  startOfQuarter,
  toEpochDay,
} from './calendar-date';

describe('isIsoDate', () => {
  it.each([
    ['2024-02-29', true], // leap year
    ['2023-02-29', false], // not a leap year
    ['1900-02-29', false], // century, not a leap year
    ['2000-02-29', true], // divisible by 400
    ['2024-04-31', false],
    ['2024-13-01', false],
    ['2024-00-10', false],
    ['2024-1-01', false],
    ['24-01-01', false],
    ['2024-01-01T00:00:00Z', false],
    ['0999-12-31', false],
  ])('%s -> %p', (value, expected) => {
    expect(isIsoDate(value)).toBe(expected);
  });

  it('parseIsoDate throws for a non-date', () => {
    expect(() => parseIsoDate('2023-02-29')).toThrow(RangeError);
    expect(parseIsoDate('2024-03-05')).toEqual({ year: 2024, month: 3, day: 5 });
  });
});

describe('day arithmetic', () => {
  it.each([
    ['2024-02-28', 1, '2024-02-29'],
    ['2024-02-29', 1, '2024-03-01'],
    ['2023-02-28', 1, '2023-03-01'],
    ['2024-12-31', 1, '2025-01-01'],
    ['2024-03-01', -1, '2024-02-29'],
    ['2024-03-09', 2, '2024-03-11'], // US DST switch on 2024-03-10 does not matter
    ['2024-10-26', 2, '2024-10-28'], // EU DST switch on 2024-10-27 does not matter
    ['2024-01-01', 366, '2025-01-01'],
  ])('%s + %p days = %s', (date, days, expected) => {
    expect(addDays(date, days)).toBe(expected);
  });

  it('counts days between dates', () => {
    expect(daysBetween('2024-01-01', '2024-12-31')).toBe(365);
    expect(countDaysInclusive('2024-01-01', '2024-12-31')).toBe(366);
    expect(countDaysInclusive('2024-04-01', '2024-04-30')).toBe(30);
    expect(countDaysInclusive('2024-04-02', '2024-04-01')).toBe(0);
    expect(daysBetween('2024-03-10', '2024-03-01')).toBe(-9);
  });

  it('round-trips epoch days', () => {
    expect(toEpochDay('1970-01-01')).toBe(0);
    expect(toEpochDay('1970-01-02')).toBe(1);
    expect(fromEpochDay(toEpochDay('2031-07-19'))).toBe('2031-07-19');
    expect(fromEpochDay(-1)).toBe('1969-12-31');
  });

  it('compares and enumerates', () => {
    expect(compareIsoDates('2024-01-31', '2024-02-01')).toBe(-1);
    expect(compareIsoDates('2024-02-01', '2024-02-01')).toBe(0);
    expect(enumerateDates('2024-02-27', '2024-03-01')).toEqual([
      '2024-02-27',
      '2024-02-28',
      '2024-02-29',
      '2024-03-01',
    ]);
    expect(enumerateDates('2024-03-02', '2024-03-01')).toEqual([]);
  });
});

describe('weeks, months, quarters', () => {
  it.each([
    ['2024-01-01', 1], // Monday
    ['2024-03-06', 3], // Wednesday
    ['2024-03-10', 7], // Sunday
  ])('%s is ISO weekday %p', (date, expected) => {
    expect(isoDayOfWeek(date)).toBe(expected);
  });

  it('starts ISO weeks on Monday', () => {
    expect(startOfIsoWeek('2024-03-10')).toBe('2024-03-04');
    expect(startOfIsoWeek('2024-03-04')).toBe('2024-03-04');
    expect(startOfIsoWeek('2025-01-01')).toBe('2024-12-30');
  });

  it.each([
    ['2024-03-05', 2024, 10],
    ['2021-01-03', 2020, 53], // Sunday of the last ISO week of 2020
    ['2024-12-30', 2025, 1], // Monday already in ISO week 1 of 2025
    ['2026-12-31', 2026, 53],
  ])('ISO week of %s is %p-W%p', (date, year, week) => {
    expect(isoWeekOf(date)).toEqual({ year, week });
  });

  it.each([
    ['2024-01-31', 1, '2024-02-29'], // clamped to the leap day
    ['2023-01-31', 1, '2023-02-28'],
    ['2024-11-15', 3, '2025-02-15'],
    ['2024-01-15', -1, '2023-12-15'],
    ['2024-03-31', -1, '2024-02-29'],
  ])('%s + %p months = %s', (date, months, expected) => {
    expect(addMonths(date, months)).toBe(expected);
  });

  it('finds month and quarter edges', () => {
    expect(endOfMonth('2024-02-10')).toBe('2024-02-29');
    expect(startOfQuarter('2024-05-17')).toBe('2024-04-01');
    expect(endOfQuarter('2024-05-17')).toBe('2024-06-30');
    expect(endOfQuarter('2024-12-01')).toBe('2024-12-31');
    expect(monthKeyOf('2024-05-17')).toBe('2024-05');
    expect(monthRange('2024-02')).toEqual({ from: '2024-02-01', to: '2024-02-29' });
    expect(() => monthRange('2024-13')).toThrow(RangeError);
  });

  it('intersects ranges', () => {
    expect(
      intersectDateRanges({ from: '2024-03-01', to: '2024-03-31' }, { from: '2024-03-20', to: '2024-04-10' }),
    ).toEqual({
      from: '2024-03-20',
      to: '2024-03-31',
    });
    expect(
      intersectDateRanges({ from: '2024-03-01', to: '2024-03-31' }, { from: '2024-04-01', to: '2024-04-10' }),
    ).toBeNull();
  });
});
