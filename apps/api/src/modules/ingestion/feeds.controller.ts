import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query, UploadedFile, UseInterceptors } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { ApiBearerAuth, ApiConsumes, ApiTags } from '@nestjs/swagger';
import type { ApiKeyDto, CreatedApiKeyDto, EnqueuedRunDto, FeedDto, IngestionRunDto, RestatementDto, UploadPreviewDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { Scope } from '../auth/auth.decorators';
import { ProviderScope } from '../auth/provider-scope';
import { Audit } from '../audit/audit.decorator';
import { BackfillDto, CreateApiKeyDto, CreateFeedDto, ProviderQueryDto, UpdateFeedDto, UploadFieldsDto } from './dto/feed.dto';
import { FeedSchedulerService } from './feed-scheduler.service';
import { FeedsService } from './feeds.service';
import { IngestionRequestsService, UploadedFile as UploadedFileLike } from './ingestion-requests.service';

/** Feeds of the providers in scope; changes by admins and account managers only. */
@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('ingestion')
export class FeedsController {
  constructor(
    private readonly feeds: FeedsService,
    private readonly requests: IngestionRequestsService,
    private readonly scheduler: FeedSchedulerService,
  ) {}

  @Get('feeds')
  list(@Scope() scope: ProviderScope, @Query() query: ProviderQueryDto): Promise<FeedDto[]> {
    return this.feeds.list(scope, query.providerId);
  }

  @Get('feeds/:id')
  get(@Scope() scope: ProviderScope, @Param('id', parseId('Feed')) id: string): Promise<FeedDto> {
    return this.feeds.get(scope, id);
  }

  @Audit('feed.create', { resource: 'feed', change: true })
  @Post('feeds')
  async create(@Scope() scope: ProviderScope, @Body() body: CreateFeedDto): Promise<FeedDto> {
    const feed = await this.feeds.create(scope, body);
    await this.scheduler.sync();
    return feed;
  }

  @Audit('feed.update', { resource: 'feed', idParam: 'id', change: true })
  @Patch('feeds/:id')
  async update(@Scope() scope: ProviderScope, @Param('id', parseId('Feed')) id: string, @Body() body: UpdateFeedDto): Promise<FeedDto> {
    const feed = await this.feeds.update(scope, id, body);
    await this.scheduler.sync();
    return feed;
  }

  @Audit('feed.delete', { resource: 'feed', idParam: 'id', change: true })
  @Delete('feeds/:id')
  @HttpCode(204)
  async remove(@Scope() scope: ProviderScope, @Param('id', parseId('Feed')) id: string): Promise<void> {
    await this.feeds.remove(scope, id);
    await this.scheduler.sync();
  }

  @Audit('feed.run', { resource: 'feed', idParam: 'id' })
  @Post('feeds/:id/run')
  @HttpCode(202)
  runNow(@Scope() scope: ProviderScope, @Param('id', parseId('Feed')) id: string): Promise<EnqueuedRunDto> {
    return this.feeds.enqueueRun(scope, id);
  }

  @Audit('feed.backfill', { resource: 'feed', idParam: 'id' })
  @Post('feeds/:id/backfill')
  @HttpCode(202)
  backfill(@Scope() scope: ProviderScope, @Param('id', parseId('Feed')) id: string, @Body() body: BackfillDto): Promise<EnqueuedRunDto> {
    return this.feeds.enqueueRun(scope, id, { from: body.from, to: body.to });
  }

  @Post('feeds/:id/preview')
  @HttpCode(200)
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  preview(
    @Scope() scope: ProviderScope,
    @Param('id', parseId('Feed')) id: string,
    @UploadedFile() file: UploadedFileLike | undefined,
  ): Promise<UploadPreviewDto> {
    return this.requests.preview(scope, id, file);
  }

  @Audit('feed.upload', { resource: 'feed', idParam: 'id', change: true })
  @Post('feeds/:id/upload')
  @ApiConsumes('multipart/form-data')
  @UseInterceptors(FileInterceptor('file'))
  upload(
    @Scope() scope: ProviderScope,
    @Param('id', parseId('Feed')) id: string,
    @UploadedFile() file: UploadedFileLike | undefined,
    @Body() body: UploadFieldsDto,
  ): Promise<IngestionRunDto> {
    return this.requests.upload(scope, id, file, body.mapping, body.saveMapping === 'true');
  }

  @Get('providers/:providerId/restatements')
  restatements(@Scope() scope: ProviderScope, @Param('providerId', parseId('Provider')) providerId: string): Promise<RestatementDto[]> {
    return this.requests.restatements(scope, providerId);
  }

  @Get('providers/:providerId/api-keys')
  listKeys(@Scope() scope: ProviderScope, @Param('providerId', parseId('Provider')) providerId: string): Promise<ApiKeyDto[]> {
    return this.requests.listKeys(scope, providerId);
  }

  @Audit('api_key.create', { resource: 'api_key', change: true })
  @Post('providers/:providerId/api-keys')
  createKey(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Body() body: CreateApiKeyDto,
  ): Promise<CreatedApiKeyDto> {
    return this.requests.createKey(scope, providerId, body.label ?? null);
  }

  @Audit('api_key.rotate', { resource: 'api_key', idParam: 'keyId', change: true })
  @Post('providers/:providerId/api-keys/:keyId/rotate')
  rotateKey(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Param('keyId', parseId('API key')) keyId: string,
  ): Promise<CreatedApiKeyDto> {
    return this.requests.rotateKey(scope, providerId, keyId);
  }

  @Audit('api_key.revoke', { resource: 'api_key', idParam: 'keyId', change: true })
  @Delete('providers/:providerId/api-keys/:keyId')
  @HttpCode(204)
  revokeKey(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Param('keyId', parseId('API key')) keyId: string,
  ): Promise<void> {
    return this.requests.revokeKey(scope, providerId, keyId);
  }
}
