import type { ServiceLevelTerms, SlaContractVersion } from '@kpi/domain';
import { evaluateSlaDay, PeriodAccumulators, scopeMatches } from './sla-rules';

const level = (over: Partial<ServiceLevelTerms> = {}): ServiceLevelTerms => ({
  id: 'sl',
  name: 'SL 80/20',
  scope: { providerId: 'P' },
  kpiCode: 'service_level',
  target: 0.85,
  minimum: 0.8,
  measurementPeriod: 'monthly',
  kind: 'critical',
  poolAllocationPct: 100,
  earnBack: null,
  ...over,
});
const version = (
  levels: ServiceLevelTerms[],
  from = '2026-01-01',
  to: string | null = null,
): SlaContractVersion => ({
  id: `v-${from}`,
  contractId: 'c',
  version: 1,
  providerId: 'P',
  currency: 'MXN',
  monthlyFee: 1,
  atRiskPct: 10,
  effectiveFrom: from,
  effectiveTo: to,
  serviceLevels: levels,
});
const provider = { providerId: 'P', siteId: null, serviceLine: null, queue: null };
const kpi = {
  code: 'service_level',
  aggregation: 'ratio_of_sums' as const,
  betterWhen: 'higher' as const,
  unit: 'percent',
};

describe('scopeMatches', () => {
  it.each([
    [{ providerId: 'P' }, provider, true],
    [{ providerId: 'P', siteId: 'S' }, provider, false],
    [
      { providerId: 'P', siteId: 'S', serviceLine: 'voice' as const },
      { ...provider, siteId: 'S', serviceLine: 'voice' },
      true,
    ],
    [{ providerId: 'Q' }, provider, false],
  ])('%# %p', (scope, series, expected) => {
    expect(scopeMatches(level({ scope }), series, 'service_level')).toBe(expected);
  });
});

describe('evaluateSlaDay', () => {
  /** Feeds days of the month one by one; returns the result of the last. */
  function month(days: { n: number; d: number }[], versions: SlaContractVersion[]) {
    const acc: PeriodAccumulators = {};
    let last = null;
    days.forEach((c, i) => {
      last = evaluateSlaDay(
        versions,
        provider,
        kpi,
        { date: `2026-03-${String(i + 1).padStart(2, '0')}`, numerator: c.n, denominator: c.d },
        acc,
      );
    });
    return { last, acc };
  }

  it.each([
    ['met', Array(10).fill({ n: 900, d: 1000 }), null],
    ['at risk: within 2 % of the minimum', Array(10).fill({ n: 810, d: 1000 }), 'at_risk'],
    [
      'breach: month to date below the minimum',
      [...Array(5).fill({ n: 900, d: 1000 }), ...Array(5).fill({ n: 600, d: 1000 })],
      'breach',
    ],
  ] as const)('%s', (_name, days, expected) => {
    const { last } = month([...days], [version([level()])]);
    expect((last as { kind: string } | null)?.kind ?? null).toBe(expected);
  });

  it('fast burn: the error budget would be gone by mid-month although the minimum still holds', () => {
    const { last } = month(
      [
        { n: 830, d: 1000 },
        { n: 820, d: 1000 },
      ],
      [version([level({ target: 0.92, minimum: 0.8 })])],
    );
    expect(last).toMatchObject({ kind: 'fast_burn', projectedLossDay: expect.any(Number) });
  });

  it('sums components month to date (ratio of sums) and restarts each month', () => {
    const acc: PeriodAccumulators = {};
    const versions = [version([level()])];
    evaluateSlaDay(versions, provider, kpi, { date: '2026-03-31', numerator: 100, denominator: 1000 }, acc);
    const april = evaluateSlaDay(
      versions,
      provider,
      kpi,
      { date: '2026-04-01', numerator: 900, denominator: 1000 },
      acc,
    );
    expect(april).toBeNull();
    expect(acc.month).toEqual({ start: '2026-04-01', numerator: 900, denominator: 1000, days: 1 });
  });

  it('judges a day by the terms in force that day (none before the contract starts, bands ignored)', () => {
    const versions = [version([level()], '2026-04-01')];
    expect(month([{ n: 100, d: 1000 }], versions).last).toBeNull();
    const band = version([level({ target: { low: 0.85, high: 0.9 }, minimum: { low: 0.8, high: 0.95 } })]);
    expect(month([{ n: 100, d: 1000 }], [band]).last).toBeNull();
  });
});
