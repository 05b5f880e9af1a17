import { severityForRelativeChange, type Severity } from '@kpi/domain';
import type { DriftEventSummaryDto } from '@kpi/contracts';
import type { EscalationTriggerInput } from '../escalation-trigger.service';

/** The source reference of a drift event in the escalation seam. */
export function driftSourceRef(eventId: string): string {
  return `drift-event:${eventId}`;
}

const SLA_SEVERITY: Record<string, Severity> = { breach: 'critical', fast_burn: 'medium', at_risk: 'low' };
const SLA_WORDS: Record<string, string> = { breach: 'below the SLA minimum', fast_burn: 'burning its SLA error budget fast', at_risk: 'at risk of missing the SLA' };

/**
 * Severity of a drift event: drifts by the size of the relative change; QA regressions weigh more per point
 * (a 3 % relative drop of QA score is already high); SLA rules by what they found (a breach is critical).
 */
export function driftSeverity(event: Pick<DriftEventSummaryDto, 'kind' | 'findingKind' | 'magnitude'>): Severity {
  if (event.kind === 'sla') return SLA_SEVERITY[event.findingKind ?? ''] ?? 'medium';
  if (event.kind === 'qa_regression') {
    if (event.findingKind === 'auto_fail') return 'high';
    const size = Math.abs(event.magnitude ?? 0);
    return size >= 0.08 ? 'critical' : size >= 0.03 ? 'high' : 'medium';
  }
  return severityForRelativeChange(event.magnitude);
}

/** A drift event (adverse) as a report to the escalation seam. */
export function driftEventToTrigger(
  event: DriftEventSummaryDto,
  kpiName: string | null,
  transition: 'opened' | 'updated' | 'worsened' | null,
): EscalationTriggerInput {
  const what = kpiName ?? event.kpiCode;
  const where = event.siteCity ? ` at ${event.siteCity}` : '';
  const title =
    event.kind === 'sla'
      ? `${what}${where} ${SLA_WORDS[event.findingKind ?? ''] ?? 'SLA warning'}`
      : event.kind === 'qa_regression'
        ? `${what} regression${where}`
        : `${what} drift${where}`;
  return {
    kind: event.kind === 'sla' ? 'sla_breach' : event.kind === 'qa_regression' ? 'qa_regression' : 'drift',
    providerId: event.providerId,
    scope: {
      siteId: event.siteId,
      serviceLine: event.serviceLine,
      queue: event.queue || null,
      kpiCode: event.kpiCode,
    },
    severity: driftSeverity(event),
    sourceRef: driftSourceRef(event.id),
    title,
    detail: {
      since: event.startDate,
      magnitude: event.magnitude,
      baselineValue: event.baselineValue,
      currentValue: event.currentValue,
      explanation: event.explanation,
      transition,
      data: { driftEventId: event.id, detector: event.detector, findingKind: event.findingKind, level: event.level },
    },
  };
}
