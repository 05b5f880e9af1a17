import { Module } from '@nestjs/common';
import { DriftModule } from '../drift/drift.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { MetricsModule } from '../metrics/metrics.module';
import { ProvidersModule } from '../providers/providers.module';
import { SlaModule } from '../sla/sla.module';
import { PortfolioController } from './portfolio.controller';
import { PortfolioService } from './portfolio.service';

/** The portfolio overview: composes providers, SLA, scorecards, escalations, drift and feed freshness. */
@Module({
  imports: [ProvidersModule, MetricsModule, SlaModule, EscalationsModule, DriftModule, IngestionModule],
  controllers: [PortfolioController],
  providers: [PortfolioService],
})
export class PortfolioModule {}
