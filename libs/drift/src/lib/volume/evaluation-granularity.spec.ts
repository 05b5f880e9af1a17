import { chooseEvaluationGranularity, DailyComponents, sumCompleteWeeks } from './evaluation-granularity';

/** n days from Monday 2024-01-01 with the same components every day. */
function days(n: number, numerator: number, denominator: number | null): DailyComponents[] {
  return Array.from({ length: n }, (_, i) => ({
    date: new Date(Date.UTC(2024, 0, 1 + i)).toISOString().slice(0, 10),
    numerator,
    denominator,
  }));
}

describe('chooseEvaluationGranularity', () => {
  it.each([
    ['AHT (an average, not a proportion)', days(120, 300_000, 1000), false, 'day'],
    ['service level 80 % of 2,000 contacts', days(120, 1600, 2000), true, 'day'],
    ['accuracy 98.5 % of 70 audited items (~1 error a day, ~7 a week)', days(120, 69, 70), true, 'week'],
    ['auto-fail 1 of 14 a day is 7 a week', days(120, 1, 14), true, 'week'],
    ['auto-fail 0 of 14 a day, nothing to see', days(120, 0, 14), true, 'none'],
    [
      'a high share: the rarer outcome is the non-event (998 of 1,000: 2 a day, 14 a week)',
      days(120, 998, 1000),
      true,
      'week',
    ],
    ['100 % every day: no misses to count', days(120, 100, 100), true, 'none'],
    ['exactly 5 a day is enough', days(120, 5, 100), true, 'day'],
    ['no denominators at all', days(120, 3, null), true, 'none'],
    ['no points', [], true, 'none'],
  ] as const)('%s -> %s', (_name, points, proportion, expected) => {
    expect(chooseEvaluationGranularity(points, { proportion }).granularity).toBe(expected);
  });

  it('judges the start of the history (the baseline), whatever comes later', () => {
    const points = [
      ...days(56, 1, 14),
      ...days(200, 10, 14).map((d, i) => ({ ...d, date: `2025-${d.date.slice(5)}${i}` })),
    ];
    const choice = chooseEvaluationGranularity(points.slice(0, 56), { proportion: true });
    expect(choice).toMatchObject({ granularity: 'week', dailyCount: 1, weeklyCount: 7 });
    expect(choice.reason).toContain('per week');
  });

  it('honours another minimum count', () => {
    expect(
      chooseEvaluationGranularity(days(120, 6, 100), { proportion: true, minExpectedCount: 10 }).granularity,
    ).toBe('week');
  });
});

describe('sumCompleteWeeks', () => {
  it('sums Monday..Sunday and drops the incomplete last week', () => {
    const weeks = sumCompleteWeeks(days(10, 2, 7));
    expect(weeks).toEqual([{ date: '2024-01-01', numerator: 14, denominator: 49 }]);
  });

  it('keeps a week complete up to an explicit last day even with missing days, and null denominators', () => {
    const points = days(7, 1, null).filter((_, i) => i !== 3);
    expect(sumCompleteWeeks(points, '2024-01-07')).toEqual([
      { date: '2024-01-01', numerator: 6, denominator: null },
    ]);
    expect(sumCompleteWeeks(points, '2024-01-06')).toEqual([]);
  });
});
