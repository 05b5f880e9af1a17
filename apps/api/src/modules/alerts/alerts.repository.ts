import { Injectable } from '@nestjs/common';
import type { AlertChangeType } from '@kpi/domain';
import type { AlertChangeRecord, AlertEventRecord, AlertReportInput, SqlExecutor } from './alert.types';

const COLUMNS = `e.id, e.kind, e.source_ref, e.provider_id, e.site_id, e.service_line_code, e.queue, e.kpi_code, e.feed_id,
  e.scope_label, e.severity, e.status, e.last_change, e.title, e.since::text AS since, e.magnitude, e.baseline_value,
  e.current_value, e.explanation, e.data, e.escalation_id, e.opened_at, e.updated_at, e.resolved_at`;

/** SQL on alert_events and alert_event_changes; every method runs on the caller's executor (transaction). */
@Injectable()
export class AlertsRepository {
  async findBySourceForUpdate(db: SqlExecutor, kind: string, sourceRef: string): Promise<AlertEventRecord | null> {
    const rows = await db.query(`SELECT ${COLUMNS} FROM alert_events e WHERE e.kind = $1 AND e.source_ref = $2 FOR UPDATE`, [
      kind,
      sourceRef,
    ]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /** Inserts a new open alert; null when another transaction inserted the same source first. */
  async insert(db: SqlExecutor, input: AlertReportInput): Promise<AlertEventRecord | null> {
    const rows = await db.query(
      `WITH inserted AS (
         INSERT INTO alert_events AS e (kind, source_ref, provider_id, site_id, service_line_code, queue, kpi_code, feed_id,
           scope_label, severity, title, since, magnitude, baseline_value, current_value, explanation, data)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)
         ON CONFLICT (kind, source_ref) DO NOTHING
         RETURNING ${COLUMNS}
       ) SELECT * FROM inserted`,
      [
        input.kind,
        input.sourceRef,
        input.providerId,
        input.siteId,
        input.serviceLine,
        input.queue,
        input.kpiCode,
        input.feedId,
        input.scopeLabel,
        input.severity,
        input.title,
        input.since,
        input.magnitude,
        input.baselineValue,
        input.currentValue,
        input.explanation,
        input.data === null ? null : JSON.stringify(input.data),
      ],
    );
    return rows[0] ? toRecord(rows[0]) : null;
  }

  async update(
    db: SqlExecutor,
    id: string,
    input: AlertReportInput,
    status: 'open' | 'resolved',
    lastChange: AlertChangeType,
  ): Promise<AlertEventRecord> {
    const rows = await db.query(
      `WITH updated AS (
         UPDATE alert_events e SET severity = $2, title = $3, since = $4, magnitude = $5, baseline_value = $6,
           current_value = $7, explanation = $8, data = $9, scope_label = $10, status = $11::text, last_change = $12,
           resolved_at = CASE WHEN $11::text = 'resolved' THEN COALESCE(e.resolved_at, now()) ELSE NULL END,
           updated_at = now()
         WHERE e.id = $1
         RETURNING ${COLUMNS}
       ) SELECT * FROM updated`,
      [
        id,
        input.severity,
        input.title,
        input.since,
        input.magnitude,
        input.baselineValue,
        input.currentValue,
        input.explanation,
        input.data === null ? null : JSON.stringify(input.data),
        input.scopeLabel,
        status,
        lastChange,
      ],
    );
    return toRecord(rows[0]);
  }

  async markResolved(db: SqlExecutor, id: string): Promise<AlertEventRecord> {
    const rows = await db.query(
      `WITH updated AS (
         UPDATE alert_events e SET status = 'resolved', last_change = 'resolved', resolved_at = now(), updated_at = now()
         WHERE e.id = $1 RETURNING ${COLUMNS}
       ) SELECT * FROM updated`,
      [id],
    );
    return toRecord(rows[0]);
  }

  async insertChange(
    db: SqlExecutor,
    alert: AlertEventRecord,
    change: AlertChangeType,
    note: string | null,
  ): Promise<string> {
    const rows = await db.query(
      `INSERT INTO alert_event_changes (alert_event_id, change, severity, magnitude, note) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [alert.id, change, alert.severity, alert.magnitude, note],
    );
    return String(rows[0].id);
  }

  async setEscalation(db: SqlExecutor, alertId: string, escalationId: string): Promise<void> {
    await db.query(`UPDATE alert_events SET escalation_id = $2 WHERE id = $1`, [alertId, escalationId]);
  }

  async findByEscalation(db: SqlExecutor, escalationId: string): Promise<AlertEventRecord[]> {
    const rows = await db.query(`SELECT ${COLUMNS} FROM alert_events e WHERE e.escalation_id = $1 ORDER BY e.opened_at`, [
      escalationId,
    ]);
    return rows.map(toRecord);
  }

  async findById(db: SqlExecutor, id: string): Promise<AlertEventRecord | null> {
    const rows = await db.query(`SELECT ${COLUMNS} FROM alert_events e WHERE e.id = $1`, [id]);
    return rows[0] ? toRecord(rows[0]) : null;
  }

  /**
   * Changes worth a digest line (opened, worsened, reopened, resolved) created in (after, until], of providers
   * in `providerIds` (null = all), that the subscription has not had in a digest yet.
   */
  async changesForDigest(
    db: SqlExecutor,
    subscriptionId: string,
    after: Date,
    until: Date,
    providerIds: string[] | null,
  ): Promise<AlertChangeRecord[]> {
    const params: unknown[] = [subscriptionId, after, until];
    const providerSql = providerIds === null ? '' : ` AND e.provider_id = ANY($${params.push(providerIds)}::uuid[])`;
    const rows = await db.query(
      `SELECT c.id AS change_id, c.change, c.severity AS change_severity, c.magnitude AS change_magnitude,
              c.created_at AS change_created_at, ${COLUMNS}
       FROM alert_event_changes c JOIN alert_events e ON e.id = c.alert_event_id
       WHERE c.change IN ('opened','worsened','reopened','resolved')
         AND c.created_at > $2 AND c.created_at <= $3 ${providerSql}
         AND NOT EXISTS (SELECT 1 FROM alert_digest_items d WHERE d.subscription_id = $1 AND d.change_id = c.id)
       ORDER BY c.id`,
      params,
    );
    return rows.map((r: Record<string, unknown>) => ({
      changeId: String(r['change_id']),
      change: r['change'] as AlertChangeType,
      severity: r['change_severity'] as AlertChangeRecord['severity'],
      magnitude: r['change_magnitude'] === null ? null : Number(r['change_magnitude']),
      createdAt: r['change_created_at'] as Date,
      alert: toRecord(r),
    }));
  }

  async openOfKind(db: SqlExecutor, kind: string): Promise<AlertEventRecord[]> {
    const rows = await db.query(`SELECT ${COLUMNS} FROM alert_events e WHERE e.kind = $1 AND e.status = 'open' ORDER BY e.opened_at`, [kind]);
    return rows.map(toRecord);
  }

  /** Open alerts that changed or were mailed about longer than `before` ago (reminder candidates). */
  async openAlertsUnchangedSince(db: SqlExecutor, before: Date): Promise<AlertEventRecord[]> {
    const rows = await db.query(
      `SELECT ${COLUMNS} FROM alert_events e WHERE e.status = 'open' AND e.updated_at <= $1 ORDER BY e.opened_at LIMIT 1000`,
      [before],
    );
    return rows.map(toRecord);
  }
}

function num(value: unknown): number | null {
  return value === null || value === undefined ? null : Number(value);
}

export function toRecord(r: Record<string, unknown>): AlertEventRecord {
  return {
    id: r['id'] as string,
    kind: r['kind'] as AlertEventRecord['kind'],
    sourceRef: r['source_ref'] as string,
    providerId: r['provider_id'] as string,
    siteId: (r['site_id'] as string | null) ?? null,
    serviceLine: (r['service_line_code'] as string | null) ?? null,
    queue: (r['queue'] as string | null) ?? null,
    kpiCode: (r['kpi_code'] as string | null) ?? null,
    feedId: (r['feed_id'] as string | null) ?? null,
    scopeLabel: r['scope_label'] as string,
    severity: r['severity'] as AlertEventRecord['severity'],
    status: r['status'] as AlertEventRecord['status'],
    lastChange: r['last_change'] as AlertChangeType,
    title: r['title'] as string,
    since: (r['since'] as string | null) ?? null,
    magnitude: num(r['magnitude']),
    baselineValue: num(r['baseline_value']),
    currentValue: num(r['current_value']),
    explanation: (r['explanation'] as string | null) ?? null,
    data: (r['data'] as Record<string, unknown> | null) ?? null,
    escalationId: (r['escalation_id'] as string | null) ?? null,
    openedAt: r['opened_at'] as Date,
    updatedAt: r['updated_at'] as Date,
    resolvedAt: (r['resolved_at'] as Date | null) ?? null,
  };
}
