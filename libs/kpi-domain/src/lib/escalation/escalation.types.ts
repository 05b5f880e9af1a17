/**
 * Vocabulary of escalations and alerts, shared by the api (rules, state machine, notifications) and the
 * web app (which actions to offer). Plain types; the behaviour is in the sibling pure functions.
 */

/** Where an alert or an escalation comes from. */
export type AlertKind = 'drift' | 'sla_breach' | 'qa_regression' | 'stale_feed' | 'manual';

export type Severity = 'low' | 'medium' | 'high' | 'critical';

/**
 * open -> acknowledged -> action_plan_agreed -> resolved -> closed; resolved/closed -> reopened, which
 * behaves like open (it must be acknowledged again).
 */
export type EscalationStatus = 'open' | 'acknowledged' | 'action_plan_agreed' | 'resolved' | 'closed' | 'reopened';

/** What a person (or the system) can do to an escalation. */
export type EscalationActionType =
  | 'acknowledge'
  | 'propose_action_plan'
  | 'agree_action_plan'
  | 'resolve'
  | 'close'
  | 'reopen'
  | 'comment'
  | 'escalate'
  | 'assign';

/**
 * Who acts: the client's people who govern the provider (admin, account manager), the provider's own
 * staff, read-only viewers (executives), or the scheduler / an incoming source event.
 */
export type EscalationActorSide = 'client' | 'provider' | 'viewer' | 'system';

export type RootCauseCategory =
  | 'staffing'
  | 'training'
  | 'process'
  | 'technology'
  | 'forecasting'
  | 'data_quality'
  | 'external'
  | 'client_side'
  | 'no_fault_found'
  | 'other';

/** How an alert's source event changed, as recorded in its history (and offered to digests). */
export type AlertChangeType = 'opened' | 'worsened' | 'updated' | 'resolved' | 'reopened';

/** One level of a provider's escalation matrix. */
export interface EscalationLevelRule {
  /** 1 = first level. */
  readonly level: number;
  readonly name: string;
  /** Time allowed to acknowledge, counted from when the escalation reached this level. */
  readonly ackWithinMinutes: number;
  /** Time allowed to resolve, counted from when the escalation reached this level. */
  readonly resolveWithinMinutes: number;
}

/** Per kind: the lowest severity that opens an escalation; null = this kind never escalates by itself. */
export type EscalationTriggerRules = { readonly [K in AlertKind]?: Severity | null };
