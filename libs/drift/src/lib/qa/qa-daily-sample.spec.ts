import { qaSampleFromDailyTotals, QaDailyTotals } from './qa-daily-sample';
import { detectQaRegressions } from './qa-regression';

const day = (
  pointsEarned: number,
  pointsPossible: number,
  evaluations: number,
  autoFails: number,
): QaDailyTotals => ({
  pointsEarned,
  pointsPossible,
  evaluations,
  autoFails,
});

describe('qaSampleFromDailyTotals', () => {
  it('scores only the evaluations that did not auto-fail, as a ratio of sums', () => {
    // Day 1: 10 evaluations of 100 points, 2 auto-failed (0 points): 8 scored, 720 of 800 = 0.9.
    // Day 2: 5 evaluations, none failed: 400 of 500 = 0.8. Window: 1120 / 1300.
    const s = qaSampleFromDailyTotals([day(720, 1000, 10, 2), day(400, 500, 5, 0)]);
    expect(s.evaluations).toBe(15);
    expect(s.autoFails).toBe(2);
    expect(s.scoreMean).toBeCloseTo(1120 / 1300, 12);
    // Cluster variance: weights 8/13 and 5/13, day means 0.9 and 0.8, D = 2:
    // 2 x ((8/13)^2 (0.9 - m)^2 + (5/13)^2 (0.8 - m)^2), times K = 13.
    const m = 1120 / 1300;
    const expected = 2 * ((8 / 13) ** 2 * (0.9 - m) ** 2 + (5 / 13) ** 2 * (0.8 - m) ** 2) * 13;
    expect(s.scoreVariance).toBeCloseTo(expected, 12);
  });

  it.each([
    ['no days', [], { evaluations: 0, autoFails: 0 }],
    [
      'one day only: no score summary, the auto-fail rate is still there',
      [day(90, 100, 1, 0)],
      { evaluations: 1, autoFails: 0 },
    ],
    [
      'days without evaluations are skipped',
      [day(0, 0, 0, 0), day(0, 100, 1, 1)],
      { evaluations: 1, autoFails: 1 },
    ],
  ] as [string, QaDailyTotals[], object][])('%s', (_name, days, expected) => {
    expect(qaSampleFromDailyTotals(days)).toEqual(expected);
  });

  it('day-to-day scatter, not the number of evaluations, decides the evidence (days are clusters)', () => {
    // Same daily means, ten times the evaluations per day: the standard error of the mean does not shrink.
    const small = Array.from({ length: 28 }, (_, i) => day(i % 2 ? 900 : 860, 1000, 10, 0));
    const large = small.map((d) => day(d.pointsEarned * 10, d.pointsPossible * 10, 100, 0));
    const se = (s: ReturnType<typeof qaSampleFromDailyTotals>) =>
      Math.sqrt(s.scoreVariance! / (s.evaluations - s.autoFails));
    expect(se(qaSampleFromDailyTotals(large))).toBeCloseTo(se(qaSampleFromDailyTotals(small)), 12);
  });

  it('feeds detectQaRegressions: a 5 point drop over 28 days is flagged, day noise alone is not', () => {
    const noise = (i: number) => [0.012, -0.008, 0.004, -0.015, 0.009, -0.002, 0.006][i % 7];
    const window = (from: number, n: number, level: number) =>
      Array.from({ length: n }, (_, i) => day(Math.round(1400 * (level + noise(from + i))), 1400, 14, 0));
    const groups = [
      {
        key: 'drops',
        baseline: qaSampleFromDailyTotals(window(0, 91, 0.92)),
        recent: qaSampleFromDailyTotals(window(91, 28, 0.87)),
      },
      {
        key: 'stable',
        baseline: qaSampleFromDailyTotals(window(3, 91, 0.9)),
        recent: qaSampleFromDailyTotals(window(94, 28, 0.9)),
      },
    ];
    expect(detectQaRegressions(groups).regressedKeys).toEqual(['drops']);
  });
});
