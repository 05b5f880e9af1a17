import type {
  EscalationDetailDto,
  EscalationListDto,
  EscalationMatrixDto,
  EscalationResponsivenessDto,
} from '@kpi/contracts';
import { EscalationTriggerService } from '../../apps/api/src/modules/escalations/escalation-trigger.service';
import { startTestApp, TestApp } from './support/test-app';

const MISSING = '7d5e0c4a-8c57-4b8e-9f3e-0f1f2a3b4c5d';

describe('escalations: workflow, provider scoping, the trigger seam', () => {
  let t: TestApp;
  const providers: Record<string, string> = {};
  const tokens: Record<string, string> = {};
  let norteAht: string;
  let pacificoLevel2: string;
  let altiplanoClosed: string;

  beforeAll(async () => {
    // No scheduler: nothing changes behind the test's back; mail goes to the local catcher on any free port.
    t = await startTestApp({ ENABLE_SCHEDULER: 'false', MAIL_CATCHER_PORT: '0' });
    for (const row of await t.dataSource.query(`SELECT id, code FROM providers`)) providers[row.code] = row.id;
    for (const email of [
      'admin@demo.kpigov.mx',
      'maria.lopez@demo.kpigov.mx',
      'jorge.ramirez@demo.kpigov.mx',
      'exec@demo.kpigov.mx',
      'lead@norte.demo.kpigov.mx',
    ]) {
      tokens[email] = (await t.signIn(email)).accessToken;
    }
    const ids = async (title: string) =>
      (await t.dataSource.query(`SELECT id FROM escalations WHERE title = $1`, [title]))[0].id as string;
    norteAht = await ids('Average handle time drift at Monterrey');
    pacificoLevel2 = await ids('Service level drift at Guadalajara');
    altiplanoClosed = await ids('No data from the daily accounts-payable feed');
  });
  afterAll(() => t.close());

  const as = (email: string) => ({ token: tokens[email] });
  const lead = 'lead@norte.demo.kpigov.mx';
  const maria = 'maria.lopez@demo.kpigov.mx';

  it('lists the queue within the caller scope, overdue first', async () => {
    const list = await t.request<EscalationListDto>('GET', '/escalations', as(maria));
    expect(list.status).toBe(200);
    expect(new Set(list.body.items.map((e) => e.providerCode))).toEqual(new Set(['NORTE', 'PACIFICO']));
    // The seeded email-backlog escalation was not acknowledged within 4 hours: it leads the queue.
    expect(list.body.items[0]).toMatchObject({ title: 'Email backlog growing at Guadalajara', overdue: true, overdueReason: 'ack_overdue' });
    const overdueFlags = list.body.items.map((e) => e.overdue);
    expect(overdueFlags).toEqual([...overdueFlags].sort((a, b) => Number(b) - Number(a)));

    const leadList = await t.request<EscalationListDto>('GET', '/escalations?status=all', as(lead));
    expect(leadList.body.items.map((e) => e.providerCode)).toEqual(leadList.body.items.map(() => 'NORTE'));
    const closed = await t.request<EscalationListDto>('GET', '/escalations?status=closed', as('jorge.ramirez@demo.kpigov.mx'));
    expect(closed.body.items.map((e) => e.id)).toEqual([altiplanoClosed]);
    const filtered = await t.request<EscalationListDto>('GET', `/escalations?providerId=${providers['NORTE']}&severity=critical`, as(maria));
    expect(filtered.body.items.map((e) => e.id)).toEqual([norteAht]);
  });

  it('shows the detail with timeline, linked events, matrix and the actions the caller may take', async () => {
    const detail = await t.request<EscalationDetailDto>('GET', `/escalations/${pacificoLevel2}`, as(maria));
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ status: 'action_plan_agreed', level: 2, levelName: 'Provider operations lead', maxLevel: 3 });
    expect(detail.body.timeline.map((e) => e.action)).toEqual([
      'opened',
      'acknowledge',
      'comment',
      'propose_action_plan',
      'agree_action_plan',
      'escalate',
    ]);
    expect(detail.body.timeline[1].actorName).toBe('María López');
    expect(detail.body.linkedAlerts).toHaveLength(1);
    expect(detail.body.levels.map((l) => l.contacts.map((c) => c.email))).toEqual([
      ['maria.lopez@demo.kpigov.mx'],
      ['ops.lead@pacifico.demo.kpigov.mx'],
      ['exec@demo.kpigov.mx', 'sponsor@pacifico.demo.kpigov.mx'],
    ]);
    expect(detail.body.availableActions).toEqual(['propose_action_plan', 'resolve', 'comment', 'escalate', 'assign']);
    const execView = await t.request<EscalationDetailDto>('GET', `/escalations/${pacificoLevel2}`, as('exec@demo.kpigov.mx'));
    expect(execView.status).toBe(200);
    expect(execView.body.availableActions).toEqual([]);
  });

  it('a provider user cannot read or act on another provider escalation: 404 like a missing one', async () => {
    const foreign = await t.request('GET', `/escalations/${pacificoLevel2}`, as(lead));
    const missing = await t.request('GET', `/escalations/${MISSING}`, as(lead));
    expect(foreign.status).toBe(404);
    expect(foreign.body).toEqual(missing.body);
    for (const [path, body] of [
      ['acknowledge', {}],
      ['comments', { text: 'Looking' }],
      ['action-plan', { plan: 'A plan' }],
    ] as const) {
      const res = await t.request('POST', `/escalations/${pacificoLevel2}/${path}`, { ...as(lead), body });
      expect([path, res.status]).toEqual([path, 404]);
    }
    // Resolving is the client's: refused by role (access matrix) for any escalation, so existence is not revealed either.
    const resolve = { rootCauseCategory: 'staffing', correctiveAction: 'x' };
    const resolveForeign = await t.request('POST', `/escalations/${pacificoLevel2}/resolve`, { ...as(lead), body: resolve });
    const resolveMissing = await t.request('POST', `/escalations/${MISSING}/resolve`, { ...as(lead), body: resolve });
    expect([resolveForeign.status, resolveForeign.body]).toEqual([403, resolveMissing.body]);
    // ...and nothing changed.
    const after = await t.request<EscalationDetailDto>('GET', `/escalations/${pacificoLevel2}`, as(maria));
    expect(after.body.timeline).toHaveLength(6);
    // Account managers are scoped the same way.
    expect((await t.request('GET', `/escalations/${norteAht}`, as('jorge.ramirez@demo.kpigov.mx'))).status).toBe(404);
    expect((await t.request('GET', `/escalations/not-an-id`, as(maria))).status).toBe(404);
    expect((await t.request('GET', `/escalations/matrix/${providers['PACIFICO']}`, as(lead))).status).toBe(404);
  });

  it('runs the workflow: provider acknowledges and proposes, the client agrees, resolves, closes and reopens', async () => {
    const ack = await t.request<EscalationDetailDto>('POST', `/escalations/${norteAht}/acknowledge`, { ...as(lead), body: { note: 'On it' } });
    expect(ack.status).toBe(201);
    expect(ack.body.status).toBe('acknowledged');
    expect(ack.body.ackDueAt).toBeNull();

    // Provider staff may not agree their own plan, nor resolve.
    expect((await t.request('POST', `/escalations/${norteAht}/action-plan/agree`, { ...as(lead), body: { plan: 'x' } })).status).toBe(403);
    const plan = 'Retrain new hires on CRM shortcuts; cap after-call work at 60 s; daily AHT huddles';
    const proposed = await t.request<EscalationDetailDto>('POST', `/escalations/${norteAht}/action-plan`, {
      ...as(lead),
      body: { plan, dueDate: '2026-12-15' },
    });
    expect(proposed.body).toMatchObject({ status: 'acknowledged', actionPlan: plan, actionPlanDueDate: '2026-12-15' });
    expect((await t.request('POST', `/escalations/${norteAht}/resolve`, { ...as(lead), body: { rootCauseCategory: 'training', correctiveAction: 'x' } })).status).toBe(403);
    expect((await t.request('POST', `/escalations/${norteAht}/acknowledge`, { ...as(lead), body: {} })).status).toBe(409);
    expect((await t.request('POST', `/escalations/${norteAht}/acknowledge`, { ...as('exec@demo.kpigov.mx'), body: {} })).status).toBe(403);

    const comment = await t.request<EscalationDetailDto>('POST', `/escalations/${norteAht}/comments`, { ...as(maria), body: { text: 'Agreed, please report weekly.' } });
    expect(comment.status).toBe(201);
    const agreed = await t.request<EscalationDetailDto>('POST', `/escalations/${norteAht}/action-plan/agree`, { ...as(maria), body: {} });
    expect(agreed.body.status).toBe('action_plan_agreed');

    const noRootCause = await t.request<{ message: string }>('POST', `/escalations/${norteAht}/resolve`, { ...as(maria), body: { correctiveAction: 'x' } });
    expect(noRootCause.status).toBe(400);
    const resolved = await t.request<EscalationDetailDto>('POST', `/escalations/${norteAht}/resolve`, {
      ...as(maria),
      body: { rootCauseCategory: 'training', correctiveAction: 'New hires coached; AHT back to 360 s' },
    });
    expect(resolved.body).toMatchObject({ status: 'resolved', rootCauseCategory: 'training', resolveDueAt: null, overdue: false });
    const closed = await t.request<EscalationDetailDto>('POST', `/escalations/${norteAht}/close`, { ...as(maria), body: {} });
    expect(closed.body.status).toBe('closed');
    const reopened = await t.request<EscalationDetailDto>('POST', `/escalations/${norteAht}/reopen`, { ...as(maria), body: { reason: 'AHT up again' } });
    expect(reopened.body.status).toBe('reopened');
    expect(reopened.body.ackDueAt).not.toBeNull();

    const timeline = reopened.body.timeline;
    expect(timeline.map((e) => [e.action, e.actorName, e.fromStatus, e.toStatus])).toEqual([
      ['opened', 'System', null, 'open'],
      ['acknowledge', 'Luis Norte (provider lead)', 'open', 'acknowledged'],
      ['propose_action_plan', 'Luis Norte (provider lead)', null, null],
      ['comment', 'María López', null, null],
      ['agree_action_plan', 'María López', 'acknowledged', 'action_plan_agreed'],
      ['resolve', 'María López', 'action_plan_agreed', 'resolved'],
      ['close', 'María López', 'resolved', 'closed'],
      ['reopen', 'María López', 'closed', 'reopened'],
    ]);
    expect(timeline[2].text).toBe(plan);
    expect(timeline[5].data).toEqual({ rootCauseCategory: 'training' });
    // Who did what when: timestamps never go backwards.
    const times = timeline.map((e) => Date.parse(e.at));
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('opens manual escalations for the client side only, within scope', async () => {
    const created = await t.request<EscalationDetailDto>('POST', '/escalations', {
      ...as(maria),
      body: { providerId: providers['PACIFICO'], title: 'IVR outages in Querétaro', severity: 'high', summary: 'Three outages this week.' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ kind: 'manual', status: 'open', level: 1, ownerName: 'María López', summary: 'Three outages this week.' });
    expect(created.body.timeline[0]).toMatchObject({ action: 'opened', actorName: 'María López' });
    expect((await t.request('POST', '/escalations', { ...as(maria), body: { providerId: providers['ALTIPLANO'], title: 'Not mine', severity: 'low' } })).status).toBe(404);
    expect((await t.request('POST', '/escalations', { ...as(lead), body: { providerId: providers['NORTE'], title: 'Provider opens', severity: 'low' } })).status).toBe(403);
    expect((await t.request('POST', '/escalations', { ...as(maria), body: { providerId: providers['PACIFICO'], title: 'x', severity: 'huge' } })).status).toBe(400);
  });

  it('the seam: rules decide, one escalation per open source event, further sources of the same scope are linked', async () => {
    const trigger = t.app.get(EscalationTriggerService);
    const [site] = await t.dataSource.query(`SELECT id FROM sites WHERE provider_id = $1 AND code = 'QRO'`, [providers['PACIFICO']]);
    const base = {
      kind: 'drift' as const,
      providerId: providers['PACIFICO'],
      scope: { siteId: site.id, serviceLine: 'voice', kpiCode: 'abandonment_rate' },
      title: 'Abandonment rate drift at Querétaro',
      detail: { since: '2026-10-01', magnitude: 0.05, explanation: 'Abandonment at Querétaro voice is 5 % higher since 1 October.' },
    };
    // medium: alerted, not escalated
    const medium = await trigger.raise({ ...base, severity: 'medium', sourceRef: 'drift-event:test-1' });
    expect(medium).toMatchObject({ change: 'opened', escalationId: null, escalationOpened: false });
    // worse and high: now it escalates
    const high = await trigger.raise({ ...base, severity: 'high', sourceRef: 'drift-event:test-1', detail: { ...base.detail, magnitude: 0.09 } });
    expect(high).toMatchObject({ change: 'worsened', escalationOpened: true });
    // the same report again: nothing new
    const again = await trigger.raise({ ...base, severity: 'high', sourceRef: 'drift-event:test-1', detail: { ...base.detail, magnitude: 0.09 } });
    expect(again).toMatchObject({ change: 'unchanged', escalationId: high.escalationId, escalationOpened: false, outboxIds: [] });
    // concurrent reports of one new source: one alert, one escalation
    const concurrent = await Promise.all(
      [1, 2, 3].map(() => trigger.raise({ ...base, severity: 'critical', sourceRef: 'drift-event:test-2', detail: { ...base.detail, magnitude: 0.2 } })),
    );
    expect(new Set(concurrent.map((r) => r.alertId)).size).toBe(1);
    expect(concurrent.filter((r) => r.change === 'opened')).toHaveLength(1);
    // a second source of the same scope joins the open escalation (and raises its severity)
    expect(new Set(concurrent.map((r) => r.escalationId))).toEqual(new Set([high.escalationId]));
    const detail = await t.request<EscalationDetailDto>('GET', `/escalations/${high.escalationId}`, as(maria));
    expect(detail.body.linkedAlerts.map((a) => a.sourceRef).sort()).toEqual(['drift-event:test-1', 'drift-event:test-2']);
    expect(detail.body.severity).toBe('critical');
    expect(detail.body.timeline.map((e) => e.action)).toEqual(['opened', 'source_linked', 'severity_changed']);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM escalations WHERE scope_key LIKE 'drift|${site.id}|voice|*|abandonment_rate|*'`);
    expect(n).toBe(1);

    // the source resolves: noted on the escalation, which people still resolve with a root cause
    const resolved = await trigger.resolve({ kind: 'drift', sourceRef: 'drift-event:test-1' });
    expect(resolved?.change).toBe('resolved');
    expect((await trigger.resolve({ kind: 'drift', sourceRef: 'drift-event:test-1' }))?.change).toBe('unchanged');
    const afterResolve = await t.request<EscalationDetailDto>('GET', `/escalations/${high.escalationId}`, as(maria));
    expect(afterResolve.body.status).toBe('open');
    expect(afterResolve.body.timeline.map((e) => e.action)).toContain('source_resolved');

    // Unknown kinds and providers are refused.
    await expect(trigger.raise({ ...base, kind: 'weather' as never, severity: 'high', sourceRef: 'x' })).rejects.toThrow(/kind/);
    await expect(trigger.raise({ ...base, providerId: MISSING, severity: 'high', sourceRef: 'x' })).rejects.toThrow(/provider/);
  });

  it('a source that comes back reopens its resolved escalation', async () => {
    const trigger = t.app.get(EscalationTriggerService);
    const input = {
      kind: 'qa_regression' as const,
      providerId: providers['NORTE'],
      scope: { kpiCode: 'qa_score' },
      severity: 'high' as const,
      sourceRef: 'qa:test-reopen',
      title: 'QA score regression at Norte',
      detail: { magnitude: -0.04 },
    };
    const first = await trigger.raise(input);
    expect(first.escalationOpened).toBe(true);
    await t.request('POST', `/escalations/${first.escalationId}/resolve`, { ...as(maria), body: { rootCauseCategory: 'process', correctiveAction: 'Form fixed' } });
    await trigger.resolve({ kind: 'qa_regression', sourceRef: 'qa:test-reopen' });
    const back = await trigger.raise(input);
    expect(back).toMatchObject({ change: 'reopened', escalationId: first.escalationId, escalationOpened: false });
    const detail = await t.request<EscalationDetailDto>('GET', `/escalations/${first.escalationId}`, as(maria));
    expect(detail.body.status).toBe('reopened');
    expect(detail.body.timeline.at(-1)).toMatchObject({ action: 'reopen', actorName: 'System', fromStatus: 'resolved', toStatus: 'reopened' });
  });

  it('keeps the matrix per provider, validated, for the client side', async () => {
    const matrix = await t.request<EscalationMatrixDto>('GET', `/escalations/matrix/${providers['NORTE']}`, as(lead));
    expect(matrix.status).toBe(200);
    expect(matrix.body.levels.map((l) => [l.name, l.ackWithinMinutes, l.resolveWithinMinutes])).toEqual([
      ['Account manager', 240, 7200],
      ['Provider operations lead', 120, 4320],
      ['Executive sponsor / steering committee', 60, 2880],
    ]);
    expect(matrix.body.rules).toMatchObject({ drift: 'high', manual: 'low' });
    const body = {
      rules: { drift: 'critical', stale_feed: null },
      levels: [
        { name: 'Account manager', ackWithinMinutes: 60, resolveWithinMinutes: 600, contacts: [{ email: 'maria.lopez@demo.kpigov.mx' }] },
        { name: 'Ops lead', ackWithinMinutes: 30, resolveWithinMinutes: 300, contacts: [{ email: 'ops@norte.example.com', name: 'Ops' }] },
      ],
    };
    expect((await t.request('PUT', `/escalations/matrix/${providers['NORTE']}`, { ...as(lead), body })).status).toBe(403);
    expect((await t.request('PUT', `/escalations/matrix/${providers['ALTIPLANO']}`, { ...as(maria), body })).status).toBe(404);
    const bad = await t.request<{ message: string }>('PUT', `/escalations/matrix/${providers['NORTE']}`, {
      ...as(maria),
      body: { ...body, levels: [{ ...body.levels[0], contacts: [{ email: 'not-an-email' }] }] },
    });
    expect(bad.status).toBe(400);
    const saved = await t.request<EscalationMatrixDto>('PUT', `/escalations/matrix/${providers['NORTE']}`, { ...as(maria), body });
    expect(saved.status).toBe(200);
    expect(saved.body.rules).toMatchObject({ drift: 'critical', stale_feed: null, sla_breach: 'high' });
    expect(saved.body.levels).toHaveLength(2);
    // An address that belongs to a user is linked to that user; an outside one stays an address.
    expect(saved.body.levels[0].contacts[0]).toMatchObject({ email: 'maria.lopez@demo.kpigov.mx', name: 'María López' });
    expect(saved.body.levels[0].contacts[0].userId).toBeTruthy();
    expect(saved.body.levels[1].contacts[0]).toEqual({ userId: null, name: 'Ops', email: 'ops@norte.example.com' });
    const trigger = t.app.get(EscalationTriggerService);
    const high = await trigger.raise({
      kind: 'drift',
      providerId: providers['NORTE'],
      scope: { kpiCode: 'csat' },
      severity: 'high',
      sourceRef: 'drift-event:rule-test',
      title: 'CSAT drift at Norte',
    });
    expect(high.escalationId).toBeNull(); // drift now escalates only when critical
  });

  it('measures time to acknowledge and to resolve per provider', async () => {
    const res = await t.request<EscalationResponsivenessDto[]>('GET', '/escalations/responsiveness?from=2026-01-01&to=2027-12-31', as('jorge.ramirez@demo.kpigov.mx'));
    expect(res.status).toBe(200);
    expect(res.body).toHaveLength(1);
    // Seeded: acknowledged after 5 h (limit 4 h), resolved after 3 days (limit 5 days).
    expect(res.body[0]).toMatchObject({
      providerCode: 'ALTIPLANO',
      escalations: 1,
      acknowledged: 1,
      acknowledgedWithinTarget: 0,
      medianMinutesToAcknowledge: 300,
      resolved: 1,
      resolvedWithinTarget: 1,
      medianMinutesToResolve: 4320,
      openNow: 0,
    });
    const all = await t.request<EscalationResponsivenessDto[]>('GET', '/escalations/responsiveness?from=2026-01-01&to=2027-12-31', as('admin@demo.kpigov.mx'));
    expect(all.body.map((r) => r.providerCode)).toEqual(['ALTIPLANO', 'NORTE', 'PACIFICO']);
    const pacifico = all.body.find((r) => r.providerCode === 'PACIFICO')!;
    expect(pacifico.overdueNow).toBeGreaterThanOrEqual(1);
    expect((await t.request('GET', `/escalations/responsiveness?providerId=${providers['NORTE']}`, as('jorge.ramirez@demo.kpigov.mx'))).status).toBe(404);
  });
});
