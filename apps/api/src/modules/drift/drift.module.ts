import { Module } from '@nestjs/common';
import { DriftController } from './drift.controller';
import { DriftEventBus } from './drift-event-bus';
import { DriftProcessor } from './drift.processor';
import { DriftRepository } from './drift.repository';
import { DriftService } from './drift.service';
import { DriftSettingsController } from './drift-settings.controller';
import { DRIFT_SLA_TERMS, NO_SLA_TERMS } from './sla-terms.port';

/**
 * Drift and QA-regression detection: the engine (evaluate-drift job, after each ingestion run and
 * nightly), drift events and their api, the chart overlay and the settings. Exports DriftService
 * (evaluateProvider for the ingestion module) and DriftEventBus (transitions for the alert module).
 */
@Module({
  controllers: [DriftController, DriftSettingsController],
  providers: [
    DriftRepository,
    DriftEventBus,
    DriftService,
    DriftProcessor,
    // No SLA contracts capability is wired yet: see sla-terms.port.ts.
    { provide: DRIFT_SLA_TERMS, useValue: NO_SLA_TERMS },
  ],
  exports: [DriftService, DriftEventBus],
})
export class DriftModule {}
