import type {
  AgentErasureResultDto,
  AuditEntryDto,
  AuditPageDto,
  AuditVerificationDto,
  FeedDto,
  IngestionRunDetailDto,
  ProviderExportManifest,
  RetentionPolicyDto,
  RetentionPurgeResultDto,
} from '@kpi/contracts';
import { retentionCutoff } from '@kpi/domain';
import { parse as parseCsv } from 'csv-parse/sync';
import JSZip from 'jszip';
import { PROVIDER_EXPORT_TABLES } from '../../apps/api/src/modules/data-protection/provider-export.tables';
import { agentPseudonymiser } from '../../apps/api/src/modules/ingestion/secrets/credentials-cipher';
import { SchedulerService } from '../../apps/api/src/scheduling/scheduler.service';
import type { FreshProvider } from './support/fresh-provider';
import { createFixtureProvider, expectation, fixture, waitFor } from './support/ingestion-helpers';
import { startTestApp, TestApp } from './support/test-app';

const PSEUDONYMISATION_KEY = 'data-protection-test-key-0123456789abcdef';
const ADMIN = 'admin@demo.kpigov.mx';
const MARIA = 'maria.lopez@demo.kpigov.mx'; // account manager of NORTE + PACIFICO
const LEAD = 'lead@norte.demo.kpigov.mx'; // provider user of NORTE

describe('data protection: retention purge, erasure of one agent, provider export', () => {
  let t: TestApp;
  const tokens: Record<string, string> = {};
  let provider: FreshProvider; // the provider the tests act on
  let other: FreshProvider; // same agents, same fixtures: must never be touched or exported
  let northId: string;

  const api = <T>(method: string, path: string, body?: unknown, as = ADMIN) => t.request<T>(method, path, { token: tokens[as], body });
  const count = async (sql: string, params: unknown[] = []): Promise<number> => Number((await t.dataSource.query(sql, params))[0].n);
  const pseudonym = (providerId: string, agentId: string) => agentPseudonymiser(PSEUDONYMISATION_KEY, providerId)(agentId);
  const auditEntries = async (query: string): Promise<AuditEntryDto[]> => {
    const res = await api<AuditPageDto>('GET', `/admin/audit?${query}`);
    expect(res.status).toBe(200);
    return res.body.entries;
  };

  async function uploadQa(providerId: string, file: string): Promise<IngestionRunDetailDto> {
    const feed = await api<FeedDto>('POST', '/ingestion/feeds', { providerId, name: `QA ${file}`, connector: 'file_upload', sourceKind: 'qa_evaluations' });
    expect(feed.status).toBe(201);
    const form = new FormData();
    form.append('file', new Blob([new Uint8Array(fixture(file))]), 'qa.csv');
    form.append('mapping', JSON.stringify(expectation(file).mapping));
    const res = await fetch(`${t.baseUrl}/api/ingestion/feeds/${feed.body.id}/upload`, { method: 'POST', headers: { authorization: `Bearer ${tokens[ADMIN]}` }, body: form });
    return (await res.json()) as IngestionRunDetailDto;
  }

  beforeAll(async () => {
    t = await startTestApp({ PSEUDONYMISATION_KEY });
    for (const email of [ADMIN, MARIA, LEAD]) tokens[email] = (await t.signIn(email)).accessToken;
    northId = (await t.dataSource.query(`SELECT id FROM providers WHERE code = 'NORTE'`))[0].id;
    provider = await createFixtureProvider(t.dataSource, 'DPTEST');
    other = await createFixtureProvider(t.dataSource, 'DPOTHER');
    for (const p of [provider, other]) expect((await uploadQa(p.id, 'ok/qa-evaluations.csv')).status).toBe('succeeded');
    // A rejected batch keeps its invalid rows, raw agent ids included, for correction.
    expect((await uploadQa(provider.id, 'not-ok/qa-errors.csv')).status).toBe('rejected');
  });
  afterAll(() => t?.close());

  describe('GET /admin/retention', () => {
    it('shows the policy from the configuration, with today\'s cutoffs, to admins only', async () => {
      const res = await api<RetentionPolicyDto>('GET', '/admin/retention');
      expect(res.status).toBe(200);
      const now = new Date();
      expect(res.body.rules).toEqual([
        expect.objectContaining({ kind: 'qa_evaluations', kept: false, months: 18, cutoff: retentionCutoff(now, 18).cutoff }),
        expect.objectContaining({ kind: 'ingestion_row_errors', kept: false, months: 24, cutoff: retentionCutoff(now, 24).cutoff }),
        expect.objectContaining({ kind: 'audit_log', kept: true, months: null }),
        expect.objectContaining({ kind: 'aggregates', kept: true, months: null }),
      ]);
      expect((await api('GET', '/admin/retention', undefined, MARIA)).status).toBe(403);
      expect((await api('POST', '/admin/retention/purge', undefined, LEAD)).status).toBe(403);
    });

    it('follows RETENTION_* settings, and refuses a bad one at start-up', async () => {
      const { AppConfig } = await import('../../apps/api/src/config/app-config.service');
      const { parseEnv } = await import('../../apps/api/src/config/env.schema');
      expect(new AppConfig(parseEnv({ RETENTION_QA_EVALUATIONS_MONTHS: '6', RETENTION_INGESTION_ERRORS_MONTHS: '36' })).retentionPolicy).toEqual({
        qa_evaluations: 6,
        ingestion_row_errors: 36,
      });
      expect(() => parseEnv({ RETENTION_QA_EVALUATIONS_MONTHS: '0' })).toThrow(/RETENTION_QA_EVALUATIONS_MONTHS must be between 1 and 1200 months/);
      expect(() => parseEnv({ RETENTION_INGESTION_ERRORS_MONTHS: 'soon' })).toThrow(/RETENTION_INGESTION_ERRORS_MONTHS/);
    });
  });

  describe('erasing one agent', () => {
    it('removes only that agent\'s evaluations at that provider, keeps aggregates, and audits the pseudonym only', async () => {
      const key = pseudonym(provider.id, 'AG-1001');
      const before = {
        agent: await count(`SELECT count(*) AS n FROM qa_evaluations WHERE provider_id = $1 AND agent_key = $2`, [provider.id, key]),
        provider: await count(`SELECT count(*) AS n FROM qa_evaluations WHERE provider_id = $1`, [provider.id]),
        other: await t.dataSource.query(`SELECT id, agent_key FROM qa_evaluations WHERE provider_id = $1 ORDER BY id`, [other.id]),
        aggregates: await t.dataSource.query(
          `SELECT kpi_code, period_start::text, numerator, denominator FROM metric_observations WHERE provider_id = $1 ORDER BY 1, 2`,
          [provider.id],
        ),
      };
      expect(before.agent).toBe(2); // E-001 and E-003 of the fixture
      expect(before.aggregates.some((o: { kpi_code: string }) => o.kpi_code === 'qa_score')).toBe(true);

      const res = await api<AgentErasureResultDto>('POST', `/admin/providers/${provider.id}/agents/erase`, { agentId: '  AG-1001 ' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ providerId: provider.id, evaluationsRemoved: 2, rowErrorsRemoved: 0 });

      expect(await count(`SELECT count(*) AS n FROM qa_evaluations WHERE provider_id = $1 AND agent_key = $2`, [provider.id, key])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM qa_evaluations WHERE provider_id = $1`, [provider.id])).toBe(before.provider - 2);
      // The same agent id at another provider is another pseudonym, and is untouched.
      expect(await t.dataSource.query(`SELECT id, agent_key FROM qa_evaluations WHERE provider_id = $1 ORDER BY id`, [other.id])).toEqual(before.other);
      expect(before.other.some((r: { agent_key: string }) => r.agent_key === pseudonym(other.id, 'AG-1001'))).toBe(true);
      expect(
        await t.dataSource.query(`SELECT kpi_code, period_start::text, numerator, denominator FROM metric_observations WHERE provider_id = $1 ORDER BY 1, 2`, [provider.id]),
      ).toEqual(before.aggregates);

      const [entry] = await auditEntries(`action=qa_agent.erase&providerId=${provider.id}`);
      expect(entry).toMatchObject({ actorLabel: ADMIN, outcome: 'success', resourceType: 'qa_agent', resourceId: key, details: { evaluationsRemoved: 2, rowErrorsRemoved: 0 } });
      const everything = JSON.stringify(await t.dataSource.query(`SELECT * FROM audit_log`));
      expect(everything).not.toContain('AG-1001');
    });

    it('also removes the provider\'s rejected raw rows holding the agent id', async () => {
      const rawRows = `SELECT count(*) AS n FROM ingestion_row_errors e JOIN ingestion_runs r ON r.id = e.run_id
                       WHERE r.provider_id = $1 AND e.raw::text LIKE '%' || $2 || '%'`;
      const holding = await count(rawRows, [provider.id, 'AG-7002']);
      expect(holding).toBeGreaterThan(0);
      const allErrors = await count(`SELECT count(*) AS n FROM ingestion_row_errors`);

      const res = await api<AgentErasureResultDto>('POST', `/admin/providers/${provider.id}/agents/erase`, { agentId: 'AG-7002' });
      expect(res.status).toBe(200);
      expect(res.body).toEqual({ providerId: provider.id, evaluationsRemoved: 0, rowErrorsRemoved: holding });
      expect(await count(rawRows, [provider.id, 'AG-7002'])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM ingestion_row_errors`)).toBe(allErrors - holding);
    });

    it('answers 200 with 0 for an agent with no data, 404 for an unknown provider, 400 for a bad body, 403 for non-admins', async () => {
      const none = await api<AgentErasureResultDto>('POST', `/admin/providers/${provider.id}/agents/erase`, { agentId: 'AG-NOBODY' });
      expect(none.status).toBe(200);
      expect(none.body).toEqual({ providerId: provider.id, evaluationsRemoved: 0, rowErrorsRemoved: 0 });

      const rows = await count(`SELECT count(*) AS n FROM qa_evaluations`);
      const audits = await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'qa_agent.erase'`);
      expect((await api('POST', `/admin/providers/00000000-0000-4000-8000-000000000000/agents/erase`, { agentId: 'AG-1002' })).status).toBe(404);
      expect((await api('POST', `/admin/providers/not-a-uuid/agents/erase`, { agentId: 'AG-1002' })).status).toBe(404);
      for (const body of [{}, { agentId: '' }, { agentId: '   ' }, { agentId: 42 }, { agentId: 'x'.repeat(201) }, { agentId: 'AG-1002', extra: true }]) {
        const res = await api<{ message: string }>('POST', `/admin/providers/${provider.id}/agents/erase`, body);
        expect(res.status).toBe(400);
        expect(JSON.stringify(res.body)).toMatch(/agentId|extra/);
      }
      expect((await api('POST', `/admin/providers/${northId}/agents/erase`, { agentId: 'AG-1002' }, MARIA)).status).toBe(403);
      expect((await api('POST', `/admin/providers/${northId}/agents/erase`, { agentId: 'AG-1002' }, LEAD)).status).toBe(403);
      expect(await count(`SELECT count(*) AS n FROM qa_evaluations`)).toBe(rows);
      expect(await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'qa_agent.erase'`)).toBe(audits);
    });
  });

  describe('provider export', () => {
    beforeAll(async () => {
      // A contract and an escalation for each of the two providers.
      for (const p of [provider, other]) {
        await t.dataSource.query(`INSERT INTO sla_contracts (provider_id, name) VALUES ($1, $2)`, [p.id, `=${p.code} master services`]);
        await t.dataSource.query(
          `INSERT INTO escalations (provider_id, kind, severity, title, scope_label, scope_key, target_ack_minutes, target_resolve_minutes)
           VALUES ($1, 'manual', 'high', 'Export test', 'Provider', $2, 60, 480)`,
          [p.id, `provider:${p.id}`],
        );
      }
    });

    async function download(providerId: string, as = ADMIN): Promise<Response> {
      return fetch(`${t.baseUrl}/api/admin/providers/${providerId}/export`, { headers: { authorization: `Bearer ${tokens[as]}` } });
    }

    it('streams a ZIP with one CSV per table and a manifest whose counts match the database, and nothing of another provider', async () => {
      const res = await download(provider.id);
      expect(res.status).toBe(200);
      expect(res.headers.get('content-type')).toBe('application/zip');
      expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="provider-DPTEST-export-\d{4}-\d{2}-\d{2}\.zip"$/);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      const names = Object.keys(zip.files).sort();
      expect(names).toEqual([...PROVIDER_EXPORT_TABLES.map((f) => f.file), 'manifest.json'].sort());

      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ProviderExportManifest;
      expect(manifest.provider).toEqual({ id: provider.id, code: 'DPTEST', name: 'DPTEST test provider' });
      const expected: Record<string, number> = {
        'provider.csv': 1,
        'sites.csv': await count(`SELECT count(*) AS n FROM sites WHERE provider_id = $1`, [provider.id]),
        'metric_observations.csv': await count(`SELECT count(*) AS n FROM metric_observations WHERE provider_id = $1`, [provider.id]),
        'qa_evaluations.csv': await count(`SELECT count(*) AS n FROM qa_evaluations WHERE provider_id = $1`, [provider.id]),
        'sla_contracts.csv': 1,
        'escalations.csv': 1,
        'ingestion_runs.csv': await count(`SELECT count(*) AS n FROM ingestion_runs WHERE provider_id = $1`, [provider.id]),
      };
      expect(expected['qa_evaluations.csv']).toBe(3);
      expect(expected['metric_observations.csv']).toBeGreaterThan(0);
      expect(expected['ingestion_runs.csv']).toBe(2);
      const counts = Object.fromEntries(manifest.files.map((f) => [f.name, f.rows]));
      expect(counts).toMatchObject(expected);

      const otherIds = [other.id, northId, ...Object.values(other.sites)];
      const rawAgentIds = ['AG-1001', 'AG-1002', 'AG-2001', 'AG-2002', 'AG-7001'];
      for (const file of manifest.files) {
        const text = await zip.file(file.name)!.async('string');
        const rows = parseCsv(text, { columns: true, bom: true }) as Record<string, string>[];
        expect([file.name, rows.length]).toEqual([file.name, file.rows]);
        for (const row of rows) {
          if ('provider_id' in row && row['provider_id'] !== '') expect([file.name, row['provider_id']]).toEqual([file.name, provider.id]);
        }
        for (const id of otherIds) expect(text).not.toContain(id);
        for (const agent of rawAgentIds) expect(text).not.toContain(agent);
      }
      const evaluations = parseCsv(await zip.file('qa_evaluations.csv')!.async('string'), { columns: true, bom: true }) as Record<string, string>[];
      const keys = (await t.dataSource.query(`SELECT agent_key FROM qa_evaluations WHERE provider_id = $1`, [provider.id])).map((r: { agent_key: string }) => r.agent_key);
      expect(evaluations.map((e) => e.agent_key).sort()).toEqual(keys.sort());
      expect(evaluations[0].evaluated_at).toMatch(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}\+00$/);
      const [contract] = parseCsv(await zip.file('sla_contracts.csv')!.async('string'), { columns: true, bom: true }) as Record<string, string>[];
      expect(contract.name).toBe(`'=DPTEST master services`); // neutralised for spreadsheets
      const [site] = parseCsv(await zip.file('sites.csv')!.async('string'), { columns: true, bom: true }) as Record<string, string>[];
      expect(Object.keys(site)).toEqual(expect.arrayContaining(['id', 'provider_id', 'code', 'city', 'time_zone']));
    });

    it('is audited as an export of that provider, visible in its access log', async () => {
      expect((await download(provider.id)).status).toBe(200);
      const [entry] = await auditEntries(`action=provider.export&providerId=${provider.id}`);
      expect(entry).toMatchObject({ actorLabel: ADMIN, outcome: 'success', resourceType: 'provider', resourceId: provider.id, providerId: provider.id });
      const accessLog = await api<AuditPageDto>('GET', `/providers/${provider.id}/access-log`);
      expect(accessLog.body.entries.some((e) => e.action === 'provider.export' && e.actorLabel === ADMIN)).toBe(true);
    });

    it('streams a large provider through many batches with the same counts as the database', async () => {
      const observations = await count(`SELECT count(*) AS n FROM metric_observations WHERE provider_id = $1`, [northId]);
      expect(observations).toBeGreaterThan(10 * 2000); // well over one cursor batch
      const res = await download(northId);
      expect(res.status).toBe(200);
      const zip = await JSZip.loadAsync(Buffer.from(await res.arrayBuffer()));
      const manifest = JSON.parse(await zip.file('manifest.json')!.async('string')) as ProviderExportManifest;
      expect(manifest.files.find((f) => f.name === 'metric_observations.csv')?.rows).toBe(observations);
      const text = await zip.file('metric_observations.csv')!.async('string');
      const ids = (parseCsv(text, { columns: true, bom: true }) as Record<string, string>[]).map((r) => r['id']);
      expect(new Set(ids).size).toBe(observations);
    });

    it('answers 404 for an unknown provider and 403 for anyone but admins', async () => {
      expect((await download('00000000-0000-4000-8000-000000000000')).status).toBe(404);
      expect((await download('../../etc/passwd')).status).toBe(404);
      expect((await download(northId, MARIA)).status).toBe(403);
      expect((await download(northId, LEAD)).status).toBe(403);
    });
  });

  describe('retention purge', () => {
    const day = 86_400_000;

    async function seedQa(p: FreshProvider, evaluationId: string, at: Date): Promise<string> {
      const [row] = await t.dataSource.query(
        `INSERT INTO qa_evaluations (provider_id, site_id, service_line_code, evaluation_id, evaluated_at, agent_key, team, score, possible)
         VALUES ($1, $2, 'voice', $3, $4, $5, 'Purge team', 80, 100) RETURNING id`,
        [p.id, Object.values(p.sites)[0], evaluationId, at.toISOString(), pseudonym(p.id, `AG-${evaluationId}`)],
      );
      return String(row.id);
    }

    async function seedRunWithErrors(p: FreshProvider, startedAt: Date, errors: number): Promise<string> {
      const [run] = await t.dataSource.query(
        `INSERT INTO ingestion_runs (provider_id, trigger, connector, status, started_at, finished_at) VALUES ($1, 'upload', 'file_upload', 'rejected', $2, $2) RETURNING id`,
        [p.id, startedAt.toISOString()],
      );
      for (let i = 0; i < errors; i++) {
        await t.dataSource.query(`INSERT INTO ingestion_row_errors (run_id, line, reason, raw) VALUES ($1, $2, 'bad value', '{"agent_id": "AG-OLD"}')`, [run.id, i + 2]);
      }
      return run.id;
    }

    it('deletes exactly the QA rows and raw row errors older than their cutoffs, keeps the rest and every aggregate, and is audited', async () => {
      const now = new Date();
      const qaCutoff = new Date(retentionCutoff(now, 18).cutoff);
      const errorCutoff = new Date(retentionCutoff(now, 24).cutoff);
      const old = [
        await seedQa(provider, 'P-OLD-1', new Date(qaCutoff.getTime() - 40 * day)),
        await seedQa(provider, 'P-OLD-2', new Date(qaCutoff.getTime() - 1000)),
        await seedQa(other, 'O-OLD-1', new Date(qaCutoff.getTime() - 3 * day)),
      ];
      const recent = [
        await seedQa(provider, 'P-EDGE', qaCutoff),
        await seedQa(provider, 'P-NEW-1', new Date(qaCutoff.getTime() + day)),
        await seedQa(other, 'O-NEW-1', new Date(now.getTime() - day)),
      ];
      const oldRun = await seedRunWithErrors(provider, new Date(errorCutoff.getTime() - 5 * day), 3);
      const recentRun = await seedRunWithErrors(provider, new Date(errorCutoff.getTime() + 5 * day), 2);

      const qaIds = async (): Promise<string[]> => (await t.dataSource.query(`SELECT id::text FROM qa_evaluations ORDER BY id`)).map((r: { id: string }) => r.id);
      const qaBefore = await qaIds();
      // Everything older than the cutoff: the seeded old rows and the fixture's evaluations of March 2024.
      const qaExpiring: string[] = (await t.dataSource.query(`SELECT id::text FROM qa_evaluations WHERE evaluated_at < $1 ORDER BY id`, [qaCutoff.toISOString()])).map(
        (r: { id: string }) => r.id,
      );
      expect(qaExpiring).toEqual(expect.arrayContaining(old));
      expect(qaExpiring).not.toEqual(expect.arrayContaining([recent[0]]));
      const errorsBefore = await count(`SELECT count(*) AS n FROM ingestion_row_errors`);
      const aggregateTables = ['metric_observations', 'metric_rollups', 'metric_window_snapshots', 'drift_events', 'sla_contracts', 'escalations', 'ingestion_runs'];
      const aggregatesBefore = await Promise.all(aggregateTables.map((table) => count(`SELECT count(*) AS n FROM ${table}`)));
      const observationsSum = `SELECT coalesce(sum(numerator), 0)::float8 AS n FROM metric_observations`;
      const sumBefore = await count(observationsSum);
      const auditBefore = await count(`SELECT count(*) AS n FROM audit_log`);

      const res = await api<RetentionPurgeResultDto>('POST', '/admin/retention/purge');
      expect(res.status).toBe(200);
      expect(res.body.trigger).toBe('manual');
      expect(res.body.kinds).toEqual([
        { kind: 'qa_evaluations', months: 18, cutoff: qaCutoff.toISOString(), deleted: qaExpiring.length },
        { kind: 'ingestion_row_errors', months: 24, cutoff: errorCutoff.toISOString(), deleted: 3 },
      ]);

      expect(await qaIds()).toEqual(qaBefore.filter((id) => !qaExpiring.includes(id)));
      expect(await qaIds()).toEqual(expect.arrayContaining(recent));
      expect(await count(`SELECT count(*) AS n FROM ingestion_row_errors WHERE run_id = $1`, [oldRun])).toBe(0);
      expect(await count(`SELECT count(*) AS n FROM ingestion_row_errors WHERE run_id = $1`, [recentRun])).toBe(2);
      expect(await count(`SELECT count(*) AS n FROM ingestion_row_errors`)).toBe(errorsBefore - 3);
      expect(await Promise.all(aggregateTables.map((table) => count(`SELECT count(*) AS n FROM ${table}`)))).toEqual(aggregatesBefore);
      expect(await count(observationsSum)).toBe(sumBefore);

      // Exactly one audit record, by the admin, with the cutoffs and counts; the chain stays intact.
      expect(await count(`SELECT count(*) AS n FROM audit_log`)).toBe(auditBefore + 1);
      const [entry] = await auditEntries('action=retention.purge');
      expect(entry).toMatchObject({ actorLabel: ADMIN, outcome: 'success', resourceType: 'retention', details: { trigger: 'manual', kinds: res.body.kinds } });
      const verify = await api<AuditVerificationDto>('GET', '/admin/audit/verify');
      expect(verify.body.ok).toBe(true);

      // Running it again finds nothing more to delete.
      const again = await api<RetentionPurgeResultDto>('POST', '/admin/retention/purge');
      expect(again.body.kinds.map((k) => k.deleted)).toEqual([0, 0]);
    });

    it('runs daily from the scheduler through the purge-retention job, as the system', async () => {
      const expired = await seedQa(other, 'O-OLD-SCHEDULED', new Date(new Date(retentionCutoff(new Date(), 18).cutoff).getTime() - 2 * day));
      const before = await count(`SELECT count(*) AS n FROM audit_log WHERE action = 'retention.purge' AND actor_label = 'system'`);
      await t.app.get(SchedulerService).enqueueRetentionPurge();
      const entry = await waitFor(
        async () => (await auditEntries('action=retention.purge&actor=system')).length > before && (await auditEntries('action=retention.purge&actor=system'))[0],
        30_000,
        'the scheduled purge',
      );
      expect(entry).toMatchObject({ actorUserId: null, actorLabel: 'system', outcome: 'success', details: { trigger: 'schedule' } });
      expect((entry.details as RetentionPurgeResultDto).kinds[0]).toMatchObject({ kind: 'qa_evaluations', deleted: 1 });
      expect(await count(`SELECT count(*) AS n FROM qa_evaluations WHERE id = $1`, [expired])).toBe(0);
    });
  });
});
