import { Module } from '@nestjs/common';
import { SlaModule } from '../sla/sla.module';
import { SlaTermsReader } from '../sla/sla-terms.reader';
import { DriftController } from './drift.controller';
import { DriftEventBus } from './drift-event-bus';
import { DriftProcessor } from './drift.processor';
import { DriftRepository } from './drift.repository';
import { DriftService } from './drift.service';
import { DriftSettingsController } from './drift-settings.controller';
import { DRIFT_SLA_TERMS } from './sla-terms.port';

/**
 * Drift and QA-regression detection: the engine (evaluate-drift job, after each ingestion run and
 * nightly), drift events and their api, the chart overlay and the settings. Exports DriftService
 * (evaluateProvider for the ingestion module) and DriftEventBus (transitions for the alert module).
 */
@Module({
  // SlaModule imports only MetricsModule (no cycle back to drift).
  imports: [SlaModule],
  controllers: [DriftController, DriftSettingsController],
  providers: [
    DriftRepository,
    DriftEventBus,
    DriftService,
    DriftProcessor,
    // SLA-aware rules read the provider's contract versions from the SLA module: see sla-terms.port.ts.
    { provide: DRIFT_SLA_TERMS, useExisting: SlaTermsReader },
  ],
  exports: [DriftService, DriftEventBus],
})
export class DriftModule {}
