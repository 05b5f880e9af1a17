import type { KpiTrendDto, ProviderDetailDto } from '@kpi/contracts';
import { startTestApp, TestApp } from './support/test-app';

describe('KPI trends are rolled up from components', () => {
  let t: TestApp;
  let token: string;
  let pacifico: ProviderDetailDto;
  beforeAll(async () => {
    t = await startTestApp();
    token = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
    const [{ id }] = await t.dataSource.query(`SELECT id FROM providers WHERE code = 'PACIFICO'`);
    pacifico = (await t.request<ProviderDetailDto>('GET', `/providers/${id}`, { token })).body;
  });
  afterAll(() => t.close());

  const trend = (query: string, kpi = 'service_level') =>
    t.request<KpiTrendDto>('GET', `/providers/${pacifico.id}/kpis/${kpi}/trend?${query}`, { token });

  it('a monthly service level equals sum(answered in threshold) / sum(offered) over raw rows, not a mean of days', async () => {
    const res = await trend('granularity=month&from=2026-09-01&to=2026-09-30');
    expect(res.status).toBe(200);
    expect(res.body.points).toHaveLength(1);
    const [raw] = await t.dataSource.query(
      `SELECT sum(numerator) AS num, sum(denominator) AS den, avg(numerator / denominator) AS mean_of_rates
       FROM metric_observations WHERE provider_id = $1 AND kpi_code = 'service_level'
         AND period_start BETWEEN '2026-09-01' AND '2026-09-30'`,
      [pacifico.id],
    );
    const expected = Number(raw.num) / Number(raw.den);
    expect(res.body.points[0].value).toBeCloseTo(expected, 12);
    expect(res.body.points[0].numerator).toBeCloseTo(Number(raw.num), 6);
    // The mean of daily site rates is a different (wrong) number: volumes differ by day and site.
    expect(Math.abs(Number(raw.mean_of_rates) - expected)).toBeGreaterThan(1e-4);
  });

  it('shows the seeded service-level step drop at Guadalajara', async () => {
    const gdl = pacifico.sites.find((s) => s.city === 'Guadalajara')!;
    const res = await trend(`granularity=month&siteId=${gdl.id}&serviceLine=voice&from=2026-05-01&to=2026-10-31`);
    const values = res.body.points.map((p) => p.value!);
    expect(values[0] - values[values.length - 1]).toBeGreaterThan(0.07);
  });

  it('takes the period-end value for a stock KPI (backlog) instead of summing days', async () => {
    const res = await trend('granularity=week&from=2026-10-19&to=2026-10-25', 'backlog');
    const [{ last }] = await t.dataSource.query(
      `SELECT sum(numerator) AS last FROM metric_observations
       WHERE provider_id = $1 AND kpi_code = 'backlog' AND period_start = '2026-10-25'`,
      [pacifico.id],
    );
    expect(res.body.points).toHaveLength(1);
    expect(res.body.points[0].periodStart).toBe('2026-10-19');
    expect(res.body.points[0].value).toBe(Number(last));
  });

  it('defaults to daily points over the last 90 days with data', async () => {
    const res = await trend('');
    expect(res.body.granularity).toBe('day');
    expect(res.body.to).toBe('2026-10-31');
    expect(res.body.points).toHaveLength(90);
  });

  it.each([
    ['granularity=hourly', 'granularity must be one of day, week, month, quarter'],
    ['from=2026-13-01', 'from must be a date like 2026-08-01'],
    ['from=2026-10-10&to=2026-10-01', 'from must not be after to'],
    ['serviceLine=telepathy', 'serviceLine must be one of'],
    ['unknown=1', 'property unknown should not exist'],
  ])('rejects %s with a clear message', async (query, message) => {
    const res = await t.request<{ message: string }>('GET', `/providers/${pacifico.id}/kpis/aht/trend?${query}`, { token });
    expect(res.status).toBe(400);
    expect(res.body.message).toContain(message);
  });

  it('404s an unknown KPI and a site of another provider', async () => {
    expect((await trend('', 'telepathy_rate')).status).toBe(404);
    const [other] = await t.dataSource.query(`SELECT s.id FROM sites s JOIN providers p ON p.id = s.provider_id WHERE p.code = 'NORTE' LIMIT 1`);
    expect((await trend(`siteId=${other.id}`)).status).toBe(404);
  });
});
