import type {
  DriftEventListDto,
  EscalationListDto,
  PortfolioOverviewDto,
  ProviderAttainmentDto,
  ScorecardRankingDto,
} from '@kpi/contracts';
import { addDays } from '@kpi/domain';
import { startTestApp, TEST_DEMO_LAST_DAY, TestApp } from './support/test-app';

describe('GET /api/portfolio/overview', () => {
  let t: TestApp;
  let admin: string;
  let maria: string;
  let lead: string;

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
    maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
    lead = (await t.signIn('lead@norte.demo.kpigov.mx')).accessToken;
  });
  afterAll(() => t.close());

  async function overview(token: string): Promise<PortfolioOverviewDto> {
    const res = await t.request<PortfolioOverviewDto>('GET', '/portfolio/overview', { token });
    expect(res.status).toBe(200);
    return res.body;
  }

  const cell = (body: PortfolioOverviewDto, providerCode: string, kpiCode: string) => {
    const row = body.heatmap.find((entry) => entry.providerCode === providerCode);
    return row?.cells.find((entry) => entry.kpiCode === kpiCode);
  };

  it('shows the seeded Guadalajara service-level step drop as a breached PACIFICO service level cell, as the SLA module judges it', async () => {
    const body = await overview(admin);
    const breached = cell(body, 'PACIFICO', 'service_level');
    expect(breached).toMatchObject({
      status: 'breached',
      hasServiceLevel: true,
      serviceLevel: { name: 'Voice service level 80/20 – Guadalajara', periodLabel: TEST_DEMO_LAST_DAY.slice(0, 7), target: 0.8, minimum: 0.75 },
    });
    expect(breached?.serviceLevel?.value).toBeLessThan(0.75);
    expect(breached?.value).toEqual(expect.any(Number));

    // The same period judged by GET /api/providers/:id/sla/attainment (the SLA module's own endpoint).
    const providerId = body.heatmap.find((row) => row.providerCode === 'PACIFICO')?.providerId;
    const attainment = await t.request<ProviderAttainmentDto>(
      'GET',
      `/providers/${providerId}/sla/attainment?asOf=${addDays(TEST_DEMO_LAST_DAY, 1)}`,
      { token: admin },
    );
    const level = attainment.body.contracts
      .flatMap((contract) => contract.serviceLevels)
      .find((entry) => entry.serviceLevelId === breached?.serviceLevel?.serviceLevelId);
    const result = level?.results.find((entry) => entry.periodLabel === breached?.serviceLevel?.periodLabel);
    expect(result?.status).toBe('breached');
    expect(result?.value).toBeCloseTo(breached?.serviceLevel?.value as number, 9);
  });

  it('has a column per KPI with a service level or data, and no_data cells for KPIs without a service level', async () => {
    const body = await overview(admin);
    expect(body.kpiCodes).toEqual(expect.arrayContaining(['service_level', 'aht', 'qa_score']));
    for (const row of body.heatmap) expect(row.cells.map((entry) => entry.kpiCode)).toEqual(body.kpiCodes);
    const statuses = new Set(body.heatmap.flatMap((row) => row.cells.map((entry) => entry.status)));
    expect(statuses).toContain('met');
    for (const entry of body.heatmap.flatMap((row) => row.cells).filter((c) => !c.hasServiceLevel)) {
      expect(entry.status).toBe('no_data');
      expect(entry.serviceLevel).toBeNull();
    }
  });

  it('judges each trend by the KPI direction and lists the worst changes for the worse, largest first', async () => {
    const body = await overview(admin);
    const aht = cell(body, 'NORTE', 'aht');
    if (aht?.value !== null && aht?.previousValue !== null && aht && aht.value !== aht.previousValue) {
      expect(aht.trendJudgement).toBe(aht.value > (aht.previousValue as number) ? 'bad' : 'good');
    }
    expect(body.worstChanges.length).toBeGreaterThan(0);
    expect(body.worstChanges.length).toBeLessThanOrEqual(5);
    const sizes = body.worstChanges.map((entry) => entry.badness);
    expect(sizes).toEqual([...sizes].sort((a, b) => b - a));
    for (const change of body.worstChanges) {
      expect(change.badness).toBeGreaterThan(0);
      expect(cell(body, change.providerCode, change.kpiCode)?.trendJudgement).toBe('bad');
    }
  });

  it('counts match the escalations, drift events and stale-feed endpoints for the same caller', async () => {
    for (const token of [admin, maria, lead]) {
      const body = await overview(token);
      const escalations = await t.request<EscalationListDto>('GET', '/escalations', { token });
      const drift = await t.request<DriftEventListDto>('GET', '/drift/events?status=open', { token });
      const stale = await t.request<unknown[]>('GET', '/ingestion/stale-feeds', { token });
      expect(body.counts).toEqual({
        openEscalations: escalations.body.total,
        openDriftEvents: drift.body.total,
        staleFeeds: stale.body.length,
      });
    }
    expect((await overview(admin)).counts.openDriftEvents).toBeGreaterThan(0);
  });

  it('ranks the scorecards as GET /api/scorecards does, with the change against the window before', async () => {
    const body = await overview(admin);
    const scorecards = await t.request<ScorecardRankingDto>('GET', '/scorecards', { token: admin });
    expect(body.ranking.from).toBe(scorecards.body.from);
    expect(body.ranking.providers.map((row) => [row.providerCode, row.rank, row.score])).toEqual(
      scorecards.body.providers.map((row) => [row.providerCode, row.rank, row.score]),
    );
    expect(body.ranking.previousTo < body.ranking.from).toBe(true);
    for (const row of body.ranking.providers) {
      if (row.score !== null && row.previousScore !== null) expect(row.scoreChange).toBeCloseTo(row.score - row.previousScore, 9);
    }
  });

  it('an account manager sees only her providers, a provider lead only his own', async () => {
    expect((await overview(maria)).heatmap.map((row) => row.providerCode).sort()).toEqual(['NORTE', 'PACIFICO']);
    expect((await overview(maria)).ranking.providers.map((row) => row.providerCode).sort()).toEqual(['NORTE', 'PACIFICO']);
    const norteOnly = await overview(lead);
    expect(norteOnly.heatmap.map((row) => row.providerCode)).toEqual(['NORTE']);
    expect(norteOnly.worstChanges.every((entry) => entry.providerCode === 'NORTE')).toBe(true);
  });

  it('refuses a caller who is not signed in', async () => {
    expect((await t.request('GET', '/portfolio/overview')).status).toBe(401);
  });
});
