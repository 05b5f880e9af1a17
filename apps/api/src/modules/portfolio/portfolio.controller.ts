import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { PortfolioOverviewDto } from '@kpi/contracts';
import { CurrentUserParam, Scope } from '../auth/auth.decorators';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { PortfolioService } from './portfolio.service';

@ApiTags('portfolio')
@ApiBearerAuth()
@Controller('portfolio')
export class PortfolioController {
  constructor(private readonly portfolio: PortfolioService) {}

  /** The caller's providers at a glance: KPI x provider heatmap by SLA status, counts, scorecard ranking, worst changes. */
  @Get('overview')
  overview(@CurrentUserParam() user: AuthenticatedUser, @Scope() scope: ProviderScope): Promise<PortfolioOverviewDto> {
    return this.portfolio.overview(user, scope);
  }
}
