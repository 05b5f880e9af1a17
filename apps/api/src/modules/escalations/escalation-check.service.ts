import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { nextEscalationStep } from '@kpi/domain';
import { ProviderScope } from '../auth/provider-scope';
import { EscalationMatrixService } from './escalation-matrix.service';
import { EscalationNotifier, escalationReference } from './escalation-notifier';
import { EscalationsRepository } from './escalations.repository';
import { SYSTEM_ACTOR } from './escalation.types';

export interface EscalationCheckResult {
  escalated: number;
  finalOverdue: number;
}

function minutes(n: number): string {
  if (n % (24 * 60) === 0) return `${n / (24 * 60)} day${n === 24 * 60 ? '' : 's'}`;
  if (n % 60 === 0) return `${n / 60} hour${n === 60 ? '' : 's'}`;
  return `${n} minute${n === 1 ? '' : 's'}`;
}

/**
 * The scheduled check: an overdue escalation (not acknowledged, or not resolved, within its level's time)
 * moves to the next level of the matrix, whose contacts are told; at the last level it is reported once.
 * Each escalation is handled under a row lock (SKIP LOCKED), so several api instances never escalate twice.
 */
@Injectable()
export class EscalationCheckService {
  private readonly logger = new Logger('EscalationCheck');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly escalations: EscalationsRepository,
    private readonly matrix: EscalationMatrixService,
    private readonly notifier: EscalationNotifier,
  ) {}

  async run(now = new Date()): Promise<EscalationCheckResult> {
    const result: EscalationCheckResult = { escalated: 0, finalOverdue: 0 };
    for (const id of await this.escalations.overdueIds(this.dataSource, now)) {
      const outcome = await this.dataSource.transaction(async (db) => {
        const e = await this.escalations.lockIfFree(db, id);
        if (!e) return { type: null, ids: [] as string[] };
        const { levels } = await this.matrix.levelsFor(db, e.providerId);
        const step = nextEscalationStep(
          {
            status: e.status,
            level: e.level,
            ackDueAt: e.ackDueAt,
            resolveDueAt: e.resolveDueAt,
            finalOverdueReported: e.finalOverdueReportedAt !== null && e.finalOverdueReportedAt >= e.levelStartedAt,
          },
          levels,
          now,
        );
        if (!step) return { type: null, ids: [] as string[] };
        const current = levels.find((l) => l.level === e.level);
        const why =
          step.reason === 'ack_overdue'
            ? `not acknowledged within ${minutes(current?.ackWithinMinutes ?? 0)} at level ${e.level}`
            : `not resolved within ${minutes(current?.resolveWithinMinutes ?? 0)} at level ${e.level}`;
        if (step.type === 'escalate') {
          const nextName = levels.find((l) => l.level === step.toLevel)?.name ?? `Level ${step.toLevel}`;
          await this.escalations.update(db, e.id, {
            level: step.toLevel,
            level_started_at: now,
            ack_due_at: step.deadlines.ackDueAt,
            resolve_due_at: step.deadlines.resolveDueAt,
          });
          await this.escalations.insertTimeline(
            db,
            {
              escalationId: e.id,
              actorUserId: null,
              actorName: SYSTEM_ACTOR.name,
              actorRole: SYSTEM_ACTOR.role,
              action: 'escalate',
              fromStatus: null,
              toStatus: null,
              level: step.toLevel,
              text: `Escalated to level ${step.toLevel} (${nextName}): ${why}.`,
              data: { fromLevel: step.fromLevel, toLevel: step.toLevel, levelName: nextName, reason: step.reason },
            },
            now,
          );
          const updated = await this.escalations.find(db, e.id, ProviderScope.all());
          const ids = updated
            ? await this.notifier.toLevel(
                db,
                updated,
                levels,
                step.toLevel,
                'escalated',
                `${escalationReference(e.number)} (${e.providerName}) reached level ${step.toLevel} (${nextName}) because it was ${why}.`,
                `level:${step.toLevel}:${now.toISOString()}`,
                true,
              )
            : [];
          return { type: 'escalated' as const, ids };
        }
        await this.escalations.update(db, e.id, { final_overdue_reported_at: now });
        await this.escalations.insertTimeline(
          db,
          {
            escalationId: e.id,
            actorUserId: null,
            actorName: SYSTEM_ACTOR.name,
            actorRole: SYSTEM_ACTOR.role,
            action: 'final_level_overdue',
            fromStatus: null,
            toStatus: null,
            level: e.level,
            text: `Overdue at the last level: ${why}.`,
            data: { reason: step.reason },
          },
          now,
        );
        const ids = await this.notifier.toLevel(
          db,
          e,
          levels,
          e.level,
          'final_level_overdue',
          `${escalationReference(e.number)} (${e.providerName}) is overdue at the last level of the matrix: ${why}.`,
          `final:${e.level}:${e.levelStartedAt.toISOString()}`,
          true,
        );
        return { type: 'final' as const, ids };
      });
      if (outcome.type === 'escalated') result.escalated++;
      if (outcome.type === 'final') result.finalOverdue++;
      await this.notifier.dispatch(outcome.ids);
    }
    if (result.escalated + result.finalOverdue > 0) {
      this.logger.log(`Escalated ${result.escalated}, reported ${result.finalOverdue} overdue at the last level`);
    }
    return result;
  }
}
