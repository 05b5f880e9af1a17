import type { FeedDto, IngestionRunDto, RestatementDto } from '@kpi/contracts';
import { waitFor } from './support/ingestion-helpers';
import { startTestApp, TestApp } from './support/test-app';

/** The demo feeds pull the simulated provider endpoint served by the app itself. */
describe('demo provider endpoint and demo feeds', () => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await startTestApp({ ENABLE_SCHEDULER: 'false', MAIL_CATCHER_PORT: '0' });
    token = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
  });
  afterAll(() => t.close());

  it('refuses requests without the demo token', async () => {
    const res = await t.request('GET', '/demo-provider/NORTE/observations?from=2026-11-01&to=2026-11-02');
    expect(res.status).toBe(401);
  });

  it('a demo feed continues the seeded history, deterministically and idempotently', async () => {
    const feeds = (await t.request<FeedDto[]>('GET', '/ingestion/feeds', { token })).body;
    const feed = feeds.find((f) => f.name === 'Reporting API (demo)' && f.providerName.startsWith('Norte'))!;
    expect(feed).toMatchObject({ connector: 'http_pull', scheduleCron: '*/5 * * * *', hasCredentials: true, cursor: { through: '2026-11-01' } });
    const [{ before }] = await t.dataSource.query(`SELECT count(*)::int AS before FROM metric_observations WHERE provider_id = $1`, [feed.providerId]);

    await t.request('POST', `/ingestion/feeds/${feed.id}/run`, { token });
    const run = await waitFor(async () => (await t.request<IngestionRunDto[]>('GET', `/ingestion/runs?feedId=${feed.id}`, { token })).body.find((r) => r.status !== 'running'), 60_000, 'demo run');
    expect(run.status).toBe('succeeded');
    expect(run.counts.inserted).toBeGreaterThan(0);
    expect(run.windowFrom).toBe('2026-11-01');
    const [{ after }] = await t.dataSource.query(`SELECT count(*)::int AS after FROM metric_observations WHERE provider_id = $1`, [feed.providerId]);
    expect(after - before).toBe(run.counts.inserted);

    // Backfilling a period already pulled changes nothing (the endpoint is deterministic; today's partial values aside).
    await t.request('POST', `/ingestion/feeds/${feed.id}/backfill`, { token, body: { from: '2026-11-01', to: '2026-11-05' } });
    const backfill = await waitFor(async () => (await t.request<IngestionRunDto[]>('GET', `/ingestion/runs?feedId=${feed.id}`, { token })).body.find((r) => r.trigger === 'backfill' && r.status !== 'running'), 60_000, 'backfill');
    expect(backfill).toMatchObject({ status: 'succeeded', counts: { inserted: 0, updated: 0 } });
    const restatements = (await t.request<RestatementDto[]>('GET', `/ingestion/providers/${feed.providerId}/restatements`, { token })).body;
    expect(restatements.every((r) => r.periodStart < '2026-11-01' || r.kpiCode === 'aht')).toBe(true);
  });
});
