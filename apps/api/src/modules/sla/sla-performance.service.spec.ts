import { BUILT_IN_KPIS } from '@kpi/domain';
import { ProviderScope } from '../auth/provider-scope';
import { MetricsRollupService } from '../metrics/metrics-rollup.service';
import { MetricsService } from '../metrics/metrics.service';
import { ComponentRequest } from '../metrics/rollup-plan';
import { SlaServiceLevelEntity } from './entities/sla-service-level.entity';
import { SlaPerformanceService } from './sla-performance.service';
import { ContractRecord, SlaRepository } from './sla.repository';

const PROVIDER = { id: 'p1', code: 'P1', name: 'Provider one', timeZone: 'America/Mexico_City', sites: [{ id: 's1', code: 'GDL', city: 'Guadalajara' }], serviceLines: ['voice' as const] };

function level(overrides: Partial<SlaServiceLevelEntity> = {}): SlaServiceLevelEntity {
  return {
    id: 'row',
    contractVersionId: 'v1',
    serviceLevelId: 'sl-1',
    name: 'Voice 80/20',
    kpiCode: 'service_level',
    siteId: 's1',
    serviceLineCode: 'voice',
    queue: null,
    target: 0.8,
    targetLow: null,
    targetHigh: null,
    minimum: 0.75,
    minimumLow: null,
    minimumHigh: null,
    measurementPeriod: 'monthly',
    kind: 'critical',
    poolAllocationPct: 30,
    earnBackPeriods: null,
    meansOfMeasurement: '',
    position: 0,
    createdAt: new Date(),
    updatedAt: new Date(),
    ...overrides,
  };
}

const contract: ContractRecord = {
  id: 'c1',
  providerId: 'p1',
  providerName: 'Provider one',
  name: 'Contract',
  reference: null,
  createdBy: null,
  createdAt: new Date(),
  updatedAt: new Date(),
  exclusions: [],
  versions: [
    {
      id: 'v1',
      contractId: 'c1',
      version: 1,
      currency: 'MXN',
      monthlyFee: 1_000_000,
      atRiskPct: 12,
      effectiveFrom: '2026-01-01',
      effectiveTo: null,
      notes: '',
      createdBy: null,
      createdAt: new Date(),
      updatedAt: new Date(),
      serviceLevels: [level()],
    },
  ],
};

describe('SlaPerformanceService', () => {
  let service: SlaPerformanceService;
  let measured: ComponentRequest[][];

  beforeEach(() => {
    measured = [];
    const rollups = {
      measure: jest.fn(async (requests: ComponentRequest[]) => {
        measured.push(requests);
        // 70 % in August, 82 % otherwise.
        return requests.map((request) => {
          const value = request.range.from.startsWith('2026-08') ? 0.7 : 0.82;
          return {
            groups: [{ groupKey: '[]', group: {}, excludedObservationCount: 0, components: { value, numerator: value * 100, denominator: 100, observationCount: 31, stockAsOf: null, carriedForwardReadings: 0, stockReadingDates: 0 } }],
            excludedObservationCount: 0,
          };
        });
      }),
      coverage: jest.fn(async () => new Map([['p1', { lastDate: '2026-09-14', lastDailyDate: '2026-09-14' }]])),
    };
    // @nestjs/testing is not installed: the service is built by hand with its collaborators mocked.
    service = new SlaPerformanceService(
      { providers: jest.fn(async () => [PROVIDER]), loadContracts: jest.fn(async () => [contract]) } as unknown as SlaRepository,
      { kpiDefinitions: jest.fn(async () => new Map(BUILT_IN_KPIS.map((kpi) => [kpi.code, kpi]))) } as unknown as MetricsService,
      rollups as unknown as MetricsRollupService,
      // A fake clock: "today" is 15 September 2026, 10:00 in Mexico City.
      { now: () => new Date('2026-09-15T16:00:00Z') },
    );
  });

  it('judges each month from the measured components, the open month as not final', async () => {
    const result = await service.attainment(ProviderScope.all(), 'p1', { from: '2026-07', to: '2026-09' });
    expect(result.asOf).toBe('2026-09-15');
    expect(result.months).toEqual(['2026-07', '2026-08', '2026-09']);
    const results = result.contracts[0].serviceLevels[0].results;
    expect(results.map((r) => [r.periodLabel, r.status, r.final])).toEqual([
      ['2026-07', 'met', true],
      ['2026-08', 'breached', true],
      ['2026-09', 'met', false],
    ]);
    // The scope is measured (site and service line), and the open month only up to yesterday.
    const requests = measured[0];
    expect(requests.map((request) => [request.range.from, request.range.to, request.siteIds, request.serviceLines])).toEqual([
      ['2026-07-01', '2026-07-31', ['s1'], ['voice']],
      ['2026-08-01', '2026-08-31', ['s1'], ['voice']],
      ['2026-09-01', '2026-09-14', ['s1'], ['voice']],
    ]);
  });

  it('404s a provider outside the scope without asking anything', async () => {
    await expect(service.attainment(ProviderScope.of({ providerIds: ['other'] }), 'p1', {})).rejects.toThrow('Provider not found');
    expect(measured).toEqual([]);
  });

  it('prices a breached month', async () => {
    const credits = await service.credits(ProviderScope.all(), 'p1', { from: '2026-08', to: '2026-08' });
    const [august] = credits.contracts[0].months;
    // 1,000,000 x 12 % x 30 % = 36,000
    expect(august).toMatchObject({ status: 'final', totalPayable: 36_000, version: 1 });
  });
});
