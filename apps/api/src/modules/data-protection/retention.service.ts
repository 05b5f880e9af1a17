import { Injectable, Logger } from '@nestjs/common';
import type { RetentionPolicyDto, RetentionPurgeKindDto, RetentionPurgeResultDto } from '@kpi/contracts';
import { DATA_KIND_LABELS, KEPT_DATA_KINDS, PURGEABLE_DATA_KINDS, retentionCutoffs } from '@kpi/domain';
import { AppConfig } from '../../config/app-config.service';
import { AuditService } from '../audit/audit.service';
import { RETENTION_PURGE_SCHEDULE } from './data-protection.constants';
import { DataProtectionRepository } from './data-protection.repository';

/** Who started a purge: a signed-in admin, or null for the scheduler. */
export type PurgeActor = { id: string; email: string } | null;

/** The retention policy (from the configuration) and the purge that enforces it. */
@Injectable()
export class RetentionService {
  private readonly logger = new Logger(RetentionService.name);

  constructor(
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly repository: DataProtectionRepository,
  ) {}

  policy(now = new Date()): RetentionPolicyDto {
    const purged = retentionCutoffs(now, this.config.retentionPolicy, PURGEABLE_DATA_KINDS).map((c) => ({
      kind: c.kind,
      label: DATA_KIND_LABELS[c.kind],
      kept: false as const,
      months: c.months,
      cutoff: c.cutoff,
    }));
    const kept = KEPT_DATA_KINDS.map((kind) => ({ kind, label: DATA_KIND_LABELS[kind], kept: true as const, months: null, cutoff: null }));
    return { schedule: RETENTION_PURGE_SCHEDULE, rules: [...purged, ...kept] };
  }

  /**
   * Deletes every purgeable kind's rows older than its cutoff, one transaction per kind, and records the purge
   * (who, cutoffs, counts per kind) in the audit trail, also when a kind fails part-way.
   */
  async purge(trigger: RetentionPurgeResultDto['trigger'], actor: PurgeActor, now = new Date()): Promise<RetentionPurgeResultDto> {
    const kinds: RetentionPurgeKindDto[] = [];
    const record = (outcome: string, extra: Record<string, unknown> = {}) =>
      this.audit.record({
        action: 'retention.purge',
        outcome,
        actorUserId: actor?.id ?? null,
        actorLabel: actor?.email ?? 'system',
        resourceType: 'retention',
        details: { trigger, policy: this.config.retentionPolicy, kinds, ...extra },
      });
    for (const cutoff of retentionCutoffs(now, this.config.retentionPolicy, PURGEABLE_DATA_KINDS)) {
      try {
        const deleted = await this.repository.purge(cutoff.kind, cutoff.cutoff);
        kinds.push({ kind: cutoff.kind, months: cutoff.months, cutoff: cutoff.cutoff, deleted });
      } catch (error) {
        await record('error:500', { failedKind: cutoff.kind, error: (error as Error).message });
        throw error;
      }
    }
    await record('success');
    this.logger.log(`Retention purge (${trigger}): ${kinds.map((k) => `${k.kind} ${k.deleted}`).join(', ')}`);
    return { ranAt: now.toISOString(), trigger, kinds };
  }
}
