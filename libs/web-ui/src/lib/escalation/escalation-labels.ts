import type { AlertKind, EscalationStatus, RootCauseCategory, Severity } from '@kpi/domain';
import type { EscalationTimelineEntryDto, OutboxStatus } from '@kpi/contracts';

export const SEVERITY_LABELS: Record<Severity, string> = { low: 'Low', medium: 'Medium', high: 'High', critical: 'Critical' };

export const ESCALATION_STATUS_LABELS: Record<EscalationStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  action_plan_agreed: 'Action plan agreed',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
};

export const ALERT_KIND_LABELS: Record<AlertKind, string> = {
  drift: 'KPI drift',
  sla_breach: 'SLA breach',
  qa_regression: 'QA regression',
  stale_feed: 'Stale data feed',
  manual: 'Opened by hand',
};

export const ROOT_CAUSE_LABELS: Record<RootCauseCategory, string> = {
  staffing: 'Staffing',
  training: 'Training',
  process: 'Process',
  technology: 'Technology',
  forecasting: 'Forecasting',
  data_quality: 'Data quality',
  external: 'External',
  client_side: 'Client side',
  no_fault_found: 'No fault found',
  other: 'Other',
};

export const OUTBOX_STATUS_LABELS: Record<OutboxStatus, string> = {
  queued: 'Queued',
  sent: 'Sent',
  failed: 'Failed',
  skipped: 'Skipped',
};

const ACTION_PHRASES: Record<string, string> = {
  opened: 'opened the escalation',
  acknowledge: 'acknowledged',
  propose_action_plan: 'proposed an action plan',
  agree_action_plan: 'agreed the action plan',
  resolve: 'resolved',
  close: 'closed',
  reopen: 'reopened',
  comment: 'commented',
  escalate: 'escalated',
  assign: 'changed the owner',
  source_linked: 'linked another source event',
  source_worsened: 'noted that the source got worse',
  source_resolved: 'noted that the source is back in control',
  source_reopened: 'noted that the source came back',
  severity_changed: 'raised the severity',
  final_level_overdue: 'reported it overdue at the last level',
};

/** "María López acknowledged", "System escalated to level 2". */
export function describeTimelineEntry(entry: Pick<EscalationTimelineEntryDto, 'action' | 'actorName' | 'level' | 'data'>): string {
  const phrase = ACTION_PHRASES[entry.action] ?? entry.action.replace(/_/g, ' ');
  if (entry.action === 'escalate' && entry.level) return `${entry.actorName} escalated to level ${entry.level}`;
  if (entry.action === 'resolve' && entry.data && typeof entry.data['rootCauseCategory'] === 'string') {
    const cause = ROOT_CAUSE_LABELS[entry.data['rootCauseCategory'] as RootCauseCategory] ?? entry.data['rootCauseCategory'];
    return `${entry.actorName} resolved (root cause: ${cause})`;
  }
  return `${entry.actorName} ${phrase}`;
}

/** 95 -> "1 h 35 min", 2880 -> "2 days". */
export function formatMinutes(minutes: number | null | undefined): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
  const total = Math.round(Math.abs(minutes));
  if (total < 60) return `${total} min`;
  if (total < 48 * 60) {
    const h = Math.floor(total / 60);
    const m = total % 60;
    return m === 0 ? `${h} h` : `${h} h ${m} min`;
  }
  const days = Math.round((total / (24 * 60)) * 10) / 10;
  return `${days} days`;
}

/** How far a deadline is from `now`: "in 2 h", "3 h overdue", or null without a deadline. */
export function describeDue(iso: string | null | undefined, now: Date): { text: string; overdue: boolean } | null {
  if (!iso) return null;
  const minutes = (Date.parse(iso) - now.getTime()) / 60_000;
  if (!Number.isFinite(minutes)) return null;
  return minutes >= 0 ? { text: `in ${formatMinutes(minutes)}`, overdue: false } : { text: `${formatMinutes(-minutes)} overdue`, overdue: true };
}

/** 0.112 -> "+11.2 %". */
export function formatRelativeChange(magnitude: number | null | undefined): string | null {
  if (magnitude === null || magnitude === undefined || !Number.isFinite(magnitude)) return null;
  const sign = magnitude > 0 ? '+' : magnitude < 0 ? '−' : '±';
  return `${sign}${Math.abs(magnitude * 100).toFixed(1)} %`;
}
