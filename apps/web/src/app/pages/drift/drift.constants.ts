import { DriftEventStatus, DriftEventSummaryDto } from '@kpi/contracts';
import { SERVICE_LINES } from '@kpi/domain';

/** Translates a key (the Translator's `t`). */
export type Translate = (key: string, params?: Record<string, unknown>) => string;

/** The status filter: `null` = open and resolved. */
export const DRIFT_STATUS_OPTIONS: readonly { value: DriftEventStatus | ''; key: string }[] = [
  { value: 'open', key: 'drift.statusOptions.open' },
  { value: 'resolved', key: 'drift.statusOptions.resolved' },
  { value: '', key: 'drift.statusOptions.all' },
];

const FINDING_KINDS = new Set([
  'level_shift',
  'small_shift',
  'trend',
  'rule_violation',
  'variance_change',
  'score',
  'auto_fail',
  'score_and_auto_fail',
  'breach',
  'at_risk',
  'fast_burn',
]);

export function findingLabel(kind: string | null, t: Translate): string {
  if (!kind) return '–';
  return FINDING_KINDS.has(kind) ? t('drift.findings.' + kind) : kind;
}

/** "Monterrey · Voice", "All sites" for a provider-level event. */
export function describeSlice(e: Pick<DriftEventSummaryDto, 'siteCity' | 'serviceLine' | 'queue'>, t: Translate): string {
  if (!e.siteCity) return t('drift.slice.allSites');
  const line = SERVICE_LINES.find((l) => l.code === e.serviceLine)?.name;
  return [e.siteCity, line, e.queue ? t('drift.slice.team', { queue: e.queue }) : null].filter(Boolean).join(' · ');
}

/** "+13 %", "−5.2 %", "–"; a variability change is a change of the noise: "σ +151 %". */
export function formatChange(magnitude: number | null, findingKind: string | null = null): string {
  if (magnitude === null || !Number.isFinite(magnitude)) return '–';
  const p = magnitude * 100;
  const text = Math.abs(p) >= 10 ? Math.abs(p).toFixed(0) : Math.abs(p).toFixed(1);
  return `${findingKind === 'variance_change' ? 'σ ' : ''}${p >= 0 ? '+' : '−'}${text} %`;
}
