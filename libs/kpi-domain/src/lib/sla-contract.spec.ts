import { findBuiltInKpi } from './kpi-catalog';
import {
  computeAtRiskAmount,
  termsForPeriod,
  termsInForce,
  validateSlaContractVersion,
  validateSlaContractVersions,
} from './sla-contract';
import { aContractVersion, aServiceLevel } from './sla-contract.mock';

// Renegotiation: the voice 80/20 target goes from 80 % (minimum 75 %) to 85 % (minimum 80 %) on 2024-03-15.
const v1 = aContractVersion({ id: 'v1', version: 1, effectiveFrom: '2024-01-01', effectiveTo: '2024-03-14' });
const v2 = aContractVersion({
  id: 'v2',
  version: 2,
  effectiveFrom: '2024-03-15',
  effectiveTo: null,
  serviceLevels: [aServiceLevel({ target: 0.85, minimum: 0.8 })],
});
const versions = [v2, v1]; // order of the input does not matter

describe('termsInForce', () => {
  it.each([
    ['2023-12-31', undefined],
    ['2024-01-01', 'v1'],
    ['2024-03-14', 'v1'],
    ['2024-03-15', 'v2'],
    ['2030-01-01', 'v2'],
  ])('on %s -> %s', (date, expected) => {
    expect(termsInForce(versions, date)?.id).toBe(expected);
  });

  it('lets a later version win when the previous one was not closed', () => {
    const open = aContractVersion({ id: 'open', effectiveTo: null });
    const later = aContractVersion({ id: 'later', version: 2, effectiveFrom: '2024-06-01' });
    expect(termsInForce([open, later], '2024-05-31')?.id).toBe('open');
    expect(termsInForce([open, later], '2024-06-01')?.id).toBe('later');
  });

  it('finds nothing after a contract ended', () => {
    expect(termsInForce([aContractVersion({ effectiveTo: '2024-06-30' })], '2024-07-01')).toBeUndefined();
  });
});

describe('termsForPeriod: the terms in force on the period’s last day', () => {
  it.each([
    ['February (before the change)', '2024-02-01', '2024-02-29', 'v1'],
    ['March (straddles the change: judged by the terms of 31 March)', '2024-03-01', '2024-03-31', 'v2'],
    ['the day before the change', '2024-03-14', '2024-03-14', 'v1'],
    ['the day of the change', '2024-03-15', '2024-03-15', 'v2'],
    ['the week ending 17 March', '2024-03-11', '2024-03-17', 'v2'],
    ['the week ending 10 March', '2024-03-04', '2024-03-10', 'v1'],
    ['Q1 2024', '2024-01-01', '2024-03-31', 'v2'],
    ['December 2023 (no contract yet)', '2023-12-01', '2023-12-31', undefined],
  ])('%s', (_label, from, to, expected) => {
    expect(termsForPeriod(versions, { from, to })?.id).toBe(expected);
  });

  it('falls back to the latest day with terms when the contract ends inside the period', () => {
    const ending = aContractVersion({ id: 'ending', effectiveTo: '2024-06-15' });
    expect(termsForPeriod([ending], { from: '2024-06-01', to: '2024-06-30' })?.id).toBe('ending');
  });
});

describe('validateSlaContractVersion', () => {
  const resolveKpi = (code: string) => findBuiltInKpi(code);

  it('accepts a consistent version', () => {
    expect(validateSlaContractVersion(v2, resolveKpi)).toEqual([]);
    expect(
      validateSlaContractVersion(
        aContractVersion({
          serviceLevels: [
            aServiceLevel({
              id: 'asa',
              kpiCode: 'asa',
              target: 30,
              minimum: 45,
              kind: 'key_measurement',
              poolAllocationPct: 0,
            }),
            aServiceLevel({
              id: 'occ',
              kpiCode: 'occupancy',
              target: { low: 0.85, high: 0.9 },
              minimum: { low: 0.8, high: 0.95 },
              earnBack: { followingPeriods: 2 },
            }),
          ],
        }),
        resolveKpi,
      ),
    ).toEqual([]);
  });

  it.each<[string, Parameters<typeof aContractVersion>[0], string, string]>([
    ['a lower-case currency', { currency: 'mxn' }, 'currency', 'invalid'],
    ['a negative fee', { monthlyFee: -1 }, 'monthlyFee', 'out_of_range'],
    ['0 % at risk', { atRiskPct: 0 }, 'atRiskPct', 'out_of_range'],
    ['an end before the start', { effectiveTo: '2023-12-31' }, 'effectiveTo', 'before_start'],
    ['a bad date', { effectiveFrom: '2024-02-30' }, 'effectiveFrom', 'invalid_date'],
    [
      'a duplicate service level id',
      { serviceLevels: [aServiceLevel(), aServiceLevel()] },
      'serviceLevels[1].id',
      'duplicate',
    ],
    [
      'a scope on another provider',
      { serviceLevels: [aServiceLevel({ scope: { providerId: 'p2' } })] },
      'serviceLevels[0].scope.providerId',
      'wrong_provider',
    ],
    [
      'a minimum above the target (higher is better)',
      { serviceLevels: [aServiceLevel({ minimum: 0.85 })] },
      'serviceLevels[0]',
      'inconsistent_levels',
    ],
    [
      'a minimum below the target (lower is better)',
      { serviceLevels: [aServiceLevel({ kpiCode: 'asa', target: 30, minimum: 20 })] },
      'serviceLevels[0]',
      'inconsistent_levels',
    ],
    [
      'a percent target in points',
      { serviceLevels: [aServiceLevel({ target: 80, minimum: 75 })] },
      'serviceLevels[0]',
      'out_of_range',
    ],
    [
      'numbers for a band KPI',
      { serviceLevels: [aServiceLevel({ kpiCode: 'occupancy', target: 0.85, minimum: 0.8 })] },
      'serviceLevels[0]',
      'band_required',
    ],
    [
      'a minimum band inside the target band',
      {
        serviceLevels: [
          aServiceLevel({
            kpiCode: 'occupancy',
            target: { low: 0.8, high: 0.95 },
            minimum: { low: 0.85, high: 0.9 },
          }),
        ],
      },
      'serviceLevels[0]',
      'inconsistent_levels',
    ],
    [
      'a band and a number',
      {
        serviceLevels: [
          aServiceLevel({ kpiCode: 'occupancy', target: { low: 0.8, high: 0.9 }, minimum: 0.7 }),
        ],
      },
      'serviceLevels[0]',
      'mixed_levels',
    ],
    [
      'an unknown KPI',
      { serviceLevels: [aServiceLevel({ kpiCode: 'nope' })] },
      'serviceLevels[0].kpiCode',
      'unknown_kpi',
    ],
    [
      'a pool share over 100 %',
      { serviceLevels: [aServiceLevel({ poolAllocationPct: 120 })] },
      'serviceLevels[0].poolAllocationPct',
      'out_of_range',
    ],
    [
      'a critical level without pool share',
      { serviceLevels: [aServiceLevel({ poolAllocationPct: 0 })] },
      'serviceLevels[0].poolAllocationPct',
      'required',
    ],
    [
      'an earn-back of 0 periods',
      { serviceLevels: [aServiceLevel({ earnBack: { followingPeriods: 0 } })] },
      'serviceLevels[0].earnBack.followingPeriods',
      'out_of_range',
    ],
  ])('rejects %s', (_label, overrides, field, code) => {
    expect(validateSlaContractVersion(aContractVersion(overrides), resolveKpi)).toContainEqual(
      expect.objectContaining({ field, code }),
    );
  });

  it('flags ambiguous version histories', () => {
    const twin = aContractVersion({ id: 'v1b', version: 1 });
    expect(validateSlaContractVersions([aContractVersion(), twin]).map((issue) => issue.code)).toEqual([
      'duplicate',
      'duplicate',
    ]);
    expect(validateSlaContractVersions(versions)).toEqual([]);
  });
});

describe('computeAtRiskAmount', () => {
  it('is fee x at-risk %', () => {
    // 100,000 x 12 % = 12,000
    expect(computeAtRiskAmount(v1)).toBe(12_000);
  });
});
