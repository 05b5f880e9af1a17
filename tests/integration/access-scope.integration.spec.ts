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
