import type { Severity } from '@kpi/domain';
import { ESCALATION_STATUSES, SEVERITIES } from '@kpi/domain';
import type { EscalationStatusFilter } from '@kpi/contracts';

/** Status filter values; 'active' (needs work) is the default. */
export const STATUS_FILTERS: readonly EscalationStatusFilter[] = ['active', 'all', ...ESCALATION_STATUSES];

/** Severity filter values, most severe first ("High and above"). */
export const SEVERITY_FILTERS: readonly Severity[] = [...SEVERITIES].reverse();
