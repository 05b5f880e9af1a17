import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { AuditEntryDto, AuditPageDto, AuditVerificationDto, CreatedApiKeyDto, EscalationDetailDto, FeedDto } from '@kpi/contracts';
import { AuditService } from '../../apps/api/src/modules/audit/audit.service';
import { AUDITED_ROUTES } from '../../apps/api/src/modules/audit/audit-resources';
import { startTestApp, TestApp } from './support/test-app';

const run = promisify(execFile);
const ROOT = join(__dirname, '..', '..');

describe('audit trail', () => {
  let t: TestApp;
  const ids: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  const ADMIN = 'admin@demo.kpigov.mx';
  const MARIA = 'maria.lopez@demo.kpigov.mx'; // account manager of NORTE + PACIFICO
  const JORGE = 'jorge.ramirez@demo.kpigov.mx'; // account manager of ALTIPLANO
  const EXEC = 'exec@demo.kpigov.mx';
  const LEAD = 'lead@norte.demo.kpigov.mx'; // provider user of NORTE

  beforeAll(async () => {
    t = await startTestApp();
    for (const row of await t.dataSource.query(`SELECT id, code FROM providers`)) ids[row.code] = row.id;
    for (const email of [ADMIN, MARIA, JORGE, EXEC, LEAD]) tokens[email] = (await t.signIn(email)).accessToken;
  });
  afterAll(() => t.close());

  const search = async (query: string): Promise<AuditEntryDto[]> => {
    const res = await t.request<AuditPageDto>('GET', `/admin/audit?${query}`, { token: tokens[ADMIN] });
    expect(res.status).toBe(200);
    return res.body.entries;
  };
  const dbUrl = () => (t.dataSource.options as { url: string }).url;
  const verifyCli = () =>
    run('node', ['-r', '@swc-node/register', 'tools/audit-verify/audit-verify.ts'], {
      cwd: ROOT,
      env: { ...process.env, DATABASE_URL: dbUrl(), SWC_NODE_PROJECT: 'tsconfig.base.json', LOG_LEVEL: 'silent' },
    }).then(
      (r) => ({ code: 0, stdout: r.stdout }),
      (e: { code: number; stdout: string }) => ({ code: e.code, stdout: e.stdout }),
    );

  it('records sign-ins and failed sign-ins with ip and user agent', async () => {
    const bad = await t.request('POST', '/auth/login', { body: { email: MARIA, password: 'wrong-password' }, headers: { 'user-agent': 'audit-test/1' } });
    expect(bad.status).toBe(401);
    const failures = await search('action=auth.sign_in_failed');
    expect(failures[0]).toMatchObject({ actorLabel: MARIA, outcome: 'error:401', userAgent: 'audit-test/1' });
    expect(failures[0].ip).toMatch(/127\.0\.0\.1/);
    const signIns = await search(`action=auth.sign_in&actor=${encodeURIComponent(JORGE)}`);
    expect(signIns.some((e) => e.action === 'auth.sign_in' && e.outcome === 'success')).toBe(true);
  });

  it('records views of provider pages, and shows them to that provider\'s account managers only', async () => {
    expect((await t.request('GET', `/providers/${ids['NORTE']}`, { token: tokens[EXEC] })).status).toBe(200);
    expect((await t.request('GET', `/providers/${ids['NORTE']}/kpis/service_level/trend`, { token: tokens[LEAD] })).status).toBe(200);
    const views = await search(`providerId=${ids['NORTE']}&action=provider.`);
    const execView = views.find((e) => e.action === 'provider.view' && e.actorLabel === EXEC);
    expect(execView).toMatchObject({ outcome: 'success', resourceType: 'provider', resourceId: ids['NORTE'], providerName: expect.any(String) });
    expect(views.some((e) => e.action === 'provider.kpi_trend.view' && e.actorLabel === LEAD)).toBe(true);

    const forMaria = await t.request<AuditPageDto>('GET', `/providers/${ids['NORTE']}/access-log`, { token: tokens[MARIA] });
    expect(forMaria.status).toBe(200);
    expect(forMaria.body.entries.map((e) => e.actorLabel)).toEqual(expect.arrayContaining([EXEC, LEAD]));
    expect(forMaria.body.entries.every((e) => e.providerId === ids['NORTE'])).toBe(true);
    expect(forMaria.body.entries.some((e) => e.action.startsWith('auth.'))).toBe(false);
    expect((await t.request('GET', `/providers/${ids['NORTE']}/access-log`, { token: tokens[JORGE] })).status).toBe(404);
    expect((await t.request('GET', `/providers/${ids['NORTE']}/access-log`, { token: tokens[LEAD] })).status).toBe(403);
    expect((await t.request('GET', `/providers/${ids['NORTE']}/access-log`, { token: tokens[EXEC] })).status).toBe(403);
    expect((await t.request('GET', `/admin/audit`, { token: tokens[MARIA] })).status).toBe(403);
  });

  it('records changes with before and after, without secrets', async () => {
    const created = await t.request<FeedDto>('POST', '/ingestion/feeds', {
      token: tokens[MARIA],
      body: { providerId: ids['PACIFICO'], name: 'Audit test feed', connector: 'file_upload', credentials: { token: 'super-secret-value' } },
    });
    expect(created.status).toBe(201);
    const renamed = await t.request<FeedDto>('PATCH', `/ingestion/feeds/${created.body.id}`, { token: tokens[MARIA], body: { name: 'Audit test feed (renamed)' } });
    expect(renamed.status).toBe(200);
    const [create] = await search(`action=feed.create&resourceId=${created.body.id}`);
    expect(create).toMatchObject({ actorLabel: MARIA, providerId: ids['PACIFICO'], before: null, after: expect.objectContaining({ name: 'Audit test feed' }) });
    const [update] = await search(`action=feed.update&resourceId=${created.body.id}`);
    expect(update.before).toMatchObject({ name: 'Audit test feed' });
    expect(update.after).toMatchObject({ name: 'Audit test feed (renamed)' });
    const everything = JSON.stringify(await search(`resourceId=${created.body.id}`));
    expect(everything).not.toContain('super-secret-value');

    const escalationId = (await t.dataSource.query(`SELECT id FROM escalations WHERE provider_id = $1 ORDER BY opened_at LIMIT 1`, [ids['NORTE']]))[0].id;
    const comment = await t.request<EscalationDetailDto>('POST', `/escalations/${escalationId}/comments`, { token: tokens[MARIA], body: { text: 'Audit me' } });
    expect(comment.status).toBe(201);
    const [esc] = await search(`action=escalation.comment&resourceId=${escalationId}`);
    expect(esc).toMatchObject({ providerId: ids['NORTE'], before: expect.objectContaining({ id: escalationId }), after: expect.objectContaining({ id: escalationId }) });
  });

  it('records API key use with the key, and a refused key', async () => {
    const key = await t.request<CreatedApiKeyDto>('POST', `/ingestion/providers/${ids['NORTE']}/api-keys`, { token: tokens[ADMIN], body: { label: 'audit' } });
    expect(key.status).toBe(201);
    const [created] = await search(`action=api_key.create&resourceId=${key.body.id}`);
    expect(JSON.stringify(created)).not.toContain(key.body.key);
    await t.request('POST', '/ingest/push', { headers: { 'x-api-key': key.body.key }, body: { observations: [] } });
    await t.request('POST', '/ingest/push', { headers: { 'x-api-key': 'kpk_not-a-real-key' }, body: { observations: [] } });
    const pushes = await search('action=api_key.push');
    expect(pushes.find((e) => e.actorApiKeyId === key.body.id)).toMatchObject({ providerId: ids['NORTE'] });
    expect(pushes.find((e) => e.actorLabel === 'api-key:unknown')).toMatchObject({ outcome: 'error:401', actorApiKeyId: null });
  });

  it('exports the log as CSV (itself audited)', async () => {
    const res = await fetch(`${t.baseUrl}/api/admin/audit/export?action=provider.`, { headers: { authorization: `Bearer ${tokens[ADMIN]}` } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    const lines = (await res.text()).trim().split('\r\n');
    expect(lines[0]).toContain('id,at,actor');
    expect(lines.length).toBeGreaterThan(2);
    expect((await search('action=audit.export'))[0]).toMatchObject({ actorLabel: ADMIN });
  });

  it('keeps one linear chain under concurrent writers', async () => {
    const audit = t.app.get(AuditService);
    await Promise.all(Array.from({ length: 40 }, (_, i) => audit.record({ action: 'test.concurrent', details: { i } })));
    const res = await t.request<AuditVerificationDto>('GET', '/admin/audit/verify', { token: tokens[ADMIN] });
    expect(res.body).toMatchObject({ ok: true, brokenAt: null });
    expect(res.body.rowsChecked).toBeGreaterThan(40);
    const [{ n }] = await t.dataSource.query(`SELECT count(DISTINCT prev_hash)::int AS n FROM audit_log`);
    const [{ total }] = await t.dataSource.query(`SELECT count(*)::int AS total FROM audit_log`);
    expect(n).toBe(total);
  });

  it('lists only real routes in the audited-route table', async () => {
    const doc = (await t.request<{ paths: Record<string, Record<string, unknown>> }>('GET', '/docs/openapi.json')).body;
    const routes = new Set(
      Object.entries(doc.paths).flatMap(([path, methods]) => Object.keys(methods).map((m) => `${m.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ':$1')}`)),
    );
    for (const key of Object.keys(AUDITED_ROUTES)) expect(routes).toContain(key);
  });

  it('refuses UPDATE, DELETE and TRUNCATE on the table', async () => {
    await expect(t.dataSource.query(`UPDATE audit_log SET action = 'x' WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`DELETE FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)`)).rejects.toThrow(/append-only/);
    await expect(t.dataSource.query(`TRUNCATE audit_log`)).rejects.toThrow(/append-only/);
  });

  it('detects an edited row and a deleted row (endpoint and npm run audit:verify)', async () => {
    const ok = await verifyCli();
    expect(ok.code).toBe(0);
    expect(ok.stdout).toMatch(/^OK: \d+ audit rows/);

    // Someone with superuser rights bypasses the trigger and edits a row.
    const [victim] = await t.dataSource.query(`SELECT id, actor_label FROM audit_log WHERE action = 'provider.view' ORDER BY id LIMIT 1`);
    await t.dataSource.query(`ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only`);
    await t.dataSource.query(`UPDATE audit_log SET actor_label = 'someone-else@example.com' WHERE id = $1`, [victim.id]);
    const edited = await t.request<AuditVerificationDto>('GET', '/admin/audit/verify', { token: tokens[ADMIN] });
    expect(edited.body).toMatchObject({ ok: false, brokenAt: { id: Number(victim.id), reason: expect.stringMatching(/edited/) } });
    const cli = await verifyCli();
    expect(cli.code).toBe(1);
    expect(cli.stdout).toContain(`id ${victim.id}`);

    // Put it back: the chain verifies again. Then delete a row: the next one's link breaks.
    await t.dataSource.query(`UPDATE audit_log SET actor_label = $2 WHERE id = $1`, [victim.id, victim.actor_label]);
    expect((await t.request<AuditVerificationDto>('GET', '/admin/audit/verify', { token: tokens[ADMIN] })).body.ok).toBe(true);
    const [deleted] = await t.dataSource.query(`SELECT id FROM audit_log WHERE action = 'test.concurrent' ORDER BY id LIMIT 1`);
    const [next] = await t.dataSource.query(`SELECT id FROM audit_log WHERE id > $1 ORDER BY id LIMIT 1`, [deleted.id]);
    await t.dataSource.query(`DELETE FROM audit_log WHERE id = $1`, [deleted.id]);
    await t.dataSource.query(`ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only`);
    const removed = await t.request<AuditVerificationDto>('GET', '/admin/audit/verify', { token: tokens[ADMIN] });
    expect(removed.body).toMatchObject({ ok: false, brokenAt: { id: Number(next.id), reason: expect.stringMatching(/removed/) } });
    const cli2 = await verifyCli();
    expect(cli2.code).toBe(1);
    expect(cli2.stdout).toContain(`id ${next.id}`);
  });
});
