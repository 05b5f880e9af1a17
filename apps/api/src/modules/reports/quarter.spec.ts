import { isQuarterKey, previousQuarter, quarterAsOf, quarterDueForDelivery, quarterOf, quarterRange } from './quarter';

describe('quarters', () => {
  it.each([
    ['2026-Q1', '2026-01-01', '2026-03-31', ['2026-01', '2026-02', '2026-03']],
    ['2026-Q3', '2026-07-01', '2026-09-30', ['2026-07', '2026-08', '2026-09']],
    ['2024-Q4', '2024-10-01', '2024-12-31', ['2024-10', '2024-11', '2024-12']],
  ])('quarterRange(%s)', (key, from, to, months) => {
    expect(quarterRange(key)).toEqual({ key, from, to, months });
  });

  it.each(['2026-Q5', '2026Q1', '26-Q1', ''])('rejects %j', (key) => {
    expect(isQuarterKey(key)).toBe(false);
    expect(() => quarterRange(key)).toThrow('quarter must look like 2026-Q3');
  });

  it.each([
    ['2026-01-01', '2026-Q1'],
    ['2026-09-30', '2026-Q3'],
    ['2026-10-01', '2026-Q4'],
  ])('quarterOf(%s) = %s', (date, key) => expect(quarterOf(date)).toBe(key));

  it.each([
    ['2026-Q1', '2025-Q4'],
    ['2026-Q3', '2026-Q2'],
  ])('previousQuarter(%s) = %s', (key, previous) => expect(previousQuarter(key)).toBe(previous));

  it.each([
    ['2026-Q3', '2026-11-21', '2026-10-01'],
    ['2026-Q4', '2026-11-21', '2026-11-21'],
  ])('quarterAsOf(%s, today %s) = %s', (key, today, asOf) => expect(quarterAsOf(key, today)).toBe(asOf));

  it.each([
    ['2026-10-10', 10, '2026-Q3'],
    ['2027-01-10', 10, '2026-Q4'],
    ['2026-10-05', 5, '2026-Q3'],
    ['2026-10-11', 10, null],
    ['2026-11-10', 10, null],
  ])('quarterDueForDelivery(%s, day %d) = %s', (today, day, expected) => {
    expect(quarterDueForDelivery(today, day)).toBe(expected);
  });
});
