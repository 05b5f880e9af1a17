import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../config/app-config.service';
import { JOB_NAMES } from './job-names';
import { JOB_QUEUE } from './job-queue.port';
import { jobSettingsWith } from './job-settings.constants';
import { PgBossJobQueue } from './pg-boss.job-queue';

@Global()
@Module({
  providers: [
    {
      provide: JOB_QUEUE,
      inject: [getDataSourceToken(), AppConfig],
      useFactory: (dataSource: DataSource, config: AppConfig) =>
        PgBossJobQueue.start(
          (dataSource.options as { url: string }).url,
          jobSettingsWith({
            [JOB_NAMES.sendEmail]: { retryLimit: config.emailRetryLimit, retryDelaySeconds: config.emailRetryDelaySeconds },
          }),
        ),
    },
  ],
  exports: [JOB_QUEUE],
})
export class JobsModule {}
