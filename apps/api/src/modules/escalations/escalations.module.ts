import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { DriftModule } from '../drift/drift.module';
import { IngestionModule } from '../ingestion/ingestion.module';
import { MetricsModule } from '../metrics/metrics.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SlaModule } from '../sla/sla.module';
import { AlertSourcesProcessor } from './alert-sources.processor';
import { EscalationCheckProcessor } from './escalation-check.processor';
import { EscalationCheckService } from './escalation-check.service';
import { EscalationMatrixRepository } from './escalation-matrix.repository';
import { EscalationMatrixService } from './escalation-matrix.service';
import { EscalationNotifier } from './escalation-notifier';
import { SCORECARD_ESCALATION_RESPONSIVENESS } from './escalation-responsiveness.provider';
import { EscalationTriggerService } from './escalation-trigger.service';
import { EscalationsController } from './escalations.controller';
import { EscalationsRepository } from './escalations.repository';
import { EscalationsService } from './escalations.service';
import { DriftEscalationSubscriber } from './sources/drift-escalation.subscriber';
import { SlaBreachWatcher } from './sources/sla-breach.watcher';
import { StaleFeedWatcher } from './sources/stale-feed.watcher';

/**
 * Escalations: the seam that opens them from drift events, SLA breaches, QA regressions and stale feeds
 * (EscalationTriggerService), the workflow, the matrix per provider, the scheduled check that moves overdue
 * ones up a level, and time to acknowledge / resolve per provider (EscalationsService.responsivenessFor).
 */
@Module({
  imports: [AlertsModule, NotificationsModule, MetricsModule, DriftModule, SlaModule, IngestionModule],
  controllers: [EscalationsController],
  providers: [
    AlertSourcesProcessor,
    DriftEscalationSubscriber,
    EscalationCheckProcessor,
    EscalationCheckService,
    EscalationMatrixRepository,
    EscalationMatrixService,
    EscalationNotifier,
    EscalationsRepository,
    EscalationsService,
    EscalationTriggerService,
    SlaBreachWatcher,
    StaleFeedWatcher,
    // Read lazily by the SLA scorecard (SlaModule cannot import this module back): see escalation-responsiveness.port.ts.
    SCORECARD_ESCALATION_RESPONSIVENESS,
  ],
  exports: [EscalationTriggerService, EscalationsService, EscalationMatrixService],
})
export class EscalationsModule {}
