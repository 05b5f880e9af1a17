import type { KpiDefinitionDto, KpiRollupDto, KpiTrendDto, ProviderDetailDto } from '@kpi/contracts';
import { KpiObservation, RollupGranularity, findBuiltInKpi, rollupKpi } from '@kpi/domain';
import { ProviderScope } from '../../apps/api/src/modules/auth/provider-scope';
import { MetricsRollupService } from '../../apps/api/src/modules/metrics/metrics-rollup.service';
import { MetricsService } from '../../apps/api/src/modules/metrics/metrics.service';
import { RollupQueryDto } from '../../apps/api/src/modules/metrics/dto/rollup-query.dto';
import { createProvider, daysOf, FreshProvider, insertObservations } from './support/fresh-provider';
import { startTestApp, TestApp } from './support/test-app';

/** Relative closeness for doubles summed in another order (kpi-domain sums raw rows in JS). */
function expectClose(actual: number | null, expected: number | null): void {
  if (expected === null || actual === null) {
    expect(actual).toBe(expected);
    return;
  }
  expect(Math.abs(actual - expected)).toBeLessThanOrEqual(1e-12 * Math.max(1, Math.abs(expected)));
}

describe('KPI rollup tables give the same answers as the raw observations', () => {
  let t: TestApp;
  let admin: string;
  let metrics: MetricsService;
  let rollups: MetricsRollupService;
  const ids: Record<string, string> = {};

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
    metrics = t.app.get(MetricsService);
    rollups = t.app.get(MetricsRollupService);
    for (const row of await t.dataSource.query(`SELECT id, code FROM providers`)) ids[row.code] = row.id;
  });
  afterAll(() => t.close());

  /** Raw daily observations as kpi-domain sees them. */
  async function rawObservations(kpiCode: string, providerIds?: string[]): Promise<KpiObservation[]> {
    const rows: Record<string, unknown>[] = await t.dataSource.query(
      `SELECT o.period_start, o.kpi_code, o.provider_id, o.site_id, s.city, o.service_line_code, o.queue, o.numerator, o.denominator
       FROM metric_observations o JOIN sites s ON s.id = o.site_id
       WHERE o.kpi_code = $1 AND o.granularity = 'day' AND ($2::uuid[] IS NULL OR o.provider_id = ANY($2::uuid[]))`,
      [kpiCode, providerIds ?? null],
    );
    return rows.map((row) => ({
      date: row['period_start'] as string,
      kpiCode: row['kpi_code'] as string,
      providerId: row['provider_id'] as string,
      siteId: row['site_id'] as string,
      city: row['city'] as string,
      serviceLine: row['service_line_code'] as never,
      queue: row['queue'] as string,
      numerator: row['numerator'] as number,
      denominator: row['denominator'] as number | null,
    }));
  }

  const query = (q: Partial<RollupQueryDto>): RollupQueryDto => Object.assign(new RollupQueryDto(), q);

  describe.each<[string, RollupGranularity, string, string, RollupQueryDto['groupBy']]>([
    ['service_level', 'month', '2025-06-15', '2026-10-31', []],
    ['service_level', 'week', '2026-01-01', '2026-10-31', ['city', 'serviceLine']],
    ['aht', 'quarter', '2025-05-02', '2026-10-31', ['providerId']],
    ['aht', 'range', '2026-02-11', '2026-09-03', ['siteId', 'queue']],
    ['backlog', 'week', '2026-03-04', '2026-10-31', ['providerId', 'siteId']],
    ['backlog', 'year', '2025-05-02', '2026-10-31', []],
    ['abandonment_rate', 'day', '2026-09-20', '2026-10-31', ['providerId']],
    ['qa_score', 'month', '2025-05-01', '2026-10-31', ['providerId', 'city']],
  ])('%s by %s from %s to %s grouped by %p', (kpi, granularity, from, to, groupBy) => {
    it('reads the same numbers from the rollups as from the raw rows, and kpi-domain agrees', async () => {
      const asked = query({ kpi, granularity, from, to, groupBy });
      const viaRollups = await metrics.rollup(ProviderScope.all(), asked, 'rollups');
      const viaRaw = await metrics.rollup(ProviderScope.all(), asked, 'raw');
      expect(viaRollups.series.length).toBeGreaterThan(0);
      expect(viaRollups).toEqual(viaRaw);

      // The endpoint answers from the rollups.
      const params = new URLSearchParams({ kpi, granularity, from, to, ...(groupBy?.length ? { groupBy: groupBy.join(',') } : {}) });
      const endpoint = await t.request<KpiRollupDto>('GET', `/metrics/rollup?${params}`, { token: admin });
      expect(endpoint.status).toBe(200);
      expect(endpoint.body).toEqual(viaRollups);

      const reference = rollupKpi(findBuiltInKpi(kpi)!, await rawObservations(kpi), { granularity, from, to, groupBy });
      expect(viaRollups.series.map((series) => series.groupKey)).toEqual(reference.series.map((series) => series.groupKey));
      reference.series.forEach((series, index) => {
        const mine = viaRollups.series[index].points;
        expect(mine.map((point) => [point.periodStart, point.from, point.to, point.partial, point.observationCount])).toEqual(
          series.points.map((point) => [point.periodStart, point.from, point.to, point.partial, point.observationCount]),
        );
        series.points.forEach((point, p) => {
          expectClose(mine[p].value, point.value);
          expectClose(mine[p].numerator, point.numerator);
          expectClose(mine[p].denominator, point.denominator);
          expect(mine[p].stockAsOf).toBe(point.stockAsOf);
        });
      });
    });
  });

  it('serves the portfolio snapshot from the window rollups, identical to the raw recomputation', async () => {
    const viaRollups = await metrics.latestSnapshots(ProviderScope.all(), 'rollups');
    const viaRaw = await metrics.latestSnapshots(ProviderScope.all(), 'raw');
    expect([...viaRollups.keys()].sort()).toEqual(Object.values(ids).sort());
    expect(viaRollups).toEqual(viaRaw);
    const pacifico = (await t.request<ProviderDetailDto>('GET', `/providers/${ids['PACIFICO']}`, { token: admin })).body;
    expect(pacifico.latest).toEqual(viaRaw.get(ids['PACIFICO']));
    // The snapshot is kpi-domain's rollup of the last 7 days with data.
    const sl = pacifico.latest.find((snapshot) => snapshot.kpiCode === 'service_level')!;
    const reference = rollupKpi(findBuiltInKpi('service_level')!, await rawObservations('service_level', [ids['PACIFICO']]), {
      granularity: 'range',
      from: '2026-10-25',
      to: '2026-10-31',
    });
    expect(sl).toMatchObject({ from: '2026-10-25', to: '2026-10-31' });
    expectClose(sl.value, reference.series[0].points[0].value);
  });

  it('trends read the rollups and equal kpi-domain over the raw rows, empty buckets included as null', async () => {
    const res = await t.request<KpiTrendDto>(
      'GET',
      `/providers/${ids['NORTE']}/kpis/aht/trend?granularity=week&from=2026-06-03&to=2026-10-31`,
      { token: admin },
    );
    expect(res.status).toBe(200);
    const reference = rollupKpi(findBuiltInKpi('aht')!, await rawObservations('aht', [ids['NORTE']]), {
      granularity: 'week',
      from: '2026-06-03',
      to: '2026-10-31',
    }).series[0].points;
    expect(res.body.points.map((point) => point.periodStart)).toEqual(reference.map((point) => point.periodStart));
    res.body.points.forEach((point, index) => expectClose(point.value, reference[index].value));
  });

  describe('a stock slice missing on the bucket’s last day is carried forward, in the api as in kpi-domain', () => {
    let stock: FreshProvider;
    beforeAll(async () => {
      stock = await createProvider(t.dataSource, 'STOCKCO', [
        { code: 'A', city: 'León', lines: ['back_office'] },
        { code: 'B', city: 'Mérida', lines: ['back_office'] },
      ]);
      const week = ['2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08'];
      await insertObservations(t.dataSource, stock, [
        ...week.map((date, i) => ({ siteCode: 'A', serviceLine: 'back_office', kpiCode: 'backlog', date, numerator: 100 + i, denominator: null })),
        // B stops reporting after Saturday: its Saturday reading (57) still counts on Sunday.
        ...week.slice(0, 6).map((date, i) => ({ siteCode: 'B', serviceLine: 'back_office', kpiCode: 'backlog', date, numerator: 51 + i, denominator: null })),
      ]);
      await rollups.refreshRange(stock.id, '2026-03-02', '2026-03-08');
    });

    it('week = A on Sunday (106) + B on Saturday (56) = 162', async () => {
      const res = await t.request<KpiTrendDto>('GET', `/providers/${stock.id}/kpis/backlog/trend?granularity=week&from=2026-03-02&to=2026-03-08`, {
        token: admin,
      });
      expect(res.body.points).toEqual([{ periodStart: '2026-03-02', value: 162, numerator: 162, denominator: null }]);
      const reference = rollupKpi(findBuiltInKpi('backlog')!, await rawObservations('backlog', [stock.id]), {
        granularity: 'week',
        from: '2026-03-02',
        to: '2026-03-08',
      }).series[0].points[0];
      expect(reference).toMatchObject({ value: 162, stockAsOf: '2026-03-08', carriedForwardReadings: 1 });
      const rollup = await t.request<KpiRollupDto>(
        'GET',
        `/metrics/rollup?kpi=backlog&granularity=week&from=2026-03-02&to=2026-03-08&providerIds=${stock.id}`,
        { token: admin },
      );
      expect(rollup.body.series[0].points[0]).toMatchObject({ value: 162, stockAsOf: '2026-03-08', carriedForwardReadings: 1 });
      expect(rollup.body.stockMissingSlice).toBe('carry_forward');
    });
  });

  describe('incremental refresh', () => {
    let fresh: FreshProvider;
    const month = async (kpi: string, m: string) => {
      const res = await t.request<KpiRollupDto>(
        'GET',
        `/metrics/rollup?kpi=${kpi}&granularity=month&from=${m}-01&to=${daysOf(m).pop()}&providerIds=${fresh.id}`,
        { token: admin },
      );
      return res.body.series[0].points[0];
    };

    beforeAll(async () => {
      fresh = await createProvider(t.dataSource, 'INCRCO', [
        { code: 'A', city: 'Tijuana', lines: ['voice'] },
        { code: 'B', city: 'Tijuana', lines: ['voice'] },
      ]);
      await insertObservations(
        t.dataSource,
        fresh,
        daysOf('2026-03').flatMap((date) => [
          { siteCode: 'A', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: 80, denominator: 100 },
          { siteCode: 'B', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: 60, denominator: 100 },
        ]),
      );
      await rollups.refreshRange(fresh.id, '2026-03-01', '2026-03-31');
    });

    it('recomputes only what changed: restatements, new days, removed slices', async () => {
      expect(await month('service_level', '2026-03')).toMatchObject({ value: 0.7, numerator: 4340, denominator: 6200 });
      const demoBefore = await t.dataSource.query(`SELECT max(refreshed_at) AS at FROM metric_rollups WHERE provider_id <> $1`, [fresh.id]);

      // A restated day in March and a new month of data for site A only.
      await t.dataSource.query(
        `UPDATE metric_observations SET numerator = 0 WHERE provider_id = $1 AND period_start = '2026-03-31' AND site_id = $2`,
        [fresh.id, fresh.sites['B']],
      );
      await insertObservations(
        t.dataSource,
        fresh,
        daysOf('2026-04').map((date) => ({ siteCode: 'A', serviceLine: 'voice', kpiCode: 'service_level', date, numerator: 90, denominator: 100 })),
      );
      // Not refreshed yet: the rollups still say what they said.
      expect((await month('service_level', '2026-03')).numerator).toBe(4340);
      const result = await rollups.refreshRange(fresh.id, '2026-03-31', '2026-04-30');
      expect(result.from).toBe('2026-03-31');
      expect(await month('service_level', '2026-03')).toMatchObject({ numerator: 4280, denominator: 6200 });
      expect(await month('service_level', '2026-04')).toMatchObject({ value: 0.9, numerator: 2700 });

      // Site A's April rows disappear (a discarded run): its April buckets go too.
      await t.dataSource.query(`DELETE FROM metric_observations WHERE provider_id = $1 AND period_start >= '2026-04-01'`, [fresh.id]);
      await rollups.refreshRange(fresh.id, '2026-04-01', '2026-04-30');
      const [{ n }] = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM metric_rollups WHERE provider_id = $1 AND bucket_start >= '2026-04-01' AND granularity = 'month'`,
        [fresh.id],
      );
      expect(n).toBe(0);
      expect((await month('service_level', '2026-04')).value).toBeNull();

      // Other providers' rollups were not rewritten.
      const demoAfter = await t.dataSource.query(`SELECT max(refreshed_at) AS at FROM metric_rollups WHERE provider_id <> $1`, [fresh.id]);
      expect(demoAfter[0].at).toEqual(demoBefore[0].at);
    });
  });

  describe('the KPI query endpoint', () => {
    it('answers any slice within the caller’s providers, 404 for others', async () => {
      const maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
      const mine = await t.request<KpiRollupDto>('GET', '/metrics/rollup?kpi=service_level&granularity=range&from=2026-09-01&to=2026-09-30', {
        token: maria,
      });
      expect(mine.status).toBe(200);
      expect([...mine.body.providerIds].sort()).toEqual([ids['NORTE'], ids['PACIFICO']].sort());
      const [raw] = await t.dataSource.query(
        `SELECT sum(numerator) AS num, sum(denominator) AS den FROM metric_observations
         WHERE kpi_code = 'service_level' AND provider_id = ANY($1::uuid[]) AND period_start BETWEEN '2026-09-01' AND '2026-09-30'`,
        [[ids['NORTE'], ids['PACIFICO']]],
      );
      expect(mine.body.series[0].points[0].value).toBe(Number(raw.num) / Number(raw.den));

      const gdl = await t.request<KpiRollupDto>(
        'GET',
        '/metrics/rollup?kpi=service_level&granularity=month&from=2026-09-01&to=2026-09-30&cities=Guadalajara&serviceLines=voice',
        { token: maria },
      );
      const [gdlRaw] = await t.dataSource.query(
        `SELECT sum(o.numerator) AS num, sum(o.denominator) AS den FROM metric_observations o JOIN sites s ON s.id = o.site_id
         WHERE o.kpi_code = 'service_level' AND s.city = 'Guadalajara' AND o.service_line_code = 'voice'
           AND o.provider_id = ANY($1::uuid[]) AND o.period_start BETWEEN '2026-09-01' AND '2026-09-30'`,
        [[ids['NORTE'], ids['PACIFICO']]],
      );
      expect(gdl.body.series[0].points[0].value).toBe(Number(gdlRaw.num) / Number(gdlRaw.den));

      const foreign = await t.request('GET', `/metrics/rollup?kpi=qa_score&from=2026-09-01&to=2026-09-30&providerIds=${ids['ALTIPLANO']}`, {
        token: maria,
      });
      expect(foreign.status).toBe(404);
    });

    it.each([
      ['kpi=aht&from=2026-01-01&to=2026-02-01&granularity=hourly', 400, 'granularity must be one of'],
      ['kpi=aht&from=2026-02-30&to=2026-03-01', 400, 'from must be a date'],
      ['kpi=aht&from=2026-03-01&to=2026-02-01', 400, 'from must not be after to'],
      ['kpi=aht&from=2023-01-01&to=2026-01-01&granularity=day', 400, 'A daily rollup may span at most'],
      ['kpi=aht&from=2026-01-01&to=2026-02-01&groupBy=colour', 400, 'groupBy must be among'],
      ['kpi=aht&from=2026-01-01&to=2026-02-01&serviceLines=telepathy', 400, 'serviceLines must be among'],
      ['kpi=telepathy_rate&from=2026-01-01&to=2026-02-01', 404, 'Unknown KPI'],
      ['from=2026-01-01&to=2026-02-01', 400, 'kpi is required'],
    ])('%s -> %p', async (params, status, message) => {
      const res = await t.request<{ message: string }>('GET', `/metrics/rollup?${params}`, { token: admin });
      expect(res.status).toBe(status);
      expect(res.body.message).toContain(message);
    });
  });

  describe('custom KPIs', () => {
    const body = {
      code: 'claims_first_time_right',
      name: 'Claims first-time right',
      kind: 'ratio_of_sums',
      unit: 'percent',
      direction: 'higher_is_better',
      numeratorLabel: 'claims settled without rework',
      denominatorLabel: 'claims settled',
      displayPrecision: 1,
      serviceLines: ['back_office'],
    };

    it('are created, validated, rolled up and protected by an admin', async () => {
      const maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
      expect((await t.request('POST', '/kpis', { token: maria, body })).status).toBe(403);

      const invalid = await t.request<{ message: string }>('POST', '/kpis', {
        token: admin,
        body: { ...body, denominatorLabel: '', code: 'Bad Code' },
      });
      expect(invalid.status).toBe(400);
      expect(invalid.body.message).toContain('code: The code must be lower snake case');
      expect(invalid.body.message).toContain('denominatorLabel: The denominator label is required');

      const created = await t.request<KpiDefinitionDto>('POST', '/kpis', { token: admin, body });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ code: body.code, aggregation: 'ratio_of_sums', builtIn: false, customKind: 'ratio_of_sums' });
      expect((await t.request('POST', '/kpis', { token: admin, body })).status).toBe(409);
      expect((await t.request('POST', '/kpis', { token: admin, body: { ...body, code: 'aht' } })).status).toBe(400);

      const changeKind = await t.request<{ message: string }>('PUT', `/kpis/${body.code}`, { token: admin, body: { ...body, code: undefined } });
      expect(changeKind.status).toBe(400); // code and kind never change
      expect(changeKind.body.message).toContain('property kind should not exist');
      const renamed = await t.request<KpiDefinitionDto>('PUT', `/kpis/${body.code}`, {
        token: admin,
        body: Object.fromEntries(Object.entries({ ...body, name: 'Claims right first time' }).filter(([key]) => key !== 'code' && key !== 'kind')),
      });
      expect(renamed.status).toBe(200);
      expect(renamed.body.name).toBe('Claims right first time');
      expect((await t.request<KpiDefinitionDto[]>('GET', '/kpis', { token: maria })).body.map((k) => k.code)).toContain(body.code);

      const claims = await createProvider(t.dataSource, 'CLAIMSCO', [{ code: 'A', city: 'León', lines: ['back_office'] }]);
      await insertObservations(t.dataSource, claims, [
        { siteCode: 'A', serviceLine: 'back_office', kpiCode: body.code, date: '2026-05-04', numerator: 45, denominator: 50 },
        { siteCode: 'A', serviceLine: 'back_office', kpiCode: body.code, date: '2026-05-05', numerator: 5, denominator: 50 },
      ]);
      await rollups.refreshRange(claims.id, '2026-05-04', '2026-05-05');
      const rolled = await t.request<KpiRollupDto>('GET', `/metrics/rollup?kpi=${body.code}&granularity=month&from=2026-05-01&to=2026-05-31`, {
        token: admin,
      });
      // (45 + 5) / (50 + 50) = 0.5 (the mean of the daily rates would be (0.9 + 0.1) / 2 = 0.5 too: same volumes)
      expect(rolled.body.series[0].points[0]).toMatchObject({ value: 0.5, numerator: 50, denominator: 100 });
      const conflict = await t.request<{ message: string }>('DELETE', `/kpis/${body.code}`, { token: admin });
      expect(conflict.status).toBe(409);
      expect(conflict.body.message).toContain('has stored observations');
      expect((await t.request('DELETE', '/kpis/aht', { token: admin })).status).toBe(400);
    });
  });
});
