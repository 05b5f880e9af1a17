import type { LiveChangesDto } from '@kpi/contracts';
import { startTestApp, TestApp } from './support/test-app';

/** `GET /api/live/changes`: an ETag that moves only when the caller's own providers change. */
describe('live changes for open dashboards', () => {
  let t: TestApp;
  let maria: string;
  let jorge: string;
  let providers: Record<string, string>;

  beforeAll(async () => {
    t = await startTestApp();
    maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
    jorge = (await t.signIn('jorge.ramirez@demo.kpigov.mx')).accessToken;
    const rows: { id: string; code: string }[] = await t.dataSource.query(`SELECT id, code FROM providers`);
    providers = Object.fromEntries(rows.map((row) => [row.code, row.id]));
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  const poll = (token: string, etag?: string) =>
    t.request<LiveChangesDto>('GET', '/live/changes', { token, headers: etag ? { 'if-none-match': etag } : {} });

  it('answers 304 while nothing changed, and a new ETag once an escalation opens in scope', async () => {
    const first = await poll(maria);
    expect(first.status).toBe(200);
    const etag = first.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);

    const idle = await poll(maria, etag!);
    expect(idle.status).toBe(304);
    expect(idle.body).toBeUndefined();

    const jorgeBefore = await poll(jorge);
    const opened = await t.request('POST', '/escalations', {
      token: maria,
      body: { providerId: providers['PACIFICO'], title: 'Live update check', severity: 'low' },
    });
    expect(opened.status).toBe(201);

    const changed = await poll(maria, etag!);
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(etag);
    expect(Date.parse(changed.body.escalations!)).toBeGreaterThanOrEqual(Date.parse(first.body.escalations ?? '1970-01-01'));

    // Jorge sees only Altiplano: Pacífico's escalation does not wake his dashboards.
    expect((await poll(jorge, jorgeBefore.headers.get('etag')!)).status).toBe(304);
  });

  it('needs a signed-in caller', async () => {
    expect((await t.request('GET', '/live/changes')).status).toBe(401);
  });
});
