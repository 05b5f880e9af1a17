import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { KpiDefinitionDto, KpiTrendDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { Scope } from '../auth/auth.decorators';
import { ProviderScope } from '../auth/provider-scope';
import { TrendQueryDto } from './dto/trend-query.dto';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller()
export class MetricsController {
  constructor(private readonly metrics: MetricsService) {}

  @Get('kpis')
  listKpis(): Promise<KpiDefinitionDto[]> {
    return this.metrics.listKpis();
  }

  @Get('providers/:providerId/kpis/:kpiCode/trend')
  trend(
    @Scope() scope: ProviderScope,
    @Param('providerId', parseId('Provider')) providerId: string,
    @Param('kpiCode') kpiCode: string,
    @Query() query: TrendQueryDto,
  ): Promise<KpiTrendDto> {
    return this.metrics.trend(scope, providerId, kpiCode, query);
  }
}
