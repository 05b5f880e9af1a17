import { AttainmentResult, AttainmentStatus, evaluateServiceLevels } from './attainment';
import { findBuiltInKpi } from './kpi-catalog';
import { anObservation as o } from './kpi-observation.mock';
import { bucketOf } from './period-bucket';
import { ServiceLevelTerms, SlaContractVersion, measurementPeriodGranularity } from './sla-contract';
import { aContractVersion, aServiceLevel } from './sla-contract.mock';
import { computeMonthlyServiceCredits, roundMoney } from './service-credits';

// Fee 100,000 MXN, 12 % at risk -> at-risk amount 12,000 MXN.
const slA = aServiceLevel({
  id: 'A',
  name: 'Voice 80/20',
  earnBack: { followingPeriods: 2 },
  poolAllocationPct: 60,
});
const slB = aServiceLevel({
  id: 'B',
  name: 'ASA',
  kpiCode: 'asa',
  target: 30,
  minimum: 45,
  poolAllocationPct: 50,
});
const slC = aServiceLevel({
  id: 'C',
  name: 'FCR',
  kpiCode: 'fcr',
  target: 0.75,
  minimum: 0.7,
  poolAllocationPct: 30,
  earnBack: { followingPeriods: 1 },
});
const slD = aServiceLevel({
  id: 'D',
  name: 'CSAT',
  kpiCode: 'csat',
  kind: 'key_measurement',
  poolAllocationPct: 0,
});
const v1 = aContractVersion({ id: 'v1', serviceLevels: [slA, slB, slC, slD] });

function anAttainment(
  serviceLevel: ServiceLevelTerms,
  date: string,
  status: AttainmentStatus,
  options: { final?: boolean; version?: SlaContractVersion } = {},
): AttainmentResult {
  const bucket = bucketOf(date, measurementPeriodGranularity(serviceLevel.measurementPeriod));
  return {
    serviceLevelId: serviceLevel.id,
    serviceLevelName: serviceLevel.name,
    kpiCode: serviceLevel.kpiCode,
    kind: serviceLevel.kind,
    contractVersionId: (options.version ?? v1).id,
    period: { from: bucket.start, to: bucket.end },
    periodLabel: bucket.label,
    final: options.final ?? true,
    status,
    value: status === 'no_data' ? null : 0.5,
    target: serviceLevel.target,
    minimum: serviceLevel.minimum,
    margin: null,
    marginToMinimum: null,
    numerator: 0,
    denominator: 0,
    observationCount: 0,
    excludedObservationCount: 0,
    exclusionsApplied: [],
    exclusionsIgnored: [],
    serviceLevel,
  };
}

describe('computeMonthlyServiceCredits: one breach and earn-back', () => {
  it.each<[string, AttainmentStatus, AttainmentStatus | null, boolean, string, string, number]>([
    // label, April, May (null = not evaluated), May final, earnBack, settlement, payable
    ['waived: target met in April and May', 'met', 'met', true, 'waived', 'earned_back', 0],
    ['not waived: May only at risk', 'met', 'at_risk', true, 'not_waived', 'final', 7200],
    ['not waived: April breached again', 'breached', null, true, 'not_waived', 'final', 7200],
    ['not waived: May without data', 'met', 'no_data', true, 'not_waived', 'final', 7200],
    ['pending: May still open', 'met', 'met', false, 'pending', 'pending', 7200],
    ['pending: May not evaluated yet', 'met', null, true, 'pending', 'pending', 7200],
  ])('%s', (_label, april, may, mayFinal, earnBack, settlement, payable) => {
    const attainments = [
      anAttainment(slA, '2024-03-01', 'breached'),
      anAttainment(slA, '2024-04-01', april),
      ...(may === null ? [] : [anAttainment(slA, '2024-05-01', may, { final: mayFinal })]),
    ];
    const credits = computeMonthlyServiceCredits({ versions: [v1], attainments, month: '2024-03' });
    // 100,000 x 12 % x 60 % = 7,200 (below the 12,000 cap)
    expect(credits.atRiskAmount).toBe(12000);
    expect(credits.capApplied).toBe(false);
    expect(credits.lines).toHaveLength(1);
    expect(credits.lines[0]).toMatchObject({
      serviceLevelId: 'A',
      fee: 100000,
      atRiskPct: 12,
      allocationPct: 60,
      uncappedAmount: 7200,
      cappedAmount: 7200,
      payableAmount: payable,
      earnBack,
      settlement,
    });
    expect(credits.lines[0].earnBackPeriods.map((p) => p.label)).toEqual(['2024-04', '2024-05']);
    expect(credits.totalPayable).toBe(payable);
    expect(credits.status).toBe(settlement === 'pending' ? 'pending' : 'final');
    expect(credits.explanation).toContain('100000.00 MXN x 12 % x 60 % = 7200.00 MXN');
  });
});

describe('computeMonthlyServiceCredits: the monthly cap', () => {
  it('scales credits pro-rata when pool shares sum over 100 % (60 + 50 + 30 = 140 %)', () => {
    const attainments = [
      anAttainment(slA, '2024-03-01', 'breached'),
      anAttainment(slB, '2024-03-01', 'breached'),
      anAttainment(slC, '2024-03-01', 'breached'),
      anAttainment(slA, '2024-04-01', 'met'),
      anAttainment(slA, '2024-05-01', 'met'),
      anAttainment(slC, '2024-04-01', 'breached'),
    ];
    const credits = computeMonthlyServiceCredits({ versions: [v1], attainments, month: '2024-03' });
    // uncapped: A 100,000 x 12 % x 60 % = 7,200 ; B x 50 % = 6,000 ; C x 30 % = 3,600 ; total 16,800 > 12,000
    // factor 12,000 / 16,800 = 5/7 = 0.714286
    // A 7,200 x 5/7 = 5,142.857 -> 5,142.86 ; B 6,000 x 5/7 = 4,285.714 -> 4,285.71 ; C 3,600 x 5/7 = 2,571.429 -> 2,571.43
    // 5,142.86 + 4,285.71 + 2,571.43 = 12,000.00
    expect(credits.capApplied).toBe(true);
    expect(credits.capFactor).toBeCloseTo(5 / 7, 12);
    expect(credits.lines.map((l) => [l.serviceLevelId, l.uncappedAmount, l.cappedAmount])).toEqual([
      ['A', 7200, 5142.86],
      ['B', 6000, 4285.71],
      ['C', 3600, 2571.43],
    ]);
    expect(credits.totalUncapped).toBe(16800);
    expect(credits.totalCapped).toBe(12000);
    // A earned back (April and May met); B has no earn-back; C failed its one-month earn-back (April breached).
    expect(credits.lines.map((l) => [l.earnBack, l.settlement, l.payableAmount])).toEqual([
      ['waived', 'earned_back', 0],
      ['not_applicable', 'final', 4285.71],
      ['not_waived', 'final', 2571.43],
    ]);
    // The cap is applied before earn-back: waiving A frees nothing for B and C.
    // payable 4,285.71 + 2,571.43 = 6,857.14 ; waived 5,142.86
    expect(credits.totalPayable).toBe(6857.14);
    expect(credits.totalFinal).toBe(6857.14);
    expect(credits.totalWaived).toBe(5142.86);
    expect(credits.status).toBe('final');
    expect(credits.explanation).toContain('(pro-rata)');
  });

  it('rounds capped lines with the largest remainder so they add up to the cap', () => {
    const credits = computeMonthlyServiceCredits({
      versions: [v1],
      attainments: [anAttainment(slA, '2024-03-01', 'breached'), anAttainment(slB, '2024-03-01', 'breached')],
      month: '2024-03',
    });
    // 7,200 + 6,000 = 13,200 > 12,000 ; factor 12/13.2 = 0.909091
    // A 6,545.4545 (remainder .45 of a cent) ; B 5,454.5454 (remainder .545) -> the extra cent goes to B
    expect(credits.lines.map((l) => l.cappedAmount)).toEqual([6545.45, 5454.55]);
    expect(credits.totalCapped).toBe(12000);
  });

  it('does not scale when the shares fit under the cap', () => {
    const credits = computeMonthlyServiceCredits({
      versions: [v1],
      attainments: [anAttainment(slB, '2024-03-01', 'breached'), anAttainment(slC, '2024-03-01', 'breached')],
      month: '2024-03',
    });
    // 6,000 + 3,600 = 9,600 <= 12,000
    expect(credits.capApplied).toBe(false);
    expect(credits.capFactor).toBe(1);
    expect(credits.totalCapped).toBe(9600);
  });
});

describe('computeMonthlyServiceCredits: what counts as a breach in the month', () => {
  it('gives no credit for key measurements, at-risk levels or open periods', () => {
    const credits = computeMonthlyServiceCredits({
      versions: [v1],
      attainments: [
        anAttainment(slD, '2024-03-01', 'breached'),
        anAttainment(slB, '2024-03-01', 'at_risk'),
        anAttainment(slA, '2024-03-01', 'breached', { final: false }),
      ],
      month: '2024-03',
    });
    expect(credits.lines).toEqual([]);
    expect(credits.status).toBe('no_credit');
    expect(credits.provisional).toBe(true);
  });

  it('assigns weekly periods to the month of their last day, one credit per level', () => {
    const weekly = aServiceLevel({
      id: 'W',
      name: 'Weekly SL',
      measurementPeriod: 'weekly',
      poolAllocationPct: 25,
    });
    const version = aContractVersion({ id: 'v1', serviceLevels: [weekly] });
    const attainments = [
      anAttainment(weekly, '2024-02-26', 'breached'), // week 26 Feb .. 3 Mar -> March
      anAttainment(weekly, '2024-03-11', 'breached'), // week 11 .. 17 Mar -> March
      anAttainment(weekly, '2024-04-01', 'breached'), // week 1 .. 7 Apr -> April
    ];
    const credits = computeMonthlyServiceCredits({ versions: [version], attainments, month: '2024-03' });
    // One line: 100,000 x 12 % x 25 % = 3,000
    expect(credits.lines).toHaveLength(1);
    expect(credits.lines[0].breachedPeriods.map((p) => p.label)).toEqual(['2024-W09', '2024-W11']);
    expect(credits.lines[0].cappedAmount).toBe(3000);
  });

  it('credits a quarterly level in the quarter’s last month', () => {
    const quarterly = aServiceLevel({ id: 'Q', measurementPeriod: 'quarterly', poolAllocationPct: 40 });
    const version = aContractVersion({ id: 'v1', serviceLevels: [quarterly] });
    const attainments = [anAttainment(quarterly, '2024-02-01', 'breached')];
    expect(
      computeMonthlyServiceCredits({ versions: [version], attainments, month: '2024-02' }).lines,
    ).toEqual([]);
    // 100,000 x 12 % x 40 % = 4,800
    expect(
      computeMonthlyServiceCredits({ versions: [version], attainments, month: '2024-03' }).totalPayable,
    ).toBe(4800);
  });

  it('takes fee and at-risk % from the terms in force on the month’s last day', () => {
    const old = aContractVersion({ id: 'v1', effectiveTo: '2024-03-14', serviceLevels: [slA] });
    const renegotiated = aContractVersion({
      id: 'v2',
      version: 2,
      effectiveFrom: '2024-03-15',
      monthlyFee: 120_000,
      atRiskPct: 10,
      serviceLevels: [slA],
    });
    const credits = computeMonthlyServiceCredits({
      versions: [old, renegotiated],
      attainments: [anAttainment(slA, '2024-03-01', 'breached', { version: renegotiated })],
      month: '2024-03',
    });
    // 120,000 x 10 % x 60 % = 7,200 ; cap 12,000
    expect(credits.contractVersionId).toBe('v2');
    expect(credits.atRiskAmount).toBe(12000);
    expect(credits.lines[0].uncappedAmount).toBe(7200);
  });

  it('owes nothing without a contract in force', () => {
    const credits = computeMonthlyServiceCredits({ versions: [v1], attainments: [], month: '2023-12' });
    expect(credits.status).toBe('no_contract');
    expect(credits.totalPayable).toBe(0);
  });
});

describe('computeMonthlyServiceCredits: chronic failure', () => {
  const breaches = ['2023-11-01', '2024-01-01', '2024-03-01', '2024-05-01'].map((date) =>
    anAttainment(slB, date, 'breached'),
  );
  const met = ['2023-12-01', '2024-02-01', '2024-04-01', '2024-06-01', '2024-07-01'].map((date) =>
    anAttainment(slB, date, 'met'),
  );

  it.each([
    // month, window (6 months ending in the month), breached months in the window, chronic (3 of 6)
    ['2024-03', '2023-10..2024-03', ['2023-11', '2024-01', '2024-03'], true],
    ['2024-04', '2023-11..2024-04', ['2023-11', '2024-01', '2024-03'], true],
    ['2024-05', '2023-12..2024-05', ['2024-01', '2024-03', '2024-05'], true],
    ['2024-07', '2024-02..2024-07', ['2024-03', '2024-05'], false],
    ['2024-02', '2023-09..2024-02', ['2023-11', '2024-01'], false],
  ])('in %s (window %s)', (month, _window, breachedMonths, chronic) => {
    const credits = computeMonthlyServiceCredits({
      versions: [v1],
      attainments: [...breaches, ...met],
      month,
    });
    expect(credits.chronicFailures).toEqual([
      expect.objectContaining({ serviceLevelId: 'B', breachedMonths, chronic }),
    ]);
    expect(credits.chronicFailure).toBe(chronic);
  });

  it('accepts another rule (2 of the last 3 months)', () => {
    const credits = computeMonthlyServiceCredits({
      versions: [v1],
      attainments: [...breaches, ...met],
      month: '2024-05',
      chronicFailure: { breachedMonths: 2, windowMonths: 3 },
    });
    // window 2024-03..2024-05: breached in March and May
    expect(credits.chronicFailures[0]).toMatchObject({
      breachedMonths: ['2024-03', '2024-05'],
      chronic: true,
    });
    expect(credits.explanation).toContain('Chronic failure: ASA breached in 2 of the last 3 months');
  });

  it('rejects an impossible rule', () => {
    expect(() =>
      computeMonthlyServiceCredits({
        versions: [v1],
        attainments: [],
        month: '2024-05',
        chronicFailure: { breachedMonths: 4, windowMonths: 3 },
      }),
    ).toThrow(RangeError);
  });
});

describe('computeMonthlyServiceCredits: end to end from observations', () => {
  it('breach in March, earned back by April and May', () => {
    const observations = [
      o('service_level', '2024-03-10', 'mty', 700, 1000), // March 70 % < 75 % minimum -> breached
      o('service_level', '2024-04-10', 'mty', 820, 1000), // April 82 % -> met
      o('service_level', '2024-05-10', 'gdl', 810, 1000), // May 81 % -> met
    ];
    const version = aContractVersion({ id: 'v1', serviceLevels: [slA] });
    const attainments = evaluateServiceLevels({
      versions: [version],
      observations,
      resolveKpi: findBuiltInKpi,
      from: '2024-03-01',
      to: '2024-05-31',
      today: '2024-06-02',
    });
    expect(attainments.map((a) => a.status)).toEqual(['breached', 'met', 'met']);
    const credits = computeMonthlyServiceCredits({ versions: [version], attainments, month: '2024-03' });
    expect(credits.lines[0]).toMatchObject({ cappedAmount: 7200, earnBack: 'waived', payableAmount: 0 });
    expect(credits.lines[0].description).toContain('2024-03: 0.7 vs minimum 0.75');
    // Seen on 2 May, May is still open: pending
    const earlier = evaluateServiceLevels({
      versions: [version],
      observations,
      resolveKpi: findBuiltInKpi,
      from: '2024-03-01',
      to: '2024-05-31',
      today: '2024-05-02',
    });
    expect(
      computeMonthlyServiceCredits({ versions: [version], attainments: earlier, month: '2024-03' }).lines[0]
        .earnBack,
    ).toBe('pending');
  });
});

describe('roundMoney', () => {
  it.each([
    [1.005, 2, 1.01],
    [2.675, 2, 2.68],
    [1234.5, 0, 1235],
    [-1.005, 2, -1.01],
  ])('%p to %p decimals = %p', (amount, decimals, expected) => {
    expect(roundMoney(amount, decimals)).toBe(expected);
  });
});
