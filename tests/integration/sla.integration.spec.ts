import type {
  EscalationResponsivenessDto,
  ProviderAttainmentDto,
  ProviderBurnRateDto,
  ProviderCreditsDto,
  ProviderScorecardDto,
  ScorecardRankingDto,
  ScorecardWeightsDto,
  ServiceLevelRequest,
  SiteComparisonDto,
  SlaContractDto,
  SlaContractSummaryDto,
  SlaExclusionDto,
} from '@kpi/contracts';
import { computeBurnRate, findBuiltInKpi } from '@kpi/domain';
import { MetricsRollupService } from '../../apps/api/src/modules/metrics/metrics-rollup.service';
import { createProvider, daysOf, FreshProvider, insertObservations, RawObservation } from './support/fresh-provider';
import { startTestApp, TestApp } from './support/test-app';

const voiceSl = (overrides: Partial<ServiceLevelRequest> = {}): ServiceLevelRequest => ({
  name: 'Voice service level 80/20',
  kpiCode: 'service_level',
  serviceLine: 'voice',
  target: 0.8,
  minimum: 0.75,
  measurementPeriod: 'monthly',
  kind: 'critical',
  poolAllocationPct: 30,
  ...overrides,
});

describe('SLA contracts, attainment, burn rate, credits and scorecards', () => {
  let t: TestApp;
  let admin: string;
  let maria: string;
  let exec: string;
  let lead: string;
  let rollups: MetricsRollupService;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    rollups = t.app.get(MetricsRollupService);
    admin = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
    maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
    exec = (await t.signIn('exec@demo.kpigov.mx')).accessToken;
    lead = (await t.signIn('lead@norte.demo.kpigov.mx')).accessToken;
    for (const row of await t.dataSource.query(`SELECT id, code FROM providers`)) ids[row.code] = row.id;
  });
  afterAll(() => t.close());

  /** "Ingests" rows the way an ingestion run does: commit the observations, then refresh the rollups. */
  async function ingest(provider: FreshProvider, rows: RawObservation[]): Promise<void> {
    await insertObservations(t.dataSource, provider, rows);
    const dates = rows.map((row) => row.date).sort();
    await rollups.refreshRange(provider.id, dates[0], dates[dates.length - 1]);
  }

  async function createContract(
    provider: FreshProvider,
    terms: { monthlyFee?: number; atRiskPct?: number; effectiveFrom: string },
    serviceLevels: ServiceLevelRequest[],
  ): Promise<SlaContractDto> {
    const res = await t.request<SlaContractDto>('POST', '/sla/contracts', {
      token: admin,
      body: {
        providerId: provider.id,
        name: `${provider.code} contract`,
        terms: { currency: 'MXN', monthlyFee: terms.monthlyFee ?? 1_000_000, atRiskPct: terms.atRiskPct ?? 12, effectiveFrom: terms.effectiveFrom },
        serviceLevels,
      },
    });
    expect(res.status).toBe(201);
    return res.body;
  }

  const attainment = (providerId: string, query: string, token = admin) =>
    t.request<ProviderAttainmentDto>('GET', `/providers/${providerId}/sla/attainment?${query}`, { token });
  const credits = (providerId: string, query: string, token = admin) =>
    t.request<ProviderCreditsDto>('GET', `/providers/${providerId}/sla/credits?${query}`, { token });

  describe('a month ingested for two sites', () => {
    let twoSites: FreshProvider;
    let contract: SlaContractDto;
    const june = daysOf('2026-06');

    beforeAll(async () => {
      twoSites = await createProvider(t.dataSource, 'TWOSITES', [
        { code: 'NTH', city: 'Monterrey', lines: ['voice'] },
        { code: 'STH', city: 'Mérida', lines: ['voice'] },
      ]);
      // North is big and good, South small and poor: the provider level is a volume-weighted 80 %-ish.
      await ingest(
        twoSites,
        june.flatMap((date, day) => {
          const north = 1000 + 37 * day;
          const south = 300 + 11 * (day % 7);
          return [
            { siteCode: 'NTH', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: Math.round(north * (0.84 + (day % 5) / 100)), denominator: north },
            { siteCode: 'STH', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: Math.round(south * (0.58 + (day % 3) / 100)), denominator: south },
          ];
        }),
      );
      contract = await createContract(twoSites, { effectiveFrom: '2026-01-01' }, [voiceSl()]);
    });

    it('reads the provider-level service level through the api as sum(answered in threshold) / sum(offered) of the raw rows', async () => {
      const [raw] = await t.dataSource.query(
        `SELECT sum(numerator) AS num, sum(denominator) AS den,
                avg(rate) AS mean_of_site_rates
         FROM (SELECT site_id, sum(numerator) AS numerator, sum(denominator) AS denominator,
                      sum(numerator) / sum(denominator) AS rate
               FROM metric_observations WHERE provider_id = $1 AND kpi_code = 'service_level'
                 AND period_start BETWEEN '2026-06-01' AND '2026-06-30' GROUP BY site_id) per_site`,
        [twoSites.id],
      );
      const expected = Number(raw.num) / Number(raw.den);
      const res = await attainment(twoSites.id, 'from=2026-06&to=2026-06&asOf=2026-07-01');
      expect(res.status).toBe(200);
      const [result] = res.body.contracts[0].serviceLevels[0].results;
      expect(result).toMatchObject({ periodLabel: '2026-06', final: true, numerator: Number(raw.num), denominator: Number(raw.den) });
      expect(result.value).toBe(expected);
      expect(result.status).toBe(expected >= 0.8 ? 'met' : expected >= 0.75 ? 'at_risk' : 'breached');
      expect(result.margin).toBeCloseTo(expected - 0.8, 12);
      // Averaging the two sites' percentages would be a different (wrong) number.
      expect(Math.abs(Number(raw.mean_of_site_rates) - expected)).toBeGreaterThan(0.05);

      const trend = await t.request<{ points: { value: number }[] }>(
        'GET',
        `/providers/${twoSites.id}/kpis/service_level/trend?granularity=month&from=2026-06-01&to=2026-06-30`,
        { token: admin },
      );
      expect(trend.body.points[0].value).toBe(expected);
    });

    it('compares the two sites side by side', async () => {
      const res = await t.request<SiteComparisonDto>(
        'GET',
        `/providers/${twoSites.id}/site-comparison?from=2026-06&to=2026-06&asOf=2026-07-01&kpis=service_level`,
        { token: admin },
      );
      expect(res.status).toBe(200);
      const bySite = await t.dataSource.query(
        `SELECT site_id, sum(numerator) / sum(denominator) AS rate FROM metric_observations
         WHERE provider_id = $1 AND kpi_code = 'service_level' GROUP BY site_id`,
        [twoSites.id],
      );
      const [kpi] = res.body.kpis;
      for (const row of bySite) {
        const cell = kpi.cells.find((candidate) => candidate.key === row.site_id)!;
        expect(cell.value).toBeCloseTo(Number(row.rate), 12);
      }
      expect(kpi.cells.find((cell) => cell.key === twoSites.sites['NTH'])!.rank).toBe(1);
      expect(kpi.cells.find((cell) => cell.key === twoSites.sites['STH'])!.vsOverall).toBeLessThan(0);
      const cities = await t.request<SiteComparisonDto>(
        'GET',
        `/providers/${twoSites.id}/site-comparison?from=2026-06&to=2026-06&asOf=2026-07-01&kpis=service_level&by=city`,
        { token: admin },
      );
      expect(cities.body.columns.map((column) => column.label)).toEqual(['Monterrey', 'Mérida']);
    });

    it('projects the open month: error budget and the day the target is missed', async () => {
      const res = await t.request<ProviderBurnRateDto>('GET', `/providers/${twoSites.id}/sla/burn-rate?asOf=2026-06-16`, { token: admin });
      expect(res.status).toBe(200);
      const [item] = res.body.items;
      expect(item).toMatchObject({ periodLabel: '2026-06', dataThrough: '2026-06-15', daysElapsed: 15, periodDays: 30 });
      const [raw] = await t.dataSource.query(
        `SELECT sum(numerator) AS num, sum(denominator) AS den FROM metric_observations
         WHERE provider_id = $1 AND period_start BETWEEN '2026-06-01' AND '2026-06-15'`,
        [twoSites.id],
      );
      const expected = computeBurnRate({
        definition: findBuiltInKpi('service_level')!,
        target: 0.8,
        period: { from: '2026-06-01', to: '2026-06-30' },
        asOf: '2026-06-15',
        components: { numerator: Number(raw.num), denominator: Number(raw.den) },
      });
      expect(item.targetBurn).toMatchObject({
        status: expected.status,
        projectedMissDay: expected.projectedMissDay,
        burnRate: expected.burnRate,
      });
      expect(item.valueSoFar).toBe(Number(raw.num) / Number(raw.den));
    });

    it('applies an exclusion only once it is approved, by an admin or account manager', async () => {
      const before = (await attainment(twoSites.id, 'from=2026-06&to=2026-06&asOf=2026-07-01')).body.contracts[0].serviceLevels[0].results[0];
      const body = { from: '2026-06-10', to: '2026-06-11', reason: 'Hurricane: site North closed by civil protection', siteIds: [twoSites.sites['NTH']] };
      expect((await t.request('POST', `/sla/contracts/${contract.id}/exclusions`, { token: exec, body })).status).toBe(403);
      expect((await t.request('POST', `/sla/contracts/${contract.id}/exclusions`, { token: lead, body })).status).toBe(403);
      // maria manages Norte and Pacífico, not this provider: the contract does not exist for her.
      expect((await t.request('POST', `/sla/contracts/${contract.id}/exclusions`, { token: maria, body })).status).toBe(404);
      expect((await t.request('GET', `/sla/contracts/${contract.id}`, { token: maria })).status).toBe(404);

      const created = await t.request<SlaExclusionDto>('POST', `/sla/contracts/${contract.id}/exclusions`, { token: admin, body });
      expect(created.status).toBe(201);
      expect(created.body.status).toBe('pending');
      const pending = (await attainment(twoSites.id, 'from=2026-06&to=2026-06&asOf=2026-07-01')).body.contracts[0].serviceLevels[0].results[0];
      expect(pending.value).toBe(before.value);
      expect(pending.exclusionsIgnored).toEqual([{ exclusionId: created.body.id, why: 'not approved' }]);

      const approved = await t.request<SlaExclusionDto>('POST', `/sla/contracts/${contract.id}/exclusions/${created.body.id}/approve`, { token: admin });
      expect(approved.status).toBe(200);
      expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'Ana Admin' });
      const after = (await attainment(twoSites.id, 'from=2026-06&to=2026-06&asOf=2026-07-01')).body.contracts[0].serviceLevels[0].results[0];
      const [raw] = await t.dataSource.query(
        `SELECT sum(numerator) AS num, sum(denominator) AS den FROM metric_observations
         WHERE provider_id = $1 AND period_start BETWEEN '2026-06-01' AND '2026-06-30'
           AND NOT (site_id = $2 AND period_start BETWEEN '2026-06-10' AND '2026-06-11')`,
        [twoSites.id, twoSites.sites['NTH']],
      );
      expect(after.value).toBe(Number(raw.num) / Number(raw.den));
      expect(after.excludedObservationCount).toBe(2);
      expect(after.exclusionsApplied).toEqual([
        { exclusionId: created.body.id, reason: body.reason, approvedBy: 'Ana Admin', from: '2026-06-10', to: '2026-06-11', siteIds: [twoSites.sites['NTH']] },
      ]);

      // Changing an approved exclusion withdraws the approval.
      const edited = await t.request<SlaExclusionDto>('PATCH', `/sla/contracts/${contract.id}/exclusions/${created.body.id}`, {
        token: admin,
        body: { to: '2026-06-12' },
      });
      expect(edited.body).toMatchObject({ status: 'pending', approvedBy: null, to: '2026-06-12' });
    });
  });

  describe('contract versioning: a renegotiated target applies only from its date', () => {
    let reneg: FreshProvider;
    let contract: SlaContractDto;

    beforeAll(async () => {
      reneg = await createProvider(t.dataSource, 'RENEGCO', [{ code: 'A', city: 'Querétaro', lines: ['voice'] }]);
      // 82 % every day from January to April.
      await ingest(
        reneg,
        ['2026-01', '2026-02', '2026-03', '2026-04'].flatMap((month) =>
          daysOf(month).map((date) => ({ siteCode: 'A', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: 820, denominator: 1000 })),
        ),
      );
      contract = await createContract(reneg, { effectiveFrom: '2026-01-01', monthlyFee: 500_000 }, [
        voiceSl({ earnBackPeriods: null }),
        voiceSl({ name: 'Voice service level 80/20 (daily)', measurementPeriod: 'daily', kind: 'key_measurement', poolAllocationPct: 0 }),
      ]);
    });

    it('creates a version from the date, closes the previous one the day before and keeps the service levels', async () => {
      const denied = await t.request('POST', `/sla/contracts/${contract.id}/versions`, { token: exec, body: { effectiveFrom: '2026-03-15' } });
      expect(denied.status).toBe(403);
      const tooEarly = await t.request<{ message: string }>('POST', `/sla/contracts/${contract.id}/versions`, {
        token: admin,
        body: { effectiveFrom: '2025-12-01' },
      });
      expect(tooEarly.status).toBe(400);
      expect(tooEarly.body.message).toContain('effectiveFrom: A renegotiation starts after the latest version');

      const res = await t.request<SlaContractDto>('POST', `/sla/contracts/${contract.id}/versions`, {
        token: admin,
        body: { effectiveFrom: '2026-03-15', monthlyFee: 550_000, notes: 'Targets raised at renegotiation' },
      });
      expect(res.status).toBe(201);
      const [v1, v2] = res.body.versions;
      expect([v1.version, v1.effectiveFrom, v1.effectiveTo]).toEqual([1, '2026-01-01', '2026-03-14']);
      expect([v2.version, v2.effectiveFrom, v2.effectiveTo, v2.monthlyFee]).toEqual([2, '2026-03-15', null, 550_000]);
      expect(v2.serviceLevels.map((level) => level.serviceLevelId)).toEqual(v1.serviceLevels.map((level) => level.serviceLevelId));
      // Raise both targets in the new version only.
      for (const level of v2.serviceLevels) {
        const updated = await t.request<SlaContractDto>('PUT', `/sla/contracts/${contract.id}/versions/${v2.id}/service-levels/${level.id}`, {
          token: admin,
          body: { ...voiceSl({ name: level.name, measurementPeriod: level.measurementPeriod, kind: level.kind, poolAllocationPct: level.poolAllocationPct }), target: 0.85, minimum: 0.8 },
        });
        expect(updated.status).toBe(200);
      }
      contract = (await t.request<SlaContractDto>('GET', `/sla/contracts/${contract.id}`, { token: admin })).body;
      expect(contract.versions[0].serviceLevels.map((level) => level.target)).toEqual([0.8, 0.8]);
      expect(contract.versions[1].serviceLevels.map((level) => level.target)).toEqual([0.85, 0.85]);
    });

    it('judges past periods by the terms in force then', async () => {
      const res = await attainment(reneg.id, 'from=2026-01&to=2026-04&asOf=2026-05-01');
      const [monthly, daily] = res.body.contracts[0].serviceLevels;
      expect(monthly.results.map((r) => [r.periodLabel, r.version, r.target, r.status])).toEqual([
        ['2026-01', 1, 0.8, 'met'],
        ['2026-02', 1, 0.8, 'met'],
        ['2026-03', 2, 0.85, 'at_risk'], // straddles the change: judged by the terms of 31 March
        ['2026-04', 2, 0.85, 'at_risk'],
      ]);
      const day = (date: string) => daily.results.find((r) => r.period.from === date)!;
      expect([day('2026-03-14').version, day('2026-03-14').status]).toEqual([1, 'met']);
      expect([day('2026-03-15').version, day('2026-03-15').status]).toEqual([2, 'at_risk']);
    });
  });

  describe('service credits', () => {
    it('caps credits at the at-risk amount when pool shares add up to more than 100 %', async () => {
      const cap = await createProvider(t.dataSource, 'CAPCO', [{ code: 'A', city: 'León', lines: ['voice'] }]);
      await ingest(
        cap,
        daysOf('2026-06').flatMap((date) => [
          { siteCode: 'A', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: 500, denominator: 1000 },
          { siteCode: 'A', serviceLine: 'voice', kpiCode: 'abandonment_rate', date, numerator: 200, denominator: 1000 },
          { siteCode: 'A', serviceLine: 'voice', kpiCode: 'qa_score', date, numerator: 50, denominator: 100 },
        ]),
      );
      // 60 % + 50 % + 30 % = 140 % of a 120,000 MXN pool (1,000,000 x 12 %).
      await createContract(cap, { effectiveFrom: '2026-01-01' }, [
        voiceSl({ poolAllocationPct: 60 }),
        voiceSl({ name: 'Abandonment', kpiCode: 'abandonment_rate', target: 0.05, minimum: 0.07, poolAllocationPct: 50 }),
        voiceSl({ name: 'QA', kpiCode: 'qa_score', serviceLine: null, target: 0.9, minimum: 0.85, poolAllocationPct: 30 }),
      ]);
      const res = await credits(cap.id, 'from=2026-06&to=2026-06&asOf=2026-08-01');
      expect(res.status).toBe(200);
      const [june] = res.body.contracts[0].months;
      expect(june).toMatchObject({ month: '2026-06', atRiskAmount: 120_000, totalUncapped: 168_000, capApplied: true, status: 'final' });
      expect(june.totalCapped).toBe(120_000);
      expect(june.totalPayable).toBe(120_000);
      // Pro-rata: 72,000 / 60,000 / 36,000 scaled by 120,000 / 168,000.
      expect(june.lines.map((line) => [line.allocationPct, line.uncappedAmount, line.cappedAmount])).toEqual(
        expect.arrayContaining([
          [60, 72_000, 51_428.57],
          [50, 60_000, 42_857.14],
          [30, 36_000, 25_714.29],
        ]),
      );
      expect(june.explanation).toContain('above the at-risk amount');
    });

    it('waives a credit earned back by meeting the target in the following periods', async () => {
      const earn = await createProvider(t.dataSource, 'EARNCO', [{ code: 'A', city: 'León', lines: ['voice'] }]);
      const rate: Record<string, number> = { '2026-05': 0.6, '2026-06': 0.85, '2026-07': 0.86 };
      await ingest(
        earn,
        Object.keys(rate).flatMap((month) =>
          daysOf(month).map((date) => ({ siteCode: 'A', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: rate[month] * 1000, denominator: 1000 })),
        ),
      );
      await createContract(earn, { effectiveFrom: '2026-01-01' }, [voiceSl({ earnBackPeriods: 2 })]);
      const waived = (await credits(earn.id, 'from=2026-05&to=2026-05&asOf=2026-08-01')).body.contracts[0].months[0];
      expect(waived.lines[0]).toMatchObject({ cappedAmount: 36_000, payableAmount: 0, earnBack: 'waived', settlement: 'earned_back' });
      expect(waived.totalWaived).toBe(36_000);
      expect(waived.totalPayable).toBe(0);
      // Seen from mid-July the earn-back is still pending and the credit counts as owed until then.
      const pending = (await credits(earn.id, 'from=2026-05&to=2026-05&asOf=2026-07-15')).body.contracts[0].months[0];
      expect(pending.lines[0]).toMatchObject({ earnBack: 'pending', settlement: 'pending', payableAmount: 36_000 });
    });
  });

  describe('the demo contracts', () => {
    it('show the Pacífico Guadalajara service-level drop as breached months with credits owed', async () => {
      const res = await attainment(ids['PACIFICO'], 'from=2026-05&to=2026-10&asOf=2026-11-01', maria);
      expect(res.status).toBe(200);
      const gdl = res.body.contracts[0].serviceLevels.find((level) => level.name.includes('Guadalajara') && level.kpiCode === 'service_level')!;
      const status = Object.fromEntries(gdl.results.map((r) => [r.periodLabel, r.status]));
      expect(status['2026-09']).toBe('breached');
      expect(status['2026-10']).toBe('breached');
      expect(status['2026-07']).toBe('met');
      // The renegotiation four months before the last demo day: May is judged by the old 78 % target.
      expect(gdl.results.find((r) => r.periodLabel === '2026-05')).toMatchObject({ version: 1, target: 0.78 });
      expect(gdl.results.find((r) => r.periodLabel === '2026-07')).toMatchObject({ version: 2, target: 0.8 });
      // The approved outage day at Guadalajara is carved out of September.
      const september = gdl.results.find((r) => r.periodLabel === '2026-09')!;
      expect(september.exclusionsApplied).toHaveLength(1);
      expect(september.exclusionsApplied[0].reason).toContain('Power outage');

      const owed = await credits(ids['PACIFICO'], 'from=2026-09&to=2026-10&asOf=2026-11-01', maria);
      const [sep, oct] = owed.body.contracts[0].months;
      expect(sep.lines.map((line) => line.serviceLevelName)).toContain('Voice service level 80/20 – Guadalajara');
      expect(sep.totalPayable).toBeGreaterThan(0);
      // 3,780,000 MXN x 12 % x 30 % = 136,080 MXN
      expect(sep.lines.find((line) => line.serviceLevelName.includes('Guadalajara'))!.cappedAmount).toBe(136_080);
      expect(sep.explanation).toContain('3780000.00 MXN x 12 % x 30 % = 136080.00 MXN');
      expect(oct.totalPayable).toBeGreaterThan(0);
    });

    it('lists contracts in scope only and lets an account manager approve a pending exclusion', async () => {
      const mine = await t.request<SlaContractSummaryDto[]>('GET', '/sla/contracts', { token: maria });
      expect(mine.body.map((contract) => contract.providerName).sort()).toEqual(['Norte Contact Solutions', 'Pacífico BPO']);
      const leads = await t.request<SlaContractSummaryDto[]>('GET', '/sla/contracts', { token: lead });
      expect(leads.body.map((contract) => contract.providerName)).toEqual(['Norte Contact Solutions']);
      const pacifico = mine.body.find((contract) => contract.providerId === ids['PACIFICO'])!;
      expect(pacifico.pendingExclusions).toBe(1);
      const detail = (await t.request<SlaContractDto>('GET', `/sla/contracts/${pacifico.id}`, { token: maria })).body;
      expect(detail.canEdit).toBe(true);
      expect((await t.request<SlaContractDto>('GET', `/sla/contracts/${pacifico.id}`, { token: exec })).body.canEdit).toBe(false);
      const pending = detail.exclusions.find((exclusion) => exclusion.status === 'pending')!;
      const approved = await t.request<SlaExclusionDto>('POST', `/sla/contracts/${pacifico.id}/exclusions/${pending.id}/approve`, { token: maria });
      expect(approved.body).toMatchObject({ status: 'approved', approvedBy: 'María López' });
    });
  });

  describe('validation', () => {
    let valid: FreshProvider;
    let contract: SlaContractDto;
    beforeAll(async () => {
      valid = await createProvider(t.dataSource, 'VALIDCO', [{ code: 'A', city: 'León', lines: ['voice'] }]);
      contract = await createContract(valid, { effectiveFrom: '2026-01-01' }, []);
    });

    it.each<[string, Partial<ServiceLevelRequest>, string]>([
      ['a minimum above the target', { target: 0.7, minimum: 0.75 }, 'Higher is better: the minimum cannot exceed the target'],
      ['a pool share over 100 %', { poolAllocationPct: 120 }, 'A pool allocation is 0 to 100 %'],
      ['a percent written as 80', { target: 80, minimum: 75 }, 'Percent levels are ratios from 0 to 1'],
      ['numbers for a band KPI', { kpiCode: 'occupancy' }, 'occupancy is a band KPI'],
      ['an unknown KPI', { kpiCode: 'telepathy_rate' }, 'Unknown KPI "telepathy_rate"'],
      ['a service line the provider does not run', { serviceLine: 'chat' }, 'does not deliver chat'],
      ['a critical level without a pool share', { poolAllocationPct: 0 }, 'A critical service level needs a pool share'],
    ])('rejects %s', async (_label, overrides, message) => {
      const version = contract.versions[0];
      const res = await t.request<{ message: string }>('POST', `/sla/contracts/${contract.id}/versions/${version.id}/service-levels`, {
        token: admin,
        body: voiceSl(overrides),
      });
      expect(res.status).toBe(400);
      expect(res.body.message).toContain(message);
    });

    it('rejects a site of another provider and malformed levels', async () => {
      const [foreign] = await t.dataSource.query(`SELECT id FROM sites WHERE provider_id = $1 LIMIT 1`, [ids['NORTE']]);
      const version = contract.versions[0];
      const site = await t.request<{ message: string }>('POST', `/sla/contracts/${contract.id}/versions/${version.id}/service-levels`, {
        token: admin,
        body: voiceSl({ siteId: foreign.id }),
      });
      expect(site.status).toBe(400);
      expect(site.body.message).toContain("siteId: The site is not one of VALIDCO test provider's sites");
      const shape = await t.request<{ message: string }>('POST', `/sla/contracts/${contract.id}/versions/${version.id}/service-levels`, {
        token: admin,
        body: { ...voiceSl(), target: 'high' },
      });
      expect(shape.status).toBe(400);
      expect(shape.body.message).toContain('target must be a number');
      const band = await t.request<SlaContractDto>('POST', `/sla/contracts/${contract.id}/versions/${version.id}/service-levels`, {
        token: admin,
        body: voiceSl({ kpiCode: 'occupancy', target: { low: 0.85, high: 0.9 }, minimum: { low: 0.8, high: 0.95 } }),
      });
      expect(band.status).toBe(201);
      expect(band.body.versions[0].serviceLevels[0].target).toEqual({ low: 0.85, high: 0.9 });
    });
  });

  describe('scorecards', () => {
    /** Escalation responsiveness of the providers over from..to, as the escalations api reports it. */
    async function responsiveness(token: string, from: string, to: string) {
      const res = await t.request<EscalationResponsivenessDto[]>('GET', `/escalations/responsiveness?from=${from}&to=${to}`, { token });
      expect(res.status).toBe(200);
      return new Map(res.body.map((row) => [row.providerId, row]));
    }

    it('ranks the caller’s providers; without escalations in the window it re-weights without that component', async () => {
      const res = await t.request<ScorecardRankingDto>('GET', '/scorecards?asOf=2026-11-01', { token: maria });
      expect(res.status).toBe(200);
      expect(res.body.providers.map((provider) => provider.providerCode).sort()).toEqual(['NORTE', 'PACIFICO']);
      expect(res.body.providers.map((provider) => provider.rank)).toEqual([1, 2]);
      const [first] = res.body.providers;
      expect(first.score).toBeGreaterThan(0);
      expect(first.score).toBeLessThanOrEqual(100);
      // The demo escalations are opened days before the seed ran, after this window (2026-08..2026-10).
      const counts = await responsiveness(maria, '2026-08-01', '2026-10-31');
      expect(counts.get(first.providerId)?.escalations).toBe(0);
      expect(first.missing).toEqual(['escalation_responsiveness']);
      expect(first.reweighted).toBe(true);
      expect(first.notes.join(' ')).toContain('No escalations were opened in the period');
      const sum = first.components.reduce((total, component) => total + component.contribution, 0);
      expect(sum).toBeCloseTo(first.score!, 10);
      // Norte meets more of its service levels than Pacífico (Guadalajara is breached).
      expect(first.providerCode).toBe('NORTE');
    });

    it('scores escalation responsiveness from the demo escalations (acknowledged within the agreed time / opened)', async () => {
      // A window that holds the demo escalations (opened from 40 days before the seed up to a few hours before it).
      const through = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
      const asOf = new Date(Date.now() + 2 * 86_400_000).toISOString().slice(0, 10);
      const fromMonth = new Date(Date.now() - 45 * 86_400_000).toISOString().slice(0, 7);
      const res = await t.request<ScorecardRankingDto>(
        'GET',
        `/scorecards?from=${fromMonth}&to=${through.slice(0, 7)}&asOf=${asOf}`,
        { token: admin },
      );
      expect(res.status).toBe(200);
      const counts = await responsiveness(admin, `${fromMonth}-01`, through);
      const scored = res.body.providers.filter((card) => (counts.get(card.providerId)?.escalations ?? 0) > 0);
      // Pacífico (the Guadalajara service-level escalation) and Altiplano (the stale feed) have demo escalations.
      expect(scored.map((card) => card.providerCode).sort()).toEqual(expect.arrayContaining(['ALTIPLANO', 'PACIFICO']));
      for (const card of res.body.providers) {
        const row = counts.get(card.providerId)!;
        const [{ opened }] = await t.dataSource.query(
          `SELECT count(*)::int AS opened FROM escalations WHERE provider_id = $1 AND opened_at >= $2::date AND opened_at < $3::date + 1`,
          [card.providerId, `${fromMonth}-01`, through],
        );
        expect(row.escalations).toBe(opened);
        const component = card.components.find((c) => c.key === 'escalation_responsiveness')!;
        if (row.escalations === 0) {
          expect(component.score).toBeNull();
          expect(card.missing).toContain('escalation_responsiveness');
          continue;
        }
        expect(component.score).toBeCloseTo((100 * row.acknowledgedWithinTarget) / row.escalations, 10);
        expect(component.effectiveWeight).toBeGreaterThan(0);
        expect(component.contribution).toBeCloseTo(component.score! * component.effectiveWeight, 10);
        expect(component.detail).toContain(`${row.acknowledgedWithinTarget} of ${row.escalations} escalation(s)`);
        expect(card.missing).not.toContain('escalation_responsiveness');
        const sum = card.components.reduce((total, c) => total + c.contribution, 0);
        expect(sum).toBeCloseTo(card.score!, 10);
      }
    });

    it('lets only an admin set the weights, validated', async () => {
      expect((await t.request('PUT', '/scorecard-weights', { token: maria, body: { qa_score: 1 } })).status).toBe(403);
      const invalid = await t.request<{ message: string }>('PUT', '/scorecard-weights', { token: admin, body: { qa_score: -1 } });
      expect(invalid.status).toBe(400);
      expect(invalid.body.message).toContain('The weight of qa_score must be a number >= 0');
      const saved = await t.request<ScorecardWeightsDto>('PUT', '/scorecard-weights', { token: admin, body: { sla_attainment: 1, qa_score: 0 } });
      expect(saved.body).toMatchObject({ sla_attainment: 1, qa_score: 0, escalation_responsiveness: 0.2, updatedBy: 'Ana Admin' });
      const card = await t.request<ProviderScorecardDto>('GET', `/providers/${ids['NORTE']}/scorecard?asOf=2026-11-01`, { token: exec });
      expect(card.body.components.find((component) => component.key === 'qa_score')!.effectiveWeight).toBe(0);
      await t.request('PUT', '/scorecard-weights', { token: admin, body: { sla_attainment: 0.4, qa_score: 0.3 } });
    });
  });
});
