import { Module } from '@nestjs/common';
import { KpiCatalogService } from './kpi-catalog.service';
import { MetricsController } from './metrics.controller';
import { MetricsRollupRepository } from './metrics-rollup.repository';
import { MetricsRollupService } from './metrics-rollup.service';
import { MetricsRepository } from './metrics.repository';
import { MetricsService } from './metrics.service';

/**
 * KPI catalog, observations and their rollups. Exports MetricsService (reads) and MetricsRollupService
 * (`refreshRange(providerId, from, to)` after every change of observations; `measure` for other modules).
 */
@Module({
  controllers: [MetricsController],
  providers: [MetricsRepository, MetricsRollupRepository, MetricsRollupService, MetricsService, KpiCatalogService],
  exports: [MetricsService, MetricsRollupService],
})
export class MetricsModule {}
