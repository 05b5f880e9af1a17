import { startTestApp, TestApp } from './support/test-app';

describe('operations basics', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ REQUEST_BODY_LIMIT: '10kb' });
  });
  afterAll(() => t.close());

  it('answers liveness and readiness without signing in', async () => {
    expect(await t.request('GET', '/health')).toMatchObject({ status: 200, body: { status: 'ok' } });
    expect(await t.request('GET', '/ready')).toMatchObject({
      status: 200,
      body: { status: 'ready', database: 'up', pendingMigrations: 0 },
    });
  });

  it('readiness turns 503 when a migration is missing', async () => {
    const [row] = await t.dataSource.query(`SELECT * FROM schema_migrations ORDER BY id DESC LIMIT 1`);
    await t.dataSource.query(`DELETE FROM schema_migrations WHERE id = $1`, [row.id]);
    try {
      expect(await t.request('GET', '/ready')).toMatchObject({ status: 503, body: { pendingMigrations: 1 } });
    } finally {
      await t.dataSource.query(`INSERT INTO schema_migrations (id, timestamp, name) VALUES ($1, $2, $3)`, [
        row.id,
        row.timestamp,
        row.name,
      ]);
    }
  });

  it('serves the OpenAPI document with the api routes', async () => {
    const res = await t.request<{ paths: Record<string, unknown> }>('GET', '/docs/openapi.json');
    expect(res.status).toBe(200);
    expect(Object.keys(res.body.paths)).toEqual(
      expect.arrayContaining(['/api/auth/login', '/api/providers', '/api/providers/{providerId}/kpis/{kpiCode}/trend']),
    );
    const page = await fetch(`${t.baseUrl}/api/docs`);
    expect(page.status).toBe(200);
  });

  it('sends security headers', async () => {
    const res = await t.request('GET', '/health');
    expect(res.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('x-frame-options')).toBe('SAMEORIGIN');
    expect(res.headers.get('x-powered-by')).toBeNull();
  });

  it('refuses bodies over the configured limit with 413', async () => {
    const res = await t.request<{ message: string }>('POST', '/auth/login', {
      body: { email: 'a@b.cd', password: 'x'.repeat(20_000) },
    });
    expect(res.status).toBe(413);
    expect(res.body.message).toBe('Request body is too large');
  });

  it('refuses malformed JSON and unknown fields with 400 and a readable message', async () => {
    const broken = await t.request<{ statusCode: number; message: string }>('POST', '/auth/login', {
      rawBody: '{"email": ',
      headers: { 'content-type': 'application/json' },
    });
    expect(broken.status).toBe(400);
    expect(broken.body.statusCode).toBe(400);
    const extra = await t.request<{ message: string }>('POST', '/auth/login', {
      body: { email: 'a@b.cd', password: 'x', isAdmin: true },
    });
    expect(extra.status).toBe(400);
    expect(extra.body.message).toContain('property isAdmin should not exist');
  });

  it('answers unknown api routes with a JSON 404 behind the auth guard', async () => {
    const res = await t.request<{ statusCode: number }>('GET', '/no-such-route');
    expect(res.status).toBe(404);
    expect(res.body.statusCode).toBe(404);
  });
});
