import { DriftEventKind, DriftEventStatus, DriftEventSummaryDto } from '@kpi/contracts';
import { SERVICE_LINES } from '@kpi/domain';

export const DRIFT_KIND_LABELS: Record<DriftEventKind, string> = {
  drift: 'KPI drift',
  qa_regression: 'QA regression',
  sla: 'SLA rule',
};

export const DRIFT_STATUS_OPTIONS: readonly { value: DriftEventStatus | ''; label: string }[] = [
  { value: 'open', label: 'Open' },
  { value: 'resolved', label: 'Resolved' },
  { value: '', label: 'Open and resolved' },
];

const FINDING_LABELS: Record<string, string> = {
  level_shift: 'Level shift',
  small_shift: 'Small persistent shift',
  trend: 'Gradual trend',
  rule_violation: 'Control-chart rule',
  variance_change: 'Variability change',
  score: 'QA score',
  auto_fail: 'Auto-fail rate',
  score_and_auto_fail: 'QA score and auto-fail rate',
  breach: 'Below minimum',
  at_risk: 'At risk',
  fast_burn: 'Fast error-budget burn',
};

export function findingLabel(kind: string | null): string {
  return kind ? (FINDING_LABELS[kind] ?? kind) : '–';
}

/** "Monterrey · Voice", "All sites" for a provider-level event. */
export function describeSlice(e: Pick<DriftEventSummaryDto, 'siteCity' | 'serviceLine' | 'queue'>): string {
  if (!e.siteCity) return 'All sites';
  const line = SERVICE_LINES.find((l) => l.code === e.serviceLine)?.name;
  return [e.siteCity, line, e.queue ? `team ${e.queue}` : null].filter(Boolean).join(' · ');
}

/** "+13 %", "−5.2 %", "–"; a variability change is a change of the noise: "σ +151 %". */
export function formatChange(magnitude: number | null, findingKind: string | null = null): string {
  if (magnitude === null || !Number.isFinite(magnitude)) return '–';
  const p = magnitude * 100;
  const text = Math.abs(p) >= 10 ? Math.abs(p).toFixed(0) : Math.abs(p).toFixed(1);
  return `${findingKind === 'variance_change' ? 'σ ' : ''}${p >= 0 ? '+' : '−'}${text} %`;
}
