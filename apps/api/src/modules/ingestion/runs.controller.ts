import { Body, Controller, Get, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { IngestionRunDetailDto, IngestionRunDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { Scope } from '../auth/auth.decorators';
import { ProviderScope } from '../auth/provider-scope';
import { ListRunsQueryDto, ProviderQueryDto, ResubmitRowsDto } from './dto/feed.dto';
import { FeedFreshnessService, StaleFeed } from './feed-freshness.service';
import { IngestionRequestsService } from './ingestion-requests.service';

@ApiTags('ingestion')
@ApiBearerAuth()
@Controller('ingestion')
export class RunsController {
  constructor(
    private readonly requests: IngestionRequestsService,
    private readonly freshness: FeedFreshnessService,
  ) {}

  @Get('runs')
  list(@Scope() scope: ProviderScope, @Query() query: ListRunsQueryDto): Promise<IngestionRunDto[]> {
    return this.requests.listRuns(scope, query);
  }

  @Get('runs/:id')
  get(@Scope() scope: ProviderScope, @Param('id', parseId('Run')) id: string): Promise<IngestionRunDetailDto> {
    return this.requests.getRun(scope, id);
  }

  /** Fixed quarantined rows, sent again as a new run (trigger "resubmit"). */
  @Post('runs/:id/resubmit')
  resubmit(@Scope() scope: ProviderScope, @Param('id', parseId('Run')) id: string, @Body() body: ResubmitRowsDto): Promise<IngestionRunDto> {
    return this.requests.resubmit(scope, id, body.rows);
  }

  @Get('stale-feeds')
  async stale(@Scope() scope: ProviderScope, @Query() query: ProviderQueryDto): Promise<StaleFeed[]> {
    if (query.providerId) scope.assertVisible(query.providerId);
    const feeds = await this.freshness.staleFeeds(scope);
    return query.providerId ? feeds.filter((f) => f.providerId === query.providerId) : feeds;
  }
}
