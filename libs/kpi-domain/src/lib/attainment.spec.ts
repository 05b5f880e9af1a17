import {
  classifyAttainment,
  computeMargin,
  evaluateAttainment,
  evaluateServiceLevels,
  judgeAttainment,
  planAttainment,
  planServiceLevelEvaluations,
} from './attainment';
import { findBuiltInKpi } from './kpi-catalog';
import { KpiDefinition } from './kpi-definition';
import { anObservation as o } from './kpi-observation.mock';
import { SlaExclusion } from './sla-contract';
import { aContractVersion, aServiceLevel } from './sla-contract.mock';

function kpi(code: string): KpiDefinition {
  const definition = findBuiltInKpi(code);
  if (!definition) throw new Error(`no KPI ${code}`);
  return definition;
}

describe('classifyAttainment', () => {
  const higher = { target: 0.8, minimum: 0.75 };
  const lower = { target: 30, minimum: 45 };
  const band = { target: { low: 0.85, high: 0.9 }, minimum: { low: 0.8, high: 0.95 } };

  it.each([
    // KPI, levels, value, status, margin (to target), margin to minimum
    ['service_level', higher, 0.82, 'met', 0.02, 0.07],
    ['service_level', higher, 0.8, 'met', 0, 0.05], // exactly on target is met
    ['service_level', higher, 0.77, 'at_risk', -0.03, 0.02],
    ['service_level', higher, 0.75, 'at_risk', -0.05, 0], // exactly on the minimum is not a breach
    ['service_level', higher, 0.74, 'breached', -0.06, -0.01],
    // lower is better (ASA 30 s target, 45 s breach): margin = level - value
    ['asa', lower, 25, 'met', 5, 20],
    ['asa', lower, 40, 'at_risk', -10, 5],
    ['asa', lower, 50, 'breached', -20, -5],
    // band: margin = distance to the nearest edge, positive inside
    ['occupancy', band, 0.87, 'met', 0.02, 0.07], // min(0.87-0.85, 0.90-0.87) = 0.02 ; min(0.07, 0.08)
    ['occupancy', band, 0.92, 'at_risk', -0.02, 0.03], // min(0.07, -0.02) ; min(0.12, 0.03)
    ['occupancy', band, 0.96, 'breached', -0.06, -0.01],
    ['occupancy', band, 0.79, 'breached', -0.06, -0.01], // too low is as bad as too high
  ] as const)('%s %p: %p -> %s', (code, levels, value, status, margin, marginToMinimum) => {
    const result = classifyAttainment(kpi(code), value, levels);
    expect(result.status).toBe(status);
    expect(result.margin).toBeCloseTo(margin, 10);
    expect(result.marginToMinimum).toBeCloseTo(marginToMinimum, 10);
  });

  it('is no_data without a value', () => {
    expect(classifyAttainment(kpi('service_level'), null, higher)).toEqual({
      status: 'no_data',
      margin: null,
      marginToMinimum: null,
    });
  });

  it('treats binary noise on the target as meeting it', () => {
    // 0.7 + 0.1 = 0.7999999999999999 in floating point
    expect(classifyAttainment(kpi('service_level'), 0.7 + 0.1, higher).status).toBe('met');
  });

  it('refuses a numeric level for a band KPI and a band for a directional KPI', () => {
    expect(() => computeMargin('target_band', 0.5, 0.8)).toThrow(RangeError);
    expect(() => computeMargin('higher_is_better', 0.5, { low: 0.1, high: 0.2 })).toThrow(RangeError);
  });
});

describe('evaluateAttainment', () => {
  const march = { from: '2024-03-01', to: '2024-03-31' };
  const observations = [
    o('service_level', '2024-03-04', 'mty', 700, 1000),
    o('service_level', '2024-03-05', 'mty', 900, 1000),
    o('service_level', '2024-03-06', 'gdl', 780, 1000),
    o('service_level', '2024-03-06', 'gdl', 0, 500, { serviceLine: 'chat' }), // other service line: out of scope
    o('service_level', '2024-03-06', 'gdl', 0, 500, { providerId: 'p2' }), // other provider: out of scope
    o('service_level', '2024-02-29', 'gdl', 0, 500), // before the period
    o('asa', '2024-03-06', 'gdl', 0, 500), // other KPI
  ];
  const serviceLevel = aServiceLevel(); // p1 voice, 80 % target, 75 % minimum, monthly

  it('recomputes the value from the components in scope and judges it', () => {
    const result = evaluateAttainment({
      serviceLevel,
      definition: kpi('service_level'),
      period: march,
      observations,
    });
    // (700 + 900 + 780) / (1000 + 1000 + 1000) = 2380 / 3000 = 0.793333 -> at risk
    expect(result).toMatchObject({
      serviceLevelId: 'sl-voice-80-20',
      periodLabel: '2024-03',
      status: 'at_risk',
      numerator: 2380,
      denominator: 3000,
      observationCount: 3,
      target: 0.8,
      minimum: 0.75,
      final: true,
      contractVersionId: null,
    });
    expect(result.value).toBeCloseTo(0.793333, 6);
    expect(result.margin).toBeCloseTo(-0.006667, 6);
  });

  it('narrows the scope to a site and queue when the service level says so', () => {
    const result = evaluateAttainment({
      serviceLevel: aServiceLevel({ scope: { providerId: 'p1', siteId: 'mty', queue: 'sales' } }),
      definition: kpi('service_level'),
      period: march,
      observations: [...observations, o('service_level', '2024-03-07', 'mty', 0, 1000, { queue: 'billing' })],
    });
    // Monterrey, sales only: (700 + 900) / 2000 = 0.8 -> met
    expect(result.value).toBe(0.8);
    expect(result.status).toBe('met');
  });

  it('removes approved exclusions before the rollup and lists them', () => {
    const exclusions: SlaExclusion[] = [
      {
        id: 'x1',
        contractId: 'c1',
        from: '2024-03-04',
        to: '2024-03-04',
        reason: 'Client IVR outage',
        approvedBy: 'ana.client',
      },
      { id: 'x2', contractId: 'c1', from: '2024-03-05', to: '2024-03-05', reason: 'Storm', approvedBy: null },
      {
        id: 'x3',
        contractId: 'c1',
        from: '2024-03-06',
        to: '2024-03-06',
        reason: 'AHT only',
        approvedBy: 'ana.client',
        serviceLevelIds: ['other'],
      },
      {
        id: 'x4',
        contractId: 'c1',
        from: '2024-04-01',
        to: '2024-04-02',
        reason: 'Later',
        approvedBy: 'ana.client',
      },
    ];
    const result = evaluateAttainment({
      serviceLevel,
      definition: kpi('service_level'),
      period: march,
      observations,
      exclusions,
    });
    // Without 4 March: (900 + 780) / (1000 + 1000) = 0.84 -> met
    expect(result.value).toBeCloseTo(0.84, 10);
    expect(result.status).toBe('met');
    expect(result.excludedObservationCount).toBe(1);
    expect(result.exclusionsApplied).toEqual([
      {
        exclusionId: 'x1',
        reason: 'Client IVR outage',
        approvedBy: 'ana.client',
        from: '2024-03-04',
        to: '2024-03-04',
        siteIds: null,
      },
    ]);
    expect(result.exclusionsIgnored).toEqual([{ exclusionId: 'x2', why: 'not approved' }]);
  });

  it('applies a site-limited exclusion to that site only', () => {
    const result = evaluateAttainment({
      serviceLevel,
      definition: kpi('service_level'),
      period: march,
      observations,
      exclusions: [
        {
          id: 'x',
          contractId: 'c1',
          from: '2024-03-01',
          to: '2024-03-31',
          reason: 'Site move',
          approvedBy: 'ana',
          siteIds: ['gdl'],
        },
      ],
    });
    // Monterrey only: (700 + 900) / 2000 = 0.8
    expect(result.value).toBe(0.8);
    expect(result.exclusionsApplied[0]).toMatchObject({
      from: '2024-03-01',
      to: '2024-03-31',
      siteIds: ['gdl'],
    });
  });

  it('is breached above the minimum for a lower-is-better KPI', () => {
    const result = evaluateAttainment({
      serviceLevel: aServiceLevel({ id: 'asa', kpiCode: 'asa', target: 30, minimum: 45 }),
      definition: kpi('asa'),
      period: march,
      // (30000 + 10000) / (500 + 300) = 40000 / 800 = 50 s > 45 s
      observations: [o('asa', '2024-03-04', 'mty', 30000, 500), o('asa', '2024-03-05', 'gdl', 10000, 300)],
    });
    expect(result.value).toBe(50);
    expect(result.status).toBe('breached');
    expect(result.margin).toBe(-20);
    expect(result.marginToMinimum).toBe(-5);
  });

  it('judges a band KPI (occupancy) inside the band', () => {
    const result = evaluateAttainment({
      serviceLevel: aServiceLevel({
        id: 'occ',
        kpiCode: 'occupancy',
        target: { low: 0.85, high: 0.9 },
        minimum: { low: 0.8, high: 0.95 },
      }),
      definition: kpi('occupancy'),
      period: march,
      // (25200 + 12600) / (28800 + 14400) = 37800 / 43200 = 0.875 -> inside 85..90 %
      observations: [
        o('occupancy', '2024-03-04', 'mty', 25200, 28800),
        o('occupancy', '2024-03-04', 'gdl', 12600, 14400),
      ],
    });
    expect(result.value).toBe(0.875);
    expect(result.status).toBe('met');
    expect(result.margin).toBeCloseTo(0.025, 10); // min(0.875 - 0.85, 0.90 - 0.875)
  });

  it('is no_data for an empty period and not final while the period is open', () => {
    const result = evaluateAttainment({
      serviceLevel,
      definition: kpi('service_level'),
      period: { from: '2024-04-01', to: '2024-04-30' },
      observations,
      today: '2024-04-30',
    });
    expect(result.status).toBe('no_data');
    expect(result.value).toBeNull();
    expect(result.final).toBe(false);
    expect(
      evaluateAttainment({
        serviceLevel,
        definition: kpi('service_level'),
        period: march,
        observations,
        today: '2024-04-01',
      }).final,
    ).toBe(true);
  });

  it('rejects a definition of another KPI', () => {
    expect(() =>
      evaluateAttainment({ serviceLevel, definition: kpi('asa'), period: march, observations }),
    ).toThrow(RangeError);
  });
});

describe('evaluateServiceLevels: a renegotiated target applies only from its date', () => {
  // v1: 80 % target / 75 % minimum until 14 March 2024; v2: 85 % / 80 % from 15 March 2024.
  const v1 = aContractVersion({
    id: 'v1',
    effectiveFrom: '2024-01-01',
    effectiveTo: '2024-03-14',
    serviceLevels: [aServiceLevel(), aServiceLevel({ id: 'daily', measurementPeriod: 'daily' })],
  });
  const v2 = aContractVersion({
    id: 'v2',
    version: 2,
    effectiveFrom: '2024-03-15',
    serviceLevels: [
      aServiceLevel({ target: 0.85, minimum: 0.8 }),
      aServiceLevel({ id: 'daily', measurementPeriod: 'daily', target: 0.85, minimum: 0.8 }),
    ],
  });
  // Every day performs at 82 %: met under v1 (>= 80 %), at risk under v2 (< 85 %, >= 80 %).
  const observations = ['2024-02-10', '2024-03-14', '2024-03-15', '2024-04-10'].map((date) =>
    o('service_level', date, 'mty', 820, 1000),
  );
  const results = evaluateServiceLevels({
    versions: [v1, v2],
    observations,
    resolveKpi: findBuiltInKpi,
    from: '2024-02-01',
    to: '2024-04-30',
    today: '2024-04-15',
  });
  const monthly = results.filter((r) => r.serviceLevelId === 'sl-voice-80-20');
  const daily = results.filter((r) => r.serviceLevelId === 'daily');

  it('judges each month by the terms in force on its last day', () => {
    expect(monthly.map((r) => [r.periodLabel, r.contractVersionId, r.target, r.status, r.final])).toEqual([
      ['2024-02', 'v1', 0.8, 'met', true],
      ['2024-03', 'v2', 0.85, 'at_risk', true], // straddles 15 March: judged by the terms of 31 March
      ['2024-04', 'v2', 0.85, 'at_risk', false], // still open on 15 April
    ]);
  });

  it('judges the days before the change by the old target', () => {
    const byDay = new Map(daily.map((r) => [r.period.from, r]));
    expect(daily).toHaveLength(29 + 31 + 30); // Feb + Mar + Apr 2024
    expect(byDay.get('2024-03-14')).toMatchObject({ contractVersionId: 'v1', target: 0.8, status: 'met' });
    expect(byDay.get('2024-03-15')).toMatchObject({
      contractVersionId: 'v2',
      target: 0.85,
      status: 'at_risk',
    });
    expect(byDay.get('2024-03-16')?.status).toBe('no_data');
  });

  it('orders results by service level then period and can limit the service levels', () => {
    expect(results[0].serviceLevelId).toBe('daily');
    const onlyMonthly = evaluateServiceLevels({
      versions: [v1, v2],
      observations,
      resolveKpi: findBuiltInKpi,
      from: '2024-02-01',
      to: '2024-02-29',
      serviceLevelIds: ['sl-voice-80-20'],
    });
    expect(onlyMonthly.map((r) => r.periodLabel)).toEqual(['2024-02']);
  });

  it('throws for a KPI it cannot resolve', () => {
    expect(() =>
      evaluateServiceLevels({
        versions: [v1],
        observations,
        resolveKpi: () => undefined,
        from: '2024-02-01',
        to: '2024-02-29',
      }),
    ).toThrow(/Unknown KPI/);
  });
});

describe('planAttainment + judgeAttainment: measuring elsewhere (e.g. precomputed rollups) judges the same', () => {
  const march = { from: '2024-03-01', to: '2024-03-31' };
  const serviceLevel = aServiceLevel({ scope: { providerId: 'p1', siteId: 'gdl', serviceLine: 'voice' } });
  const exclusions: SlaExclusion[] = [
    { id: 'ok', contractId: 'c1', from: '2024-03-04', to: '2024-03-05', reason: 'Outage', approvedBy: 'ana', siteIds: ['gdl'] },
    { id: 'pending', contractId: 'c1', from: '2024-03-10', to: '2024-03-10', reason: 'Storm', approvedBy: null },
  ];

  it('plans the scope as a filter and the approved exclusions as rollup exclusions', () => {
    const plan = planAttainment({ serviceLevel, period: march, exclusions, contractVersionId: 'v1' });
    expect(plan.filter).toEqual({ providerId: 'p1', siteId: 'gdl', serviceLine: 'voice' });
    expect(plan.rollupExclusions).toEqual([{ from: '2024-03-04', to: '2024-03-05', siteIds: ['gdl'] }]);
    expect(plan.exclusionsIgnored).toEqual([{ exclusionId: 'pending', why: 'not approved' }]);
    expect(plan.contractVersionId).toBe('v1');
  });

  it.each([
    // numerator, denominator, status, margin to the 80 % target
    [740, 1000, 'breached', -0.06],
    [760, 1000, 'at_risk', -0.04],
    [800, 1000, 'met', 0],
  ] as const)('%p / %p is %s', (numerator, denominator, status, margin) => {
    const plan = planAttainment({ serviceLevel, period: march, exclusions });
    const judged = judgeAttainment({
      plan,
      definition: kpi('service_level'),
      measured: { value: numerator / denominator, numerator, denominator, observationCount: 5, excludedObservationCount: 2 },
      today: '2024-04-10',
    });
    expect(judged).toMatchObject({ status, final: true, periodLabel: '2024-03', excludedObservationCount: 2 });
    expect(judged.margin).toBeCloseTo(margin, 10);
    // The same as measuring raw observations with evaluateAttainment.
    const raw = evaluateAttainment({
      serviceLevel,
      definition: kpi('service_level'),
      period: march,
      exclusions,
      today: '2024-04-10',
      observations: [
        o('service_level', '2024-03-04', 'gdl', 0, 900), // excluded outage day
        o('service_level', '2024-03-12', 'gdl', numerator, denominator),
      ],
    });
    expect({ ...raw, observationCount: 5, excludedObservationCount: 2 }).toEqual(judged);
  });

  it('leaves out an exclusion of other sites for a service level measured at one site', () => {
    const atMonterrey = aServiceLevel({ scope: { providerId: 'p1', siteId: 'mty' } });
    const plan = planAttainment({ serviceLevel: atMonterrey, period: march, exclusions });
    // "ok" only covers Guadalajara; "pending" covers every site (so it is listed, as not approved).
    expect(plan.exclusionsApplied).toEqual([]);
    expect(plan.exclusionsIgnored).toEqual([{ exclusionId: 'pending', why: 'not approved' }]);
  });

  it('plans every measurement period of every version like evaluateServiceLevels', () => {
    const v1 = aContractVersion({ id: 'v1', effectiveFrom: '2024-01-01', effectiveTo: '2024-02-14' });
    const v2 = aContractVersion({
      id: 'v2',
      version: 2,
      effectiveFrom: '2024-02-15',
      serviceLevels: [aServiceLevel({ target: 0.85, minimum: 0.8 })],
    });
    const plans = planServiceLevelEvaluations({ versions: [v1, v2], from: '2024-01-10', to: '2024-03-05' });
    expect(plans.map((p) => [p.period.from, p.contractVersionId, p.serviceLevel.target])).toEqual([
      ['2024-01-01', 'v1', 0.8],
      ['2024-02-01', 'v2', 0.85], // judged by the terms of 29 February
      ['2024-03-01', 'v2', 0.85],
    ]);
  });
});
