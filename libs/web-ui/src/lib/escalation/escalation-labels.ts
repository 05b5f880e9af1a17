import type { AlertKind, EscalationStatus, RootCauseCategory, Severity } from '@kpi/domain';
import type { EscalationTimelineEntryDto, OutboxStatus } from '@kpi/contracts';
import type { Translate } from '../i18n/translate';

/** Labels of the escalation vocabulary; the strings are under `ui.*` in the dictionaries. */
export const severityLabel = (severity: Severity, t: Translate): string => t('ui.severity.' + severity);
export const escalationStatusLabel = (status: EscalationStatus, t: Translate): string => t('ui.escalationStatus.' + status);
export const alertKindLabel = (kind: AlertKind, t: Translate): string => t('ui.alertKind.' + kind);
export const rootCauseLabel = (cause: RootCauseCategory, t: Translate): string => t('ui.rootCause.' + cause);
export const outboxStatusLabel = (status: OutboxStatus, t: Translate): string => t('ui.outboxStatus.' + status);

const TIMELINE_ACTIONS = new Set([
  'opened',
  'acknowledge',
  'propose_action_plan',
  'agree_action_plan',
  'resolve',
  'close',
  'reopen',
  'comment',
  'escalate',
  'assign',
  'source_linked',
  'source_worsened',
  'source_resolved',
  'source_reopened',
  'severity_changed',
  'final_level_overdue',
]);

const ROOT_CAUSES = new Set(['staffing', 'training', 'process', 'technology', 'forecasting', 'data_quality', 'external', 'client_side', 'no_fault_found', 'other']);

/** "María López acknowledged", "System escalated to level 2". */
export function describeTimelineEntry(entry: Pick<EscalationTimelineEntryDto, 'action' | 'actorName' | 'level' | 'data'>, t: Translate): string {
  const actor = entry.actorName;
  if (entry.action === 'escalate' && entry.level) return t('ui.timeline.escalateToLevel', { actor, level: entry.level });
  if (entry.action === 'resolve' && entry.data && typeof entry.data['rootCauseCategory'] === 'string') {
    const category = entry.data['rootCauseCategory'];
    const cause = ROOT_CAUSES.has(category) ? rootCauseLabel(category as RootCauseCategory, t) : category;
    return t('ui.timeline.resolveWithCause', { actor, cause });
  }
  if (TIMELINE_ACTIONS.has(entry.action)) return t('ui.timeline.' + entry.action, { actor });
  return t('ui.timeline.other', { actor, action: entry.action.replace(/_/g, ' ') });
}

/** 95 -> "1 h 35 min", 2880 -> "2 days". */
export function formatMinutes(minutes: number | null | undefined, t: Translate): string {
  if (minutes === null || minutes === undefined || !Number.isFinite(minutes)) return '–';
  const total = Math.round(Math.abs(minutes));
  if (total < 60) return t('ui.duration.minutes', { minutes: total });
  if (total < 48 * 60) {
    const hours = Math.floor(total / 60);
    const rest = total % 60;
    return rest === 0 ? t('ui.duration.hours', { hours }) : t('ui.duration.hoursMinutes', { hours, minutes: rest });
  }
  const days = Math.round((total / (24 * 60)) * 10) / 10;
  return t('ui.duration.days', { days });
}

/** How far a deadline is from `now`: "in 2 h", "3 h overdue", or null without a deadline. */
export function describeDue(iso: string | null | undefined, now: Date, t: Translate): { text: string; overdue: boolean } | null {
  if (!iso) return null;
  const minutes = (Date.parse(iso) - now.getTime()) / 60_000;
  if (!Number.isFinite(minutes)) return null;
  return minutes >= 0
    ? { text: t('ui.due.in', { time: formatMinutes(minutes, t) }), overdue: false }
    : { text: t('ui.due.overdue', { time: formatMinutes(-minutes, t) }), overdue: true };
}

/** 0.112 -> "+11.2 %". */
export function formatRelativeChange(magnitude: number | null | undefined): string | null {
  if (magnitude === null || magnitude === undefined || !Number.isFinite(magnitude)) return null;
  const sign = magnitude > 0 ? '+' : magnitude < 0 ? '−' : '±';
  return `${sign}${Math.abs(magnitude * 100).toFixed(1)} %`;
}
