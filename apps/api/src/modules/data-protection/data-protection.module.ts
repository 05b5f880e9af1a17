import { Module } from '@nestjs/common';
import { AgentErasureService } from './agent-erasure.service';
import { DataProtectionController } from './data-protection.controller';
import { DataProtectionRepository } from './data-protection.repository';
import { ProviderExportService } from './provider-export.service';
import { RetentionPurgeProcessor } from './retention-purge.processor';
import { RetentionService } from './retention.service';

/**
 * Personal data duties: retention per data kind enforced by a daily purge (audited), erasure of one QA agent's
 * data on request, and the export of everything held about a provider when an engagement ends.
 */
@Module({
  controllers: [DataProtectionController],
  providers: [DataProtectionRepository, RetentionService, RetentionPurgeProcessor, AgentErasureService, ProviderExportService],
})
export class DataProtectionModule {}
