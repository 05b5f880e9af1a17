import type { KpiTrendDto, ProviderSummaryDto, UserSummary } from '@kpi/contracts';
import { startTestApp, TestApp } from './support/test-app';

describe('provider scoping by role', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp();
    for (const row of await t.dataSource.query(`SELECT id, code FROM providers`)) ids[row.code] = row.id;
  });
  afterAll(() => t.close());

  async function visibleCodes(email: string): Promise<string[]> {
    const { accessToken } = await t.signIn(email);
    const res = await t.request<ProviderSummaryDto[]>('GET', '/providers', { token: accessToken });
    expect(res.status).toBe(200);
    return res.body.map((p) => p.code).sort();
  }

  it.each([
    ['admin@demo.kpigov.mx', ['ALTIPLANO', 'NORTE', 'PACIFICO']],
    ['exec@demo.kpigov.mx', ['ALTIPLANO', 'NORTE', 'PACIFICO']],
    ['maria.lopez@demo.kpigov.mx', ['NORTE', 'PACIFICO']],
    ['jorge.ramirez@demo.kpigov.mx', ['ALTIPLANO']],
    ['lead@norte.demo.kpigov.mx', ['NORTE']],
  ])('%s sees exactly %p', async (email, expected) => {
    expect(await visibleCodes(email)).toEqual(expected);
  });

  it('shows the account manager their providers with data', async () => {
    const { accessToken } = await t.signIn('maria.lopez@demo.kpigov.mx');
    const res = await t.request<ProviderSummaryDto[]>('GET', '/providers', { token: accessToken });
    for (const provider of res.body) {
      expect(provider.lastDataDate).toBe('2026-10-31');
      expect(provider.sites.length).toBeGreaterThan(0);
      expect(provider.latest.find((k) => k.kpiCode === 'service_level')?.value).toBeGreaterThan(0.5);
    }
  });

  it('a feed that missed its expected cadence shows as stale data for its account manager only', async () => {
    const admin = await t.signIn('admin@demo.kpigov.mx');
    const created = await t.request<{ id: string }>('POST', '/ingestion/feeds', {
      token: admin.accessToken,
      body: { providerId: ids['NORTE'], name: 'Norte hourly upload', connector: 'file_upload', expectedCadenceMinutes: 60 },
    });
    expect(created.status).toBe(201);
    const fresh = await t.signIn('maria.lopez@demo.kpigov.mx');
    const before = await t.request<ProviderSummaryDto[]>('GET', '/providers', { token: fresh.accessToken });
    expect(before.body.find((p) => p.code === 'NORTE')?.staleFeeds).toEqual([]);

    // The last good run was 5 hours ago: the hourly cadence is missed.
    await t.dataSource.query(`UPDATE feeds SET last_success_at = now() - interval '5 hours' WHERE id = $1`, [created.body.id]);
    const maria = await t.request<ProviderSummaryDto[]>('GET', '/providers', { token: fresh.accessToken });
    const norte = maria.body.find((p) => p.code === 'NORTE');
    expect(norte?.staleFeeds).toHaveLength(1);
    expect(norte?.staleFeeds?.[0]).toMatchObject({ feedId: created.body.id, name: 'Norte hourly upload', expectedCadenceMinutes: 60 });
    expect(Date.now() - Date.parse(norte?.staleFeeds?.[0].lastSuccessAt ?? '')).toBeGreaterThan(4.9 * 3600_000);
    expect(maria.body.find((p) => p.code === 'PACIFICO')?.staleFeeds).toEqual([]);
    const detail = await t.request<ProviderSummaryDto>('GET', `/providers/${ids['NORTE']}`, { token: fresh.accessToken });
    expect(detail.body.staleFeeds?.map((f) => f.name)).toEqual(['Norte hourly upload']);

    // Jorge (ALTIPLANO only) never sees NORTE's feed; the provider page of NORTE is a 404 for him.
    const jorge = await t.signIn('jorge.ramirez@demo.kpigov.mx');
    const his = await t.request<ProviderSummaryDto[]>('GET', '/providers', { token: jorge.accessToken });
    expect(his.body.map((p) => p.code)).toEqual(['ALTIPLANO']);
    expect(his.body.flatMap((p) => p.staleFeeds ?? [])).toEqual([]);
    expect((await t.request('GET', `/providers/${ids['NORTE']}`, { token: jorge.accessToken })).status).toBe(404);
    await t.dataSource.query(`DELETE FROM feeds WHERE id = $1`, [created.body.id]);
  });

  it('answers 404, not 403, when an account manager asks for a provider that is not theirs', async () => {
    const { accessToken } = await t.signIn('maria.lopez@demo.kpigov.mx');
    const foreign = await t.request<{ message: string }>('GET', `/providers/${ids['ALTIPLANO']}`, { token: accessToken });
    const missing = await t.request<{ message: string }>('GET', `/providers/7d5e0c4a-8c57-4b8e-9f3e-0f1f2a3b4c5d`, {
      token: accessToken,
    });
    expect(foreign.status).toBe(404);
    expect(missing.status).toBe(404);
    // Same answer for "exists but not yours" and "does not exist": nothing leaks.
    expect(foreign.body).toEqual(missing.body);

    const trend = await t.request('GET', `/providers/${ids['ALTIPLANO']}/kpis/qa_score/trend`, { token: accessToken });
    expect(trend.status).toBe(404);
    const own = await t.request<KpiTrendDto>('GET', `/providers/${ids['NORTE']}/kpis/aht/trend`, { token: accessToken });
    expect(own.status).toBe(200);
  });

  it('a provider user cannot read another provider', async () => {
    const { accessToken } = await t.signIn('lead@norte.demo.kpigov.mx');
    expect((await t.request('GET', `/providers/${ids['PACIFICO']}`, { token: accessToken })).status).toBe(404);
    expect((await t.request('GET', `/providers/${ids['NORTE']}`, { token: accessToken })).status).toBe(200);
  });

  it('a malformed provider id is a 404 as well', async () => {
    const { accessToken } = await t.signIn('admin@demo.kpigov.mx');
    expect((await t.request('GET', `/providers/not-an-id`, { token: accessToken })).status).toBe(404);
  });

  it('only admins list users', async () => {
    const admin = await t.signIn('admin@demo.kpigov.mx');
    const users = await t.request<UserSummary[]>('GET', '/admin/users', { token: admin.accessToken });
    expect(users.status).toBe(200);
    expect(users.body.map((u) => u.email)).toContain('maria.lopez@demo.kpigov.mx');
    expect(JSON.stringify(users.body)).not.toMatch(/argon2|password/i);
    for (const email of ['maria.lopez@demo.kpigov.mx', 'exec@demo.kpigov.mx', 'lead@norte.demo.kpigov.mx']) {
      const { accessToken } = await t.signIn(email);
      expect((await t.request('GET', '/admin/users', { token: accessToken })).status).toBe(403);
    }
  });

  it('applies a new assignment on the next request, without signing in again', async () => {
    const session = await t.signIn('jorge.ramirez@demo.kpigov.mx');
    expect((await t.request('GET', `/providers/${ids['NORTE']}`, { token: session.accessToken })).status).toBe(404);
    await t.dataSource.query(
      `INSERT INTO user_provider_assignments (user_id, provider_id) SELECT id, $1 FROM users WHERE email = $2`,
      [ids['NORTE'], 'jorge.ramirez@demo.kpigov.mx'],
    );
    expect((await t.request('GET', `/providers/${ids['NORTE']}`, { token: session.accessToken })).status).toBe(200);
  });
});
