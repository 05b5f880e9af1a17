import { Module } from '@nestjs/common';
import { ChartsModule } from '../charts/charts.module';
import { DriftModule } from '../drift/drift.module';
import { EscalationsModule } from '../escalations/escalations.module';
import { MetricsModule } from '../metrics/metrics.module';
import { NotificationsModule } from '../notifications/notifications.module';
import { SlaModule } from '../sla/sla.module';
import { QuarterlyReviewProcessor } from './quarterly-review.processor';
import { QuarterlyReviewService } from './quarterly-review.service';
import { ReportsController } from './reports.controller';
import { ReportsRepository } from './reports.repository';
import { ReportsService } from './reports.service';
import { QBR_SECTION_SOURCE } from './sources/qbr-section-sources';
import { SqlQbrSectionSource } from './sources/sql-qbr-section.source';

/**
 * Quarterly business reviews: the pack model (QuarterlyReviewService, from the SLA, metrics, drift and
 * escalation services), the PDF/Excel/CSV exporters, generation as a job, the immutable archive and the
 * scheduled delivery through the email outbox.
 */
@Module({
  imports: [SlaModule, MetricsModule, DriftModule, EscalationsModule, NotificationsModule, ChartsModule],
  controllers: [ReportsController],
  providers: [
    QuarterlyReviewService,
    ReportsRepository,
    ReportsService,
    QuarterlyReviewProcessor,
    // Ingestion exposes no service yet: restatements, runs and stakeholders are read from their tables.
    { provide: QBR_SECTION_SOURCE, useClass: SqlQbrSectionSource },
  ],
  exports: [QuarterlyReviewService, ReportsService],
})
export class ReportsModule {}
