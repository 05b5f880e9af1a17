import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import type { AlertKind } from '@kpi/domain';
import type { DriftEventKind, DriftEventSummaryDto } from '@kpi/contracts';
import { ProviderScope } from '../../auth/provider-scope';
import { DriftEventBus } from '../../drift/drift-event-bus';
import { DRIFT_TRANSITIONS, DriftTransition } from '../../drift/drift.events';
import { DriftService } from '../../drift/drift.service';
import type { DriftEventQueryDto } from '../../drift/dto/drift-event-query.dto';
import { MetricsService } from '../../metrics/metrics.service';
import { EscalationTriggerService } from '../escalation-trigger.service';
import { driftEventToTrigger, driftSourceRef } from './drift-alert.mapping';

const PAGE = 500;
/** Resolutions of the last days are re-checked by the reconciliation. */
const RESOLVED_LOOKBACK_DAYS = 3;

function alertKind(kind: DriftEventKind): AlertKind {
  return kind === 'sla' ? 'sla_breach' : kind === 'qa_regression' ? 'qa_regression' : 'drift';
}

/**
 * Drift events -> escalation seam. Subscribes to the drift module's DriftEventBus (opened, worsened,
 * resolved transitions of adverse events, published after the drift engine commits) and raises / resolves
 * the matching alert. Because an in-process callback after a commit can be lost (a crash in between), the
 * periodic reconciliation also walks the open adverse drift events and the recent resolutions through the
 * same idempotent seam, so no drift event is ever missed (and the demo's first evaluation, which runs before
 * the app starts, is picked up).
 */
@Injectable()
export class DriftEscalationSubscriber implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger('DriftEscalations');
  private unsubscribe: (() => void) | null = null;

  constructor(
    private readonly bus: DriftEventBus,
    private readonly drift: DriftService,
    private readonly metrics: MetricsService,
    private readonly trigger: EscalationTriggerService,
  ) {}

  onModuleInit(): void {
    this.unsubscribe = this.bus.subscribe((transition) => this.onTransition(transition));
  }

  onModuleDestroy(): void {
    this.unsubscribe?.();
  }

  async onTransition(transition: DriftTransition): Promise<void> {
    if (transition.direction !== 'adverse') return;
    if (transition.name === DRIFT_TRANSITIONS.resolved) {
      await this.trigger.resolve({
        kind: alertKind(transition.kind),
        sourceRef: driftSourceRef(transition.eventId),
        note: transition.explanation,
      });
      return;
    }
    const event = await this.drift.getEvent(ProviderScope.all(), transition.eventId);
    const names = await this.kpiNames();
    await this.trigger.raise(
      driftEventToTrigger(event, names.get(event.kpiCode) ?? null, transition.name === DRIFT_TRANSITIONS.worsened ? 'worsened' : 'opened'),
    );
  }

  /** Walks open adverse drift events and recent resolutions through the seam (idempotent). */
  async reconcile(now = new Date()): Promise<{ raised: number; resolved: number }> {
    const names = await this.kpiNames();
    let raised = 0;
    for (const event of await this.events({ status: 'open', direction: 'adverse' })) {
      try {
        const result = await this.trigger.raise(driftEventToTrigger(event, names.get(event.kpiCode) ?? null, null));
        if (result.change !== 'unchanged') raised++;
      } catch (error) {
        this.logger.warn(`Drift event ${event.id} not raised: ${(error as Error).message}`);
      }
    }
    let resolved = 0;
    const since = new Date(now.getTime() - RESOLVED_LOOKBACK_DAYS * 86_400_000).toISOString().slice(0, 10);
    for (const event of await this.events({ status: 'resolved', direction: 'adverse', since })) {
      const result = await this.trigger.resolve({ kind: alertKind(event.kind), sourceRef: driftSourceRef(event.id), note: event.explanation });
      if (result?.change === 'resolved') resolved++;
    }
    if (raised + resolved > 0) this.logger.log(`Reconciled drift events: ${raised} raised or changed, ${resolved} resolved`);
    return { raised, resolved };
  }

  private async events(query: Partial<DriftEventQueryDto>): Promise<DriftEventSummaryDto[]> {
    const all: DriftEventSummaryDto[] = [];
    for (let offset = 0; ; offset += PAGE) {
      const page = await this.drift.listEvents(ProviderScope.all(), { ...query, limit: PAGE, offset } as DriftEventQueryDto);
      all.push(...page.items);
      if (page.items.length < PAGE || all.length >= page.total) return all;
    }
  }

  private async kpiNames(): Promise<Map<string, string>> {
    return new Map((await this.metrics.listKpis()).map((k) => [k.code, k.name]));
  }
}
