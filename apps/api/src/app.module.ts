import { DynamicModule, Module, RequestMethod } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LoggerModule } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppConfig } from './config/app-config.service';
import { ConfigModule } from './config/config.module';
import { AuditModule } from './modules/audit/audit.module';
import { DataProtectionModule } from './modules/data-protection/data-protection.module';
import { AuthModule } from './modules/auth/auth.module';
import { SsoModule } from './modules/auth/sso/sso.module';
import { DriftModule } from './modules/drift/drift.module';
import { EscalationsModule } from './modules/escalations/escalations.module';
import { JobsModule } from './jobs/jobs.module';
import { MailModule } from './mail/mail.module';
import { HealthModule } from './modules/health/health.module';
import { IngestionModule } from './modules/ingestion/ingestion.module';
import { LiveModule } from './modules/live/live.module';
import { MetricsModule } from './modules/metrics/metrics.module';
import { NotificationsModule } from './modules/notifications/notifications.module';
import { PortfolioModule } from './modules/portfolio/portfolio.module';
import { ProvidersModule } from './modules/providers/providers.module';
import { ReportsModule } from './modules/reports/reports.module';
import { SlaModule } from './modules/sla/sla.module';
import { UsersModule } from './modules/users/users.module';
import { SchedulerModule } from './scheduling/scheduler.module';

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, dataSource: DataSource): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        LoggerModule.forRoot({
          // Named wildcard: the path-to-regexp v8 syntax Nest 11 expects (the default '*' logs a warning).
          forRoutes: [{ path: '{*path}', method: RequestMethod.ALL }],
          pinoHttp: {
            level: config.logLevel,
            redact: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]'],
            autoLogging: { ignore: (req) => req.url === '/api/health' || !req.url?.startsWith('/api') },
            customProps: () => ({ service: 'kpi-governance-api' }),
          },
        }),
        TypeOrmModule.forRootAsync({
          useFactory: () => dataSource.options,
          dataSourceFactory: async () => dataSource,
        }),
        JobsModule,
        SchedulerModule,
        AuditModule,
        AuthModule,
        SsoModule,
        UsersModule,
        MetricsModule,
        ProvidersModule,
        PortfolioModule,
        SlaModule,
        DriftModule,
        MailModule,
        NotificationsModule,
        EscalationsModule,
        ReportsModule,
        IngestionModule,
        DataProtectionModule,
        LiveModule,
        HealthModule,
      ],
    };
  }
}
