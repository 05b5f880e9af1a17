import type { CreatedApiKeyDto, FeedDto, PushAcceptedDto, Role, SlaContractDto, SlaExclusionDto } from '@kpi/contracts';
import { randomUUID } from 'node:crypto';
import { ACCESS_MATRIX, type AccessRule } from '../../apps/api/src/modules/auth/access-matrix';
import { type ApiRoute, listApiRoutes } from './support/api-routes';
import { startTestApp, TestApp } from './support/test-app';

/**
 * Generated from ACCESS_MATRIX: every route of the running app is called as every kind of caller, with the
 * path filled with provider A's (Norte's) resources, and the answer is checked against the matrix.
 */

const PROVIDER_A = 'NORTE';
const PROVIDER_B = 'ALTIPLANO';

interface Caller {
  name: string;
  /** Role of a signed-in caller; 'api-key' for a provider system; null for no credentials. */
  role: Role | 'api-key' | null;
  /** Sees provider A's data (admins and executives see every provider). */
  seesProviderA: boolean;
  headers: Record<string, string>;
}

type Expected = 'allowed' | 401 | 403 | 404;

function expectedAnswer(rule: AccessRule, caller: Caller): Expected {
  if (rule.allow === 'public') return 'allowed';
  if (caller.role === null) return 401;
  if (rule.allow === 'api-key') return caller.role === 'api-key' ? 'allowed' : 403;
  if (caller.role === 'api-key' || !rule.allow.includes(caller.role)) return 403;
  return rule.providerScoped && !caller.seesProviderA ? 404 : 'allowed';
}

/** Allowed = the guard let it through: any answer but 401/403 (and 404 where the caller sees the provider), no crash. */
function matches(expected: Expected, rule: AccessRule, status: number): boolean {
  if (expected !== 'allowed') return status === expected;
  if (status >= 500) return false;
  if (rule.allow === 'public') return status !== 403;
  return status !== 401 && status !== 403 && !(rule.providerScoped && status === 404);
}

const key = (route: ApiRoute) => `${route.method} ${route.path}`;

describe('authorization matrix (every route x every kind of caller)', () => {
  let t: TestApp;
  let routes: ApiRoute[];
  let callers: Caller[];
  let adminToken: string;
  const ids: Record<string, string> = {};
  let serial = 0;

  const admin = <T>(method: string, path: string, body?: unknown) => t.request<T>(method, path, { token: adminToken, body });
  const one = async (sql: string, params: unknown[] = []): Promise<string> => {
    const rows: { id: string }[] = await t.dataSource.query(sql, params);
    if (!rows[0]) throw new Error(`No row for ${sql}`);
    return rows[0].id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    routes = listApiRoutes(t.app);
    const tokenOf = async (email: string) => (await t.signIn(email)).accessToken;
    // Its own session for the fixtures, so the admin caller signing out (POST /auth/logout) leaves it alone.
    adminToken = await tokenOf('admin@demo.kpigov.mx');

    ids.provider = await one(`SELECT id FROM providers WHERE code = $1`, [PROVIDER_A]);
    ids.providerB = await one(`SELECT id FROM providers WHERE code = $1`, [PROVIDER_B]);
    ids.site = await one(`SELECT id FROM sites WHERE provider_id = $1 ORDER BY code LIMIT 1`, [ids.provider]);
    ids.feed = await one(`SELECT id FROM feeds WHERE provider_id = $1 AND connector = 'file_upload'`, [ids.provider]);
    ids.contract = await one(`SELECT id FROM sla_contracts WHERE provider_id = $1 ORDER BY created_at LIMIT 1`, [ids.provider]);
    ids.version = await one(`SELECT id FROM sla_contract_versions WHERE contract_id = $1 ORDER BY effective_from DESC LIMIT 1`, [ids.contract]);
    ids.serviceLevel = await one(`SELECT id FROM sla_service_levels WHERE contract_version_id = $1 ORDER BY id LIMIT 1`, [ids.version]);
    ids.escalation = await one(`SELECT id FROM escalations WHERE provider_id = $1 LIMIT 1`, [ids.provider]);
    ids.driftEvent = await one(`SELECT id FROM drift_events WHERE provider_id = $1 LIMIT 1`, [ids.provider]);
    ids.subscription = await one(`SELECT id FROM alert_subscriptions LIMIT 1`);
    ids.maria = await one(`SELECT id FROM users WHERE email = 'maria.lopez@demo.kpigov.mx'`);

    // Provider A's API key (the way the ingestion tests make one), and one run pushed with it.
    const keyA = await admin<CreatedApiKeyDto>('POST', `/ingestion/providers/${ids.provider}/api-keys`, { label: 'authz A' });
    const keyB = await admin<CreatedApiKeyDto>('POST', `/ingestion/providers/${ids.providerB}/api-keys`, { label: 'authz B' });
    ids.apiKeyA = keyA.body.key;
    ids.apiKeyB = keyB.body.key;
    const pushed = await t.request<PushAcceptedDto>('POST', '/ingest/push', { headers: { 'x-api-key': ids.apiKeyA }, body: { observations: [] } });
    ids.run = pushed.body.runId;
    const exclusion = await admin<SlaExclusionDto>('POST', `/sla/contracts/${ids.contract}/exclusions`, {
      from: '2026-09-01',
      to: '2026-09-02',
      reason: 'Power outage (authorization test)',
    });
    ids.exclusion = exclusion.body.id;
    ids.report = await issuedReport(ids.provider);

    callers = [
      { name: 'admin', role: 'admin', seesProviderA: true, headers: bearer(await tokenOf('admin@demo.kpigov.mx')) },
      { name: 'account manager of A', role: 'account_manager', seesProviderA: true, headers: bearer(await tokenOf('maria.lopez@demo.kpigov.mx')) },
      { name: 'account manager of B', role: 'account_manager', seesProviderA: false, headers: bearer(await tokenOf('jorge.ramirez@demo.kpigov.mx')) },
      { name: 'executive', role: 'executive', seesProviderA: true, headers: bearer(await tokenOf('exec@demo.kpigov.mx')) },
      { name: 'provider user of A', role: 'provider', seesProviderA: true, headers: bearer(await tokenOf('lead@norte.demo.kpigov.mx')) },
      { name: 'API key of A', role: 'api-key', seesProviderA: true, headers: { 'x-api-key': ids.apiKeyA } },
      { name: 'no credentials', role: null, seesProviderA: false, headers: {} },
    ];
  });
  afterAll(() => t.close());

  /** An issued quarterly review pack of the provider, with one file (stored directly: generating one takes long). */
  async function issuedReport(providerId: string): Promise<string> {
    const id = await one(
      `INSERT INTO quarterly_reviews (kind, provider_id, provider_ids, quarter, as_of, status, progress, trigger, figures)
       VALUES ('provider', $1, ARRAY[$1]::uuid[], '2026-Q3', '2026-09-30', 'succeeded', 100, 'manual', '{}'::jsonb) RETURNING id`,
      [providerId],
    );
    await t.dataSource.query(
      `INSERT INTO quarterly_review_files (review_id, format, file_name, content_type, content, size_bytes, sha256)
       VALUES ($1, 'pdf', 'review.pdf', 'application/pdf', '\\x25504446'::bytea, 4, repeat('0', 64))`,
      [id],
    );
    await t.dataSource.query(`UPDATE quarterly_reviews SET issued_at = now(), finished_at = now() WHERE id = $1`, [id]);
    return id;
  }

  function bearer(token: string): Record<string, string> {
    return { authorization: `Bearer ${token}` };
  }

  /**
   * Routes that destroy (or replace) what they name get a fresh throwaway resource of provider A on every
   * call, so one caller's delete never turns another caller's answer into a 404.
   */
  const THROWAWAY: Record<string, () => Promise<Record<string, string>>> = {
    'DELETE /api/ingestion/feeds/:id': async () => {
      const feed = await admin<FeedDto>('POST', '/ingestion/feeds', { providerId: ids.provider, name: `Throwaway ${++serial}`, connector: 'file_upload' });
      return { id: feed.body.id };
    },
    'DELETE /api/ingestion/providers/:providerId/api-keys/:keyId': async () => ({ keyId: await throwawayKey() }),
    'POST /api/ingestion/providers/:providerId/api-keys/:keyId/rotate': async () => ({ keyId: await throwawayKey() }),
    'DELETE /api/sla/contracts/:contractId': async () => {
      const contract = await admin<SlaContractDto>('POST', '/sla/contracts', {
        providerId: ids.provider,
        name: `Throwaway contract ${++serial}`,
        terms: { currency: 'MXN', monthlyFee: 1000, atRiskPct: 10, effectiveFrom: '2026-01-01' },
      });
      return { contractId: contract.body.id };
    },
    'DELETE /api/sla/contracts/:contractId/versions/:versionId': async () => ({ versionId: await throwawayVersion() }),
    'DELETE /api/sla/contracts/:contractId/versions/:versionId/service-levels/:serviceLevelRowId': async () => {
      const versionId = await throwawayVersion();
      const contract = await admin<SlaContractDto>('POST', `/sla/contracts/${ids.contract}/versions/${versionId}/service-levels`, serviceLevelBody());
      const version = contract.body.versions.find((v) => v.id === versionId);
      return { versionId, serviceLevelRowId: version?.serviceLevels.at(-1)?.id ?? 'missing' };
    },
    'DELETE /api/sla/contracts/:contractId/exclusions/:exclusionId': async () => {
      const exclusion = await admin<SlaExclusionDto>('POST', `/sla/contracts/${ids.contract}/exclusions`, { from: '2026-08-01', to: '2026-08-01', reason: 'Throwaway' });
      return { exclusionId: exclusion.body.id };
    },
  };

  async function throwawayKey(): Promise<string> {
    const created = await admin<CreatedApiKeyDto>('POST', `/ingestion/providers/${ids.provider}/api-keys`, { label: `throwaway ${++serial}` });
    if (created.status !== 201) throw new Error(`No throwaway API key: ${created.status} ${JSON.stringify(created.body)}`);
    return created.body.id;
  }

  async function throwawayVersion(): Promise<string> {
    const effectiveFrom = `${2030 + Math.floor(serial / 12)}-${String((serial++ % 12) + 1).padStart(2, '0')}-01`;
    const contract = await admin<SlaContractDto>('POST', `/sla/contracts/${ids.contract}/versions`, { effectiveFrom });
    const version = contract.body.versions?.find((v) => v.effectiveFrom === effectiveFrom);
    if (!version) throw new Error(`No throwaway version: ${JSON.stringify(contract.body)}`);
    return version.id;
  }

  function serviceLevelBody() {
    return { name: `Voice SL ${++serial}`, kpiCode: 'service_level', serviceLine: 'voice', target: 0.8, minimum: 0.75, measurementPeriod: 'monthly', kind: 'key_measurement', poolAllocationPct: 0 };
  }

  /** Provider A's resource for each path parameter. */
  function pathParams(route: ApiRoute): Record<string, string> {
    const p = route.path;
    const idParam = p.startsWith('/api/providers/:id')
      ? ids.provider
      : p.startsWith('/api/drift/events/')
        ? ids.driftEvent
        : p.startsWith('/api/escalations/:id')
          ? ids.escalation
          : p.startsWith('/api/reports/')
            ? ids.report
            : p.startsWith('/api/ingestion/feeds/')
              ? ids.feed
              : p.includes('/runs/')
                ? ids.run
                : p.startsWith('/api/notifications/subscriptions/')
                  ? ids.subscription
                  : randomUUID(); // a caller's own mute window, outbox or mailbox message: not provider data
    return {
      id: idParam,
      providerId: ids.provider,
      contractId: ids.contract,
      versionId: ids.version,
      serviceLevelRowId: ids.serviceLevel,
      exclusionId: ids.exclusion,
      keyId: randomUUID(),
      kpiCode: 'aht',
      // Built-in KPIs cannot be changed; an unknown custom code keeps the catalog intact.
      code: p.startsWith('/api/kpis') ? (route.method === 'GET' ? 'aht' : 'no_such_custom_kpi') : 'NORTE',
    };
  }

  /** Queries and bodies that pass validation, so a caller outside provider A reaches the scope check (404). */
  function requestOf(route: ApiRoute): { query?: string; body?: unknown; rawBody?: string; headers?: Record<string, string> } {
    switch (key(route)) {
      case 'POST /api/escalations':
        return { body: { providerId: ids.provider, title: 'Raised by the authorization test', severity: 'low' } };
      case 'POST /api/ingestion/feeds':
        return { body: { providerId: ids.provider, name: `Feed ${++serial}`, connector: 'file_upload' } };
      case 'POST /api/sla/contracts':
        return { body: { providerId: ids.provider, name: `Contract ${++serial}`, terms: { currency: 'MXN', monthlyFee: 1000, atRiskPct: 10, effectiveFrom: '2026-01-01' } } };
      case 'POST /api/ingestion/feeds/:id/preview':
      case 'POST /api/ingestion/feeds/:id/upload':
        return multipartCsv();
      case 'GET /api/providers/:providerId/quarterly-commentary':
        return { query: 'quarter=2026-Q3' };
      case 'PUT /api/providers/:providerId/quarterly-commentary':
        return { query: 'quarter=2026-Q3', body: { commentary: 'Reviewed', actions: [] } };
      case 'GET /api/reports/:id/download':
        return { query: 'format=pdf' };
      case 'PUT /api/escalations/matrix/:providerId':
        return { body: { levels: [{ name: 'Account manager', ackWithinMinutes: 240, resolveWithinMinutes: 7200, contacts: [{ userId: ids.maria, email: 'maria.lopez@demo.kpigov.mx' }] }] } };
      case 'POST /api/escalations/:id/action-plan':
        return { body: { plan: 'Add two agents to the evening shift' } };
      case 'POST /api/escalations/:id/resolve':
        return { body: { rootCauseCategory: 'staffing', correctiveAction: 'Hired' } };
      case 'POST /api/escalations/:id/reopen':
        return { body: { reason: 'Came back' } };
      case 'POST /api/escalations/:id/comments':
        return { body: { text: 'Looking into it' } };
      case 'POST /api/escalations/:id/assign':
        return { body: { ownerUserId: ids.maria } };
      case 'POST /api/ingestion/feeds/:id/backfill':
        return { body: { from: '2026-10-01', to: '2026-10-02' } };
      case 'POST /api/ingestion/runs/:id/resubmit':
        return { body: { rows: [] } };
      case 'POST /api/sla/contracts/:contractId/versions':
        return { body: { effectiveFrom: '2029-01-01' } };
      case 'POST /api/sla/contracts/:contractId/versions/:versionId/service-levels':
      case 'PUT /api/sla/contracts/:contractId/versions/:versionId/service-levels/:serviceLevelRowId':
        return { body: serviceLevelBody() };
      case 'POST /api/sla/contracts/:contractId/exclusions':
        return { body: { from: '2026-07-01', to: '2026-07-01', reason: 'Storm' } };
      case 'POST /api/drift/evaluations':
        return { body: { providerId: ids.provider } };
      default:
        return { body: route.method === 'GET' || route.method === 'DELETE' ? undefined : {} };
    }
  }

  function multipartCsv(): { rawBody: string; headers: Record<string, string> } {
    const boundary = 'authz-test-boundary';
    const csv = 'date,site,service_line,kpi,numerator,denominator\r\n2026-10-01,MTY,voice,service_level,80,100\r\n';
    return {
      headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
      rawBody: `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="authz.csv"\r\nContent-Type: text/csv\r\n\r\n${csv}--${boundary}--\r\n`,
    };
  }

  async function call(route: ApiRoute, caller: Caller, expected: Expected): Promise<number> {
    // Refused callers never reach the handler (or, outside the provider, cannot touch it): the shared ids do.
    const throwaway = expected === 'allowed' ? await THROWAWAY[key(route)]?.() : undefined;
    const params = { ...pathParams(route), ...throwaway };
    const path = route.path.replace(/^\/api/, '').replace(/:([A-Za-z]+)/g, (_, name: string) => {
      if (!params[name]) throw new Error(`No value for :${name} in ${key(route)}`);
      return params[name];
    });
    const { query, body, rawBody, headers } = requestOf(route);
    const res = await t.request(route.method, query ? `${path}?${query}` : path, { headers: { ...headers, ...caller.headers }, body, rawBody });
    return res.status;
  }

  it('lists every route of the app in the matrix, and only those', () => {
    const registered = routes.map(key);
    expect(registered.length).toBeGreaterThan(50);
    expect(registered.filter((route) => !(route in ACCESS_MATRIX))).toEqual([]);
    expect(Object.keys(ACCESS_MATRIX).filter((route) => !registered.includes(route))).toEqual([]);
  });

  it('answers every route as the matrix says for every kind of caller', async () => {
    // Deletes late, so what they remove is not needed by any later call; signing out ends each caller's session, so last.
    const rank = (route: ApiRoute) => (key(route) === 'POST /api/auth/logout' ? 2 : route.method === 'DELETE' ? 1 : 0);
    const ordered = [...routes].sort((a, b) => rank(a) - rank(b));
    const mismatches: string[] = [];
    let checked = 0;
    for (const route of ordered) {
      const rule = ACCESS_MATRIX[key(route)];
      if (!rule) continue; // reported by the test above
      // Reads run for all callers at once; writes one caller after another, as their effects may interact.
      const expectations = callers.map((caller) => expectedAnswer(rule, caller));
      const statuses =
        route.method === 'GET'
          ? await Promise.all(callers.map((caller, i) => call(route, caller, expectations[i])))
          : await callers.reduce<Promise<number[]>>(async (done, caller, i) => [...(await done), await call(route, caller, expectations[i])], Promise.resolve([]));
      const publicStatuses = new Set<number>();
      callers.forEach((caller, i) => {
        const expected = expectations[i];
        checked++;
        if (rule.allow === 'public') publicStatuses.add(statuses[i]);
        if (!matches(expected, rule, statuses[i])) mismatches.push(`${key(route)} as ${caller.name}: expected ${expected}, got ${statuses[i]}`);
      });
      // A public route answers everyone alike: credentials neither help nor hurt.
      if (publicStatuses.size > 1) mismatches.push(`${key(route)} (public) answered differently by caller: ${[...publicStatuses].join(', ')}`);
    }
    expect(mismatches).toEqual([]);
    expect(checked).toBe(routes.length * callers.length);
  });

  it("keeps a provider's API key to its own provider's runs", async () => {
    const asKeyB = await t.request('GET', `/ingest/runs/${ids.run}`, { headers: { 'x-api-key': ids.apiKeyB } });
    expect(asKeyB.status).toBe(404);
    const asKeyA = await t.request<{ id: string; providerId: string }>('GET', `/ingest/runs/${ids.run}`, { headers: { 'x-api-key': ids.apiKeyA } });
    expect(asKeyA.status).toBe(200);
    expect(asKeyA.body.providerId).toBe(ids.provider);
  });

  it('answers an unknown api path with 404, not as a refused route', async () => {
    expect((await t.request('GET', '/no-such-endpoint', { headers: callers[0].headers })).status).toBe(404);
  });

  it('refuses an unknown API key on the push route with 401 (audited there), and any key on the routes for people', async () => {
    const unknown = { 'x-api-key': 'kpik_not-a-real-key' };
    expect((await t.request('POST', '/ingest/push', { headers: unknown, body: { observations: [] } })).status).toBe(401);
    expect((await t.request('GET', '/providers', { headers: unknown })).status).toBe(403);
  });
});
