import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  ProviderAttainmentDto,
  ProviderBurnRateDto,
  ProviderCreditsDto,
  ProviderScorecardDto,
  ScorecardRankingDto,
  ScorecardWeightsDto,
  SiteComparisonDto,
} from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam, Scope } from '../auth/auth.decorators';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { ScorecardWeightsBodyDto, SiteComparisonQueryDto, SlaPeriodQueryDto } from './dto/sla-period-query.dto';
import { SlaPerformanceService } from './sla-performance.service';

@ApiTags('sla')
@ApiBearerAuth()
@Controller()
export class SlaPerformanceController {
  constructor(private readonly performance: SlaPerformanceService) {}

  /** Each service level per measurement period: met / at risk / breached, value vs target and minimum, exclusions. */
  @Get('providers/:providerId/sla/attainment')
  attainment(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: SlaPeriodQueryDto,
  ): Promise<ProviderAttainmentDto> {
    return this.performance.attainment(scope, providerId, query);
  }

  /** The open measurement period of each service level: error budget, burn rate, "missed on day N". */
  @Get('providers/:providerId/sla/burn-rate')
  burnRate(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: SlaPeriodQueryDto,
  ): Promise<ProviderBurnRateDto> {
    return this.performance.burnRate(scope, providerId, query);
  }

  /** Service credits per month with the calculation spelled out, earn-back and chronic-failure flags. */
  @Get('providers/:providerId/sla/credits')
  credits(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: SlaPeriodQueryDto,
  ): Promise<ProviderCreditsDto> {
    return this.performance.credits(scope, providerId, query);
  }

  @Get('providers/:providerId/scorecard')
  scorecard(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: SlaPeriodQueryDto,
  ): Promise<ProviderScorecardDto> {
    return this.performance.scorecard(scope, providerId, query);
  }

  @Get('providers/:providerId/site-comparison')
  siteComparison(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Query() query: SiteComparisonQueryDto,
  ): Promise<SiteComparisonDto> {
    return this.performance.siteComparison(scope, providerId, query);
  }

  /** The caller's providers ranked by scorecard. */
  @Get('scorecards')
  ranking(@Scope() scope: ProviderScope, @Query() query: SlaPeriodQueryDto): Promise<ScorecardRankingDto> {
    return this.performance.ranking(scope, query);
  }

  @Get('scorecard-weights')
  weights(): Promise<ScorecardWeightsDto> {
    return this.performance.weights();
  }

  @Put('scorecard-weights')
  updateWeights(@Body() body: ScorecardWeightsBodyDto, @CurrentUserParam() user: AuthenticatedUser): Promise<ScorecardWeightsDto> {
    return this.performance.updateWeights(body, user.id);
  }
}
