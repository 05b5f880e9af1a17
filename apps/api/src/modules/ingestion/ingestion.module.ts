import { Module } from '@nestjs/common';
import { MulterModule } from '@nestjs/platform-express';
import { AppConfig } from '../../config/app-config.service';
import { MetricsModule } from '../metrics/metrics.module';
import { ConnectorRegistry } from './connectors/connector-registry';
import { FileUploadConnector } from './connectors/file-upload/file-upload.connector';
import { HttpPullConnector } from './connectors/http-pull/http-pull.connector';
import { PROVIDER_CONNECTORS } from './connectors/provider-connector';
import { PushConnector } from './connectors/push/push.connector';
import { DemoFeedsSeeder } from './demo-provider/demo-feeds.seeder';
import { DemoProviderController } from './demo-provider/demo-provider.controller';
import { FeedFreshnessService } from './feed-freshness.service';
import { FeedSchedulerService } from './feed-scheduler.service';
import { FeedsController } from './feeds.controller';
import { FeedsService } from './feeds.service';
import { IngestFeedProcessor } from './ingest-feed.processor';
import { IngestionClock } from './ingestion.clock';
import { IngestionRepository } from './ingestion.repository';
import { IngestionRequestsService } from './ingestion-requests.service';
import { IngestionService } from './ingestion.service';
import { PushController } from './push.controller';
import { RunsController } from './runs.controller';
import { CredentialsRotationController } from './secrets/credentials-rotation.controller';
import { CredentialsRotationService } from './secrets/credentials-rotation.service';

/**
 * Ingestion: feeds (HTTP pull, push, file upload; connectors registered through PROVIDER_CONNECTORS), per-feed
 * schedules, the ingest-feed processor, validation + batch policy + one-transaction storage, run history,
 * restatements, freshness (FeedFreshnessService.staleFeeds(), exported) and the demo provider endpoint.
 */
@Module({
  imports: [
    MetricsModule,
    MulterModule.registerAsync({
      inject: [AppConfig],
      useFactory: (config: AppConfig) => ({
        limits: { fileSize: config.uploadLimitBytes, files: 1 },
        // The name as the client sent it, so a path ("../../etc/passwd") is refused rather than silently cut to its last part.
        preservePath: true,
      }),
    }),
  ],
  controllers: [FeedsController, RunsController, PushController, DemoProviderController, CredentialsRotationController],
  providers: [
    {
      provide: PROVIDER_CONNECTORS,
      useFactory: () => [new HttpPullConnector(), new PushConnector(), new FileUploadConnector()],
    },
    ConnectorRegistry,
    IngestionClock,
    IngestionRepository,
    IngestionService,
    IngestionRequestsService,
    FeedsService,
    FeedFreshnessService,
    FeedSchedulerService,
    IngestFeedProcessor,
    DemoFeedsSeeder,
    CredentialsRotationService,
  ],
  exports: [FeedFreshnessService, IngestionService],
})
export class IngestionModule {}
