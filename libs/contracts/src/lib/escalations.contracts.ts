import type {
  AlertChangeType,
  AlertKind,
  EscalationActionType,
  EscalationStatus,
  OverdueReason,
  RootCauseCategory,
  Severity,
} from '@kpi/domain';
import type { Role } from './auth.contracts';

/** What an escalation (or alert) is about, inside its provider. */
export interface EscalationScopeDto {
  siteId: string | null;
  siteCity: string | null;
  serviceLine: string | null;
  queue: string | null;
  kpiCode: string | null;
  feedId: string | null;
  /** Human label, e.g. "AHT · Monterrey · voice". */
  label: string;
}

export interface EscalationSummaryDto {
  id: string;
  /** Human reference, e.g. "ESC-0042". */
  reference: string;
  providerId: string;
  providerCode: string;
  providerName: string;
  kind: AlertKind;
  severity: Severity;
  title: string;
  status: EscalationStatus;
  level: number;
  levelName: string | null;
  maxLevel: number;
  scope: EscalationScopeDto;
  ownerUserId: string | null;
  ownerName: string | null;
  /** ISO timestamps. */
  openedAt: string;
  ackDueAt: string | null;
  resolveDueAt: string | null;
  acknowledgedAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  updatedAt: string;
  overdue: boolean;
  overdueReason: OverdueReason | null;
}

export interface EscalationListDto {
  items: EscalationSummaryDto[];
  total: number;
}

/** 'active' (default): open, reopened, acknowledged, action plan agreed. */
export type EscalationStatusFilter = 'active' | 'all' | EscalationStatus;

export interface EscalationQuery {
  status?: EscalationStatusFilter;
  providerId?: string;
  kind?: AlertKind;
  /** At least this severity. */
  severity?: Severity;
  overdue?: boolean;
  /** Only escalations owned by the caller. */
  mine?: boolean;
  limit?: number;
  offset?: number;
}

export type EscalationTimelineAction =
  | EscalationActionType
  | 'opened'
  | 'source_linked'
  | 'source_worsened'
  | 'source_resolved'
  | 'source_reopened'
  | 'severity_changed'
  | 'final_level_overdue';

export interface EscalationTimelineEntryDto {
  id: string;
  at: string;
  action: EscalationTimelineAction;
  /** Display name of who acted; "System" for the scheduler and incoming source events. */
  actorName: string;
  actorRole: Role | 'system';
  fromStatus: EscalationStatus | null;
  toStatus: EscalationStatus | null;
  level: number | null;
  text: string | null;
  data: Record<string, unknown> | null;
}

/** A source event linked to an escalation (drift event, SLA breach, QA regression, stale feed). */
export interface LinkedAlertDto {
  id: string;
  kind: AlertKind;
  sourceRef: string;
  title: string;
  severity: Severity;
  status: 'open' | 'resolved';
  since: string | null;
  magnitude: number | null;
  explanation: string | null;
  openedAt: string;
  resolvedAt: string | null;
  lastChange: AlertChangeType;
}

export interface EscalationContactDto {
  userId: string | null;
  name: string;
  email: string;
}

export interface EscalationLevelDto {
  level: number;
  name: string;
  ackWithinMinutes: number;
  resolveWithinMinutes: number;
  contacts: EscalationContactDto[];
}

export interface EscalationDetailDto extends EscalationSummaryDto {
  summary: string | null;
  actionPlan: string | null;
  actionPlanDueDate: string | null;
  actionPlanProposedAt: string | null;
  actionPlanAgreedAt: string | null;
  rootCauseCategory: RootCauseCategory | null;
  correctiveAction: string | null;
  linkedAlerts: LinkedAlertDto[];
  timeline: EscalationTimelineEntryDto[];
  levels: EscalationLevelDto[];
  /** What the caller may do now. */
  availableActions: EscalationActionType[];
}

export interface CreateEscalationRequest {
  providerId: string;
  title: string;
  severity: Severity;
  summary?: string;
  siteId?: string;
  kpiCode?: string;
  serviceLine?: string;
}

export interface AcknowledgeEscalationRequest {
  note?: string;
}

export interface ActionPlanRequest {
  plan: string;
  /** yyyy-mm-dd */
  dueDate?: string;
}

export interface AgreeActionPlanRequest {
  plan?: string;
  dueDate?: string;
}

export interface ResolveEscalationRequest {
  rootCauseCategory: RootCauseCategory;
  correctiveAction: string;
}

export interface NoteRequest {
  note?: string;
}

export interface ReopenEscalationRequest {
  reason: string;
}

export interface CommentRequest {
  text: string;
}

export interface AssignEscalationRequest {
  ownerUserId: string | null;
}

/** A provider's escalation matrix and the rules that decide which alerts escalate. */
export interface EscalationMatrixDto {
  providerId: string;
  providerCode: string;
  providerName: string;
  /** Per kind, the lowest severity that opens an escalation; null = never. */
  rules: Record<AlertKind, Severity | null>;
  levels: EscalationLevelDto[];
  /** True when nothing is configured and the defaults apply. */
  isDefault: boolean;
}

export interface SaveEscalationMatrixRequest {
  rules?: Partial<Record<AlertKind, Severity | null>>;
  levels: {
    name: string;
    ackWithinMinutes: number;
    resolveWithinMinutes: number;
    contacts: { userId?: string | null; name?: string; email: string }[];
  }[];
}

/** Time to acknowledge and to resolve per provider (feeds the scorecard and the quarterly review). */
export interface EscalationResponsivenessDto {
  providerId: string;
  providerCode: string;
  providerName: string;
  /** Inclusive ISO dates of the window (escalations opened in it). */
  from: string;
  to: string;
  escalations: number;
  acknowledged: number;
  acknowledgedWithinTarget: number;
  medianMinutesToAcknowledge: number | null;
  meanMinutesToAcknowledge: number | null;
  resolved: number;
  resolvedWithinTarget: number;
  medianMinutesToResolve: number | null;
  meanMinutesToResolve: number | null;
  openNow: number;
  overdueNow: number;
}

export interface EscalationResponsivenessQuery {
  from?: string;
  to?: string;
  providerId?: string;
}
