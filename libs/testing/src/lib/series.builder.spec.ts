import { aSeries } from './series.builder';
import { isoDateToDayNumber, weekdayOfDayNumber } from './calendar';

describe('aSeries', () => {
  it('builds daily dates, truth and reproducible noise', () => {
    const build = () =>
      aSeries({ seed: 5 }).daily(60, '2024-01-01').level(100).noise(0.02).withStep(30, -0.1).build();
    const s = build();
    expect(s.values).toHaveLength(60);
    expect(s.dates[0]).toBe('2024-01-01');
    expect(s.dates[59]).toBe('2024-02-29');
    expect(s.truth.changes).toEqual([{ index: 30, kind: 'step', size: -0.1, direction: 'adverse' }]);
    expect(build().values).toEqual(s.values);
    const before = (s.values.slice(0, 30) as number[]).reduce((a, b) => a + b, 0) / 30;
    const after = (s.values.slice(30) as number[]).reduce((a, b) => a + b, 0) / 30;
    expect(before - after).toBeGreaterThan(8);
  });

  it('keeps the same noise when a step is added', () => {
    const plain = aSeries({ seed: 9 }).daily(20).level(50).build();
    const stepped = aSeries({ seed: 9 }).daily(20).level(50).withStep(10, 0.2).build();
    expect(stepped.values[5]).toBe(plain.values[5]);
    expect((stepped.values[15] as number) - (plain.values[15] as number)).toBeCloseTo(10, 9);
  });

  it('marks direction from betterWhen and kind', () => {
    const s = aSeries({ seed: 1 })
      .daily(100)
      .forKpi('aht')
      .withStep(20, 0.1)
      .withRamp(50, -0.001)
      .withVarianceChange(80, 2)
      .build();
    expect(s.betterWhen).toBe('lower');
    expect(s.truth.changes.map((c) => [c.index, c.kind, c.direction])).toEqual([
      [20, 'step', 'adverse'],
      [50, 'ramp', 'favourable'],
      [80, 'variance', 'adverse'],
    ]);
  });

  it('applies weekly factors, outliers, missing values, business days and gaps', () => {
    const weekly = aSeries({ seed: 2 })
      .daily(14, '2024-01-01')
      .level(100)
      .constant()
      .weekly([1.2, 1, 1, 1, 1, 0.5, 0.5])
      .withOutlier(3, -0.4)
      .build();
    expect(weekly.values[0]).toBeCloseTo(120, 9);
    expect(weekly.values[5]).toBeCloseTo(50, 9);
    expect(weekly.values[3]).toBeCloseTo(60, 9);
    expect(weekly.truth.outliers).toEqual([3]);

    const missing = aSeries({ seed: 3 }).daily(400).withMissing(0.2).withMissingAt([0]).build();
    const nulls = missing.values.filter((v) => v === null).length;
    expect(nulls).toBe(missing.truth.missing.length);
    expect(nulls).toBeGreaterThan(50);
    expect(missing.values[0]).toBeNull();

    const business = aSeries({ seed: 4 }).businessDays(10, '2024-01-01').build();
    expect(business.dates.map((d) => weekdayOfDayNumber(isoDateToDayNumber(d))).every((w) => w < 5)).toBe(
      true,
    );

    const gappy = aSeries({ seed: 4 }).daily(100).withGaps(0.2).build();
    const span = isoDateToDayNumber(gappy.dates[99]) - isoDateToDayNumber(gappy.dates[0]);
    expect(span).toBeGreaterThan(105);
  });
});
