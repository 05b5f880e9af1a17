import { ServiceLevelTerms, SlaContractVersion } from './sla-contract';

/** Test-only builders (not exported from the library index). */
export function aServiceLevel(overrides: Partial<ServiceLevelTerms> = {}): ServiceLevelTerms {
  return {
    id: 'sl-voice-80-20',
    name: 'Voice service level 80/20',
    scope: { providerId: 'p1', serviceLine: 'voice' },
    kpiCode: 'service_level',
    target: 0.8,
    minimum: 0.75,
    measurementPeriod: 'monthly',
    kind: 'critical',
    poolAllocationPct: 60,
    earnBack: null,
    ...overrides,
  };
}

export function aContractVersion(overrides: Partial<SlaContractVersion> = {}): SlaContractVersion {
  return {
    id: 'c1-v1',
    contractId: 'c1',
    version: 1,
    providerId: 'p1',
    currency: 'MXN',
    monthlyFee: 100_000,
    atRiskPct: 12,
    effectiveFrom: '2024-01-01',
    effectiveTo: null,
    serviceLevels: [aServiceLevel()],
    ...overrides,
  };
}
