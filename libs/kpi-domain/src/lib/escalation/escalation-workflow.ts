import { ESCALATION_TRANSITIONS, ESCALATION_ACTION_TYPES, ROOT_CAUSE_CATEGORIES } from './escalation.constants';
import type {
  EscalationActionType,
  EscalationActorSide,
  EscalationStatus,
  RootCauseCategory,
} from './escalation.types';

/** The part of an escalation the state machine looks at. */
export interface EscalationWorkflowState {
  readonly status: EscalationStatus;
  /** Current level of the matrix (1-based) and the highest level configured. */
  readonly level: number;
  readonly maxLevel: number;
  /** An action plan has been written (proposed or agreed). */
  readonly hasActionPlan: boolean;
}

export type EscalationAction =
  | { readonly type: 'acknowledge'; readonly note?: string | null }
  | { readonly type: 'propose_action_plan'; readonly plan: string; readonly dueDate?: string | null }
  | { readonly type: 'agree_action_plan'; readonly plan?: string | null; readonly dueDate?: string | null }
  | {
      readonly type: 'resolve';
      readonly rootCauseCategory: RootCauseCategory | null;
      readonly correctiveAction: string | null;
    }
  | { readonly type: 'close'; readonly note?: string | null }
  | { readonly type: 'reopen'; readonly reason: string | null }
  | { readonly type: 'comment'; readonly text: string }
  | { readonly type: 'escalate'; readonly reason?: string | null }
  | { readonly type: 'assign'; readonly ownerUserId: string | null };

export type EscalationActionRejection = 'not_allowed_for_actor' | 'invalid_status' | 'invalid_input';

export type EscalationActionResult =
  | {
      readonly ok: true;
      readonly status: EscalationStatus;
      readonly level: number;
      readonly statusChanged: boolean;
    }
  | { readonly ok: false; readonly rejection: EscalationActionRejection; readonly message: string };

/** The roles of this product, as the workflow sees them. */
export type WorkflowRole = 'admin' | 'account_manager' | 'executive' | 'provider';

export function actorSideForRole(role: WorkflowRole): EscalationActorSide {
  switch (role) {
    case 'admin':
    case 'account_manager':
      return 'client';
    case 'provider':
      return 'provider';
    case 'executive':
      return 'viewer';
  }
}

const STATUS_LABELS: { readonly [S in EscalationStatus]: string } = {
  open: 'open',
  acknowledged: 'acknowledged',
  action_plan_agreed: 'action plan agreed',
  resolved: 'resolved',
  closed: 'closed',
  reopened: 'reopened',
};

const ACTION_LABELS: { readonly [A in EscalationActionType]: string } = {
  acknowledge: 'acknowledge',
  propose_action_plan: 'propose an action plan for',
  agree_action_plan: 'agree the action plan of',
  resolve: 'resolve',
  close: 'close',
  reopen: 'reopen',
  comment: 'comment on',
  escalate: 'escalate',
  assign: 'assign',
};

/**
 * Applies one action to an escalation: checks who may do it, from which status, and that the action carries
 * what it needs (a plan, a root cause and corrective action, a comment text). Pure: returns the new status
 * and level, or why the action is refused.
 */
export function applyEscalationAction(
  state: EscalationWorkflowState,
  action: EscalationAction,
  actor: EscalationActorSide,
): EscalationActionResult {
  const rule = ESCALATION_TRANSITIONS[action.type];
  if (!rule.actors.includes(actor)) {
    return reject('not_allowed_for_actor', `You may not ${ACTION_LABELS[action.type]} this escalation`);
  }
  if (!rule.from.includes(state.status)) {
    return reject(
      'invalid_status',
      `An escalation that is ${STATUS_LABELS[state.status]} cannot be ${pastTense(action.type)}`,
    );
  }
  const inputProblem = validateInput(state, action);
  if (inputProblem) return reject('invalid_input', inputProblem);

  let level = state.level;
  if (action.type === 'escalate') {
    if (state.level >= state.maxLevel) return reject('invalid_status', 'The escalation is already at the highest level');
    level = state.level + 1;
  }
  const status = rule.to ?? state.status;
  return { ok: true, status, level, statusChanged: status !== state.status };
}

/** The actions this actor may take now (what the web app offers as buttons). */
export function availableEscalationActions(
  state: EscalationWorkflowState,
  actor: EscalationActorSide,
): EscalationActionType[] {
  return ESCALATION_ACTION_TYPES.filter((type) => {
    const rule = ESCALATION_TRANSITIONS[type];
    if (!rule.actors.includes(actor) || !rule.from.includes(state.status)) return false;
    if (type === 'escalate') return state.level < state.maxLevel;
    return true;
  });
}

export function isActiveEscalationStatus(status: EscalationStatus): boolean {
  return status === 'open' || status === 'reopened' || status === 'acknowledged' || status === 'action_plan_agreed';
}

/** Acknowledged in the current round (a reopened escalation must be acknowledged again). */
export function isAcknowledgedStatus(status: EscalationStatus): boolean {
  return status === 'acknowledged' || status === 'action_plan_agreed';
}

function validateInput(state: EscalationWorkflowState, action: EscalationAction): string | null {
  switch (action.type) {
    case 'propose_action_plan':
      return blank(action.plan) ? 'An action plan needs a description' : null;
    case 'agree_action_plan':
      return !state.hasActionPlan && blank(action.plan ?? null)
        ? 'There is no action plan to agree yet: write one or wait for the provider to propose it'
        : null;
    case 'resolve':
      if (!action.rootCauseCategory || !ROOT_CAUSE_CATEGORIES.includes(action.rootCauseCategory)) {
        return 'Resolving needs a root-cause category';
      }
      return blank(action.correctiveAction) ? 'Resolving needs the corrective action taken' : null;
    case 'comment':
      return blank(action.text) ? 'A comment cannot be empty' : null;
    default:
      return null;
  }
}

function blank(text: string | null | undefined): boolean {
  return text === null || text === undefined || text.trim() === '';
}

function pastTense(type: EscalationActionType): string {
  const words: { readonly [A in EscalationActionType]: string } = {
    acknowledge: 'acknowledged',
    propose_action_plan: 'given a new action plan',
    agree_action_plan: 'given an agreed action plan',
    resolve: 'resolved',
    close: 'closed',
    reopen: 'reopened',
    comment: 'commented on',
    escalate: 'escalated',
    assign: 'reassigned',
  };
  return words[type];
}

function reject(rejection: EscalationActionRejection, message: string): EscalationActionResult {
  return { ok: false, rejection, message };
}
