import { computeBurnRate } from './burn-rate';
import { findBuiltInKpi } from './kpi-catalog';
import { KpiDefinition } from './kpi-definition';

function kpi(code: string): KpiDefinition {
  const definition = findBuiltInKpi(code);
  if (!definition) throw new Error(`no KPI ${code}`);
  return definition;
}

const april = { from: '2024-04-01', to: '2024-04-30' }; // 30 days
const march = { from: '2024-03-01', to: '2024-03-31' }; // 31 days

describe('computeBurnRate: monthly 80/20 service level (higher is better)', () => {
  it('projects the day the month is lost', () => {
    const result = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-04-10',
      components: { numerator: 7500, denominator: 10000 },
    });
    // 10 of 30 days; bad = 10000 - 7500 = 2500; bad rate 0.25 / allowed 0.20 -> burn 1.25
    // expected offered = 10000 / 10 x 30 = 30000 ; budget = 0.2 x 30000 = 6000 ; remaining 3500
    // pace 250 bad/day ; 6000 / 250 = 24 -> the budget is exactly used on day 24, exceeded on day 25
    expect(result).toMatchObject({
      status: 'burning',
      daysElapsed: 10,
      periodDays: 30,
      valueSoFar: 0.75,
      budgetConsumed: 2500,
      expectedDenominator: 30000,
      expectedDenominatorSource: 'extrapolated',
      projectedMissDay: 25,
      projectedMissDate: '2024-04-25',
    });
    expect(result.burnRate).toBeCloseTo(1.25, 10);
    expect(result.errorBudget).toBeCloseTo(6000, 6);
    expect(result.budgetRemaining).toBeCloseTo(3500, 6);
    expect(result.budgetConsumedFraction).toBeCloseTo(2500 / 6000, 10);
    expect(result.explanation).toContain('day 25 (2024-04-25)');
  });

  it.each([
    // answered in 20 s, burn rate, projected miss day
    [8200, 0.9, null], // bad 1800, pace 180/day, 6000/180 = 33.3 -> day 34 > 30: on track
    [8000, 1.0, null], // bad 2000, pace 200/day, 6000/200 = 30 -> exceeded only on day 31: exactly on budget
    [7000, 1.5, 21], // bad 3000, pace 300/day, 6000/300 = 20 -> day 21
    [5000, 2.5, 13], // bad 5000, pace 500/day, 6000/500 = 12 -> day 13
  ])('with %p of 10000 answered in time: burn %p, missed on day %p', (answered, burnRate, missDay) => {
    const result = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-04-10',
      components: { numerator: answered, denominator: 10000 },
    });
    expect(result.burnRate).toBeCloseTo(burnRate, 10);
    expect(result.projectedMissDay).toBe(missDay);
    expect(result.status).toBe(missDay === null ? 'on_track' : 'burning');
  });

  it('sizes the budget on a volume forecast when given', () => {
    const result = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-04-10',
      components: { numerator: 7500, denominator: 10000 },
      expectedDenominator: 24000,
    });
    // budget 0.2 x 24000 = 4800 ; pace 250 ; 4800 / 250 = 19.2 -> day 20 ; burn rate is still 1.25
    expect(result.expectedDenominatorSource).toBe('forecast');
    expect(result.errorBudget).toBeCloseTo(4800, 6);
    expect(result.projectedMissDay).toBe(20);
    expect(result.projectedMissDate).toBe('2024-04-20');
    expect(result.burnRate).toBeCloseTo(1.25, 10);
  });

  it('says the budget is exhausted once it is spent', () => {
    const result = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-04-10',
      components: { numerator: 7500, denominator: 10000 },
      expectedDenominator: 10000,
    });
    // budget 0.2 x 10000 = 2000 < 2500 consumed ; 2000 / 250 = 8 -> exceeded on day 9
    expect(result.status).toBe('exhausted');
    expect(result.budgetRemaining).toBeCloseTo(-500, 6);
    expect(result.projectedMissDay).toBe(9);
  });

  it('clamps asOf to the period end', () => {
    const result = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-05-03',
      components: { numerator: 24500, denominator: 30000 },
    });
    // 30 of 30 days; bad 5500 <= budget 6000 -> met
    expect(result.daysElapsed).toBe(30);
    expect(result.status).toBe('on_track');
  });
});

describe('computeBurnRate: lower-is-better KPIs', () => {
  it('abandonment rate: the budget is target x expected queued', () => {
    const result = computeBurnRate({
      definition: kpi('abandonment_rate'),
      target: 0.05,
      period: april,
      asOf: '2024-04-06',
      components: { numerator: 360, denominator: 6000 },
    });
    // 6 days ; rate 360/6000 = 0.06 ; burn 0.06 / 0.05 = 1.2
    // expected queued 6000 / 6 x 30 = 30000 ; budget 0.05 x 30000 = 1500 abandons ; pace 60/day
    // 1500 / 60 = 25 -> day 26
    expect(result.burnRate).toBeCloseTo(1.2, 10);
    expect(result.errorBudget).toBeCloseTo(1500, 6);
    expect(result.budgetRemaining).toBeCloseTo(1140, 6);
    expect(result.projectedMissDay).toBe(26);
    expect(result.projectedMissDate).toBe('2024-04-26');
  });

  it('AHT (an average): the budget is target seconds x expected handled contacts', () => {
    const result = computeBurnRate({
      definition: kpi('aht'),
      target: 300,
      period: march,
      asOf: '2024-03-10',
      components: { numerator: 3_300_000, denominator: 10_000 },
    });
    // AHT so far 3,300,000 / 10,000 = 330 s ; burn 330 / 300 = 1.1
    // expected handled 10,000 / 10 x 31 = 31,000 ; budget 300 x 31,000 = 9,300,000 s
    // pace 330,000 s/day ; 9,300,000 / 330,000 = 28.18 -> day 29
    expect(result.valueSoFar).toBe(330);
    expect(result.burnRate).toBeCloseTo(1.1, 10);
    expect(result.errorBudget).toBeCloseTo(9_300_000, 3);
    expect(result.projectedMissDay).toBe(29);
    expect(result.projectedMissDate).toBe('2024-03-29');
  });

  it('AHT under target is on track', () => {
    const result = computeBurnRate({
      definition: kpi('aht'),
      target: 300,
      period: march,
      asOf: '2024-03-10',
      components: { numerator: 2_900_000, denominator: 10_000 },
    });
    // burn 290 / 300 = 0.9667 ; 9,300,000 / 290,000 = 32.07 -> day 33 > 31
    expect(result.burnRate).toBeCloseTo(0.966667, 6);
    expect(result.projectedMissDay).toBeNull();
    expect(result.status).toBe('on_track');
  });
});

describe('computeBurnRate: no data and unsupported KPIs', () => {
  it('reports no data before the first day or with nothing offered', () => {
    const before = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-03-31',
      components: { numerator: 0, denominator: 0 },
      expectedDenominator: 30000,
    });
    expect(before).toMatchObject({
      status: 'no_data',
      daysElapsed: 0,
      burnRate: null,
      projectedMissDay: null,
    });
    expect(before.budgetRemaining).toBeCloseTo(6000, 6); // (1 - 0.8) x the forecast 30000
    const empty = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-04-03',
      components: { numerator: 0, denominator: 0 },
    });
    expect(empty).toMatchObject({ status: 'no_data', daysElapsed: 3, errorBudget: null, valueSoFar: null });
  });

  it('reports burn rate 0 when nothing went wrong', () => {
    const result = computeBurnRate({
      definition: kpi('service_level'),
      target: 0.8,
      period: april,
      asOf: '2024-04-02',
      components: { numerator: 500, denominator: 500 },
    });
    expect(result).toMatchObject({ burnRate: 0, projectedMissDay: null, status: 'on_track' });
  });

  it.each(['backlog', 'nps', 'occupancy', 'attrition'])('has no error budget for %s', (code) => {
    const result = computeBurnRate({
      definition: kpi(code),
      target: 0.5,
      period: april,
      asOf: '2024-04-10',
      components: { numerator: 10, denominator: 20 },
    });
    expect(result.status).toBe('not_applicable');
    expect(result.burnRate).toBeNull();
  });

  it('rejects impossible targets', () => {
    const base = { period: april, asOf: '2024-04-10', components: { numerator: 1, denominator: 2 } };
    expect(() => computeBurnRate({ ...base, definition: kpi('service_level'), target: 80 })).toThrow(
      RangeError,
    );
    expect(() => computeBurnRate({ ...base, definition: kpi('service_level'), target: 1 })).toThrow(
      RangeError,
    );
    expect(() => computeBurnRate({ ...base, definition: kpi('aht'), target: 0 })).toThrow(RangeError);
  });
});
