import { Body, Controller, Get, Header, HttpCode, Param, Post, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AgentErasureResultDto, RetentionPolicyDto, RetentionPurgeResultDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { Audit } from '../audit/audit.decorator';
import { CurrentUserParam, Scope } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { AgentErasureService } from './agent-erasure.service';
import { EraseAgentDto } from './dto/erase-agent.dto';
import { ProviderExportService } from './provider-export.service';
import { RetentionService } from './retention.service';

/** Admin-only (ACCESS_MATRIX): retention policy and purge, erasure of one agent, export of one provider. */
@ApiTags('admin')
@ApiBearerAuth()
@Controller('admin')
export class DataProtectionController {
  constructor(
    private readonly retention: RetentionService,
    private readonly erasure: AgentErasureService,
    private readonly exports: ProviderExportService,
  ) {}

  /** How long each kind of data is kept, and today's cutoffs. */
  @Get('retention')
  policy(): RetentionPolicyDto {
    return this.retention.policy();
  }

  /** Runs the retention purge now (it also runs daily); audited with the counts per kind. */
  @Post('retention/purge')
  @HttpCode(200)
  purge(@CurrentUserParam() user: AuthenticatedUser): Promise<RetentionPurgeResultDto> {
    return this.retention.purge('manual', { id: user.id, email: user.email });
  }

  /** Deletes one QA agent's evaluations (by the agent id the provider uses); aggregates are kept. */
  @Post('providers/:providerId/agents/erase')
  @HttpCode(200)
  eraseAgent(
    @Scope() scope: ProviderScope,
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Body() body: EraseAgentDto,
  ): Promise<AgentErasureResultDto> {
    return this.erasure.erase(scope, user, providerId, body.agentId);
  }

  /** Everything held about the provider as a ZIP of CSVs with a manifest, streamed. */
  @Audit('provider.export', { resource: 'provider', idParam: 'providerId' })
  @Get('providers/:providerId/export')
  @Header('Cache-Control', 'private, no-store')
  async export(@Scope() scope: ProviderScope, @Param('providerId', parseId('Provider')) providerId: string): Promise<StreamableFile> {
    const file = await this.exports.export(scope, providerId);
    return new StreamableFile(file.content, {
      type: 'application/zip',
      disposition: `attachment; filename="${file.fileName}"`,
    });
  }
}
