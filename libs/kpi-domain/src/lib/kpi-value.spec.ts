import { findBuiltInKpi, BUILT_IN_KPIS } from './kpi-catalog';
import { computeKpiValue, formatKpiValue, goodDirectionSign } from './kpi-value';

describe('computeKpiValue', () => {
  it.each([
    ['ratio_of_sums', 80, 100, 0.8],
    ['ratio_of_sums', 5, 0, null],
    ['net_share', 30, 100, 0.3],
    ['sum', 42, null, 42],
    ['stock', 17, null, 17],
    ['sum_over_mean_stock', 3, 120, 0.025],
  ] as const)('%s of %p/%p is %p', (aggregation, numerator, denominator, expected) => {
    expect(computeKpiValue(aggregation, { numerator, denominator })).toBe(expected);
  });
});

describe('formatKpiValue', () => {
  it('formats each unit with its precision', () => {
    expect(formatKpiValue(findBuiltInKpi('service_level')!, 0.81449)).toBe('81.4 %');
    expect(formatKpiValue(findBuiltInKpi('aht')!, 312.6)).toBe('313 s');
    expect(formatKpiValue(findBuiltInKpi('invoice_cycle_time')!, 3.24)).toBe('3.2 d');
    expect(formatKpiValue(findBuiltInKpi('nps')!, 0.314)).toBe('31');
    expect(formatKpiValue(findBuiltInKpi('backlog')!, 17)).toBe('17');
    expect(formatKpiValue(findBuiltInKpi('aht')!, null)).toBe('–');
  });
});

describe('catalog', () => {
  it('has unique codes and every band KPI has a band', () => {
    const codes = BUILT_IN_KPIS.map((k) => k.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const kpi of BUILT_IN_KPIS.filter((k) => k.direction === 'target_band')) expect(kpi.band).toBeDefined();
  });
  it('knows which way is good', () => {
    expect(goodDirectionSign(findBuiltInKpi('aht')!)).toBe(-1);
    expect(goodDirectionSign(findBuiltInKpi('csat')!)).toBe(1);
    expect(goodDirectionSign(findBuiltInKpi('occupancy')!)).toBe(0);
  });
});
