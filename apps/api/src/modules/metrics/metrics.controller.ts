import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type { KpiDefinitionDto, KpiRollupDto, KpiTrendDto } from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam, Scope } from '../auth/auth.decorators';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { CreateCustomKpiDto, UpdateCustomKpiDto } from './dto/custom-kpi.dto';
import { RollupQueryDto } from './dto/rollup-query.dto';
import { TrendQueryDto } from './dto/trend-query.dto';
import { KpiCatalogService } from './kpi-catalog.service';
import { MetricsService } from './metrics.service';

@ApiTags('metrics')
@ApiBearerAuth()
@Controller()
export class MetricsController {
  constructor(
    private readonly metrics: MetricsService,
    private readonly catalog: KpiCatalogService,
  ) {}

  /** The KPI catalog (built-in and custom), for every signed-in user. */
  @Get('kpis')
  listKpis(): Promise<KpiDefinitionDto[]> {
    return this.metrics.listKpis();
  }

  @Get('kpis/:code')
  getKpi(@Param('code') code: string): Promise<KpiDefinitionDto> {
    return this.catalog.get(code);
  }

  @Post('kpis')
  createKpi(@Body() body: CreateCustomKpiDto, @CurrentUserParam() user: AuthenticatedUser): Promise<KpiDefinitionDto> {
    return this.catalog.create(body, user.id);
  }

  @Put('kpis/:code')
  updateKpi(@Param('code') code: string, @Body() body: UpdateCustomKpiDto): Promise<KpiDefinitionDto> {
    return this.catalog.update(code, body);
  }

  @Delete('kpis/:code')
  @HttpCode(204)
  deleteKpi(@Param('code') code: string): Promise<void> {
    return this.catalog.remove(code);
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

  /** Any KPI over any period (day ... year, custom range) and slice (provider, site, city, line, queue). */
  @Get('metrics/rollup')
  rollup(@Scope() scope: ProviderScope, @Query() query: RollupQueryDto): Promise<KpiRollupDto> {
    return this.metrics.rollup(scope, query);
  }
}
