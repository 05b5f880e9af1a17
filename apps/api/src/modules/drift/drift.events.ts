import type { DriftDirection, DriftEventKind } from '@kpi/contracts';

/** In-process notifications of drift event transitions (only transitions notify; favourable changes never do). */
export const DRIFT_TRANSITIONS = {
  opened: 'drift.event.opened',
  worsened: 'drift.event.worsened',
  resolved: 'drift.event.resolved',
} as const;

export type DriftTransitionName = (typeof DRIFT_TRANSITIONS)[keyof typeof DRIFT_TRANSITIONS];

export interface DriftTransition {
  readonly name: DriftTransitionName;
  readonly eventId: string;
  readonly providerId: string;
  readonly siteId: string | null;
  readonly serviceLine: string | null;
  readonly kpiCode: string;
  readonly kind: DriftEventKind;
  readonly direction: DriftDirection;
  /** Data day of the transition. */
  readonly dataDate: string;
  readonly magnitude: number | null;
  readonly explanation: string;
}
