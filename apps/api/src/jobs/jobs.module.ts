import { Global, Module } from '@nestjs/common';
import { getDataSourceToken } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { JOB_QUEUE } from './job-queue.port';
import { PgBossJobQueue } from './pg-boss.job-queue';

@Global()
@Module({
  providers: [
    {
      provide: JOB_QUEUE,
      inject: [getDataSourceToken()],
      useFactory: (dataSource: DataSource) =>
        PgBossJobQueue.start((dataSource.options as { url: string }).url),
    },
  ],
  exports: [JOB_QUEUE],
})
export class JobsModule {}
