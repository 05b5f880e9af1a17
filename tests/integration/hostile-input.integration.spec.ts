import type { CreatedApiKeyDto, FeedDto, IngestionRunDetailDto, KpiDefinitionDto, PushAcceptedDto } from '@kpi/contracts';
import { ACCESS_MATRIX } from '../../apps/api/src/modules/auth/access-matrix';
import { ApiRoute, listApiRoutes, WRITE_METHODS } from './support/api-routes';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Issue #9, acceptance line 3: every write endpoint of the running app gets hostile input (SQL and script
 * injection in every structured string field and path parameter, oversized bodies, wrong content types,
 * path traversal in upload file names, malformed / deeply nested / wrong-shaped JSON, huge numbers, NaN-like
 * strings). Each answer must be a clean 4xx without internals, and no table may change.
 *
 * Free text (an escalation comment, a KPI name, ...) may legitimately hold "<script>" or "'; DROP TABLE":
 * those cases run after the "nothing stored" check and must be stored verbatim and served back as JSON.
 */

const SQL_INJECTIONS = ["'; DROP TABLE users; --", '1 OR 1=1', "' UNION SELECT email, password_hash FROM users --"];
const SCRIPT_INJECTIONS = ['<script>alert(1)</script>', '<img src=x onerror=alert(1)>', 'javascript:alert(1)'];
const HOSTILE_STRINGS = [...SQL_INJECTIONS, ...SCRIPT_INJECTIONS];
const HUGE_NUMBERS = [1e308, -1e308, 2 ** 64, 1e21 + 0.5];
const NAN_LIKE = ['NaN', 'Infinity', '-Infinity', '1e309', '0x1F'];
const TRAVERSAL_NAMES = ['../../etc/passwd', '..\\..\\windows\\win.ini', 'observations\u0000.csv', '/etc/passwd', 'C:\\temp\\observations.csv'];
const CLEAN_STATUSES = new Set([400, 401, 403, 404, 409, 413, 415, 422]);
/** Tables written by every request on purpose (append-only audit trail, job queue in its own schema). */
const EXPECTED_TO_GROW = new Set(['audit_log']);
/** Columns that record use, not content: the push key's last use moves with every pushed request. */
const USAGE_COLUMNS: Record<string, string[]> = { provider_api_keys: ['last_used_at'] };
const MISSING_ID = '7f1c0a4e-0000-4000-8000-00000000dead';
/** Query strings some write routes need besides their body. */
const ROUTE_QUERIES: Record<string, string> = { 'PUT /api/providers/:providerId/quarterly-commentary': '?quarter=2026-Q3' };
/**
 * Pushed batches that parse are received data: the push API records each as a run (status "rejected", with
 * its row errors) so the provider can read why (issue #3, run history). These are checked in their own test
 * below instead of the "nothing stored" run.
 */
const RECORDED_AS_REJECTED_RUN = new Set(['unknown field with an injection string', 'JSON array where an object is expected', 'text/plain body'].map((name) => `POST /api/ingest/push [${name}]`));
const LEAKS = [
  /QueryFailedError|syntax error at or near|invalid input syntax|duplicate key value|violates [a-z -]*constraint|relation "[^"]+" does not exist|column "[^"]+"/i,
  /\n\s+at \S+ \(|node_modules|\/src\/[\w/.-]+\.ts|TypeError|ReferenceError|RangeError/,
];

type Principal = 'admin' | 'account_manager' | 'provider' | 'executive' | 'api-key' | 'none';

interface BodyTemplate {
  /** A valid body for the route (with the real ids of the fixture's resources). */
  body: Record<string, unknown>;
  /** Dotted paths of free-text fields: any text is a legitimate value there (checked after the snapshot). */
  freeText?: string[];
  /**
   * Proves the template is valid, so a hostile variant fails because of its hostile value: the body is sent
   * with these path params or body fields pointing at a missing resource and must get 404. Templates without
   * it are sent for real in the "accepted" part after the snapshot.
   */
  missing?: { params?: Record<string, string>; body?: Record<string, unknown> };
  /** multipart/form-data: the file goes in the "file" field, the body as text fields. */
  upload?: { fileName: string; content: string };
}

interface Case {
  name: string;
  route: ApiRoute;
  path: string;
  headers: Record<string, string>;
  body?: string | FormData;
  expect: 'clean-4xx' | 404 | 200;
}

describe('hostile input on every write endpoint', () => {
  let t: TestApp;
  const tokens = {} as Record<Exclude<Principal, 'api-key' | 'none'>, string>;
  let apiKey: string;
  const ids: Record<string, string> = {};
  let customKpiCode: string;
  let routes: ApiRoute[];
  let before: Map<string, string>;
  const UPLOAD_LIMIT_BYTES = 1024 * 1024;
  const csv = 'date,site,service_line,queue,kpi,numerator,denominator\n2026-10-01,MTY,voice,ventas,fcr,150,200\n';

  beforeAll(async () => {
    t = await startTestApp({ ENABLE_SCHEDULER: 'false', MAIL_CATCHER_PORT: '0', REQUEST_BODY_LIMIT: '64kb', INGEST_MAX_UPLOAD_MB: '1' });
    tokens.admin = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
    tokens.account_manager = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
    tokens.provider = (await t.signIn('lead@norte.demo.kpigov.mx')).accessToken;
    tokens.executive = (await t.signIn('exec@demo.kpigov.mx')).accessToken;
    await createFixtures();
    routes = listApiRoutes(t.app).filter((route) => WRITE_METHODS.has(route.method));
    before = await settledSnapshot();
  }, 180_000);

  afterAll(async () => {
    await t?.close();
  });

  const admin = <T>(method: string, path: string, body?: unknown) => t.request<T>(method, path, { token: tokens.admin, body });
  const one = async <T>(sql: string, params: unknown[] = []): Promise<T> => (await t.dataSource.query(sql, params))[0] as T;

  /** Resources of provider NORTE that the write routes act on (made before the snapshot). */
  async function createFixtures(): Promise<void> {
    ids['providerId'] = (await one<{ id: string }>(`SELECT id FROM providers WHERE code = 'NORTE'`)).id;
    ids['adminUserId'] = (await one<{ id: string }>(`SELECT id FROM users WHERE email = 'admin@demo.kpigov.mx'`)).id;
    const site = await one<{ id: string; code: string }>(`SELECT id, code FROM sites WHERE provider_id = $1 ORDER BY code LIMIT 1`, [ids['providerId']]);
    ids['siteId'] = site.id;
    const contract = await one<{ id: string }>(`SELECT id FROM sla_contracts WHERE provider_id = $1 LIMIT 1`, [ids['providerId']]);
    ids['contractId'] = contract.id;
    ids['versionId'] = (await one<{ id: string }>(`SELECT id FROM sla_contract_versions WHERE contract_id = $1 LIMIT 1`, [contract.id])).id;
    ids['serviceLevelRowId'] = (await one<{ id: string }>(`SELECT id FROM sla_service_levels WHERE contract_version_id = $1 LIMIT 1`, [ids['versionId']])).id;
    const exclusion = await one<{ id: string } | undefined>(`SELECT id FROM sla_exclusions WHERE contract_id = $1 LIMIT 1`, [contract.id]);
    ids['exclusionId'] =
      exclusion?.id ??
      (await admin<{ id: string }>('POST', `/sla/contracts/${contract.id}/exclusions`, { from: '2026-09-21', to: '2026-09-21', reason: 'Power outage' })).body.id;
    ids['escalationId'] = (await one<{ id: string }>(`SELECT id FROM escalations WHERE provider_id = $1 LIMIT 1`, [ids['providerId']])).id;

    const feed = await admin<FeedDto>('POST', '/ingestion/feeds', {
      providerId: ids['providerId'],
      name: 'Manual uploads',
      connector: 'file_upload',
      sourceKind: 'observations',
      batchPolicy: 'quarantine_invalid',
    });
    expect(feed.status).toBe(201);
    ids['feedId'] = feed.body.id;
    const form = new FormData();
    form.append('file', new Blob([`${csv}2026-10-02,MTY,voice,ventas,fcr,-5,200\n`]), 'observations.csv');
    const run = await fetch(`${t.baseUrl}/api/ingestion/feeds/${feed.body.id}/upload`, { method: 'POST', headers: { authorization: `Bearer ${tokens.admin}` }, body: form });
    expect(run.status).toBe(201);
    ids['runId'] = ((await run.json()) as { id: string }).id;

    const key = await admin<CreatedApiKeyDto>('POST', `/ingestion/providers/${ids['providerId']}/api-keys`, { label: 'hostile-input test' });
    apiKey = key.body.key;
    ids['keyId'] = key.body.id;
    const kpi = await admin<KpiDefinitionDto>('POST', '/kpis', {
      code: 'claims_first_time_right',
      name: 'Claims first-time right',
      kind: 'ratio_of_sums',
      unit: 'percent',
      direction: 'higher_is_better',
      numeratorLabel: 'claims settled without rework',
      denominatorLabel: 'claims settled',
      displayPrecision: 1,
      serviceLines: ['back_office'],
    });
    expect(kpi.status).toBe(201);
    customKpiCode = kpi.body.code;
    const subscription = await admin<{ id: string }>('POST', '/notifications/subscriptions', { name: 'Mine' });
    expect(subscription.status).toBe(201);
    ids['subscriptionId'] = subscription.body.id;
    const mute = await admin<{ id: string }[]>('POST', '/notifications/mute-windows', {
      startsAt: '2026-12-24T00:00:00-06:00',
      endsAt: '2026-12-26T00:00:00-06:00',
      reason: 'Christmas',
    });
    expect(mute.status).toBe(201);
    ids['muteWindowId'] = mute.body[0].id;
  }

  /** Row count and content digest of every table in the public schema (the audit trail excepted). */
  /**
   * A snapshot taken once background work has finished: the fixtures' ingestion runs queue drift evaluations
   * (pg-boss jobs) that write drift series a moment later, which would otherwise look like a hostile write.
   */
  async function settledSnapshot(): Promise<Map<string, string>> {
    const deadline = Date.now() + 90_000;
    for (;;) {
      const [{ pending }] = await t.dataSource.query(
        `SELECT count(*)::int AS pending FROM pgboss.job WHERE state IN ('created', 'retry', 'active') AND start_after <= now()`,
      );
      if (pending === 0) {
        const first = await snapshot();
        await new Promise((resolve) => setTimeout(resolve, 750));
        const second = await snapshot();
        if ([...first].every(([table, digest]) => second.get(table) === digest)) return second;
      } else {
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      if (Date.now() > deadline) throw new Error('Background jobs did not settle within 90 s');
    }
  }

  async function snapshot(): Promise<Map<string, string>> {
    const tables: { name: string }[] = await t.dataSource.query(
      `SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1`,
    );
    const result = new Map<string, string>();
    for (const { name } of tables) {
      if (EXPECTED_TO_GROW.has(name)) continue;
      const [row] = await t.dataSource.query(
        `SELECT count(*)::int AS n, md5(coalesce(string_agg(md5(r::text), '' ORDER BY md5(r::text)), '')) AS digest
         FROM (SELECT to_jsonb(x) - $1::text[] AS r FROM "${name}" x) rows`,
        [USAGE_COLUMNS[name] ?? []],
      );
      result.set(name, `${row.n} rows, ${row.digest}`);
    }
    return result;
  }

  /** Who calls the route: the matrix's public / api-key rule, else its most privileged allowed role. */
  function principalFor(route: ApiRoute): Principal {
    const allow = ACCESS_MATRIX[`${route.method} ${route.path}`]?.allow ?? ['admin'];
    if (allow === 'public') return 'none';
    if (allow === 'api-key') return 'api-key';
    return (['admin', 'account_manager', 'provider', 'executive'] as const).find((role) => allow.includes(role)) ?? 'admin';
  }

  function credentials(route: ApiRoute): Record<string, string> {
    const principal = principalFor(route);
    if (principal === 'none') return {};
    if (principal === 'api-key') return { 'x-api-key': apiKey };
    return { authorization: `Bearer ${tokens[principal]}` };
  }

  /** The real id for a path parameter; a parameter this test does not know gets a well-formed missing id. */
  function realParam(route: ApiRoute, name: string): string {
    if (name === 'code' || name === 'kpiCode') return route.path.startsWith('/api/kpis') ? customKpiCode : 'aht';
    if (name !== 'id') return ids[name] ?? MISSING_ID;
    const byPrefix: [string, string][] = [
      ['/api/escalations/', 'escalationId'],
      ['/api/ingestion/feeds/', 'feedId'],
      ['/api/ingestion/runs/', 'runId'],
      ['/api/notifications/subscriptions/', 'subscriptionId'],
      ['/api/notifications/mute-windows/', 'muteWindowId'],
    ];
    const match = byPrefix.find(([prefix]) => route.path.startsWith(prefix));
    return match ? ids[match[1]] : MISSING_ID;
  }

  function fill(route: ApiRoute, overrides: Record<string, string> = {}): string {
    const path = route.path.replace(/^\/api/, '').replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(overrides[name] ?? realParam(route, name)));
    return path + (ROUTE_QUERIES[`${route.method} ${route.path}`] ?? '');
  }

  /** Plausible, valid bodies per route; a route without one still gets every generic case. */
  function templates(): Record<string, BodyTemplate> {
    const escalationAction = (body: Record<string, unknown>, freeText: string[]): BodyTemplate => ({ body, freeText, missing: { params: { id: MISSING_ID } } });
    const serviceLevel = {
      name: 'Service level 80/20',
      kpiCode: 'service_level',
      siteId: ids['siteId'],
      serviceLine: 'voice',
      queue: 'ventas',
      target: 0.8,
      minimum: 0.75,
      measurementPeriod: 'monthly',
      kind: 'critical',
      poolAllocationPct: 30,
      earnBackPeriods: 3,
      meansOfMeasurement: 'ACD report',
    };
    const kpi = {
      name: 'Claims first-time right',
      description: 'Claims settled without rework',
      unit: 'percent',
      direction: 'higher_is_better',
      numeratorLabel: 'claims settled without rework',
      denominatorLabel: 'claims settled',
      displayPrecision: 1,
      serviceLines: ['back_office'],
    };
    const kpiText = ['name', 'description', 'numeratorLabel', 'denominatorLabel'];
    const driftSettings = { enabled: true, detectors: ['cusum', 'ewma'], sensitivity: 'high', baselineLength: 56, minSamples: 10 };
    return {
      'POST /api/auth/login': { body: { email: 'nobody@hostile.test', password: 'not-the-password' }, freeText: ['password'] },
      'POST /api/drift/evaluations': { body: { providerId: ids['providerId'] }, missing: { body: { providerId: MISSING_ID } } },
      'PUT /api/drift/settings/:kpiCode': { body: driftSettings, missing: { params: { kpiCode: 'no_such_kpi' } } },
      'PUT /api/drift/settings/:kpiCode/providers/:providerId': { body: driftSettings, missing: { params: { providerId: MISSING_ID } } },
      'POST /api/escalations': {
        body: {
          providerId: ids['providerId'],
          title: 'Repeated IVR outages',
          severity: 'high',
          summary: 'Callers dropped',
          siteId: ids['siteId'],
          kpiCode: 'service_level',
          serviceLine: 'voice',
        },
        freeText: ['title', 'summary'],
        missing: { body: { providerId: MISSING_ID } },
      },
      'POST /api/escalations/:id/acknowledge': escalationAction({ note: 'On it' }, ['note']),
      'POST /api/escalations/:id/action-plan': escalationAction({ plan: 'Add 6 agents', dueDate: '2026-11-30' }, ['plan']),
      'POST /api/escalations/:id/action-plan/agree': escalationAction({ plan: 'Add 6 agents', dueDate: '2026-11-30' }, ['plan']),
      'POST /api/escalations/:id/assign': escalationAction({ ownerUserId: ids['adminUserId'] }, []),
      'POST /api/escalations/:id/close': escalationAction({ note: 'Done' }, ['note']),
      'POST /api/escalations/:id/comments': escalationAction({ text: 'Looking into it' }, ['text']),
      'POST /api/escalations/:id/escalate': escalationAction({ note: 'No answer' }, ['note']),
      'POST /api/escalations/:id/reopen': escalationAction({ reason: 'Back again' }, ['reason']),
      'POST /api/escalations/:id/resolve': escalationAction({ rootCauseCategory: 'staffing', correctiveAction: 'Hired' }, ['correctiveAction']),
      'PUT /api/escalations/matrix/:providerId': {
        body: {
          rules: { drift: 'high', sla_breach: 'medium' },
          levels: [
            {
              name: 'Account manager',
              ackWithinMinutes: 240,
              resolveWithinMinutes: 7200,
              contacts: [{ userId: ids['adminUserId'], name: 'Ana Admin', email: 'ana@client.example' }],
            },
          ],
        },
        freeText: ['levels.0.name', 'levels.0.contacts.0.name'],
        missing: { params: { providerId: MISSING_ID } },
      },
      'POST /api/ingestion/feeds': {
        body: {
          providerId: ids['providerId'],
          name: 'Nightly WFM export',
          connector: 'file_upload',
          sourceKind: 'observations',
          timeZone: 'America/Mexico_City',
          batchPolicy: 'reject_batch',
          expectedCadenceMinutes: 1440,
          enabled: true,
        },
        freeText: ['name'],
        missing: { body: { providerId: MISSING_ID } },
      },
      'PATCH /api/ingestion/feeds/:id': {
        body: { name: 'Renamed', timeZone: 'America/Monterrey', scheduleCron: '0 6 * * *', batchPolicy: 'reject_batch', expectedCadenceMinutes: 1440, enabled: true },
        freeText: ['name'],
        missing: { params: { id: MISSING_ID } },
      },
      'POST /api/ingestion/feeds/:id/backfill': { body: { from: '2026-10-01', to: '2026-10-31' }, missing: { params: { id: MISSING_ID } } },
      'POST /api/ingestion/feeds/:id/preview': { body: {}, upload: { fileName: 'observations.csv', content: csv } },
      'POST /api/ingestion/feeds/:id/upload': {
        body: { mapping: '{"layout":"long"}', saveMapping: 'false' },
        upload: { fileName: 'observations.csv', content: csv },
        missing: { params: { id: MISSING_ID } },
      },
      'POST /api/ingestion/providers/:providerId/api-keys': { body: { label: 'WFM export' }, freeText: ['label'], missing: { params: { providerId: MISSING_ID } } },
      'POST /api/ingestion/runs/:id/resubmit': {
        body: { rows: [{ errorId: '999999999', values: { numerator: '150' } }] },
        missing: { params: { id: MISSING_ID } },
      },
      'POST /api/kpis': { body: { ...kpi, code: 'first_contact_quality', kind: 'ratio_of_sums' }, freeText: kpiText },
      'PUT /api/kpis/:code': { body: kpi, freeText: kpiText, missing: { params: { code: 'no_such_kpi' } } },
      'POST /api/notifications/mute-windows': {
        body: { providerId: ids['providerId'], siteId: ids['siteId'], kpiCode: 'aht', startsAt: '2026-12-24T00:00:00-06:00', endsAt: '2026-12-26T00:00:00-06:00', reason: 'Planned outage' },
        freeText: ['reason'],
      },
      'PUT /api/notifications/settings': { body: { timeZone: 'America/Mexico_City', quietHoursStart: 22, quietHoursEnd: 7 } },
      'POST /api/notifications/subscriptions': {
        body: {
          name: 'My providers',
          providerIds: [ids['providerId']],
          siteIds: [ids['siteId']],
          kpiCodes: ['aht'],
          kinds: ['drift'],
          minSeverity: 'medium',
          immediate: true,
          immediateMinSeverity: 'high',
          digest: 'weekly',
          digestHour: 8,
          digestWeekday: 1,
          enabled: true,
        },
        freeText: ['name'],
      },
      'PUT /api/notifications/subscriptions/:id': { body: { name: 'Renamed', kpiCodes: ['aht'], digest: 'daily', digestHour: 8 }, freeText: ['name'], missing: { params: { id: MISSING_ID } } },
      'PUT /api/providers/:providerId/quarterly-commentary': {
        body: { commentary: 'A good quarter', actions: [{ action: 'Coach on hold time', owner: 'Norte ops', dueDate: '2026-11-30' }] },
        freeText: ['commentary', 'actions.0.action', 'actions.0.owner'],
        missing: { params: { providerId: MISSING_ID } },
      },
      'POST /api/reports': { body: { providerId: ids['providerId'], quarter: '2026-Q3' }, missing: { body: { providerId: MISSING_ID } } },
      'PUT /api/scorecard-weights': { body: { sla_attainment: 0.4, qa_score: 0.3, escalation_responsiveness: 0.2, data_timeliness: 0.1 } },
      'POST /api/sla/contracts': {
        body: {
          providerId: ids['providerId'],
          name: 'Norte customer care 2027',
          reference: 'CT-2027-01',
          terms: { currency: 'MXN', monthlyFee: 1_000_000, atRiskPct: 12, effectiveFrom: '2027-01-01', effectiveTo: '2027-12-31', notes: 'Signed' },
          serviceLevels: [serviceLevel],
        },
        freeText: ['name', 'reference', 'terms.notes', 'serviceLevels.0.name', 'serviceLevels.0.meansOfMeasurement', 'serviceLevels.0.queue'],
        missing: { body: { providerId: MISSING_ID } },
      },
      'PATCH /api/sla/contracts/:contractId': { body: { name: 'Renamed', reference: 'CT-1' }, freeText: ['name', 'reference'], missing: { params: { contractId: MISSING_ID } } },
      'POST /api/sla/contracts/:contractId/versions': {
        body: { effectiveFrom: '2027-07-01', effectiveTo: '2028-06-30', currency: 'MXN', monthlyFee: 1_100_000, atRiskPct: 10, notes: 'Renegotiated', copyServiceLevels: true },
        freeText: ['notes'],
        missing: { params: { contractId: MISSING_ID } },
      },
      'PATCH /api/sla/contracts/:contractId/versions/:versionId': {
        body: { currency: 'MXN', monthlyFee: 1_200_000, atRiskPct: 11, notes: 'Fee change' },
        freeText: ['notes'],
        missing: { params: { versionId: MISSING_ID } },
      },
      'POST /api/sla/contracts/:contractId/versions/:versionId/service-levels': {
        body: serviceLevel,
        freeText: ['name', 'meansOfMeasurement', 'queue'],
        missing: { params: { versionId: MISSING_ID } },
      },
      'PUT /api/sla/contracts/:contractId/versions/:versionId/service-levels/:serviceLevelRowId': {
        body: serviceLevel,
        freeText: ['name', 'meansOfMeasurement', 'queue'],
        missing: { params: { serviceLevelRowId: MISSING_ID } },
      },
      'POST /api/sla/contracts/:contractId/exclusions': {
        body: { from: '2026-09-21', to: '2026-09-22', reason: 'Hurricane', siteIds: [ids['siteId']], serviceLevelIds: null },
        freeText: ['reason'],
        missing: { params: { contractId: MISSING_ID } },
      },
      'PATCH /api/sla/contracts/:contractId/exclusions/:exclusionId': {
        body: { from: '2026-09-21', to: '2026-09-22', reason: 'Hurricane' },
        freeText: ['reason'],
        missing: { params: { exclusionId: MISSING_ID } },
      },
    };
  }

  /** Every string and number leaf of a body, as a dotted path. */
  function leaves(value: unknown, prefix = ''): { path: string; value: string | number }[] {
    if (typeof value === 'string' || typeof value === 'number') return [{ path: prefix, value }];
    if (value === null || typeof value !== 'object') return [];
    return Object.entries(value).flatMap(([key, child]) => leaves(child, prefix ? `${prefix}.${key}` : key));
  }

  function withLeaf(body: Record<string, unknown>, path: string, replacement: unknown): Record<string, unknown> {
    const copy = structuredClone(body);
    const keys = path.split('.');
    let node = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) node = node[key] as Record<string, unknown>;
    node[keys[keys.length - 1]] = replacement;
    return copy;
  }

  function deepJson(depth: number): string {
    return `{"a":${'['.repeat(depth)}1${']'.repeat(depth)}}`;
  }

  function multipart(template: BodyTemplate, fileName: string, fields: Record<string, unknown> = template.body): FormData {
    const form = new FormData();
    for (const [key, value] of Object.entries(fields)) form.append(key, String(value));
    form.append('file', new Blob([template.upload!.content], { type: 'text/csv' }), fileName);
    return form;
  }

  /** The hostile cases of one route: generic ones for any route, field-level ones where a template exists. */
  function casesFor(route: ApiRoute, template: BodyTemplate | undefined): Case[] {
    const auth = credentials(route);
    const path = fill(route);
    const json = { ...auth, 'content-type': 'application/json' };
    const make = (name: string, headers: Record<string, string>, body?: string | FormData, expectStatus: Case['expect'] = 'clean-4xx', at = path): Case => ({
      name,
      route,
      path: at,
      headers,
      body,
      expect: expectStatus,
    });
    const cases: Case[] = [
      make('unknown field with an injection string', json, JSON.stringify({ unexpected: SQL_INJECTIONS[0] })),
      make('malformed JSON', json, '{"name": "x",'),
      make('JSON array where an object is expected', json, JSON.stringify([template?.body ?? {}])),
      make('JSON string where an object is expected', json, JSON.stringify(SCRIPT_INJECTIONS[0])),
      make('deeply nested JSON (10,000 levels)', json, deepJson(10_000)),
      make('oversized JSON body', json, JSON.stringify({ ...(template?.body ?? {}), padding: 'x'.repeat(80 * 1024) })),
      make('text/plain body', { ...auth, 'content-type': 'text/plain' }, SQL_INJECTIONS[0]),
      make('application/xml body', { ...auth, 'content-type': 'application/xml' }, `<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]><x>&e;</x>`),
      make('form-encoded body', { ...auth, 'content-type': 'application/x-www-form-urlencoded' }, `name=${encodeURIComponent(SQL_INJECTIONS[0])}`),
    ];
    if (!template?.upload) {
      const form = new FormData();
      form.append('file', new Blob([csv]), '../../etc/passwd');
      cases.push(make('multipart where JSON is expected', auth, form));
    }
    for (const param of route.path.match(/:\w+/g) ?? []) {
      for (const hostile of [...HOSTILE_STRINGS, '../../etc/passwd']) {
        const body = template?.upload ? multipart(template, template.upload.fileName) : template ? JSON.stringify(template.body) : undefined;
        cases.push(make(`${param} = ${JSON.stringify(hostile)}`, template?.upload ? auth : json, body, 'clean-4xx', fill(route, { [param.slice(1)]: hostile })));
      }
    }
    if (!template) return cases;

    if (template.upload) {
      cases.push(make('JSON where multipart is expected', json, JSON.stringify({ file: csv })));
      for (const fileName of TRAVERSAL_NAMES) cases.push(make(`file named ${JSON.stringify(fileName)}`, auth, multipart(template, fileName)));
      const big = new FormData();
      big.append('file', new Blob(['x'.repeat(UPLOAD_LIMIT_BYTES + 1024)]), 'big.csv');
      cases.push(make('oversized file', auth, big));
    }
    const encode = (body: Record<string, unknown>) => (template.upload ? multipart(template, template.upload.fileName, body) : JSON.stringify(body));
    const headers = template.upload ? auth : json;
    if (template.missing && !template.upload) {
      const body = { ...template.body, ...(template.missing.body ?? {}) };
      cases.push(make('the valid template against a missing resource', headers, encode(body), 404, fill(route, template.missing.params)));
    }
    if (template.upload && route.path.endsWith('/preview')) cases.push(make('the valid template (a preview stores nothing)', headers, encode(template.body), 200));
    if (template.upload && template.missing) {
      cases.push(make('the valid template against a missing resource', headers, encode(template.body), 404, fill(route, template.missing.params)));
    }
    for (const leaf of leaves(template.body)) {
      if (template.freeText?.includes(leaf.path)) continue;
      const replacements: unknown[] = typeof leaf.value === 'string' ? HOSTILE_STRINGS : [...HUGE_NUMBERS, ...NAN_LIKE];
      for (const replacement of replacements) cases.push(make(`${leaf.path} = ${JSON.stringify(replacement)}`, headers, encode(withLeaf(template.body, leaf.path, replacement))));
      if (typeof leaf.value === 'number' && !template.upload) {
        // 1e999 is valid JSON text that JavaScript reads as Infinity.
        cases.push(make(`${leaf.path} = 1e999`, headers, JSON.stringify(template.body).replace(`"${leaf.path.split('.').pop()}":${leaf.value}`, `"${leaf.path.split('.').pop()}":1e999`)));
      }
    }
    return cases;
  }

  async function send(c: Case): Promise<{ status: number; text: string; contentType: string }> {
    const res = await fetch(`${t.baseUrl}/api${c.path}`, { method: c.route.method, headers: c.headers, body: c.body });
    return { status: res.status, text: await res.text(), contentType: res.headers.get('content-type') ?? '' };
  }

  async function runAll<T>(items: T[], worker: (item: T) => Promise<void>, concurrency = 4): Promise<void> {
    let next = 0;
    await Promise.all(Array.from({ length: concurrency }, async () => {
      while (next < items.length) await worker(items[next++]);
    }));
  }

  it('answers every hostile request with a clean 4xx and changes no table', async () => {
    const all = templates();
    const problems: string[] = [];
    let sent = 0;
    const cases = routes
      .flatMap((route) => casesFor(route, all[`${route.method} ${route.path}`]))
      .filter((c) => !RECORDED_AS_REJECTED_RUN.has(`${c.route.method} ${c.route.path} [${c.name}]`));
    await runAll(cases, async (c) => {
      const res = await send(c);
      sent++;
      const label = `${c.route.method} ${c.route.path} [${c.name}]`;
      if (c.expect === 'clean-4xx' ? !CLEAN_STATUSES.has(res.status) : res.status !== c.expect) problems.push(`${label}: ${res.status} ${res.text.slice(0, 200)}`);
      const leak = LEAKS.find((pattern) => pattern.test(res.text));
      if (leak) problems.push(`${label}: the answer shows internals: ${res.text.slice(0, 300)}`);
      if (res.status >= 400 && !res.contentType.startsWith('application/json') && !res.contentType.startsWith('text/html')) problems.push(`${label}: answered as ${res.contentType}`);
    });
    expect(problems).toEqual([]);
    expect(sent).toBeGreaterThan(routes.length * 10);
    // Every write route was reached by a principal allowed to call it (validation answered, not authentication).
    for (const route of routes) {
      // The push API answers an empty body with 400 before it records a run; other routes refuse an unknown field.
      const [headers, body] = principalFor(route) === 'api-key' ? [credentials(route), undefined] : [{ ...credentials(route), 'content-type': 'application/json' }, '{"unexpected":1}'];
      const res = await send({ name: 'reach', route, path: fill(route), headers, body, expect: 'clean-4xx' });
      // 415: an upload route refusing the JSON body (the content-type check runs after authentication).
      expect({ route: `${route.method} ${route.path}`, reached: [400, 415].includes(res.status) }).toEqual({ route: `${route.method} ${route.path}`, reached: true });
    }

    const after = await settledSnapshot();
    const changed = [...before.keys()].filter((table) => before.get(table) !== after.get(table)).map((table) => `${table}: ${before.get(table)} -> ${after.get(table)}`);
    expect(changed).toEqual([]);
    expect([...after.keys()].sort()).toEqual([...before.keys()].sort());
  }, 180_000);

  describe('free text that looks hostile is stored as inert text (after the snapshot above)', () => {
    it('an escalation comment, a KPI name, a mute reason and a subscription name keep the text verbatim and serve it as JSON', async () => {
      const script = SCRIPT_INJECTIONS[0];
      const sql = SQL_INJECTIONS[0];
      const comment = await admin<{ timeline: { text?: string | null; note?: string | null }[] }>('POST', `/escalations/${ids['escalationId']}/comments`, { text: script });
      expect(comment.status).toBe(201);
      expect(comment.headers.get('content-type')).toMatch(/^application\/json/);
      const read = await fetch(`${t.baseUrl}/api/escalations/${ids['escalationId']}`, { headers: { authorization: `Bearer ${tokens.admin}` } });
      const raw = await read.text();
      // Served as a JSON string: the browser never sees it as markup, and Angular interpolation escapes it.
      expect(read.headers.get('content-type')).toMatch(/^application\/json/);
      expect(read.headers.get('x-content-type-options')).toBe('nosniff');
      expect(raw).toContain(JSON.stringify(script).slice(1, -1));
      const stored = await t.dataSource.query(`SELECT text FROM escalation_timeline WHERE escalation_id = $1 AND action = 'comment'`, [ids['escalationId']]);
      expect(stored.map((r: { text: string }) => r.text)).toContain(script);

      const kpi = await admin<KpiDefinitionDto>('POST', '/kpis', { ...templates()['POST /api/kpis'].body, code: 'inert_text_check', name: script, description: sql });
      expect(kpi.status).toBe(201);
      expect(kpi.body).toMatchObject({ name: script, description: sql });
      const [row] = await t.dataSource.query(`SELECT name, description FROM kpi_definitions WHERE code = $1`, [kpi.body.code]);
      expect(row).toEqual({ name: script, description: sql });

      const mute = await admin<{ reason: string }[]>('POST', '/notifications/mute-windows', { ...templates()['POST /api/notifications/mute-windows'].body, reason: SCRIPT_INJECTIONS[1] });
      expect(mute.status).toBe(201);
      expect(mute.body.map((m) => m.reason)).toContain(SCRIPT_INJECTIONS[1]);
      const subscription = await admin<{ name: string }>('POST', '/notifications/subscriptions', { ...templates()['POST /api/notifications/subscriptions'].body, name: SQL_INJECTIONS[2] });
      expect(subscription.status).toBe(201);
      expect(subscription.body.name).toBe(SQL_INJECTIONS[2]);

      // The SQL stayed data: the users table is still there with its five demo users.
      expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM users`)).n).toBe(5);
    });

    it('the templates that could not be checked against a missing resource are valid as they stand', async () => {
      expect((await admin('PUT', '/notifications/settings', templates()['PUT /api/notifications/settings'].body)).status).toBe(200);
      expect((await admin('PUT', '/scorecard-weights', templates()['PUT /api/scorecard-weights'].body)).status).toBe(200);
      expect((await admin('POST', '/kpis', templates()['POST /api/kpis'].body)).status).toBe(201);
      // A hostile-looking password is just a wrong password.
      const login = await t.request('POST', '/auth/login', { body: { email: 'admin@demo.kpigov.mx', password: SQL_INJECTIONS[1] } });
      expect(login.status).toBe(401);
    });

    it('the web app CSP refuses inline scripts', async () => {
      const res = await fetch(`${t.baseUrl}/api/health`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const scriptSrc = /script-src ([^;]+)/.exec(csp)?.[1] ?? /default-src ([^;]+)/.exec(csp)?.[1] ?? '';
      expect(scriptSrc).toContain("'self'");
      expect(scriptSrc).not.toContain("'unsafe-inline'");
      expect(scriptSrc).not.toContain('*');
    });

    it('a pushed batch with hostile values is a rejected run: nothing reaches the observations, the values are kept as text', async () => {
      const observations = async () => (await one<{ n: number }>(`SELECT count(*)::int AS n FROM metric_observations WHERE provider_id = $1`, [ids['providerId']])).n;
      const count = await observations();
      const pushed = await t.request<PushAcceptedDto>('POST', '/ingest/push', {
        headers: { 'x-api-key': apiKey },
        body: { observations: [{ periodStart: '2026-10-01', siteCode: SQL_INJECTIONS[0], serviceLine: 'voice', queue: SCRIPT_INJECTIONS[0], kpiCode: SQL_INJECTIONS[2], numerator: 1, denominator: 2 }] },
      });
      expect(pushed.status).toBe(201);
      expect(pushed.body.status).toBe('rejected');
      expect(await observations()).toBe(count);
      const run = await t.request<IngestionRunDetailDto>('GET', `/ingest/runs/${pushed.body.runId}`, { headers: { 'x-api-key': apiKey } });
      expect(run.body.rowErrors.map((e) => e.value)).toContain(SQL_INJECTIONS[0]);

      // Bodies that parse but hold no usable rows are rejected runs too, never stored observations.
      for (const [contentType, body] of [
        ['application/json', JSON.stringify({ unexpected: SQL_INJECTIONS[0] })],
        ['application/json', JSON.stringify([{ unexpected: SCRIPT_INJECTIONS[1] }])],
        ['text/plain', SQL_INJECTIONS[0]],
      ]) {
        const res = await t.request<PushAcceptedDto>('POST', '/ingest/push', { headers: { 'x-api-key': apiKey, 'content-type': contentType }, rawBody: body });
        expect({ body, status: res.status, run: res.body.status, inserted: res.body.counts.inserted }).toEqual({ body, status: 201, run: 'rejected', inserted: 0 });
      }
      expect(await observations()).toBe(count);
      expect((await one<{ n: number }>(`SELECT count(*)::int AS n FROM users`)).n).toBe(5);
    });
  });
});
