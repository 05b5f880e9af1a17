import { Injectable } from '@nestjs/common';
import { classifyAlertChange } from '@kpi/domain';
import type { AlertChangeRecord, AlertEventRecord, AlertRecordResult, AlertReportInput, SqlExecutor } from './alert.types';
import { AlertsRepository } from './alerts.repository';

/**
 * Source events (drift, SLA breaches, QA regressions, stale feeds, manual) as the escalation seam receives
 * them: one row per source event, and a history of its transitions (opened, worsened, updated, resolved,
 * reopened). Only transitions reach notifications; repeated reports of the same state change nothing.
 */
@Injectable()
export class AlertsService {
  constructor(private readonly alerts: AlertsRepository) {}

  /** Records a report of a source event in the caller's transaction (idempotent per kind + source ref). */
  async record(db: SqlExecutor, input: AlertReportInput): Promise<AlertRecordResult> {
    let existing = await this.alerts.findBySourceForUpdate(db, input.kind, input.sourceRef);
    if (!existing) {
      const inserted = await this.alerts.insert(db, input);
      if (inserted) {
        const changeId = await this.alerts.insertChange(db, inserted, 'opened', null);
        return { alert: inserted, change: 'opened', changeId };
      }
      // Another transaction recorded the same source a moment ago: continue from its row.
      existing = await this.alerts.findBySourceForUpdate(db, input.kind, input.sourceRef);
      if (!existing) throw new Error(`Alert ${input.kind}/${input.sourceRef} vanished while being recorded`);
    }
    const change = classifyAlertChange(
      { status: existing.status, severity: existing.severity, magnitude: existing.magnitude },
      { severity: input.severity, magnitude: input.magnitude, hint: input.hint },
    );
    if (change === 'unchanged') return { alert: existing, change, changeId: null };
    const alert = await this.alerts.update(db, existing.id, input, 'open', change);
    const changeId = await this.alerts.insertChange(db, alert, change, null);
    return { alert, change, changeId };
  }

  /** Marks a source event resolved (once); unknown or already resolved sources change nothing. */
  async resolve(db: SqlExecutor, kind: string, sourceRef: string, note: string | null): Promise<AlertRecordResult | null> {
    const existing = await this.alerts.findBySourceForUpdate(db, kind, sourceRef);
    if (!existing) return null;
    if (existing.status === 'resolved') return { alert: existing, change: 'unchanged', changeId: null };
    const alert = await this.alerts.markResolved(db, existing.id);
    const changeId = await this.alerts.insertChange(db, alert, 'resolved', note);
    return { alert, change: 'resolved', changeId };
  }

  linkEscalation(db: SqlExecutor, alertId: string, escalationId: string): Promise<void> {
    return this.alerts.setEscalation(db, alertId, escalationId);
  }

  linkedToEscalation(db: SqlExecutor, escalationId: string): Promise<AlertEventRecord[]> {
    return this.alerts.findByEscalation(db, escalationId);
  }

  findById(db: SqlExecutor, id: string): Promise<AlertEventRecord | null> {
    return this.alerts.findById(db, id);
  }

  changesForDigest(
    db: SqlExecutor,
    subscriptionId: string,
    after: Date,
    until: Date,
    providerIds: string[] | null,
  ): Promise<AlertChangeRecord[]> {
    return this.alerts.changesForDigest(db, subscriptionId, after, until, providerIds);
  }

  /** Open alerts of one kind (e.g. stale feeds, to resolve those whose feed delivers again). */
  openOfKind(db: SqlExecutor, kind: string): Promise<AlertEventRecord[]> {
    return this.alerts.openOfKind(db, kind);
  }

  openAlertsUnchangedSince(db: SqlExecutor, before: Date): Promise<AlertEventRecord[]> {
    return this.alerts.openAlertsUnchangedSince(db, before);
  }
}
