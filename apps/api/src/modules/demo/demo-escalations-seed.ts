import { DataSource, EntityManager } from 'typeorm';
import { addDays, levelDeadlines } from '@kpi/domain';
import { DEMO_ESCALATIONS, DEMO_MATRICES, DEMO_SUBSCRIPTIONS, DemoEscalation, DemoMatrixLevel } from './demo-escalations-data';

const MINUTE = 60_000;

/**
 * Seeds the escalation matrix of each demo provider, the account managers' alert subscriptions (a daily digest,
 * critical alerts at once) and a few escalations with their history. Runs once: when the demo providers exist
 * and no escalation matrix does. Returns false (changing nothing) otherwise.
 */
export async function seedDemoEscalations(dataSource: DataSource, lastDay: string, now = new Date()): Promise<boolean> {
  return dataSource.transaction(async (db) => {
    await db.query('SELECT pg_advisory_xact_lock(7243003)');
    const [{ count }] = await db.query('SELECT count(*)::int AS count FROM escalation_levels');
    if (count > 0) return false;
    const providers = await lookup(db, `SELECT code AS key, id FROM providers`);
    if (!Object.keys(DEMO_MATRICES).every((code) => providers.has(code))) return false;
    const sites = await lookup(db, `SELECT p.code || '/' || s.code AS key, s.id FROM sites s JOIN providers p ON p.id = s.provider_id`);
    const users = new Map<string, { id: string; name: string }>(
      (await db.query(`SELECT lower(email) AS email, id, display_name FROM users`)).map((r: Record<string, string>) => [
        r['email'],
        { id: r['id'], name: r['display_name'] },
      ]),
    );
    const kpiNames = await lookup(db, `SELECT code AS key, name AS id FROM kpi_definitions`);
    const cities = await lookup(db, `SELECT id AS key, city AS id FROM sites`);

    for (const [code, levels] of Object.entries(DEMO_MATRICES)) {
      await insertMatrix(db, providers.get(code) as string, levels, users);
    }

    for (const sub of DEMO_SUBSCRIPTIONS) {
      const user = users.get(sub.email);
      if (!user) continue;
      await db.query(
        `INSERT INTO user_notification_settings (user_id, time_zone) VALUES ($1, 'America/Mexico_City') ON CONFLICT DO NOTHING`,
        [user.id],
      );
      // Made a day ago, so its first daily digest is due as soon as the app runs.
      await db.query(
        `INSERT INTO alert_subscriptions (user_id, name, min_severity, immediate, immediate_min_severity, digest, digest_hour, created_at)
         VALUES ($1, $2, $3, true, 'critical', $4, $5, $6)`,
        [user.id, sub.name, sub.minSeverity, sub.digest, sub.digestHour, new Date(now.getTime() - 24 * 60 * MINUTE)],
      );
    }

    for (const escalation of DEMO_ESCALATIONS) {
      const providerId = providers.get(escalation.providerCode) as string;
      const siteId = escalation.siteCode ? (sites.get(`${escalation.providerCode}/${escalation.siteCode}`) ?? null) : null;
      await insertEscalation(db, escalation, providerId, siteId, DEMO_MATRICES[escalation.providerCode], users, lastDay, now, {
        kpiName: escalation.kpiCode ? (kpiNames.get(escalation.kpiCode) ?? escalation.kpiCode) : null,
        city: siteId ? (cities.get(siteId) ?? null) : null,
      });
    }
    return true;
  });
}

async function insertMatrix(
  db: EntityManager,
  providerId: string,
  levels: DemoMatrixLevel[],
  users: Map<string, { id: string; name: string }>,
): Promise<void> {
  await db.query(`INSERT INTO escalation_policies (provider_id, trigger_rules) VALUES ($1, '{}') ON CONFLICT DO NOTHING`, [providerId]);
  for (const [i, level] of levels.entries()) {
    const [{ id }] = await db.query(
      `INSERT INTO escalation_levels (provider_id, level, name, ack_within_minutes, resolve_within_minutes)
       VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [providerId, i + 1, level.name, level.ackWithinMinutes, level.resolveWithinMinutes],
    );
    for (const [position, contact] of level.contacts.entries()) {
      const user = users.get(contact.email.toLowerCase());
      await db.query(
        `INSERT INTO escalation_level_contacts (level_id, user_id, email, display_name, position) VALUES ($1, $2, $3, $4, $5)`,
        [id, user?.id ?? null, contact.email, user?.name ?? contact.name ?? contact.email, position],
      );
    }
  }
}

async function insertEscalation(
  db: EntityManager,
  e: DemoEscalation,
  providerId: string,
  siteId: string | null,
  levels: DemoMatrixLevel[],
  users: Map<string, { id: string; name: string }>,
  lastDay: string,
  now: Date,
  names: { kpiName: string | null; city: string | null },
): Promise<void> {
  const openedAt = new Date(now.getTime() - e.openedMinutesAgo * MINUTE);
  const at = (minutes: number) => new Date(openedAt.getTime() + minutes * MINUTE);
  const stepAt = (action: string) => {
    const step = e.steps.find((s) => s.action === action);
    return step ? at(step.atMinutes) : null;
  };
  const escalated = [...e.steps].reverse().find((s) => s.action === 'escalate');
  const levelStartedAt = escalated ? at(escalated.atMinutes) : openedAt;
  const rule = { level: e.level, ...levels[e.level - 1] };
  const unacknowledged = e.status === 'open' || e.status === 'reopened';
  const deadlines = levelDeadlines(levelStartedAt, rule, !unacknowledged);
  const first = levels[0];
  const owner = users.get(first.contacts[0].email.toLowerCase())?.id ?? null;
  const opener = e.openedBy ? (users.get(e.openedBy) ?? null) : null;
  const scopeLabel = [names.kpiName, names.city, e.serviceLine?.replace(/_/g, ' ')].filter(Boolean).join(' · ') || 'Whole provider';
  const scopeKey = e.kind === 'manual' ? `manual:demo:${e.key}` : [e.kind, siteId, e.serviceLine, null, e.kpiCode, null].map((p) => p ?? '*').join('|');
  const planDue = e.steps.find((s) => s.data?.['dueDate'])?.data?.['dueDate'] as string | undefined;
  const planDueDate = planDue ? addDays(openedAt.toISOString().slice(0, 10), Number(planDue.replace(/[^0-9]/g, ''))) : null;
  const active = ['open', 'reopened', 'acknowledged', 'action_plan_agreed'].includes(e.status);

  const [{ id }] = await db.query(
    `INSERT INTO escalations (provider_id, kind, severity, title, summary, site_id, service_line_code, kpi_code, scope_label,
       scope_key, status, level, level_started_at, owner_user_id, opened_by, opened_at, ack_due_at, resolve_due_at,
       acknowledged_at, resolved_at, closed_at, target_ack_minutes, target_resolve_minutes, action_plan, action_plan_due_date,
       action_plan_proposed_at, action_plan_agreed_at, root_cause_category, corrective_action, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25,
       $26, $27, $28, $29, $30) RETURNING id`,
    [
      providerId,
      e.kind,
      e.severity,
      e.title,
      e.explanation,
      siteId,
      e.serviceLine,
      e.kpiCode,
      scopeLabel,
      scopeKey,
      e.status,
      e.level,
      levelStartedAt,
      owner,
      opener?.id ?? null,
      openedAt,
      unacknowledged ? deadlines.ackDueAt : null,
      active ? deadlines.resolveDueAt : null,
      stepAt('acknowledge'),
      stepAt('resolve'),
      stepAt('close'),
      first.ackWithinMinutes,
      first.resolveWithinMinutes,
      e.actionPlan ?? null,
      planDueDate,
      stepAt('propose_action_plan'),
      stepAt('agree_action_plan'),
      e.rootCause ?? null,
      e.correctiveAction ?? null,
      e.steps.length > 0 ? at(e.steps[e.steps.length - 1].atMinutes) : openedAt,
    ],
  );

  const timeline = async (when: Date, actor: string | null, action: string, fields: { from?: string | null; to?: string | null; level: number; text: string | null; data?: unknown }) => {
    const user = actor ? users.get(actor) : undefined;
    await db.query(
      `INSERT INTO escalation_timeline (escalation_id, at, actor_user_id, actor_name, actor_role, action, from_status, to_status, level, text, data)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
      [
        id,
        when,
        user?.id ?? null,
        user?.name ?? 'System',
        user ? await roleOf(db, user.id) : 'system',
        action,
        fields.from ?? null,
        fields.to ?? null,
        fields.level,
        fields.text,
        fields.data ? JSON.stringify(fields.data) : null,
      ],
    );
  };
  await timeline(openedAt, e.openedBy, 'opened', { to: 'open', level: 1, text: e.explanation, data: { kind: e.kind, severity: e.severity, sourceRef: `demo:${e.key}` } });
  let status = 'open';
  let level = 1;
  for (const step of e.steps) {
    if (step.level) level = step.level;
    const text = step.text === '@plan' ? (e.actionPlan ?? null) : step.text === '@corrective' ? (e.correctiveAction ?? null) : (step.text ?? null);
    const data = step.data?.['dueDate'] ? { dueDate: planDueDate } : (step.data ?? null);
    const changed = step.toStatus && step.toStatus !== status;
    await timeline(at(step.atMinutes), step.actor, step.action, { from: changed ? status : null, to: changed ? step.toStatus : null, level, text, data });
    if (step.toStatus) status = step.toStatus;
  }

  const since = e.sinceDaysBeforeLastDay === null ? null : addDays(lastDay, -e.sinceDaysBeforeLastDay);
  const resolvedAt = e.status === 'resolved' || e.status === 'closed' ? stepAt('resolve') : null;
  const [{ id: alertId }] = await db.query(
    `INSERT INTO alert_events (kind, source_ref, provider_id, site_id, service_line_code, kpi_code, scope_label, severity, status,
       last_change, title, since, magnitude, baseline_value, current_value, explanation, escalation_id, opened_at, updated_at, resolved_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $18, $19) RETURNING id`,
    [
      e.kind,
      `demo:${e.key}`,
      providerId,
      siteId,
      e.serviceLine,
      e.kpiCode,
      scopeLabel,
      e.severity,
      resolvedAt ? 'resolved' : 'open',
      resolvedAt ? 'resolved' : 'opened',
      e.title,
      since,
      e.magnitude,
      e.baselineValue,
      e.currentValue,
      e.explanation,
      id,
      openedAt,
      resolvedAt,
    ],
  );
  await db.query(
    `INSERT INTO alert_event_changes (alert_event_id, change, severity, magnitude, created_at) VALUES ($1, 'opened', $2, $3, $4)`,
    [alertId, e.severity, e.magnitude, openedAt],
  );
  if (resolvedAt) {
    await db.query(
      `INSERT INTO alert_event_changes (alert_event_id, change, severity, magnitude, created_at) VALUES ($1, 'resolved', $2, $3, $4)`,
      [alertId, e.severity, e.magnitude, resolvedAt],
    );
  }
}

async function roleOf(db: EntityManager, userId: string): Promise<string> {
  const [row] = await db.query(`SELECT role FROM users WHERE id = $1`, [userId]);
  return row?.role ?? 'system';
}

async function lookup(db: EntityManager, sql: string): Promise<Map<string, string>> {
  const rows: { key: string; id: string }[] = await db.query(sql);
  return new Map(rows.map((r) => [r.key, r.id]));
}
