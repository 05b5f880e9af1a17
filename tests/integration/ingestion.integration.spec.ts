import type { CreatedApiKeyDto, FeedDto, IngestionRunDetailDto, IngestionRunDto, PushAcceptedDto, RestatementDto, UploadPreviewDto } from '@kpi/contracts';
import { hashPassword } from '../../apps/api/src/modules/auth/password-hasher';
import { DEMO_PASSWORD } from '../../apps/api/src/modules/demo/demo-data';
import { IngestionClock } from '../../apps/api/src/modules/ingestion/ingestion.clock';
import { FreshProvider } from './support/fresh-provider';
import { createFixtureProvider, expectation, fixture, startProviderServer, waitFor } from './support/ingestion-helpers';
import { startTestApp, TestApp } from './support/test-app';

const FIXTURE_NOW = new Date('2024-03-10T18:00:00Z');

describe('ingestion (real PostgreSQL, real HTTP servers)', () => {
  let t: TestApp;
  let admin: string;
  let provider: FreshProvider;
  let other: FreshProvider;

  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'false', ENABLE_SCHEDULER: 'false', MAIL_CATCHER_PORT: '0' });
    jest.spyOn(t.app.get(IngestionClock), 'now').mockImplementation(() => FIXTURE_NOW);
    provider = await createFixtureProvider(t.dataSource, 'FIX');
    other = await createFixtureProvider(t.dataSource, 'OTHER');
    await t.dataSource.query(`INSERT INTO users (email, display_name, password_hash, role) VALUES ('admin@ingest.test', 'Admin', $1, 'admin')`, [
      await hashPassword(DEMO_PASSWORD),
    ]);
    admin = (await t.signIn('admin@ingest.test')).accessToken;
  });
  afterAll(() => t.close());

  const api = <T>(method: string, path: string, body?: unknown) => t.request<T>(method, path, { token: admin, body });

  async function createFeed(providerId: string, body: Record<string, unknown>): Promise<FeedDto> {
    const res = await api<FeedDto>('POST', '/ingestion/feeds', { providerId, ...body });
    expect(res.status).toBe(201);
    return res.body;
  }

  async function upload(feedId: string, file: Buffer, name: string, mapping?: unknown, extra: Record<string, string> = {}): Promise<{ status: number; body: IngestionRunDetailDto }> {
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(file)]), name);
    if (mapping) form.append('mapping', JSON.stringify(mapping));
    for (const [k, v] of Object.entries(extra)) form.append(k, v);
    const res = await fetch(`${t.baseUrl}/api/ingestion/feeds/${feedId}/upload`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
    return { status: res.status, body: (await res.json()) as IngestionRunDetailDto };
  }

  const observationCount = async (providerId: string) =>
    Number((await t.dataSource.query(`SELECT count(*) AS n FROM metric_observations WHERE provider_id = $1`, [providerId]))[0].n);

  const snapshot = (providerId: string) =>
    t.dataSource.query(
      `SELECT site_id, service_line_code, queue, kpi_code, period_start::text, numerator, denominator, updated_at
       FROM metric_observations WHERE provider_id = $1 ORDER BY 1, 2, 3, 4, 5`,
      [providerId],
    );

  describe('file upload: every file quirk of the fixtures', () => {
    let feed: FeedDto;
    beforeAll(async () => {
      feed = await createFeed(provider.id, { name: 'Uploads', connector: 'file_upload' });
    });

    it.each([
      'observations-long.csv',
      'observations-wide-bom.csv',
      'observations-wide-latin1.csv',
      'observations-quoted-newline.csv',
      'observations-wide.xlsx',
    ])('%s is read and stored whole', async (name) => {
      const spec = expectation(`ok/${name}`);
      const res = await upload(feed.id, fixture(`ok/${name}`), name, spec.mapping);
      expect(res.status).toBe(201);
      expect(res.body.status).toBe('succeeded');
      expect(res.body.counts.rejected).toBe(0);
      expect(res.body.counts.inserted + res.body.counts.updated + res.body.counts.unchanged).toBe(spec.expected.records);
      expect(res.body.rowErrors).toEqual([]);
    });

    it('previews the first rows with a suggested mapping, and a saved mapping is reused for the next file', async () => {
      const form = new FormData();
      form.append('file', new Blob([new Uint8Array(fixture('ok/observations-wide-latin1.csv'))]), 'x.csv');
      const res = await fetch(`${t.baseUrl}/api/ingestion/feeds/${feed.id}/preview`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: form });
      expect(res.status).toBe(200);
      const preview = (await res.json()) as UploadPreviewDto;
      expect(preview.header.length).toBeGreaterThan(3);
      expect(preview.rows.length).toBeGreaterThan(0);
      expect(preview.rows.flat().join(' ')).toMatch(/Querétaro|Mérida|León|Monterrey/); // Latin-1 decoded
      expect(preview.suggestedMapping).toMatchObject({ version: 1 });

      const spec = expectation('ok/observations-long.csv');
      const saved = await upload(feed.id, fixture('ok/observations-long.csv'), 'a.csv', spec.mapping, { saveMapping: 'true' });
      expect(saved.body.status).toBe('succeeded');
      const again = await upload(feed.id, fixture('ok/observations-long.csv'), 'b.csv'); // no mapping sent: the saved one
      expect(again.body.status).toBe('succeeded');
      expect(again.body.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: spec.expected.records });
    });

    it('rejects a non-file request and files over the size limit are refused by multer', async () => {
      const res = await fetch(`${t.baseUrl}/api/ingestion/feeds/${feed.id}/upload`, { method: 'POST', headers: { authorization: `Bearer ${admin}` }, body: new FormData() });
      expect(res.status).toBe(400);
    });

    it('contacts and QA evaluations are rolled up; agent ids are pseudonymised', async () => {
      const contactsFeed = await createFeed(provider.id, { name: 'Contacts', connector: 'file_upload', sourceKind: 'contacts', config: expectation('ok/contacts.csv').options });
      const contacts = await upload(contactsFeed.id, fixture('ok/contacts.csv'), 'contacts.csv', expectation('ok/contacts.csv').mapping);
      expect(contacts.body.status).toBe('succeeded');
      expect(contacts.body.counts.inserted + contacts.body.counts.updated + contacts.body.counts.unchanged).toBe(expectation('ok/contacts.csv').expected.records);

      const qaFeed = await createFeed(provider.id, { name: 'QA', connector: 'file_upload', sourceKind: 'qa_evaluations' });
      const qa = await upload(qaFeed.id, fixture('ok/qa-evaluations.csv'), 'qa.csv', expectation('ok/qa-evaluations.csv').mapping);
      expect(qa.body.status).toBe('succeeded');
      const evaluations = await t.dataSource.query(`SELECT agent_key FROM qa_evaluations WHERE provider_id = $1`, [provider.id]);
      expect(evaluations).toHaveLength(expectation('ok/qa-evaluations.csv').expected.records);
      const raw = fixture('ok/qa-evaluations.csv').toString('utf8');
      for (const { agent_key } of evaluations) {
        expect(agent_key).toMatch(/^[0-9a-f]{64}$/);
        expect(raw).not.toContain(agent_key);
      }
      const qaObs = await t.dataSource.query(`SELECT count(*)::int AS n FROM metric_observations WHERE provider_id = $1 AND kpi_code = 'qa_score'`, [provider.id]);
      expect(qaObs[0].n).toBeGreaterThan(0);
    });
  });

  describe('validation errors and batch policies', () => {
    it.each([
      'observations-long-errors.csv',
      'observations-wide-errors.csv',
      'observations-extra-values.csv',
      'unclosed-quote.csv',
      'mapping-missing-column.csv',
      'ready-made-without-denominator.csv',
      'observations-xlsx-errors.xlsx',
    ])('%s: the whole batch is rejected by default, every error with line, column and reason', async (name) => {
      const p = await createFixtureProvider(t.dataSource, `R${name.length}${name.charCodeAt(14)}`.slice(0, 12).toUpperCase());
      const feed = await createFeed(p.id, { name: 'Reject', connector: 'file_upload' });
      const spec = expectation(`not-ok/${name}`);
      const res = await upload(feed.id, fixture(`not-ok/${name}`), name, spec.mapping);
      expect(res.body.status).toBe('rejected');
      expect(res.body.counts).toMatchObject({ inserted: 0, updated: 0, unchanged: 0 });
      expect(await observationCount(p.id)).toBe(0);
      const got = res.body.rowErrors.map((e) => ({ line: e.line, column: e.column, reason: `${e.value !== null ? `"${e.value}" ` : ''}${e.reason}`, suggestion: e.suggestion ?? undefined }));
      for (const error of spec.expected.errors ?? []) {
        expect(got).toContainEqual(
          expect.objectContaining({ line: error.line, column: error.column, reason: expect.stringContaining(error.reason), ...(error.suggestion ? { suggestion: error.suggestion } : {}) }),
        );
      }
      expect(res.body.error).toMatch(/batch rejected, nothing stored/);
    });

    it('quarantine: valid rows stored, invalid rows kept with their raw row, fixed and re-submitted', async () => {
      const p = await createFixtureProvider(t.dataSource, 'QUAR');
      const feed = await createFeed(p.id, { name: 'Quarantine', connector: 'file_upload', batchPolicy: 'quarantine_invalid' });
      const spec = expectation('not-ok/observations-long-errors.csv');
      const res = await upload(feed.id, fixture('not-ok/observations-long-errors.csv'), 'errors.csv', spec.mapping);
      expect(res.body.status).toBe('partial');
      expect(res.body.counts.inserted).toBe(spec.expected.records);
      expect(await observationCount(p.id)).toBe(spec.expected.records);
      const siteError = res.body.rowErrors.find((e) => e.line === 2 && e.column === 'site')!;
      expect(siteError.raw).toMatchObject({ site: 'Monterey', kpi: 'service_level', numerator: '412' });

      const fixed = await api<IngestionRunDto>('POST', `/ingestion/runs/${res.body.id}/resubmit`, {
        rows: [{ errorId: siteError.id, values: { site: 'MTY' } }],
      });
      expect(fixed.status).toBe(201);
      expect(fixed.body).toMatchObject({ trigger: 'resubmit', status: 'succeeded', counts: { inserted: 1, rejected: 0 } });
      expect(await observationCount(p.id)).toBe(spec.expected.records + 1);
      const detail = await api<IngestionRunDetailDto>('GET', `/ingestion/runs/${res.body.id}`);
      expect(detail.body.rowErrors.find((e) => e.id === siteError.id)!.status).toBe('resubmitted');
    });
  });

  describe('exactly once', () => {
    it('re-ingesting the same data three times leaves the same state', async () => {
      const p = await createFixtureProvider(t.dataSource, 'THRICE');
      const feed = await createFeed(p.id, { name: 'Thrice', connector: 'file_upload' });
      const spec = expectation('ok/observations-wide-bom.csv');
      const first = await upload(feed.id, fixture('ok/observations-wide-bom.csv'), 'w.csv', spec.mapping);
      expect(first.body.counts.inserted).toBe(spec.expected.records);
      const before = await snapshot(p.id);
      for (let i = 0; i < 3; i++) {
        const again = await upload(feed.id, fixture('ok/observations-wide-bom.csv'), 'w.csv', spec.mapping);
        expect(again.body).toMatchObject({ status: 'succeeded', counts: { inserted: 0, updated: 0, unchanged: spec.expected.records } });
      }
      expect(await snapshot(p.id)).toEqual(before);
      const restated = await api<RestatementDto[]>('GET', `/ingestion/providers/${p.id}/restatements`);
      expect(restated.body).toEqual([]);
    });

    it('a restated value is updated, kept as a revision and listed for the provider', async () => {
      const p = await createFixtureProvider(t.dataSource, 'RESTATE');
      const feed = await createFeed(p.id, { name: 'Restate', connector: 'file_upload' });
      const spec = expectation('ok/observations-long.csv');
      await upload(feed.id, fixture('ok/observations-long.csv'), 'l.csv', spec.mapping);
      const changed = fixture('ok/observations-long.csv').toString('utf8').replace('2024-03-04,MTY,voice,ventas,service_level,412,520', '2024-03-04,MTY,voice,ventas,service_level,430,520');
      const res = await upload(feed.id, Buffer.from(changed), 'l2.csv', spec.mapping);
      expect(res.body.counts).toMatchObject({ inserted: 0, updated: 1, unchanged: spec.expected.records - 1 });
      const list = await api<RestatementDto[]>('GET', `/ingestion/providers/${p.id}/restatements`);
      expect(list.body).toEqual([
        expect.objectContaining({ siteCode: 'MTY', kpiCode: 'service_level', periodStart: '2024-03-04', oldNumerator: 412, newNumerator: 430, oldDenominator: 520, runId: res.body.id }),
      ]);
    });
  });

  describe('HTTP pull', () => {
    it('pulls JSON pages with the auth header, stores them, advances the cursor, and only pulls on from there', async () => {
      const p = await createFixtureProvider(t.dataSource, 'PULL');
      const pages = [
        { observations: [{ date: '2024-03-08', site: 'MTY', service_line: 'voice', queue: 'ventas', kpi: 'service_level', numerator: 400, denominator: 500 }], nextPage: 2 },
        { observations: [{ date: '2024-03-09', site: 'MTY', service_line: 'voice', queue: 'ventas', kpi: 'service_level', numerator: 410, denominator: 500 }], nextPage: null },
      ];
      const auth: string[] = [];
      const server = await startProviderServer((req, res, url) => {
        auth.push(String(req.headers['x-provider-token']));
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify(url.searchParams.get('page') === '2' ? pages[1] : pages[0]));
      });
      try {
        const feed = await createFeed(p.id, {
          name: 'Pull',
          connector: 'http_pull',
          config: { url: `${server.url}/kpis`, format: 'json', authHeader: 'X-Provider-Token', retries: 0 },
          credentials: { token: 'secret-token-1' },
          expectedCadenceMinutes: 60,
        });
        expect(feed.hasCredentials).toBe(true);
        expect(JSON.stringify(feed)).not.toContain('secret-token-1');
        const [{ credentials_encrypted }] = await t.dataSource.query(`SELECT credentials_encrypted FROM feeds WHERE id = $1`, [feed.id]);
        expect(credentials_encrypted).not.toContain('secret-token-1');

        expect((await api('POST', `/ingestion/feeds/${feed.id}/run`)).status).toBe(202);
        const run = await waitFor(async () => (await api<IngestionRunDto[]>('GET', `/ingestion/runs?feedId=${feed.id}`)).body.find((r) => r.status !== 'running'), 30_000, 'pull run');
        expect(run).toMatchObject({ trigger: 'manual', status: 'succeeded', counts: { received: 2, inserted: 2 } });
        expect(auth).toEqual(['secret-token-1', 'secret-token-1']);
        expect(server.requests[0].searchParams.get('to')).toBe('2024-03-10');
        const after = (await api<FeedDto>('GET', `/ingestion/feeds/${feed.id}`)).body;
        expect(after.cursor).toEqual({ through: '2024-03-10' });
        expect(after.freshness.status).toBe('fresh');

        expect((await api('POST', `/ingestion/feeds/${feed.id}/backfill`, { from: '2024-01-01', to: '2024-01-31' })).status).toBe(202);
        await waitFor(async () => (await api<IngestionRunDto[]>('GET', `/ingestion/runs?feedId=${feed.id}`)).body.find((r) => r.trigger === 'backfill' && r.status !== 'running'), 30_000, 'backfill');
        const backfillRequest = server.requests.find((u) => u.searchParams.get('from') === '2024-01-01')!;
        expect(backfillRequest.searchParams.get('to')).toBe('2024-01-31');
        expect((await api<FeedDto>('GET', `/ingestion/feeds/${feed.id}`)).body.cursor).toEqual({ through: '2024-03-10' });
      } finally {
        await server.close();
      }
    });

    it('Genesys Cloud aggregates pulled over HTTP are mapped onto the KPI catalog', async () => {
      const p = await createFixtureProvider(t.dataSource, 'GENESYS');
      const spec = expectation('ok/genesys-aggregates.json');
      const server = await startProviderServer((_req, res) => res.end(fixture('ok/genesys-aggregates.json')));
      try {
        const feed = await createFeed(p.id, { name: 'Genesys', connector: 'http_pull', config: { url: `${server.url}/g`, format: 'genesys', queues: spec.options!['queues'] } });
        await api('POST', `/ingestion/feeds/${feed.id}/run`);
        const run = await waitFor(async () => (await api<IngestionRunDto[]>('GET', `/ingestion/runs?feedId=${feed.id}`)).body.find((r) => r.status !== 'running'), 30_000, 'genesys run');
        expect(run.status).toBe('succeeded');
        expect(run.counts.inserted).toBe(spec.expected.records);
      } finally {
        await server.close();
      }
    });

    it.each([
      ['returns 500', (res: import('node:http').ServerResponse) => { res.statusCode = 500; res.end('boom'); }, /HTTP 500/],
      ['times out', (_res: import('node:http').ServerResponse) => undefined, /did not answer within 300 ms/],
      ['sends broken JSON', (res: import('node:http').ServerResponse) => res.end('{"observations": [ {"date": '), /not valid JSON/],
    ])('an endpoint that %s: run failed, nothing stored, retried by the job', async (_label, respond, message) => {
      const p = await createFixtureProvider(t.dataSource, `F${String(message).length}`);
      const server = await startProviderServer((_req, res) => respond(res));
      try {
        const feed = await createFeed(p.id, { name: 'Failing', connector: 'http_pull', config: { url: `${server.url}/x`, timeoutMs: 300, retries: 1, retryDelayMs: 10 } });
        await api('POST', `/ingestion/feeds/${feed.id}/run`);
        const run = await waitFor(async () => (await api<IngestionRunDto[]>('GET', `/ingestion/runs?feedId=${feed.id}`)).body.find((r) => r.status === 'failed'), 30_000, 'failed run');
        expect(run.error).toMatch(message);
        expect(run.counts).toEqual({ received: 0, inserted: 0, updated: 0, unchanged: 0, rejected: 0 });
        expect(await observationCount(p.id)).toBe(0);
        const feedAfter = (await api<FeedDto>('GET', `/ingestion/feeds/${feed.id}`)).body;
        expect(feedAfter.cursor).toBeNull();
        expect(feedAfter.lastSuccessAt).toBeNull();
        // The job failed and pg-boss holds it for a retry (with backoff).
        const jobs = await waitFor(async () => {
          const rows = await t.dataSource.query(`SELECT state, retry_count FROM pgboss.job WHERE name = 'ingest-feed' AND data->>'feedId' = $1`, [feed.id]);
          return rows.length > 0 && rows[0].state === 'retry' ? rows : null;
        }, 15_000, 'job in retry');
        expect(jobs[0].state).toBe('retry');
        if (String(message).includes('500')) expect(server.requests.length).toBe(2); // one connector retry
      } finally {
        await server.close();
      }
    });
  });

  describe('push API', () => {
    it('pushes with a per-provider key, answers a run id, status readable with the key only for its own provider', async () => {
      const key = await api<CreatedApiKeyDto>('POST', `/ingestion/providers/${provider.id}/api-keys`, { label: 'WFM export' });
      expect(key.status).toBe(201);
      const [{ key_hash }] = await t.dataSource.query(`SELECT key_hash FROM provider_api_keys WHERE id = $1`, [key.body.id]);
      expect(key_hash).not.toBe(key.body.key);
      expect(JSON.stringify((await api('GET', `/ingestion/providers/${provider.id}/api-keys`)).body)).not.toContain(key.body.key);

      const body = JSON.parse(fixture('ok/push-batch.json').toString('utf8'));
      const pushed = await t.request<PushAcceptedDto>('POST', '/ingest/push', { headers: { 'x-api-key': key.body.key }, body });
      expect(pushed.status).toBe(201);
      expect(pushed.body.status).toBe('succeeded');
      expect(pushed.body.counts.inserted + pushed.body.counts.updated + pushed.body.counts.unchanged).toBe(expectation('ok/push-batch.json').expected.records);
      const status = await t.request<IngestionRunDetailDto>('GET', `/ingest/runs/${pushed.body.runId}`, { headers: { 'x-api-key': key.body.key } });
      expect(status.body).toMatchObject({ id: pushed.body.runId, trigger: 'push', status: 'succeeded' });

      const csv = 'date,site,service_line,queue,kpi,numerator,denominator\n2024-03-07,GDL,chat,soporte,fcr,150,200\n';
      const pushedCsv = await t.request<PushAcceptedDto>('POST', '/ingest/push', { headers: { 'x-api-key': key.body.key, 'content-type': 'text/csv' }, rawBody: csv });
      expect(pushedCsv.body).toMatchObject({ status: 'succeeded', counts: { inserted: 1 } });

      const otherKey = await api<CreatedApiKeyDto>('POST', `/ingestion/providers/${other.id}/api-keys`, {});
      const foreign = await t.request('GET', `/ingest/runs/${pushed.body.runId}`, { headers: { 'x-api-key': otherKey.body.key } });
      expect(foreign.status).toBe(404);
      expect((await t.request('POST', '/ingest/push', { body })).status).toBe(401);

      const rotated = await api<CreatedApiKeyDto>('POST', `/ingestion/providers/${provider.id}/api-keys/${key.body.id}/rotate`);
      expect(rotated.body.key).not.toBe(key.body.key);
      expect((await t.request('POST', '/ingest/push', { headers: { 'x-api-key': key.body.key }, body })).status).toBe(401);
      expect((await t.request('POST', '/ingest/push', { headers: { 'x-api-key': rotated.body.key }, body })).status).toBe(201);
      expect((await api('DELETE', `/ingestion/providers/${provider.id}/api-keys/${rotated.body.id}`)).status).toBe(204);
      expect((await t.request('POST', '/ingest/push', { headers: { 'x-api-key': rotated.body.key }, body })).status).toBe(401);
    });

    it('a 50,000-row CSV push streams through the COPY bulk path in one run; re-pushing it changes nothing', async () => {
      const bulk = await createFixtureProvider(t.dataSource, 'BULK');
      const key = await api<CreatedApiKeyDto>('POST', `/ingestion/providers/${bulk.id}/api-keys`, { label: 'bulk' });
      const sites = ['MTY', 'GDL', 'QRO', 'LEO', 'MID'];
      const kpis = ['fcr', 'service_level', 'abandonment_rate', 'csat'];
      const lines = ['date,site,service_line,queue,kpi,numerator,denominator'];
      const start = Date.parse('2023-06-01T00:00:00Z');
      for (let d = 0; d < 250; d++) {
        const date = new Date(start + d * 86_400_000).toISOString().slice(0, 10);
        for (const site of sites) for (let q = 0; q < 10; q++) for (const kpi of kpis) lines.push(`${date},${site},voice,q${q},${kpi},${50 + ((d + q) % 100)},200`);
      }
      expect(lines.length - 1).toBe(50_000);
      const csv = lines.join('\n') + '\n';
      const push = () => t.request<PushAcceptedDto>('POST', '/ingest/push', { headers: { 'x-api-key': key.body.key, 'content-type': 'text/csv' }, rawBody: csv });

      const first = await push();
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ status: 'succeeded', counts: { received: 50_000, inserted: 50_000, updated: 0, unchanged: 0, rejected: 0 } });
      expect(await observationCount(bulk.id)).toBe(50_000);
      const [{ n }] = await t.dataSource.query(`SELECT count(DISTINCT source_run_id)::int AS n FROM metric_observations WHERE provider_id = $1`, [bulk.id]);
      expect(n).toBe(1);
      // Compared in the database: a 50,000-row snapshot compared in JS blocks the event loop for seconds.
      const digest = async () =>
        (
          await t.dataSource.query(
            `SELECT count(*)::int AS n, md5(string_agg(concat_ws('|', site_id, service_line_code, queue, kpi_code, period_start, numerator, denominator, updated_at, source_run_id), ','
                      ORDER BY site_id, service_line_code, queue, kpi_code, period_start)) AS digest
             FROM metric_observations WHERE provider_id = $1`,
            [bulk.id],
          )
        )[0];
      const before = await digest();
      expect(before.n).toBe(50_000);

      const again = await push();
      expect(again.body).toMatchObject({ status: 'succeeded', counts: { received: 50_000, inserted: 0, updated: 0, unchanged: 50_000, rejected: 0 } });
      expect(await digest()).toEqual(before);

      // One bad row near the end rejects the whole batch (default policy): nothing of it is stored, the error names line and column.
      const changed = lines.map((l, i) => (i === 1 ? l.replace(/,200$/, ',201') : l));
      changed[49_990] = changed[49_990].replace(/,(\d+),200$/, ',-5,200');
      const bad = await t.request<PushAcceptedDto>('POST', '/ingest/push', { headers: { 'x-api-key': key.body.key, 'content-type': 'text/csv' }, rawBody: changed.join('\n') + '\n' });
      expect(bad.body).toMatchObject({ status: 'rejected', counts: { inserted: 0, updated: 0, unchanged: 0, rejected: 1 } });
      expect(await digest()).toEqual(before);
      const run = await t.request<IngestionRunDetailDto>('GET', `/ingest/runs/${bad.body.runId}`, { headers: { 'x-api-key': key.body.key } });
      expect(run.body.warnings).toContain('streamed through the bulk CSV path (chunked parser, COPY into staging, one merge)');
      expect(run.body.rowErrors).toHaveLength(1);
      expect(run.body.rowErrors[0]).toMatchObject({ line: 49_991, column: 'numerator', value: '-5' });
    }, 120_000);

    it('a pushed batch with errors is rejected whole with JSON paths', async () => {
      const key = await api<CreatedApiKeyDto>('POST', `/ingestion/providers/${other.id}/api-keys`, {});
      const spec = expectation('not-ok/push-errors.json');
      const pushed = await t.request<PushAcceptedDto>('POST', '/ingest/push', { headers: { 'x-api-key': key.body.key }, body: JSON.parse(fixture('not-ok/push-errors.json').toString('utf8')) });
      expect(pushed.body.status).toBe('rejected');
      const detail = await t.request<IngestionRunDetailDto>('GET', `/ingest/runs/${pushed.body.runId}`, { headers: { 'x-api-key': key.body.key } });
      expect(detail.body.rowErrors.length).toBe(spec.expected.errors!.length);
      expect(detail.body.rowErrors.every((e) => e.reason.length > 0)).toBe(true);
    });
  });

  describe('access', () => {
    it('account managers only see and change feeds of their providers; executives cannot change them', async () => {
      const exec = await t.request<FeedDto[]>('POST', '/ingestion/feeds', { body: {} });
      expect(exec.status).toBe(401);
      const [{ id: amId }] = await t.dataSource.query(
        `INSERT INTO users (email, display_name, password_hash, role) SELECT 'am@ingest.test', 'AM', password_hash, 'account_manager' FROM users WHERE email = 'admin@ingest.test' RETURNING id`,
      );
      await t.dataSource.query(`INSERT INTO user_provider_assignments (user_id, provider_id) VALUES ($1, $2)`, [amId, other.id]);
      const am = (await t.signIn('am@ingest.test')).accessToken;
      const feeds = await t.request<FeedDto[]>('GET', '/ingestion/feeds', { token: am });
      expect(feeds.body.every((f) => f.providerId === other.id)).toBe(true);
      const foreign = await t.request('POST', '/ingestion/feeds', { token: am, body: { providerId: provider.id, name: 'x', connector: 'file_upload' } });
      expect(foreign.status).toBe(404);
      const runs = await t.request<IngestionRunDto[]>('GET', '/ingestion/runs', { token: am });
      expect(runs.body.every((r) => r.providerId === other.id)).toBe(true);
    });
  });
});
