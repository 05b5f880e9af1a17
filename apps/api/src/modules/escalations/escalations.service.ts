import {
  BadRequestException,
  ConflictException,
  ForbiddenException,
  Injectable,
  NotFoundException,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  actorSideForRole,
  applyEscalationAction,
  availableEscalationActions,
  isAcknowledgedStatus,
  levelDeadlines,
  overdueReason,
  SEVERITIES,
  severityRank,
  type EscalationAction,
  type EscalationStatus,
} from '@kpi/domain';
import type {
  CreateEscalationRequest,
  EscalationDetailDto,
  EscalationListDto,
  EscalationResponsivenessDto,
  EscalationResponsivenessQuery,
  EscalationSummaryDto,
  LinkedAlertDto,
} from '@kpi/contracts';
import type { SqlExecutor } from '../alerts/alert.types';
import { AlertsService } from '../alerts/alerts.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { EscalationMatrixService } from './escalation-matrix.service';
import { EscalationNotifier, escalationReference } from './escalation-notifier';
import { EscalationTriggerService } from './escalation-trigger.service';
import { EscalationQueryDto } from './dto/escalation-query.dto';
import { ESCALATIONS_MAX_PAGE_SIZE, ESCALATIONS_PAGE_SIZE, RESPONSIVENESS_DEFAULT_DAYS } from './escalations.constants';
import { EscalationPatch, EscalationsRepository } from './escalations.repository';
import type { EscalationRecord, MatrixLevel } from './escalation.types';

/**
 * The escalation workflow for people: the queue, the detail with its timeline, and the actions. Every read and
 * write is restricted to the caller's providers (another provider's escalation is a 404); the pure state
 * machine in @kpi/domain decides what each role may do from each status.
 */
@Injectable()
export class EscalationsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly escalations: EscalationsRepository,
    private readonly matrix: EscalationMatrixService,
    private readonly alerts: AlertsService,
    private readonly notifier: EscalationNotifier,
    private readonly trigger: EscalationTriggerService,
  ) {}

  async list(user: AuthenticatedUser, query: EscalationQueryDto): Promise<EscalationListDto> {
    const scope = ProviderScope.of(user);
    if (query.providerId) scope.assertVisible(query.providerId);
    const minimum = query.severity;
    const { items, total } = await this.escalations.list(scope, {
      status: query.status ?? 'active',
      providerId: query.providerId,
      kind: query.kind,
      severities: minimum ? SEVERITIES.filter((s) => severityRank(s) >= severityRank(minimum)) : undefined,
      overdue: query.overdue,
      ownerUserId: query.mine ? user.id : undefined,
      limit: Math.min(query.limit ?? ESCALATIONS_PAGE_SIZE, ESCALATIONS_MAX_PAGE_SIZE),
      offset: query.offset ?? 0,
    });
    const levels = new Map<string, MatrixLevel[]>();
    for (const providerId of new Set(items.map((e) => e.providerId))) {
      levels.set(providerId, (await this.matrix.levelsFor(this.dataSource, providerId)).levels);
    }
    const now = new Date();
    return { total, items: items.map((e) => toSummary(e, levels.get(e.providerId) ?? [], now)) };
  }

  async get(user: AuthenticatedUser, id: string): Promise<EscalationDetailDto> {
    const e = await this.escalations.find(this.dataSource, id, ProviderScope.of(user));
    if (!e) throw new NotFoundException('Escalation not found');
    return this.detail(this.dataSource, e, user);
  }

  /** Opens an escalation by hand (client side only). */
  async create(user: AuthenticatedUser, request: CreateEscalationRequest): Promise<EscalationDetailDto> {
    ProviderScope.of(user).assertVisible(request.providerId);
    if (request.siteId) {
      const [site] = await this.dataSource.query(`SELECT 1 FROM sites WHERE id = $1 AND provider_id = $2`, [request.siteId, request.providerId]);
      if (!site) throw new NotFoundException('Site not found for this provider');
    }
    if (request.kpiCode) {
      const [kpi] = await this.dataSource.query(`SELECT 1 FROM kpi_definitions WHERE code = $1`, [request.kpiCode]);
      if (!kpi) throw new BadRequestException(`Unknown KPI "${request.kpiCode}"`);
    }
    const result = await this.trigger.raise(
      {
        kind: 'manual',
        providerId: request.providerId,
        scope: { siteId: request.siteId ?? null, kpiCode: request.kpiCode ?? null, serviceLine: request.serviceLine ?? null },
        severity: request.severity,
        sourceRef: `manual:${randomUUID()}`,
        title: request.title,
        detail: { explanation: request.summary?.trim() || null },
      },
      { openedBy: user, forceEscalation: true },
    );
    if (!result.escalationId) throw new Error('A manual escalation was not opened');
    return this.get(user, result.escalationId);
  }

  /** Applies one action of the workflow; the whole change (status, timeline, mail) commits together. */
  async act(user: AuthenticatedUser, id: string, action: EscalationAction): Promise<EscalationDetailDto> {
    const scope = ProviderScope.of(user);
    const now = new Date();
    const outboxIds = await this.dataSource.transaction(async (db) => {
      const e = await this.escalations.find(db, id, scope, true);
      if (!e) throw new NotFoundException('Escalation not found');
      const { levels } = await this.matrix.levelsFor(db, e.providerId);
      const result = applyEscalationAction(
        { status: e.status, level: e.level, maxLevel: levels.length, hasActionPlan: Boolean(e.actionPlan) },
        action,
        actorSideForRole(user.role),
      );
      if (!result.ok) {
        if (result.rejection === 'not_allowed_for_actor') throw new ForbiddenException(result.message);
        if (result.rejection === 'invalid_status') throw new ConflictException(result.message);
        throw new BadRequestException(result.message);
      }
      const { patch, text, data } = await this.changesFor(db, e, action, result.status, result.level, levels, user, now);
      await this.escalations.update(db, e.id, patch);
      await this.escalations.insertTimeline(
        db,
        {
          escalationId: e.id,
          actorUserId: user.id,
          actorName: user.displayName,
          actorRole: user.role,
          action: action.type,
          fromStatus: result.statusChanged ? e.status : null,
          toStatus: result.statusChanged ? result.status : null,
          level: result.level,
          text,
          data,
        },
        now,
      );
      const updated = await this.escalations.find(db, e.id, ProviderScope.all());
      return updated ? this.mailFor(db, updated, action, user, levels) : [];
    });
    await this.notifier.dispatch(outboxIds);
    return this.get(user, id);
  }

  responsiveness(user: AuthenticatedUser, query: EscalationResponsivenessQuery): Promise<EscalationResponsivenessDto[]> {
    return this.responsivenessFor(ProviderScope.of(user), query);
  }

  /**
   * Time to acknowledge and to resolve per provider (escalations opened in the window; default the last 90
   * days). For the scorecard and the quarterly review: `acknowledgedWithinTarget / escalations` is the
   * escalation-responsiveness share.
   */
  responsivenessFor(scope: ProviderScope, query: EscalationResponsivenessQuery): Promise<EscalationResponsivenessDto[]> {
    if (query.providerId) scope.assertVisible(query.providerId);
    const to = query.to ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? addDays(to, -(RESPONSIVENESS_DEFAULT_DAYS - 1));
    if (from > to) throw new BadRequestException('from must not be after to');
    return this.escalations.responsiveness(scope, from, to, query.providerId);
  }

  private async changesFor(
    db: SqlExecutor,
    e: EscalationRecord,
    action: EscalationAction,
    status: EscalationStatus,
    level: number,
    levels: MatrixLevel[],
    user: AuthenticatedUser,
    now: Date,
  ): Promise<{ patch: EscalationPatch; text: string | null; data: Record<string, unknown> | null }> {
    switch (action.type) {
      case 'acknowledge':
        return { patch: { status, acknowledged_at: now, ack_due_at: null }, text: action.note?.trim() || null, data: null };
      case 'propose_action_plan':
        return {
          patch: {
            status,
            action_plan: action.plan.trim(),
            action_plan_due_date: action.dueDate ?? null,
            action_plan_proposed_at: now,
            action_plan_proposed_by: user.id,
            action_plan_agreed_at: null,
          },
          text: action.plan.trim(),
          data: action.dueDate ? { dueDate: action.dueDate } : null,
        };
      case 'agree_action_plan': {
        const plan = action.plan?.trim() || e.actionPlan;
        const dueDate = action.dueDate ?? e.actionPlanDueDate;
        return {
          patch: {
            status,
            action_plan: plan,
            action_plan_due_date: dueDate,
            action_plan_agreed_at: now,
            ...(action.plan?.trim() ? { action_plan_proposed_at: now, action_plan_proposed_by: user.id } : {}),
          },
          text: plan,
          data: dueDate ? { dueDate } : null,
        };
      }
      case 'resolve':
        return {
          patch: {
            status,
            resolved_at: now,
            ack_due_at: null,
            root_cause_category: action.rootCauseCategory,
            corrective_action: action.correctiveAction?.trim() ?? null,
          },
          text: action.correctiveAction?.trim() ?? null,
          data: { rootCauseCategory: action.rootCauseCategory },
        };
      case 'close':
        return { patch: { status, closed_at: now }, text: action.note?.trim() || null, data: null };
      case 'reopen': {
        const rule = levels.find((l) => l.level === e.level) ?? levels[levels.length - 1];
        const deadlines = levelDeadlines(now, rule, false);
        return {
          patch: {
            status,
            acknowledged_at: null,
            resolved_at: null,
            closed_at: null,
            level_started_at: now,
            ack_due_at: deadlines.ackDueAt,
            resolve_due_at: deadlines.resolveDueAt,
            final_overdue_reported_at: null,
          },
          text: action.reason?.trim() || null,
          data: null,
        };
      }
      case 'comment':
        return { patch: {}, text: action.text.trim(), data: null };
      case 'escalate': {
        const rule = levels.find((l) => l.level === level);
        if (!rule) throw new ConflictException('The escalation is already at the highest level');
        const deadlines = levelDeadlines(now, rule, isAcknowledgedStatus(e.status));
        return {
          patch: { level, level_started_at: now, ack_due_at: deadlines.ackDueAt, resolve_due_at: deadlines.resolveDueAt },
          text: action.reason?.trim() || null,
          data: { fromLevel: e.level, toLevel: level, levelName: rule.name, reason: 'manual' },
        };
      }
      case 'assign': {
        if (action.ownerUserId && !(await this.escalations.canOwn(db, action.ownerUserId, e.providerId))) {
          throw new BadRequestException('The owner must be an admin or an account manager of this provider');
        }
        const name = action.ownerUserId ? await this.escalations.userName(db, action.ownerUserId) : null;
        return {
          patch: { owner_user_id: action.ownerUserId },
          text: name ? `Owner: ${name}` : 'No owner',
          data: { ownerUserId: action.ownerUserId, ownerName: name },
        };
      }
    }
  }

  /** Who hears about a person's action: the provider's plan goes to the owner; escalating and reopening to the level. */
  private async mailFor(
    db: SqlExecutor,
    e: EscalationRecord,
    action: EscalationAction,
    user: AuthenticatedUser,
    levels: MatrixLevel[],
  ): Promise<string[]> {
    const ref = escalationReference(e.number);
    const key = `${action.type}:${randomUUID()}`;
    switch (action.type) {
      case 'propose_action_plan':
        if (e.ownerUserId === user.id) return [];
        return this.notifier.toOwner(db, e, levels, 'action_plan_proposed', `${user.displayName} proposed an action plan for ${ref}. Agree it or ask for changes.`, key);
      case 'escalate':
        return this.notifier.toLevel(db, e, levels, e.level, 'escalated', `${user.displayName} escalated ${ref} to level ${e.level}.`, `level:${e.level}:${key}`);
      case 'reopen':
        return this.notifier.toLevel(db, e, levels, e.level, 'reopened', `${user.displayName} reopened ${ref}.`, key, true);
      default:
        return [];
    }
  }

  private async detail(db: SqlExecutor, e: EscalationRecord, user: AuthenticatedUser): Promise<EscalationDetailDto> {
    const { levels } = await this.matrix.levelsFor(db, e.providerId);
    const [timeline, linked] = await Promise.all([this.escalations.timeline(db, e.id), this.alerts.linkedToEscalation(db, e.id)]);
    const linkedAlerts: LinkedAlertDto[] = linked.map((a) => ({
      id: a.id,
      kind: a.kind,
      sourceRef: a.sourceRef,
      title: a.title,
      severity: a.severity,
      status: a.status,
      since: a.since,
      magnitude: a.magnitude,
      explanation: a.explanation,
      openedAt: a.openedAt.toISOString(),
      resolvedAt: a.resolvedAt ? a.resolvedAt.toISOString() : null,
      lastChange: a.lastChange,
    }));
    return {
      ...toSummary(e, levels, new Date()),
      summary: e.summary,
      actionPlan: e.actionPlan,
      actionPlanDueDate: e.actionPlanDueDate,
      actionPlanProposedAt: iso(e.actionPlanProposedAt),
      actionPlanAgreedAt: iso(e.actionPlanAgreedAt),
      rootCauseCategory: e.rootCauseCategory,
      correctiveAction: e.correctiveAction,
      linkedAlerts,
      timeline,
      levels,
      availableActions: availableEscalationActions(
        { status: e.status, level: e.level, maxLevel: levels.length, hasActionPlan: Boolean(e.actionPlan) },
        actorSideForRole(user.role),
      ),
    };
  }
}

function iso(date: Date | null): string | null {
  return date ? date.toISOString() : null;
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

export function toSummary(e: EscalationRecord, levels: MatrixLevel[], now: Date): EscalationSummaryDto {
  const reason = overdueReason(
    { status: e.status, level: e.level, ackDueAt: e.ackDueAt, resolveDueAt: e.resolveDueAt, finalOverdueReported: false },
    now,
  );
  return {
    id: e.id,
    reference: escalationReference(e.number),
    providerId: e.providerId,
    providerCode: e.providerCode,
    providerName: e.providerName,
    kind: e.kind,
    severity: e.severity,
    title: e.title,
    status: e.status,
    level: e.level,
    levelName: levels.find((l) => l.level === e.level)?.name ?? null,
    maxLevel: levels.length,
    scope: {
      siteId: e.siteId,
      siteCity: e.siteCity,
      serviceLine: e.serviceLine,
      queue: e.queue,
      kpiCode: e.kpiCode,
      feedId: e.feedId,
      label: e.scopeLabel,
    },
    ownerUserId: e.ownerUserId,
    ownerName: e.ownerName,
    openedAt: e.openedAt.toISOString(),
    ackDueAt: e.status === 'open' || e.status === 'reopened' ? iso(e.ackDueAt) : null,
    resolveDueAt: e.status === 'resolved' || e.status === 'closed' ? null : iso(e.resolveDueAt),
    acknowledgedAt: iso(e.acknowledgedAt),
    resolvedAt: iso(e.resolvedAt),
    closedAt: iso(e.closedAt),
    updatedAt: e.updatedAt.toISOString(),
    overdue: reason !== null,
    overdueReason: reason,
  };
}

