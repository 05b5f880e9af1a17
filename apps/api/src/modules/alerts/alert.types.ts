import type { AlertChangeType, AlertKind, Severity } from '@kpi/domain';

/** Anything that runs SQL: the DataSource, or the EntityManager of a transaction in progress. */
export interface SqlExecutor {
  query(sql: string, params?: unknown[]): Promise<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

/** A source event as the escalation seam recorded it (table alert_events). */
export interface AlertEventRecord {
  id: string;
  kind: AlertKind;
  sourceRef: string;
  providerId: string;
  siteId: string | null;
  serviceLine: string | null;
  queue: string | null;
  kpiCode: string | null;
  feedId: string | null;
  scopeLabel: string;
  severity: Severity;
  status: 'open' | 'resolved';
  lastChange: AlertChangeType;
  title: string;
  since: string | null;
  magnitude: number | null;
  baselineValue: number | null;
  currentValue: number | null;
  explanation: string | null;
  data: Record<string, unknown> | null;
  escalationId: string | null;
  openedAt: Date;
  updatedAt: Date;
  resolvedAt: Date | null;
}

export interface AlertReportInput {
  kind: AlertKind;
  sourceRef: string;
  providerId: string;
  siteId: string | null;
  serviceLine: string | null;
  queue: string | null;
  kpiCode: string | null;
  feedId: string | null;
  scopeLabel: string;
  severity: Severity;
  title: string;
  since: string | null;
  magnitude: number | null;
  baselineValue: number | null;
  currentValue: number | null;
  explanation: string | null;
  data: Record<string, unknown> | null;
  hint: 'opened' | 'updated' | 'worsened' | null;
}

export interface AlertRecordResult {
  alert: AlertEventRecord;
  change: AlertChangeType | 'unchanged';
  /** Id of the alert_event_changes row written, null when unchanged. */
  changeId: string | null;
}

/** One entry of an alert's history joined with the alert (what digests list). */
export interface AlertChangeRecord {
  changeId: string;
  change: AlertChangeType;
  severity: Severity;
  magnitude: number | null;
  createdAt: Date;
  alert: AlertEventRecord;
}
