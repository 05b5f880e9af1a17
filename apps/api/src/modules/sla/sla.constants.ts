import type { ScorecardComponentKey } from '@kpi/domain';

/** Months shown by default on attainment and credits: the current month and the 5 before it. */
export const DEFAULT_SLA_MONTHS = 6;

/** Months a scorecard covers by default: the last 3 complete months. */
export const DEFAULT_SCORECARD_MONTHS = 3;

/** The widest window of months an SLA endpoint evaluates at once. */
export const MAX_SLA_MONTHS = 36;

/** Chronic failure looks this many months back (kpi-domain's default rule: 3 breaches in 6 months). */
export const CHRONIC_WINDOW_MONTHS = 6;

export const SCORECARD_COMPONENT_LABELS: Record<ScorecardComponentKey, string> = {
  sla_attainment: 'SLA attainment',
  qa_score: 'QA score',
  escalation_responsiveness: 'Escalation responsiveness',
  data_timeliness: 'Data timeliness',
};

/** The QA KPI the scorecard's QA component reads. */
export const QA_KPI_CODE = 'qa_score';

/** Roles that may change contracts, service levels and exclusions (within their providers). */
export const SLA_EDITOR_ROLES = ['admin', 'account_manager'] as const;
