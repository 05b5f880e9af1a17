import { BadRequestException, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import {
  ALERT_KINDS,
  isActiveEscalationStatus,
  levelDeadlines,
  SEVERITIES,
  severityRank,
  shouldOpenEscalation,
  type AlertChangeType,
  type AlertKind,
  type Severity,
} from '@kpi/domain';
import type { AlertEventRecord, AlertRecordResult, SqlExecutor } from '../alerts/alert.types';
import { AlertsService } from '../alerts/alerts.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { AlertMailService } from '../notifications/alert-mail.service';
import { EscalationMatrixService } from './escalation-matrix.service';
import { EscalationNotifier, escalationReference } from './escalation-notifier';
import { ESCALATION_SCOPE_LOCK_CLASS } from './escalations.constants';
import { EscalationsRepository } from './escalations.repository';
import { EscalationActor, EscalationRecord, SYSTEM_ACTOR } from './escalation.types';

/** What a source (drift engine, SLA attainment, QA regressions, feed freshness, a person) reports. */
export interface EscalationTriggerInput {
  kind: AlertKind;
  providerId: string;
  scope: {
    siteId?: string | null;
    serviceLine?: string | null;
    queue?: string | null;
    kpiCode?: string | null;
    feedId?: string | null;
    /** Human label; composed from the KPI name, site city, service line and queue when absent. */
    label?: string | null;
  };
  severity: Severity;
  /**
   * Stable id of the source event, unique per kind (e.g. the drift event id). Raising the same source again
   * is idempotent: it updates the same alert and never opens a second escalation.
   */
  sourceRef: string;
  title: string;
  detail?: {
    /** "Since when" (yyyy-mm-dd). */
    since?: string | null;
    /** Relative change, e.g. 0.11 = 11 % worse. */
    magnitude?: number | null;
    baselineValue?: number | null;
    currentValue?: number | null;
    /** One sentence: what changed, where, since when, by how much. */
    explanation?: string | null;
    /** The source's own transition word; "worsened" is trusted even when the numbers moved little. */
    transition?: 'opened' | 'updated' | 'worsened' | null;
    data?: Record<string, unknown> | null;
  };
}

export interface EscalationTriggerOptions {
  /**
   * Run inside the caller's transaction (e.g. the drift engine's, so the outbox rows commit with the drift
   * event). The caller then calls `dispatch(result)` after its commit (or leaves it to the outbox sweeper).
   */
  manager?: EntityManager;
  /** A person opening it by hand (manual escalations). */
  openedBy?: AuthenticatedUser;
  /** Open an escalation whatever the rules say (manual escalations). */
  forceEscalation?: boolean;
  now?: Date;
}

export interface EscalationTriggerResult {
  alertId: string;
  change: AlertChangeType | 'unchanged';
  escalationId: string | null;
  escalationOpened: boolean;
  /** Outbox messages written; already dispatched unless a `manager` was given. */
  outboxIds: string[];
}

const KPI_LIKE = /^[a-z0-9_]{1,64}$/;

/**
 * The seam through which escalations are opened: drift events, SLA breaches, QA regressions and stale feeds
 * (and people) report here. It records the source event (one alert per source), applies the provider's rules
 * (which kinds and severities escalate), opens or links one escalation per open source event and scope,
 * reopens an escalation whose source comes back, and writes the mail for the matrix and the subscribers to
 * the outbox in the same transaction.
 */
@Injectable()
export class EscalationTriggerService {
  private readonly logger = new Logger('EscalationTrigger');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly alerts: AlertsService,
    private readonly escalations: EscalationsRepository,
    private readonly matrix: EscalationMatrixService,
    private readonly notifier: EscalationNotifier,
    private readonly alertMail: AlertMailService,
  ) {}

  async raise(input: EscalationTriggerInput, options: EscalationTriggerOptions = {}): Promise<EscalationTriggerResult> {
    validate(input);
    const now = options.now ?? new Date();
    const run = (db: SqlExecutor) => this.raiseIn(db, input, options, now);
    if (options.manager) return run(options.manager);
    const result = await this.dataSource.transaction(run);
    await this.dispatch(result);
    return result;
  }

  /** The source event is back in control: the alert is resolved (announced once); a linked escalation is told. */
  async resolve(
    input: { kind: AlertKind; sourceRef: string; note?: string | null },
    options: Pick<EscalationTriggerOptions, 'manager' | 'now'> = {},
  ): Promise<EscalationTriggerResult | null> {
    const now = options.now ?? new Date();
    const run = async (db: SqlExecutor): Promise<EscalationTriggerResult | null> => {
      const recorded = await this.alerts.resolve(db, input.kind, input.sourceRef, input.note ?? null);
      if (!recorded) return null;
      const outboxIds: string[] = [];
      if (recorded.change === 'resolved' && recorded.alert.escalationId) {
        outboxIds.push(...(await this.onSourceChange(db, recorded.alert.escalationId, recorded, now)));
      }
      outboxIds.push(...(await this.alertMail.onAlertChange(db, recorded, now)));
      return {
        alertId: recorded.alert.id,
        change: recorded.change,
        escalationId: recorded.alert.escalationId,
        escalationOpened: false,
        outboxIds,
      };
    };
    if (options.manager) return run(options.manager);
    const result = await this.dataSource.transaction(run);
    if (result) await this.dispatch(result);
    return result;
  }

  /** Enqueues the mail of a result whose transaction was the caller's (call after that commit). */
  dispatch(result: Pick<EscalationTriggerResult, 'outboxIds'>): Promise<void> {
    return this.notifier.dispatch(result.outboxIds);
  }

  private async raiseIn(
    db: SqlExecutor,
    input: EscalationTriggerInput,
    options: EscalationTriggerOptions,
    now: Date,
  ): Promise<EscalationTriggerResult> {
    if (!(await this.escalations.providerExists(db, input.providerId))) {
      throw new BadRequestException(`Unknown provider ${input.providerId}`);
    }
    const scope = {
      siteId: input.scope.siteId ?? null,
      serviceLine: input.scope.serviceLine ?? null,
      queue: input.scope.queue || null,
      kpiCode: input.scope.kpiCode ?? null,
      feedId: input.scope.feedId ?? null,
    };
    const scopeLabel = input.scope.label?.trim() || (await this.composeLabel(db, scope));
    const recorded = await this.alerts.record(db, {
      kind: input.kind,
      sourceRef: input.sourceRef,
      providerId: input.providerId,
      ...scope,
      scopeLabel,
      severity: input.severity,
      title: input.title.trim(),
      since: input.detail?.since ?? null,
      magnitude: input.detail?.magnitude ?? null,
      baselineValue: input.detail?.baselineValue ?? null,
      currentValue: input.detail?.currentValue ?? null,
      explanation: input.detail?.explanation ?? null,
      data: input.detail?.data ?? null,
      hint: input.detail?.transition ?? null,
    });
    const result: EscalationTriggerResult = {
      alertId: recorded.alert.id,
      change: recorded.change,
      escalationId: recorded.alert.escalationId,
      escalationOpened: false,
      outboxIds: [],
    };
    if (recorded.change === 'unchanged') return result;

    if (recorded.alert.escalationId) {
      result.outboxIds.push(...(await this.onSourceChange(db, recorded.alert.escalationId, recorded, now)));
      result.escalationId = recorded.alert.escalationId;
    } else {
      const rules = await this.matrix.rulesFor(db, input.providerId);
      if (options.forceEscalation || shouldOpenEscalation(input.kind, input.severity, rules)) {
        const actor: EscalationActor = options.openedBy
          ? { userId: options.openedBy.id, name: options.openedBy.displayName, role: options.openedBy.role }
          : SYSTEM_ACTOR;
        const opened = await this.openOrLink(db, recorded.alert, actor, now);
        result.escalationId = opened.escalationId;
        result.escalationOpened = opened.opened;
        result.outboxIds.push(...opened.outboxIds);
        recorded.alert.escalationId = opened.escalationId;
      }
    }
    result.outboxIds.push(...(await this.alertMail.onAlertChange(db, recorded, now)));
    return result;
  }

  /** Links the alert to the active escalation of its scope, or opens one at level 1 and tells level 1. */
  private async openOrLink(
    db: SqlExecutor,
    alert: AlertEventRecord,
    actor: EscalationActor,
    now: Date,
  ): Promise<{ escalationId: string; opened: boolean; outboxIds: string[] }> {
    const scopeKey =
      alert.kind === 'manual'
        ? `manual:${alert.sourceRef}`
        : [alert.kind, alert.siteId, alert.serviceLine, alert.queue, alert.kpiCode, alert.feedId].map((p) => p ?? '*').join('|');
    await db.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ESCALATION_SCOPE_LOCK_CLASS, `${alert.providerId}/${scopeKey}`]);
    const active = await this.escalations.findActiveByScope(db, alert.providerId, scopeKey);
    if (active) {
      await this.link(db, active, alert, now);
      return { escalationId: active.id, opened: false, outboxIds: [] };
    }
    const { levels } = await this.matrix.levelsFor(db, alert.providerId);
    const first = levels[0];
    const deadlines = levelDeadlines(now, first, false);
    const owner =
      actor.userId && actor.role !== 'provider' && actor.role !== 'system'
        ? actor.userId
        : await this.escalations.providerOwnerCandidate(db, alert.providerId);
    const id = await this.escalations.insert(db, {
      providerId: alert.providerId,
      kind: alert.kind,
      severity: alert.severity,
      title: alert.title,
      summary: alert.explanation,
      siteId: alert.siteId,
      serviceLine: alert.serviceLine,
      queue: alert.queue,
      kpiCode: alert.kpiCode,
      feedId: alert.feedId,
      scopeLabel: alert.scopeLabel,
      scopeKey,
      ownerUserId: owner,
      openedBy: actor.userId,
      openedAt: now,
      ackDueAt: deadlines.ackDueAt,
      resolveDueAt: deadlines.resolveDueAt,
      targetAckMinutes: first.ackWithinMinutes,
      targetResolveMinutes: first.resolveWithinMinutes,
    });
    await this.alerts.linkEscalation(db, alert.id, id);
    await this.escalations.insertTimeline(
      db,
      {
        escalationId: id,
        actorUserId: actor.userId,
        actorName: actor.name,
        actorRole: actor.role,
        action: 'opened',
        fromStatus: null,
        toStatus: 'open',
        level: 1,
        text: alert.explanation ?? alert.title,
        data: { kind: alert.kind, severity: alert.severity, sourceRef: alert.sourceRef, alertId: alert.id },
      },
      now,
    );
    const record = await this.escalations.find(db, id, ProviderScope.all());
    const outboxIds = record
      ? await this.notifier.toLevel(
          db,
          record,
          levels,
          1,
          'opened',
          `a new escalation was opened for ${record.providerName}${actor.userId ? ` by ${actor.name}` : ''}: ${alert.title}.`,
          'opened',
        )
      : [];
    this.logger.log(`Opened ${record ? escalationReference(record.number) : id} for ${alert.kind} ${alert.sourceRef}`);
    return { escalationId: id, opened: true, outboxIds };
  }

  private async link(db: SqlExecutor, e: EscalationRecord, alert: AlertEventRecord, now: Date): Promise<void> {
    await this.alerts.linkEscalation(db, alert.id, e.id);
    await this.timeline(db, e, 'source_linked', alert.title, { alertId: alert.id, sourceRef: alert.sourceRef }, now);
    await this.raiseSeverity(db, e, alert.severity, now);
  }

  /** A linked source changed: note it; a worse one raises the severity; one that comes back reopens the escalation. */
  private async onSourceChange(db: SqlExecutor, escalationId: string, recorded: AlertRecordResult, now: Date): Promise<string[]> {
    const e = await this.escalations.find(db, escalationId, ProviderScope.all(), true);
    if (!e) return [];
    const alert = recorded.alert;
    const data = { alertId: alert.id, sourceRef: alert.sourceRef, magnitude: alert.magnitude, severity: alert.severity };
    if (isActiveEscalationStatus(e.status)) {
      if (recorded.change === 'worsened') {
        await this.timeline(db, e, 'source_worsened', alert.explanation ?? alert.title, data, now);
        await this.raiseSeverity(db, e, alert.severity, now);
      } else if (recorded.change === 'reopened') {
        await this.timeline(db, e, 'source_reopened', alert.explanation ?? alert.title, data, now);
      } else if (recorded.change === 'resolved') {
        await this.timeline(db, e, 'source_resolved', `${alert.title}: back in control`, data, now);
        const { levels } = await this.matrix.levelsFor(db, e.providerId);
        return this.notifier.toOwner(
          db,
          e,
          levels,
          'source_resolved',
          `the problem behind ${escalationReference(e.number)} is back in control. Resolve the escalation with its root cause and corrective action.`,
          `source_resolved:${recorded.changeId}`,
        );
      }
      return [];
    }
    if (recorded.change !== 'reopened' && recorded.change !== 'worsened') return [];
    // Resolved or closed, and the problem is back: reopen it, unless another escalation now covers the scope.
    const other = await this.escalations.findActiveByScope(db, e.providerId, e.scopeKey);
    if (other) {
      await this.link(db, other, alert, now);
      return [];
    }
    const { levels } = await this.matrix.levelsFor(db, e.providerId);
    const rule = levels.find((l) => l.level === e.level) ?? levels[levels.length - 1];
    const deadlines = levelDeadlines(now, rule, false);
    await this.escalations.update(db, e.id, {
      status: 'reopened',
      acknowledged_at: null,
      resolved_at: null,
      closed_at: null,
      level_started_at: now,
      ack_due_at: deadlines.ackDueAt,
      resolve_due_at: deadlines.resolveDueAt,
      final_overdue_reported_at: null,
      severity: severityRank(alert.severity) > severityRank(e.severity) ? alert.severity : e.severity,
    });
    await this.escalations.insertTimeline(
      db,
      {
        escalationId: e.id,
        actorUserId: null,
        actorName: SYSTEM_ACTOR.name,
        actorRole: SYSTEM_ACTOR.role,
        action: 'reopen',
        fromStatus: e.status,
        toStatus: 'reopened',
        level: e.level,
        text: `The problem came back: ${alert.explanation ?? alert.title}`,
        data,
      },
      now,
    );
    const reopened = await this.escalations.find(db, e.id, ProviderScope.all());
    if (!reopened) return [];
    return this.notifier.toLevel(
      db,
      reopened,
      levels,
      reopened.level,
      'reopened',
      `${escalationReference(e.number)} was reopened because the problem came back.`,
      `reopened:${recorded.changeId}`,
      true,
    );
  }

  private async raiseSeverity(db: SqlExecutor, e: EscalationRecord, severity: Severity, now: Date): Promise<void> {
    if (severityRank(severity) <= severityRank(e.severity)) return;
    await this.escalations.update(db, e.id, { severity });
    await this.timeline(db, e, 'severity_changed', `Severity raised from ${e.severity} to ${severity}`, { from: e.severity, to: severity }, now);
    e.severity = severity;
  }

  private timeline(db: SqlExecutor, e: EscalationRecord, action: string, text: string, data: Record<string, unknown>, now: Date) {
    return this.escalations.insertTimeline(
      db,
      {
        escalationId: e.id,
        actorUserId: null,
        actorName: SYSTEM_ACTOR.name,
        actorRole: SYSTEM_ACTOR.role,
        action,
        fromStatus: null,
        toStatus: null,
        level: e.level,
        text,
        data,
      },
      now,
    );
  }

  /** "Average handle time · Monterrey · voice · queue". */
  private async composeLabel(
    db: SqlExecutor,
    scope: { siteId: string | null; serviceLine: string | null; queue: string | null; kpiCode: string | null; feedId: string | null },
  ): Promise<string> {
    const { city, kpiName } = await this.escalations.labelParts(db, scope.siteId, scope.kpiCode);
    const parts = [kpiName ?? scope.kpiCode, city, scope.serviceLine?.replace(/_/g, ' '), scope.queue].filter(
      (p): p is string => Boolean(p),
    );
    return parts.length > 0 ? parts.join(' · ') : 'Whole provider';
  }
}

function validate(input: EscalationTriggerInput): void {
  if (!ALERT_KINDS.includes(input.kind)) throw new BadRequestException(`Unknown alert kind "${input.kind}"`);
  if (!SEVERITIES.includes(input.severity)) throw new BadRequestException(`Unknown severity "${input.severity}"`);
  if (!input.sourceRef || input.sourceRef.length > 200) throw new BadRequestException('sourceRef must be 1 to 200 characters');
  if (!input.title?.trim()) throw new BadRequestException('An alert needs a title');
  if (input.scope.kpiCode && !KPI_LIKE.test(input.scope.kpiCode)) throw new BadRequestException('Invalid KPI code');
  if (input.detail?.since && !/^\d{4}-\d{2}-\d{2}$/.test(input.detail.since)) throw new BadRequestException('since must be yyyy-mm-dd');
}
