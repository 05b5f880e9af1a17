import { Module } from '@nestjs/common';
import { MetricsModule } from '../metrics/metrics.module';
import { SlaContractsController } from './sla-contracts.controller';
import { SlaContractsService } from './sla-contracts.service';
import { SlaPerformanceController } from './sla-performance.controller';
import { SlaPerformanceService } from './sla-performance.service';
import { SLA_CLOCK, SYSTEM_CLOCK } from './sla.clock';
import { SlaRepository } from './sla.repository';
import { SlaTermsReader } from './sla-terms.reader';

/** SLA contracts (versioned terms, service levels, exclusions), attainment, burn rate, credits and scorecards. */
@Module({
  imports: [MetricsModule],
  controllers: [SlaContractsController, SlaPerformanceController],
  providers: [SlaRepository, SlaContractsService, SlaPerformanceService, SlaTermsReader, { provide: SLA_CLOCK, useValue: SYSTEM_CLOCK }],
  exports: [SlaContractsService, SlaPerformanceService, SlaTermsReader],
})
export class SlaModule {}
