import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertKind, EscalationStatus, Severity } from '@kpi/domain';
import type { EscalationResponsivenessDto, EscalationStatusFilter, EscalationTimelineEntryDto } from '@kpi/contracts';
import type { SqlExecutor } from '../alerts/alert.types';
import { ProviderScope } from '../auth/provider-scope';
import { ACTIVE_STATUSES_SQL, OVERDUE_SQL } from './escalations.constants';
import type { EscalationRecord, TimelineEntryInput } from './escalation.types';

const SELECT = `SELECT e.id, e.number, e.provider_id, p.code AS provider_code, p.name AS provider_name, e.kind, e.severity,
    e.title, e.summary, e.site_id, s.city AS site_city, e.service_line_code, e.queue, e.kpi_code, e.feed_id, e.scope_label,
    e.scope_key, e.status, e.level, e.level_started_at, e.owner_user_id, o.display_name AS owner_name, o.email AS owner_email,
    e.opened_at, e.ack_due_at, e.resolve_due_at, e.acknowledged_at, e.resolved_at, e.closed_at, e.target_ack_minutes,
    e.target_resolve_minutes, e.final_overdue_reported_at, e.action_plan, e.action_plan_due_date::text AS action_plan_due_date,
    e.action_plan_proposed_at, e.action_plan_agreed_at, e.root_cause_category, e.corrective_action, e.updated_at
  FROM escalations e
  JOIN providers p ON p.id = e.provider_id
  LEFT JOIN sites s ON s.id = e.site_id
  LEFT JOIN users o ON o.id = e.owner_user_id`;

export interface NewEscalation {
  providerId: string;
  kind: AlertKind;
  severity: Severity;
  title: string;
  summary: string | null;
  siteId: string | null;
  serviceLine: string | null;
  queue: string | null;
  kpiCode: string | null;
  feedId: string | null;
  scopeLabel: string;
  scopeKey: string;
  ownerUserId: string | null;
  openedBy: string | null;
  openedAt: Date;
  ackDueAt: Date | null;
  resolveDueAt: Date;
  targetAckMinutes: number;
  targetResolveMinutes: number;
}

/** Columns an action may change (snake_case column -> value). */
export type EscalationPatch = Partial<{
  status: EscalationStatus;
  severity: Severity;
  level: number;
  level_started_at: Date;
  owner_user_id: string | null;
  ack_due_at: Date | null;
  resolve_due_at: Date | null;
  acknowledged_at: Date | null;
  resolved_at: Date | null;
  closed_at: Date | null;
  final_overdue_reported_at: Date | null;
  action_plan: string | null;
  action_plan_due_date: string | null;
  action_plan_proposed_at: Date | null;
  action_plan_proposed_by: string | null;
  action_plan_agreed_at: Date | null;
  root_cause_category: string | null;
  corrective_action: string | null;
}>;

/** Every EscalationPatch key (the compiler checks the list is complete): the only names update() puts in SQL. */
const ESCALATION_PATCH_COLUMNS: ReadonlySet<string> = new Set(
  Object.keys({
    status: true,
    severity: true,
    level: true,
    level_started_at: true,
    owner_user_id: true,
    ack_due_at: true,
    resolve_due_at: true,
    acknowledged_at: true,
    resolved_at: true,
    closed_at: true,
    final_overdue_reported_at: true,
    action_plan: true,
    action_plan_due_date: true,
    action_plan_proposed_at: true,
    action_plan_proposed_by: true,
    action_plan_agreed_at: true,
    root_cause_category: true,
    corrective_action: true,
  } satisfies Record<keyof EscalationPatch, true>),
);

export interface EscalationListFilter {
  status: EscalationStatusFilter;
  providerId?: string;
  kind?: AlertKind;
  severities?: Severity[];
  overdue?: boolean;
  ownerUserId?: string;
  limit: number;
  offset: number;
}

@Injectable()
export class EscalationsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async find(db: SqlExecutor, id: string, scope: ProviderScope, lock = false): Promise<EscalationRecord | null> {
    const params: unknown[] = [id];
    const rows = await db.query(
      `${SELECT} WHERE e.id = $1 AND ${scope.sqlCondition('e.provider_id', params)}${lock ? ' FOR UPDATE OF e' : ''}`,
      params,
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Locks an escalation unless another transaction holds it (the scheduled check skips it then). */
  async lockIfFree(db: SqlExecutor, id: string): Promise<EscalationRecord | null> {
    const rows = await db.query(`${SELECT} WHERE e.id = $1 FOR UPDATE OF e SKIP LOCKED`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async findActiveByScope(db: SqlExecutor, providerId: string, scopeKey: string): Promise<EscalationRecord | null> {
    const rows = await db.query(
      `${SELECT} WHERE e.provider_id = $1 AND e.scope_key = $2 AND e.status IN ${ACTIVE_STATUSES_SQL} FOR UPDATE OF e`,
      [providerId, scopeKey],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async insert(db: SqlExecutor, n: NewEscalation): Promise<string> {
    const rows = await db.query(
      `INSERT INTO escalations (provider_id, kind, severity, title, summary, site_id, service_line_code, queue, kpi_code,
         feed_id, scope_label, scope_key, owner_user_id, opened_by, opened_at, level_started_at, ack_due_at, resolve_due_at,
         target_ack_minutes, target_resolve_minutes, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15, $16, $17, $18, $19, $15)
       RETURNING id`,
      [
        n.providerId,
        n.kind,
        n.severity,
        n.title.slice(0, 300),
        n.summary,
        n.siteId,
        n.serviceLine,
        n.queue,
        n.kpiCode,
        n.feedId,
        n.scopeLabel.slice(0, 300),
        n.scopeKey.slice(0, 400),
        n.ownerUserId,
        n.openedBy,
        n.openedAt,
        n.ackDueAt,
        n.resolveDueAt,
        n.targetAckMinutes,
        n.targetResolveMinutes,
      ],
    );
    return rows[0].id;
  }

  async update(db: SqlExecutor, id: string, patch: EscalationPatch): Promise<void> {
    const entries = Object.entries(patch);
    if (entries.length === 0) return;
    // Keys become column names, so only the allowlisted ones may pass (values always go as parameters).
    const unknown = entries.map(([column]) => column).filter((column) => !ESCALATION_PATCH_COLUMNS.has(column));
    if (unknown.length > 0) throw new Error(`Not escalation columns: ${unknown.join(', ')}`);
    const params: unknown[] = [id];
    const sets = entries.map(([column, value]) => `${column} = $${params.push(value)}`);
    await db.query(`UPDATE escalations SET ${sets.join(', ')}, updated_at = now() WHERE id = $1`, params);
  }

  async insertTimeline(db: SqlExecutor, t: TimelineEntryInput, at?: Date): Promise<string> {
    const rows = await db.query(
      `INSERT INTO escalation_timeline (escalation_id, at, actor_user_id, actor_name, actor_role, action, from_status, to_status, level, text, data)
       VALUES ($1, COALESCE($2, now()), $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
      [
        t.escalationId,
        at ?? null,
        t.actorUserId,
        t.actorName.slice(0, 200),
        t.actorRole,
        t.action,
        t.fromStatus,
        t.toStatus,
        t.level,
        t.text,
        t.data === null ? null : JSON.stringify(t.data),
      ],
    );
    return String(rows[0].id);
  }

  async timeline(db: SqlExecutor, id: string): Promise<EscalationTimelineEntryDto[]> {
    const rows = await db.query(
      `SELECT id, at, actor_name, actor_role, action, from_status, to_status, level, text, data
       FROM escalation_timeline WHERE escalation_id = $1 ORDER BY at, id`,
      [id],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: String(r['id']),
      at: (r['at'] as Date).toISOString(),
      action: r['action'] as EscalationTimelineEntryDto['action'],
      actorName: r['actor_name'] as string,
      actorRole: r['actor_role'] as EscalationTimelineEntryDto['actorRole'],
      fromStatus: (r['from_status'] as EscalationStatus | null) ?? null,
      toStatus: (r['to_status'] as EscalationStatus | null) ?? null,
      level: (r['level'] as number | null) ?? null,
      text: (r['text'] as string | null) ?? null,
      data: (r['data'] as Record<string, unknown> | null) ?? null,
    }));
  }

  /** The queue: overdue first, then the most severe, then the newest. */
  async list(scope: ProviderScope, f: EscalationListFilter): Promise<{ items: EscalationRecord[]; total: number }> {
    const params: unknown[] = [];
    const where = [scope.sqlCondition('e.provider_id', params)];
    if (f.status === 'active') where.push(`e.status IN ${ACTIVE_STATUSES_SQL}`);
    else if (f.status !== 'all') where.push(`e.status = $${params.push(f.status)}`);
    if (f.providerId) where.push(`e.provider_id = $${params.push(f.providerId)}`);
    if (f.kind) where.push(`e.kind = $${params.push(f.kind)}`);
    if (f.severities) where.push(`e.severity = ANY($${params.push(f.severities)}::text[])`);
    if (f.overdue === true) where.push(OVERDUE_SQL('e'));
    if (f.overdue === false) where.push(`NOT ${OVERDUE_SQL('e')}`);
    if (f.ownerUserId) where.push(`e.owner_user_id = $${params.push(f.ownerUserId)}`);
    const whereSql = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM escalations e WHERE ${whereSql}`, params);
    const rows = await this.dataSource.query(
      `${SELECT} WHERE ${whereSql}
       ORDER BY ${OVERDUE_SQL('e')} DESC,
         CASE e.status WHEN 'resolved' THEN 1 WHEN 'closed' THEN 2 ELSE 0 END,
         array_position(ARRAY['critical','high','medium','low']::text[], e.severity::text),
         LEAST(COALESCE(e.ack_due_at, e.resolve_due_at), e.resolve_due_at) NULLS LAST, e.opened_at DESC, e.id
       LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, f.limit, f.offset],
    );
    return { items: rows.map(toRecord), total };
  }

  /** Active escalations past a deadline at `now` (candidates of the scheduled check). */
  async overdueIds(db: SqlExecutor, now: Date): Promise<string[]> {
    const rows = await db.query(
      `SELECT e.id FROM escalations e WHERE ${OVERDUE_SQL('e', '$1')}
         AND NOT (e.final_overdue_reported_at IS NOT NULL AND e.final_overdue_reported_at >= e.level_started_at)
       ORDER BY e.opened_at LIMIT 500`,
      [now],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async providerOwnerCandidate(db: SqlExecutor, providerId: string): Promise<string | null> {
    const rows = await db.query(
      `SELECT u.id FROM users u JOIN user_provider_assignments a ON a.user_id = u.id
       WHERE a.provider_id = $1 AND u.role = 'account_manager' AND u.disabled_at IS NULL ORDER BY u.email LIMIT 1`,
      [providerId],
    );
    return rows[0]?.id ?? null;
  }

  /** Whether a user may own an escalation of this provider (client side, and sees the provider). */
  async canOwn(db: SqlExecutor, userId: string, providerId: string): Promise<boolean> {
    const rows = await db.query(
      `SELECT 1 FROM users u WHERE u.id = $1 AND u.disabled_at IS NULL AND (u.role = 'admin'
         OR (u.role = 'account_manager' AND EXISTS (SELECT 1 FROM user_provider_assignments a WHERE a.user_id = u.id AND a.provider_id = $2)))`,
      [userId, providerId],
    );
    return rows.length > 0;
  }

  async userName(db: SqlExecutor, userId: string): Promise<string | null> {
    const rows = await db.query(`SELECT display_name FROM users WHERE id = $1`, [userId]);
    return rows[0]?.display_name ?? null;
  }

  /** Scope label parts: the site's city and the KPI's name. */
  async labelParts(db: SqlExecutor, siteId: string | null, kpiCode: string | null): Promise<{ city: string | null; kpiName: string | null }> {
    const rows = await db.query(
      `SELECT (SELECT city FROM sites WHERE id = $1::uuid) AS city, (SELECT name FROM kpi_definitions WHERE code = $2) AS kpi_name`,
      [siteId, kpiCode],
    );
    return { city: rows[0]?.city ?? null, kpiName: rows[0]?.kpi_name ?? null };
  }

  async providerExists(db: SqlExecutor, providerId: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM providers WHERE id = $1`, [providerId]);
    return rows.length > 0;
  }

  /**
   * Time to acknowledge and to resolve per provider, for escalations opened in [from, to] (dates, UTC): first
   * acknowledgement and first resolution from the timeline, "within target" against the level-1 limits the
   * escalation was opened with; plus what is open and overdue now.
   */
  async responsiveness(scope: ProviderScope, from: string, to: string, providerId?: string): Promise<EscalationResponsivenessDto[]> {
    const params: unknown[] = [from, to];
    let where = scope.sqlCondition('p.id', params);
    if (providerId) where += ` AND p.id = $${params.push(providerId)}`;
    const rows = await this.dataSource.query(
      `WITH e AS (
         SELECT e.provider_id, e.opened_at, e.target_ack_minutes, e.target_resolve_minutes,
           (SELECT min(t.at) FROM escalation_timeline t WHERE t.escalation_id = e.id AND t.action = 'acknowledge') AS first_ack,
           (SELECT min(t.at) FROM escalation_timeline t WHERE t.escalation_id = e.id AND t.action = 'resolve') AS first_resolve
         FROM escalations e
         WHERE e.opened_at >= $1::date AND e.opened_at < $2::date + 1
       ), m AS (
         SELECT provider_id, count(*)::int AS escalations,
           count(first_ack)::int AS acknowledged,
           count(*) FILTER (WHERE first_ack <= opened_at + target_ack_minutes * interval '1 minute')::int AS ack_on_time,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_ack - opened_at) / 60)
             FILTER (WHERE first_ack IS NOT NULL) AS median_ack,
           avg(extract(epoch FROM first_ack - opened_at) / 60) AS mean_ack,
           count(first_resolve)::int AS resolved,
           count(*) FILTER (WHERE first_resolve <= opened_at + target_resolve_minutes * interval '1 minute')::int AS resolve_on_time,
           percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_resolve - opened_at) / 60)
             FILTER (WHERE first_resolve IS NOT NULL) AS median_resolve,
           avg(extract(epoch FROM first_resolve - opened_at) / 60) AS mean_resolve
         FROM e GROUP BY provider_id
       ), now_open AS (
         SELECT provider_id, count(*)::int AS open_now, count(*) FILTER (WHERE ${OVERDUE_SQL('x')})::int AS overdue_now
         FROM escalations x WHERE x.status IN ${ACTIVE_STATUSES_SQL} GROUP BY provider_id
       )
       SELECT p.id, p.code, p.name, m.*, n.open_now, n.overdue_now
       FROM providers p LEFT JOIN m ON m.provider_id = p.id LEFT JOIN now_open n ON n.provider_id = p.id
       WHERE ${where} ORDER BY p.name`,
      params,
    );
    const round = (v: unknown) => (v === null || v === undefined ? null : Math.round(Number(v) * 10) / 10);
    return rows.map((r: Record<string, unknown>) => ({
      providerId: r['id'] as string,
      providerCode: r['code'] as string,
      providerName: r['name'] as string,
      from,
      to,
      escalations: (r['escalations'] as number | null) ?? 0,
      acknowledged: (r['acknowledged'] as number | null) ?? 0,
      acknowledgedWithinTarget: (r['ack_on_time'] as number | null) ?? 0,
      medianMinutesToAcknowledge: round(r['median_ack']),
      meanMinutesToAcknowledge: round(r['mean_ack']),
      resolved: (r['resolved'] as number | null) ?? 0,
      resolvedWithinTarget: (r['resolve_on_time'] as number | null) ?? 0,
      medianMinutesToResolve: round(r['median_resolve']),
      meanMinutesToResolve: round(r['mean_resolve']),
      openNow: (r['open_now'] as number | null) ?? 0,
      overdueNow: (r['overdue_now'] as number | null) ?? 0,
    }));
  }
}

function date(value: unknown): Date | null {
  return value === null || value === undefined ? null : (value as Date);
}

export function toRecord(r: Record<string, unknown>): EscalationRecord {
  return {
    id: r['id'] as string,
    number: Number(r['number']),
    providerId: r['provider_id'] as string,
    providerCode: r['provider_code'] as string,
    providerName: r['provider_name'] as string,
    kind: r['kind'] as EscalationRecord['kind'],
    severity: r['severity'] as EscalationRecord['severity'],
    title: r['title'] as string,
    summary: (r['summary'] as string | null) ?? null,
    siteId: (r['site_id'] as string | null) ?? null,
    siteCity: (r['site_city'] as string | null) ?? null,
    serviceLine: (r['service_line_code'] as string | null) ?? null,
    queue: (r['queue'] as string | null) ?? null,
    kpiCode: (r['kpi_code'] as string | null) ?? null,
    feedId: (r['feed_id'] as string | null) ?? null,
    scopeLabel: r['scope_label'] as string,
    scopeKey: r['scope_key'] as string,
    status: r['status'] as EscalationStatus,
    level: Number(r['level']),
    levelStartedAt: r['level_started_at'] as Date,
    ownerUserId: (r['owner_user_id'] as string | null) ?? null,
    ownerName: (r['owner_name'] as string | null) ?? null,
    ownerEmail: (r['owner_email'] as string | null) ?? null,
    openedAt: r['opened_at'] as Date,
    ackDueAt: date(r['ack_due_at']),
    resolveDueAt: date(r['resolve_due_at']),
    acknowledgedAt: date(r['acknowledged_at']),
    resolvedAt: date(r['resolved_at']),
    closedAt: date(r['closed_at']),
    targetAckMinutes: Number(r['target_ack_minutes']),
    targetResolveMinutes: Number(r['target_resolve_minutes']),
    finalOverdueReportedAt: date(r['final_overdue_reported_at']),
    actionPlan: (r['action_plan'] as string | null) ?? null,
    actionPlanDueDate: (r['action_plan_due_date'] as string | null) ?? null,
    actionPlanProposedAt: date(r['action_plan_proposed_at']),
    actionPlanAgreedAt: date(r['action_plan_agreed_at']),
    rootCauseCategory: (r['root_cause_category'] as EscalationRecord['rootCauseCategory']) ?? null,
    correctiveAction: (r['corrective_action'] as string | null) ?? null,
    updatedAt: r['updated_at'] as Date,
  };
}
