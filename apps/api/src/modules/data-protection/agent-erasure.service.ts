import { Injectable, NotFoundException } from '@nestjs/common';
import type { AgentErasureResultDto } from '@kpi/contracts';
import { AppConfig } from '../../config/app-config.service';
import { AuditService } from '../audit/audit.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { agentPseudonymiser } from '../ingestion/secrets/credentials-cipher';
import { DataProtectionRepository } from './data-protection.repository';

/** Deletion of one QA agent's data on request; the aggregates built from it are kept. */
@Injectable()
export class AgentErasureService {
  constructor(
    private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly repository: DataProtectionRepository,
  ) {}

  /**
   * Pseudonymises the raw agent id exactly as ingestion does (provider + key) and deletes that agent's rows.
   * The audit record names the pseudonym only; the raw id is neither stored nor logged.
   */
  async erase(scope: ProviderScope, user: AuthenticatedUser, providerId: string, agentId: string): Promise<AgentErasureResultDto> {
    scope.assertVisible(providerId);
    if (!(await this.repository.findProvider(providerId))) throw new NotFoundException('Provider not found');
    const rawId = agentId.trim();
    const agentKey = agentPseudonymiser(this.config.pseudonymisationKey, providerId)(rawId);
    const removed = await this.repository.eraseAgent(providerId, agentKey, rawId);
    await this.audit.record({
      action: 'qa_agent.erase',
      actorUserId: user.id,
      actorLabel: user.email,
      resourceType: 'qa_agent',
      resourceId: agentKey,
      providerId,
      details: removed,
    });
    return { providerId, ...removed };
  }
}
