import {
  ALERT_WORSEN_FACTOR,
  ALERT_WORSEN_MIN_STEP,
  ALERT_UPDATE_MIN_STEP,
  DEFAULT_ESCALATION_TRIGGER_RULES,
  DRIFT_SEVERITY_THRESHOLDS,
  SEVERITIES,
} from './escalation.constants';
import type { AlertChangeType, AlertKind, EscalationTriggerRules, Severity } from './escalation.types';

/** 0 for low .. 3 for critical. */
export function severityRank(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

export function isSeverityAtLeast(severity: Severity, minimum: Severity): boolean {
  return severityRank(severity) >= severityRank(minimum);
}

export function maxSeverity(a: Severity, b: Severity): Severity {
  return severityRank(a) >= severityRank(b) ? a : b;
}

/** Rules of a provider merged over the defaults (a kind missing from `rules` keeps its default). */
export function resolveTriggerRules(rules: EscalationTriggerRules | null | undefined): Required<EscalationTriggerRules> {
  return { ...DEFAULT_ESCALATION_TRIGGER_RULES, ...(rules ?? {}) };
}

/** Whether an alert of this kind and severity opens an escalation under the rules. */
export function shouldOpenEscalation(
  kind: AlertKind,
  severity: Severity,
  rules?: EscalationTriggerRules | null,
): boolean {
  const minimum = resolveTriggerRules(rules)[kind];
  return minimum !== null && minimum !== undefined && isSeverityAtLeast(severity, minimum);
}

/** Severity of a relative KPI change (e.g. 0.11 = 11 % worse), from DRIFT_SEVERITY_THRESHOLDS; low below them. */
export function severityForRelativeChange(magnitude: number | null): Severity {
  if (magnitude === null || !Number.isFinite(magnitude)) return 'medium';
  const size = Math.abs(magnitude);
  for (const threshold of DRIFT_SEVERITY_THRESHOLDS) if (size >= threshold.atLeast) return threshold.severity;
  return 'low';
}

export interface AlertSnapshot {
  readonly status: 'open' | 'resolved';
  readonly severity: Severity;
  /** Relative change, when the source has one. */
  readonly magnitude: number | null;
}

export interface AlertReport {
  readonly severity: Severity;
  readonly magnitude: number | null;
  /** The source's own word for the transition, when it has one ("worsened" is trusted). */
  readonly hint?: 'opened' | 'updated' | 'worsened' | null;
}

/**
 * How a newly reported state of a source event relates to what was recorded before:
 * - nothing recorded: opened; recorded as resolved: reopened;
 * - severity up, the source saying "worsened", or the magnitude at ALERT_WORSEN_FACTOR x the previous one
 *   (and moved by at least ALERT_WORSEN_MIN_STEP): worsened;
 * - a change of severity, or of magnitude by at least ALERT_UPDATE_MIN_STEP: updated; otherwise unchanged.
 */
export function classifyAlertChange(previous: AlertSnapshot | null, next: AlertReport): AlertChangeType | 'unchanged' {
  if (!previous) return 'opened';
  if (previous.status === 'resolved') return 'reopened';
  if (next.hint === 'worsened') return 'worsened';
  if (severityRank(next.severity) > severityRank(previous.severity)) return 'worsened';
  if (next.magnitude !== null && previous.magnitude !== null) {
    const before = Math.abs(previous.magnitude);
    const after = Math.abs(next.magnitude);
    const eps = 1e-9; // 0.1 x 1.5 is 0.15000000000000002 in floating point
    if (after >= before * ALERT_WORSEN_FACTOR - eps && after - before >= ALERT_WORSEN_MIN_STEP - eps) return 'worsened';
  }
  if (next.severity !== previous.severity) return 'updated';
  if ((next.magnitude === null) !== (previous.magnitude === null)) return 'updated';
  if (next.magnitude !== null && previous.magnitude !== null) {
    if (Math.abs(next.magnitude - previous.magnitude) >= ALERT_UPDATE_MIN_STEP) return 'updated';
  }
  return 'unchanged';
}
