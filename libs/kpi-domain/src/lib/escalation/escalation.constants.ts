import type {
  AlertKind,
  EscalationActionType,
  EscalationActorSide,
  EscalationLevelRule,
  EscalationStatus,
  EscalationTriggerRules,
  RootCauseCategory,
  Severity,
} from './escalation.types';

export const ALERT_KINDS: readonly AlertKind[] = ['drift', 'sla_breach', 'qa_regression', 'stale_feed', 'manual'];

/** Lowest first. */
export const SEVERITIES: readonly Severity[] = ['low', 'medium', 'high', 'critical'];

export const ESCALATION_STATUSES: readonly EscalationStatus[] = [
  'open',
  'acknowledged',
  'action_plan_agreed',
  'resolved',
  'closed',
  'reopened',
];

/** Statuses in which an escalation still needs work (and can become overdue). */
export const ACTIVE_ESCALATION_STATUSES: readonly EscalationStatus[] = [
  'open',
  'reopened',
  'acknowledged',
  'action_plan_agreed',
];

export const ESCALATION_ACTION_TYPES: readonly EscalationActionType[] = [
  'acknowledge',
  'propose_action_plan',
  'agree_action_plan',
  'resolve',
  'close',
  'reopen',
  'comment',
  'escalate',
  'assign',
];

export const ROOT_CAUSE_CATEGORIES: readonly RootCauseCategory[] = [
  'staffing',
  'training',
  'process',
  'technology',
  'forecasting',
  'data_quality',
  'external',
  'client_side',
  'no_fault_found',
  'other',
];

export interface EscalationTransitionRule {
  readonly from: readonly EscalationStatus[];
  /** null: the status does not change (comment, escalate, assign). */
  readonly to: EscalationStatus | null;
  readonly actors: readonly EscalationActorSide[];
}

/**
 * The state machine. Provider staff may acknowledge, comment and propose the action plan; agreeing the plan,
 * resolving, closing, reopening, escalating and assigning belong to the client side. The system escalates
 * overdue escalations and reopens one whose source event comes back.
 */
export const ESCALATION_TRANSITIONS: { readonly [A in EscalationActionType]: EscalationTransitionRule } = {
  acknowledge: { from: ['open', 'reopened'], to: 'acknowledged', actors: ['client', 'provider'] },
  // A new proposal (also after agreement) needs the client's agreement again.
  propose_action_plan: { from: ['acknowledged', 'action_plan_agreed'], to: 'acknowledged', actors: ['client', 'provider'] },
  agree_action_plan: { from: ['acknowledged'], to: 'action_plan_agreed', actors: ['client'] },
  // The client may also resolve without a plan (e.g. no fault found); a root cause is always required.
  resolve: { from: ['open', 'reopened', 'acknowledged', 'action_plan_agreed'], to: 'resolved', actors: ['client'] },
  close: { from: ['resolved'], to: 'closed', actors: ['client'] },
  reopen: { from: ['resolved', 'closed'], to: 'reopened', actors: ['client', 'system'] },
  comment: { from: ESCALATION_STATUSES, to: null, actors: ['client', 'provider'] },
  escalate: { from: ACTIVE_ESCALATION_STATUSES, to: null, actors: ['client', 'system'] },
  assign: { from: ACTIVE_ESCALATION_STATUSES, to: null, actors: ['client'] },
};

/**
 * Default rules: which kinds open an escalation, from which severity. Drift, QA regressions and SLA warnings
 * from "high" (a breach of a minimum is critical; at-risk and fast-burn warnings are alerted, not escalated);
 * a stale feed from "high" (a feed silent well past its cadence); manual escalations always.
 */
export const DEFAULT_ESCALATION_TRIGGER_RULES: Required<EscalationTriggerRules> = {
  drift: 'high',
  sla_breach: 'high',
  qa_regression: 'high',
  stale_feed: 'high',
  manual: 'low',
};

/** A sensible three-level matrix for a provider that has none configured. */
export const DEFAULT_ESCALATION_LEVELS: readonly EscalationLevelRule[] = [
  { level: 1, name: 'Account manager', ackWithinMinutes: 4 * 60, resolveWithinMinutes: 5 * 24 * 60 },
  { level: 2, name: 'Provider operations lead', ackWithinMinutes: 2 * 60, resolveWithinMinutes: 3 * 24 * 60 },
  { level: 3, name: 'Executive sponsor / steering committee', ackWithinMinutes: 60, resolveWithinMinutes: 2 * 24 * 60 },
];

/**
 * An open alert "worsens" when its severity rises, or its magnitude reaches this multiple of the magnitude
 * last recorded (and moved by at least the minimum step); other changes are updates.
 */
export const ALERT_WORSEN_FACTOR = 1.5;
export const ALERT_WORSEN_MIN_STEP = 0.02;
/** Smaller moves of the magnitude are not recorded as updates. */
export const ALERT_UPDATE_MIN_STEP = 0.005;

/** Severity of a drift from the size of the relative change (|magnitude|): at least this much. */
export const DRIFT_SEVERITY_THRESHOLDS: readonly { readonly severity: Severity; readonly atLeast: number }[] = [
  { severity: 'critical', atLeast: 0.15 },
  { severity: 'high', atLeast: 0.08 },
  { severity: 'medium', atLeast: 0.03 },
];
