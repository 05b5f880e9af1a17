import type { AlertKind, EscalationStatus, RootCauseCategory, Severity } from '@kpi/domain';

/** An escalation row with the names the api and the emails need. */
export interface EscalationRecord {
  id: string;
  number: number;
  providerId: string;
  providerCode: string;
  providerName: string;
  kind: AlertKind;
  severity: Severity;
  title: string;
  summary: string | null;
  siteId: string | null;
  siteCity: string | null;
  serviceLine: string | null;
  queue: string | null;
  kpiCode: string | null;
  feedId: string | null;
  scopeLabel: string;
  scopeKey: string;
  status: EscalationStatus;
  level: number;
  levelStartedAt: Date;
  ownerUserId: string | null;
  ownerName: string | null;
  ownerEmail: string | null;
  openedAt: Date;
  ackDueAt: Date | null;
  resolveDueAt: Date | null;
  acknowledgedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  targetAckMinutes: number;
  targetResolveMinutes: number;
  finalOverdueReportedAt: Date | null;
  actionPlan: string | null;
  actionPlanDueDate: string | null;
  actionPlanProposedAt: Date | null;
  actionPlanAgreedAt: Date | null;
  rootCauseCategory: RootCauseCategory | null;
  correctiveAction: string | null;
  updatedAt: Date;
}

export interface MatrixContact {
  userId: string | null;
  name: string;
  email: string;
}

export interface MatrixLevel {
  level: number;
  name: string;
  ackWithinMinutes: number;
  resolveWithinMinutes: number;
  contacts: MatrixContact[];
}

export interface TimelineEntryInput {
  escalationId: string;
  actorUserId: string | null;
  actorName: string;
  actorRole: string;
  action: string;
  fromStatus: EscalationStatus | null;
  toStatus: EscalationStatus | null;
  level: number | null;
  text: string | null;
  data: Record<string, unknown> | null;
}

/** The actor of a change: a signed-in user, or the system (scheduler, incoming source events). */
export interface EscalationActor {
  userId: string | null;
  name: string;
  role: string;
}

export const SYSTEM_ACTOR: EscalationActor = { userId: null, name: 'System', role: 'system' };
