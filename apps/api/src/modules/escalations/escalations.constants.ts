import type { EscalationStatus } from '@kpi/domain';

export const ESCALATIONS_PAGE_SIZE = 50;
export const ESCALATIONS_MAX_PAGE_SIZE = 200;

/** The responsiveness figures cover this many days by default. */
export const RESPONSIVENESS_DEFAULT_DAYS = 90;

/** Advisory lock class: (class, hash of provider + scope) serialises opening escalations for one scope. */
export const ESCALATION_SCOPE_LOCK_CLASS = 7243400;

export const STATUS_LABELS: Record<EscalationStatus, string> = {
  open: 'Open',
  acknowledged: 'Acknowledged',
  action_plan_agreed: 'Action plan agreed',
  resolved: 'Resolved',
  closed: 'Closed',
  reopened: 'Reopened',
};

/** SQL list of the active statuses (they need work and can become overdue). */
export const ACTIVE_STATUSES_SQL = `('open','reopened','acknowledged','action_plan_agreed')`;

/** SQL: an active escalation past its acknowledge (unacknowledged only) or resolve deadline. */
export const OVERDUE_SQL = (alias: string, now = 'now()') =>
  `(${alias}.status IN ${ACTIVE_STATUSES_SQL} AND ((${alias}.status IN ('open','reopened') AND ${alias}.ack_due_at <= ${now}) OR ${alias}.resolve_due_at <= ${now}))`;
