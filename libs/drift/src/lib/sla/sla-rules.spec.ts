import { computeErrorBudgetBurn, evaluateSlaLevel } from './sla-rules';

describe('evaluateSlaLevel', () => {
  it.each([
    // service level 80/20: minimum 0.75, target 0.8, higher is better, margin 2 % of 0.75 = 0.015
    [0.85, 'higher', 'met'],
    [0.78, 'higher', 'below_target'],
    [0.76, 'higher', 'at_risk'],
    [0.75, 'higher', 'at_risk'],
    [0.7499, 'higher', 'breach'],
    [null, 'higher', 'no_data'],
  ] as const)('service level %p (%s is better) is %s', (value, betterWhen, status) => {
    expect(evaluateSlaLevel({ value, minimum: 0.75, target: 0.8, betterWhen }).status).toBe(status);
  });

  it.each([
    // AHT: maximum 330 s (the "minimum" level of a lower-is-better KPI), target 300 s, margin 10 s
    [290, 'met'],
    [310, 'below_target'],
    [322, 'at_risk'],
    [331, 'breach'],
  ] as const)('AHT %p s is %s', (value, status) => {
    const r = evaluateSlaLevel({ value, minimum: 330, target: 300, betterWhen: 'lower', atRiskMargin: 10 });
    expect(r.status).toBe(status);
    expect(r.marginToMinimum).toBeCloseTo(330 - value, 9);
  });

  it('explains the verdict in one sentence', () => {
    expect(evaluateSlaLevel({ value: 0.7, minimum: 0.75, betterWhen: 'higher' }).reason).toBe(
      '0.7 is worse than the minimum 0.75.',
    );
  });
});

describe('computeErrorBudgetBurn', () => {
  it('80/20 month, day 10 of 30, 76 % answered in time: burn 1.2, lost on day 25', () => {
    const r = computeErrorBudgetBurn({
      targetRatio: 0.8,
      daysElapsed: 10,
      daysTotal: 30,
      numerator: 7600,
      denominator: 10000,
    });
    expect(r.burnRate).toBeCloseTo(1.2, 12);
    expect(r.budgetConsumed).toBeCloseTo(0.4, 12);
    expect(r.projectedLossDay).toBe(25);
    expect(r.status).toBe('burning');
    expect(r.reason).toBe('Burn rate 1.20: at this pace the period is lost on day 25 of 30.');
  });

  it.each([
    // [numerator/denominator, daysElapsed, expected status, expected loss day]
    [0.85, 10, 'ok', null],
    [0.8, 10, 'ok', 30],
    [0.6, 5, 'fast_burn', 15],
    [0.5, 12, 'exhausted', 12],
    [0, 1, 'fast_burn', 6],
  ] as const)('attainment %p on day %p of 30 is %s (lost on day %p)', (attainment, day, status, lossDay) => {
    const r = computeErrorBudgetBurn({
      targetRatio: 0.8,
      daysElapsed: day,
      daysTotal: 30,
      numerator: attainment * 1000,
      denominator: 1000,
    });
    expect(r.status).toBe(status);
    expect(r.projectedLossDay).toBe(lossDay);
  });

  it('handles a 100 % target and no data', () => {
    expect(
      computeErrorBudgetBurn({
        targetRatio: 1,
        daysElapsed: 3,
        daysTotal: 30,
        numerator: 99,
        denominator: 100,
      }),
    ).toMatchObject({ burnRate: Number.POSITIVE_INFINITY, status: 'exhausted', projectedLossDay: 1 });
    expect(
      computeErrorBudgetBurn({
        targetRatio: 1,
        daysElapsed: 3,
        daysTotal: 30,
        numerator: 100,
        denominator: 100,
      }),
    ).toMatchObject({ burnRate: 0, status: 'ok', projectedLossDay: null });
    expect(
      computeErrorBudgetBurn({
        targetRatio: 0.8,
        daysElapsed: 0,
        daysTotal: 30,
        numerator: 0,
        denominator: 0,
      }).status,
    ).toBe('no_data');
    expect(
      computeErrorBudgetBurn({
        targetRatio: 0.8,
        daysElapsed: 5,
        daysTotal: 30,
        numerator: 10,
        denominator: 5,
      }).status,
    ).toBe('no_data');
  });

  it('a custom fast-burn threshold', () => {
    const input = { targetRatio: 0.9, daysElapsed: 10, daysTotal: 30, numerator: 850, denominator: 1000 };
    expect(computeErrorBudgetBurn(input).status).toBe('burning');
    expect(computeErrorBudgetBurn({ ...input, fastBurnRate: 1.5 }).status).toBe('fast_burn');
  });
});
