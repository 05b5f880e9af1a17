import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { QuarterlyCommentaryDto, QuarterlyReviewDto, QuarterlyReviewListDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam, Scope } from '../auth/auth.decorators';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { Audit } from '../audit/audit.decorator';
import { DownloadQueryDto, GenerateQuarterlyReviewDto, QuarterQueryDto, ReviewListQueryDto, SaveQuarterlyCommentaryDto } from './dto/reports.dto';
import { ReportsService } from './reports.service';

@ApiTags('reports')
@ApiBearerAuth()
@Controller()
export class ReportsController {
  constructor(private readonly reports: ReportsService) {}

  /** The account manager's commentary and agreed actions of a provider's quarter. */
  @Get('providers/:providerId/quarterly-commentary')
  commentary(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: QuarterQueryDto,
  ): Promise<QuarterlyCommentaryDto> {
    return this.reports.commentary(scope, providerId, query.quarter);
  }

  @Put('providers/:providerId/quarterly-commentary')
  saveCommentary(
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: QuarterQueryDto,
    @Body() body: SaveQuarterlyCommentaryDto,
  ): Promise<QuarterlyCommentaryDto> {
    return this.reports.saveCommentary(user, providerId, query.quarter, body.commentary, body.actions);
  }

  /** Queues the generation of a pack (a provider's, or the portfolio without providerId); poll GET /reports/:id. */
  @Post('reports')
  @HttpCode(202)
  generate(@CurrentUserParam() user: AuthenticatedUser, @Body() body: GenerateQuarterlyReviewDto): Promise<QuarterlyReviewDto> {
    return this.reports.request(user, body);
  }

  /** Packs of the caller's providers, newest first, with checksums and the out-of-date flag. */
  @Get('reports')
  list(@Scope() scope: ProviderScope, @Query() query: ReviewListQueryDto): Promise<QuarterlyReviewListDto> {
    return this.reports.list(scope, query);
  }

  @Get('reports/:id')
  get(@Scope() scope: ProviderScope, @Param('id', parseId('Quarterly review')) id: string): Promise<QuarterlyReviewDto> {
    return this.reports.get(scope, id);
  }

  /** The archived file, byte for byte: format=pdf|xlsx|csv-zip, or format=csv&table=<key>. */
  @Audit('report.download', { resource: 'quarterly_review', idParam: 'id' })
  @Get('reports/:id/download')
  async download(
    @Scope() scope: ProviderScope,
    @Param('id', parseId('Quarterly review')) id: string,
    @Query() query: DownloadQueryDto,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const file = await this.reports.download(scope, id, query.format, query.table);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName.replace(/[^A-Za-z0-9._-]/g, '_')}"`);
    res.setHeader('X-Content-SHA256', file.sha256);
    res.setHeader('Cache-Control', 'private, max-age=0');
    return new StreamableFile(file.content);
  }
}
