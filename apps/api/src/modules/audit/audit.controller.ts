import { Controller, Get, Param, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { AuditPageDto, AuditVerificationDto } from '@kpi/contracts';
import type { Response } from 'express';
import { parseId } from '../../common/parse-id.pipe';
import { Scope } from '../auth/auth.decorators';
import { ProviderScope } from '../auth/provider-scope';
import { Audit } from './audit.decorator';
import { AuditService } from './audit.service';
import { AuditQueryDto, ProviderAccessQueryDto } from './dto/audit-query.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller()
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  /** Search the audit trail, newest first. */
  @Get('admin/audit')
  search(@Query() query: AuditQueryDto): Promise<AuditPageDto> {
    return this.audit.search(query);
  }

  /** The matching entries as CSV (up to 50 000 rows); the export itself is audited. */
  @Audit('audit.export', { resource: 'audit_log' })
  @Get('admin/audit/export')
  async export(@Query() query: AuditQueryDto, @Res({ passthrough: true }) res: Response): Promise<string> {
    const csv = await this.audit.exportCsv(query);
    res.setHeader('Content-Type', 'text/csv; charset=utf-8');
    res.setHeader('Content-Disposition', 'attachment; filename="audit-log.csv"');
    res.setHeader('Cache-Control', 'private, max-age=0');
    return csv;
  }

  /** Recomputes the hash chain: ok, or the first broken link. */
  @Audit('audit.verify', { resource: 'audit_log' })
  @Get('admin/audit/verify')
  verify(): Promise<AuditVerificationDto> {
    return this.audit.verify();
  }

  /** Who accessed this provider's data (page views, downloads, exports): admins and its account managers. */
  @Get('providers/:providerId/access-log')
  providerAccess(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: ProviderAccessQueryDto,
  ): Promise<AuditPageDto> {
    return this.audit.providerAccess(scope, providerId, query);
  }
}
