import {
  actorSideForRole,
  applyEscalationAction,
  availableEscalationActions,
  EscalationAction,
  EscalationWorkflowState,
} from './escalation-workflow';
import type { EscalationActorSide, EscalationStatus } from './escalation.types';

const state = (status: EscalationStatus, extra: Partial<EscalationWorkflowState> = {}): EscalationWorkflowState => ({
  status,
  level: 1,
  maxLevel: 3,
  hasActionPlan: false,
  ...extra,
});

const ack: EscalationAction = { type: 'acknowledge' };
const propose: EscalationAction = { type: 'propose_action_plan', plan: 'Hire 6 agents for the Monday peak' };
const agree: EscalationAction = { type: 'agree_action_plan' };
const resolve: EscalationAction = { type: 'resolve', rootCauseCategory: 'staffing', correctiveAction: 'Six agents hired' };
const close: EscalationAction = { type: 'close' };
const reopen: EscalationAction = { type: 'reopen', reason: 'Back again' };
const comment: EscalationAction = { type: 'comment', text: 'Looking into it' };
const escalate: EscalationAction = { type: 'escalate' };
const assign: EscalationAction = { type: 'assign', ownerUserId: 'u1' };

describe('applyEscalationAction: the status machine', () => {
  it.each<[EscalationStatus, EscalationAction, EscalationActorSide, EscalationStatus]>([
    ['open', ack, 'provider', 'acknowledged'],
    ['open', ack, 'client', 'acknowledged'],
    ['reopened', ack, 'provider', 'acknowledged'],
    ['acknowledged', propose, 'provider', 'acknowledged'],
    ['action_plan_agreed', propose, 'provider', 'acknowledged'], // a new plan needs agreeing again
    ['acknowledged', { type: 'agree_action_plan', plan: 'Written by the client' }, 'client', 'action_plan_agreed'],
    ['open', resolve, 'client', 'resolved'],
    ['acknowledged', resolve, 'client', 'resolved'],
    ['action_plan_agreed', resolve, 'client', 'resolved'],
    ['resolved', close, 'client', 'closed'],
    ['resolved', reopen, 'client', 'reopened'],
    ['closed', reopen, 'system', 'reopened'],
    ['closed', comment, 'provider', 'closed'],
    ['action_plan_agreed', comment, 'client', 'action_plan_agreed'],
    ['acknowledged', assign, 'client', 'acknowledged'],
  ])('%s + %p by %s -> %s', (from, action, actor, to) => {
    const result = applyEscalationAction(state(from), action, actor);
    expect(result).toEqual({ ok: true, status: to, level: 1, statusChanged: from !== to });
  });

  it('agrees a plan the provider proposed', () => {
    expect(applyEscalationAction(state('acknowledged', { hasActionPlan: true }), agree, 'client')).toMatchObject({
      ok: true,
      status: 'action_plan_agreed',
    });
  });

  it.each<[EscalationStatus, EscalationAction, EscalationActorSide, string]>([
    // provider staff: acknowledge, comment, propose only
    ['acknowledged', { type: 'agree_action_plan', plan: 'x' }, 'provider', 'not_allowed_for_actor'],
    ['acknowledged', resolve, 'provider', 'not_allowed_for_actor'],
    ['resolved', close, 'provider', 'not_allowed_for_actor'],
    ['resolved', reopen, 'provider', 'not_allowed_for_actor'],
    ['open', escalate, 'provider', 'not_allowed_for_actor'],
    ['open', assign, 'provider', 'not_allowed_for_actor'],
    // executives read only
    ['open', ack, 'viewer', 'not_allowed_for_actor'],
    ['open', comment, 'viewer', 'not_allowed_for_actor'],
    // order of the workflow
    ['acknowledged', ack, 'client', 'invalid_status'],
    ['open', propose, 'provider', 'invalid_status'],
    ['open', { type: 'agree_action_plan', plan: 'x' }, 'client', 'invalid_status'],
    ['action_plan_agreed', { type: 'agree_action_plan', plan: 'x' }, 'client', 'invalid_status'],
    ['closed', resolve, 'client', 'invalid_status'],
    ['open', close, 'client', 'invalid_status'],
    ['acknowledged', reopen, 'client', 'invalid_status'],
    ['resolved', escalate, 'client', 'invalid_status'],
    ['closed', assign, 'client', 'invalid_status'],
    // what an action must carry
    ['acknowledged', { type: 'propose_action_plan', plan: '   ' }, 'provider', 'invalid_input'],
    ['acknowledged', agree, 'client', 'invalid_input'], // nothing proposed and no plan given
    ['acknowledged', { type: 'resolve', rootCauseCategory: null, correctiveAction: 'x' }, 'client', 'invalid_input'],
    ['acknowledged', { type: 'resolve', rootCauseCategory: 'staffing', correctiveAction: '' }, 'client', 'invalid_input'],
    ['open', { type: 'comment', text: '' }, 'provider', 'invalid_input'],
  ])('%s + %p by %s is refused (%s)', (from, action, actor, rejection) => {
    const result = applyEscalationAction(state(from), action, actor);
    expect(result.ok).toBe(false);
    expect(result).toMatchObject({ rejection });
    if (!result.ok) expect(result.message.length).toBeGreaterThan(5);
  });

  it('escalates one level at a time up to the last level', () => {
    expect(applyEscalationAction(state('acknowledged', { level: 1 }), escalate, 'system')).toEqual({
      ok: true,
      status: 'acknowledged',
      level: 2,
      statusChanged: false,
    });
    expect(applyEscalationAction(state('open', { level: 3 }), escalate, 'client')).toMatchObject({
      ok: false,
      rejection: 'invalid_status',
    });
  });
});

describe('availableEscalationActions', () => {
  it.each<[EscalationStatus, EscalationActorSide, number, string[]]>([
    ['open', 'provider', 1, ['acknowledge', 'comment']],
    ['acknowledged', 'provider', 1, ['propose_action_plan', 'comment']],
    ['open', 'client', 1, ['acknowledge', 'resolve', 'comment', 'escalate', 'assign']],
    ['open', 'client', 3, ['acknowledge', 'resolve', 'comment', 'assign']],
    ['acknowledged', 'client', 2, ['propose_action_plan', 'agree_action_plan', 'resolve', 'comment', 'escalate', 'assign']],
    ['resolved', 'client', 1, ['close', 'reopen', 'comment']],
    ['closed', 'provider', 1, ['comment']],
    ['open', 'viewer', 1, []],
  ])('%s for %s at level %d: %p', (status, actor, level, expected) => {
    expect(availableEscalationActions(state(status, { level }), actor)).toEqual(expected);
  });
});

describe('actorSideForRole', () => {
  it.each([
    ['admin', 'client'],
    ['account_manager', 'client'],
    ['provider', 'provider'],
    ['executive', 'viewer'],
  ] as const)('%s acts as %s', (role, side) => {
    expect(actorSideForRole(role)).toBe(side);
  });
});
