import { addDays, enumerateDates } from './calendar-date';
import { coverDateRange, splitRangeByExclusions } from './range-cover';

const describePieces = (from: string, to: string, granularities?: Parameters<typeof coverDateRange>[1]) =>
  coverDateRange({ from, to }, granularities).map((piece) => `${piece.granularity} ${piece.from}..${piece.to}`);

describe('coverDateRange', () => {
  it.each<[string, string, string[]]>([
    ['2024-01-01', '2024-12-31', ['year 2024-01-01..2024-12-31']],
    [
      '2024-02-01',
      '2024-12-31',
      [
        'month 2024-02-01..2024-02-29',
        'month 2024-03-01..2024-03-31',
        'quarter 2024-04-01..2024-06-30',
        'quarter 2024-07-01..2024-09-30',
        'quarter 2024-10-01..2024-12-31',
      ],
    ],
    // Wed 6 March .. Sun 31 March: days to Sunday 10, then ISO weeks Monday 11..Sunday 31.
    [
      '2024-03-06',
      '2024-03-31',
      [
        'day 2024-03-06..2024-03-10',
        'week 2024-03-11..2024-03-17',
        'week 2024-03-18..2024-03-24',
        'week 2024-03-25..2024-03-31',
      ],
    ],
    // Months win over weeks that would cross a month boundary.
    [
      '2024-04-29',
      '2024-06-30',
      ['day 2024-04-29..2024-04-30', 'month 2024-05-01..2024-05-31', 'month 2024-06-01..2024-06-30'],
    ],
    ['2024-03-05', '2024-03-07', ['day 2024-03-05..2024-03-07']],
    ['2024-03-04', '2024-03-04', ['day 2024-03-04..2024-03-04']],
  ])('%s..%s', (from, to, expected) => {
    expect(describePieces(from, to)).toEqual(expected);
  });

  it('only uses the granularities it is given', () => {
    expect(describePieces('2024-01-01', '2024-03-31', ['month'])).toEqual([
      'month 2024-01-01..2024-01-31',
      'month 2024-02-01..2024-02-29',
      'month 2024-03-01..2024-03-31',
    ]);
    expect(describePieces('2024-01-01', '2024-01-10', [])).toEqual(['day 2024-01-01..2024-01-10']);
  });

  it.each([
    ['2023-11-15', '2026-02-03'],
    ['2024-02-28', '2024-03-02'],
    ['2024-12-30', '2025-01-05'],
    ['2020-02-29', '2024-02-29'],
  ])('covers %s..%s exactly once, in order', (from, to) => {
    const pieces = coverDateRange({ from, to });
    const covered = pieces.flatMap((piece) => enumerateDates(piece.from, piece.to));
    expect(covered).toEqual(enumerateDates(from, to));
    pieces.slice(1).forEach((piece, index) => expect(piece.from).toBe(addDays(pieces[index].to, 1)));
  });

  it('rejects an inverted range', () => {
    expect(() => coverDateRange({ from: '2024-03-02', to: '2024-03-01' })).toThrow(RangeError);
  });
});

describe('splitRangeByExclusions', () => {
  const march = { from: '2024-03-01', to: '2024-03-31' };

  it('gives one clean segment without exclusions', () => {
    expect(splitRangeByExclusions(march)).toEqual([{ ...march, excludedSites: null }]);
  });

  it('cuts around an all-sites exclusion and a site exclusion, merging equal neighbours', () => {
    expect(
      splitRangeByExclusions(march, [
        { from: '2024-03-05', to: '2024-03-06' },
        { from: '2024-03-06', to: '2024-03-08', siteIds: ['gdl'] },
        { from: '2024-03-08', to: '2024-03-08', siteIds: ['mty'] },
        { from: '2024-03-20', to: '2024-04-02' }, // runs past the range: clipped
        { from: '2024-02-01', to: '2024-02-10' }, // before the range: ignored
      ]),
    ).toEqual([
      { from: '2024-03-01', to: '2024-03-04', excludedSites: null },
      { from: '2024-03-05', to: '2024-03-06', excludedSites: 'all' },
      { from: '2024-03-07', to: '2024-03-07', excludedSites: ['gdl'] },
      { from: '2024-03-08', to: '2024-03-08', excludedSites: ['gdl', 'mty'] },
      { from: '2024-03-09', to: '2024-03-19', excludedSites: null },
      { from: '2024-03-20', to: '2024-03-31', excludedSites: 'all' },
    ]);
  });

  it('treats an empty site list as excluding nothing', () => {
    expect(splitRangeByExclusions(march, [{ from: '2024-03-05', to: '2024-03-06', siteIds: [] }])).toEqual([
      { ...march, excludedSites: null },
    ]);
  });
});
