import { trendRangeDates } from './trend-range';

describe('trendRangeDates', () => {
  it('leaves the default range to the api', () => {
    expect(trendRangeDates('default', '2025-03-31')).toEqual({});
  });

  it.each([
    ['6m', '2025-03-31', '2024-10-01'],
    ['6m', '2025-03-15', '2024-10-01'],
    ['12m', '2025-03-31', '2024-04-01'],
    ['24m', '2025-02-28', '2023-03-01'],
  ] as const)('%s ending %s starts %s', (range, last, from) => {
    expect(trendRangeDates(range, last)).toEqual({ from, to: last });
  });

  it('needs a last data date', () => {
    expect(trendRangeDates('12m', null)).toEqual({});
    expect(trendRangeDates('12m', 'yesterday')).toEqual({});
  });
});
