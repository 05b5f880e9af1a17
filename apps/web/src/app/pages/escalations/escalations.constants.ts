import type { AlertKind, EscalationStatus, Severity } from '@kpi/domain';
import { ALERT_KINDS, ESCALATION_STATUSES, SEVERITIES } from '@kpi/domain';
import { ALERT_KIND_LABELS, ESCALATION_STATUS_LABELS, SEVERITY_LABELS } from '@kpi/web-ui';

export const STATUS_FILTER_OPTIONS: readonly { value: 'active' | 'all' | EscalationStatus; label: string }[] = [
  { value: 'active', label: 'Needs work' },
  { value: 'all', label: 'All' },
  ...ESCALATION_STATUSES.map((status) => ({ value: status, label: ESCALATION_STATUS_LABELS[status] })),
];

export const SEVERITY_FILTER_OPTIONS: readonly { value: Severity; label: string }[] = [...SEVERITIES]
  .reverse()
  .map((severity) => ({ value: severity, label: `${SEVERITY_LABELS[severity]}${severity === 'critical' ? '' : ' and above'}` }));

export const KIND_FILTER_OPTIONS: readonly { value: AlertKind; label: string }[] = ALERT_KINDS.map((kind) => ({
  value: kind,
  label: ALERT_KIND_LABELS[kind],
}));

export const NEW_ESCALATION_SEVERITIES: readonly { value: Severity; label: string }[] = SEVERITIES.map((severity) => ({
  value: severity,
  label: SEVERITY_LABELS[severity],
}));
