import 'reflect-metadata';
import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory, Reflector } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import compression from 'compression';
import cookieParser from 'cookie-parser';
import helmet from 'helmet';
import type { NextFunction, Request, Response } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { AppModule } from './app.module';
import { ApiExceptionFilter } from './common/api-exception.filter';
import { refuseDeepJson } from './common/json-depth';
import { RequestBodyInterceptor } from './common/request-body.interceptor';
import { AppConfig } from './config/app-config.service';
import { createDataSource } from './database/data-source';
import { API_PREFIX } from './modules/auth/access-matrix';
import { EmbeddedPostgresHandle, startEmbeddedPostgres } from './database/embedded-postgres';
import { prepareDatabase } from './database/prepare-database';

export interface RunningDatabase {
  dataSource: DataSource;
  embedded: EmbeddedPostgresHandle | null;
}

/** Connects to DATABASE_URL, or starts the embedded PostgreSQL, then migrates and seeds. */
export async function openDatabase(config: AppConfig, log: (m: string) => void, demoLastDay = yesterday()): Promise<RunningDatabase> {
  let embedded: EmbeddedPostgresHandle | null = null;
  let url = config.databaseUrl;
  if (!url) {
    embedded = await startEmbeddedPostgres({ dataDir: config.embeddedPostgresDir, port: config.embeddedPostgresPort, log });
    url = embedded.url;
    log(`Embedded PostgreSQL running on 127.0.0.1:${config.embeddedPostgresPort} (data in ${embedded.dataDir})`);
  }
  const dataSource = createDataSource(url, config.databasePoolSize);
  try {
    await dataSource.initialize();
  } catch (error) {
    await embedded?.stop();
    throw new Error(`Cannot connect to the database at ${describeUrl(url)}: ${oneLine(error)}`);
  }
  await prepareDatabase(dataSource, { seedDemo: config.seedDemo, demoLastDay, log });
  return { dataSource, embedded };
}

/** Builds the Nest application: api under /api, the web app at /, docs at /api/docs. */
export async function createApp(config: AppConfig, dataSource: DataSource): Promise<INestApplication> {
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, dataSource), {
    bodyParser: false,
    bufferLogs: true,
  });
  app.useLogger(app.get(Logger));
  app.setGlobalPrefix(API_PREFIX);
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback');
  app.use(
    helmet({
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:'],
          connectSrc: ["'self'"],
          frameAncestors: ["'none'"],
          upgradeInsecureRequests: null,
        },
      },
      crossOriginEmbedderPolicy: false,
    }),
  );
  // Same origin only unless CORS_ORIGINS lists others: exactly those get CORS answers (with credentials).
  if (config.corsOrigins.length > 0) {
    const allowed = new Set(config.corsOrigins);
    const listedOrigin = {
      origin: true,
      credentials: true,
      methods: ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE'],
      allowedHeaders: ['authorization', 'content-type', 'x-api-key'],
      maxAge: 600,
    };
    // Per request, so an unlisted origin gets no CORS headers at all (not even Allow-Credentials).
    app.enableCors((req: Request, done: (error: Error | null, options: object) => void) =>
      done(null, allowed.has(req.header('origin') ?? '') ? listedOrigin : { origin: false }),
    );
  }
  // gzip for the api and the web app's assets; server-sent event streams must not be buffered.
  app.use(
    compression({
      filter: (req, res) => req.headers.accept !== 'text/event-stream' && compression.filter(req, res),
    }),
  );
  serveWebApp(app, config.webDistDir);
  app.use(cookieParser());
  app.useBodyParser('json', { limit: config.requestBodyLimit, verify: refuseDeepJson });
  app.useBodyParser('urlencoded', { limit: config.requestBodyLimit, extended: false });
  app.useGlobalPipes(
    new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true, stopAtFirstError: false }),
  );
  app.useGlobalFilters(new ApiExceptionFilter());
  app.useGlobalInterceptors(new RequestBodyInterceptor(app.get(Reflector)));
  const openApi = new DocumentBuilder()
    .setTitle('KPI Governance API')
    .setDescription('SLA/KPI and QA governance for outsourced BPO providers')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi), {
    jsonDocumentUrl: 'api/docs/openapi.json',
  });
  return app;
}

/**
 * The built Angular app at `/` (after compression, so assets are gzipped): hashed assets cached for a year,
 * index.html never cached, and every other non-api GET answered with index.html (client-side routes).
 */
function serveWebApp(app: NestExpressApplication, dir: string): void {
  const index = join(dir, 'index.html');
  if (!existsSync(index)) return;
  app.useStaticAssets(dir, {
    index: false,
    setHeaders: (res, path) =>
      res.setHeader('cache-control', /-[A-Z0-9]{8}\.(js|css)$/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache'),
  });
  app.use((req: Request, res: Response, next: NextFunction) => {
    if (req.method !== 'GET' || req.path === '/api' || req.path.startsWith('/api/')) return next();
    res.setHeader('cache-control', 'no-cache');
    res.sendFile(index);
  });
}

function yesterday(): string {
  const d = new Date();
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}

export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || 5432}${u.pathname}`;
  } catch {
    return 'the configured URL';
  }
}

export function oneLine(error: unknown): string {
  const e = error as { message?: string; code?: string };
  const text = e?.message || e?.code || String(error);
  return text.replace(/\s+/g, ' ').trim();
}
