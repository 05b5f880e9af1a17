import type { IsoDate } from '@kpi/domain';

/**
 * Where the scorecard reads escalation responsiveness (escalations opened in a window, and how many of
 * them were acknowledged within their agreed time).
 *
 * The escalations module provides it (it imports SlaModule for breach polling, so SlaModule cannot
 * import it back): EscalationsModule registers this token and SlaPerformanceService looks it up lazily
 * through ModuleRef. Without a provider the component stays "not measured" and its weight is shared.
 */
export const SLA_ESCALATION_RESPONSIVENESS = Symbol('SLA_ESCALATION_RESPONSIVENESS');

export interface EscalationResponsivenessCounts {
  /** Escalations opened in the window. */
  readonly escalations: number;
  /** Of those, acknowledged within their agreed time. */
  readonly acknowledgedWithinTarget: number;
}

export interface EscalationResponsivenessSource {
  /** Counts per provider id (providers without escalations may be absent or have 0) for `from..to` inclusive. */
  countsFor(
    providerIds: readonly string[],
    from: IsoDate,
    to: IsoDate,
  ): Promise<ReadonlyMap<string, EscalationResponsivenessCounts>>;
}
