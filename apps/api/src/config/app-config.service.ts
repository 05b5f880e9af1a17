import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { Env, parseEnv } from './env.schema';

/** Typed, validated configuration. The only place that reads process.env. */
@Injectable()
export class AppConfig {
  readonly env: Env;
  /** Used when JWT_SECRET is not set: tokens then last for this process only (refresh sessions survive). */
  private readonly generatedJwtSecret = randomBytes(48).toString('base64url');

  constructor(env: Env = parseEnv(process.env)) {
    this.env = env;
  }

  static fromProcessEnv(): AppConfig {
    return new AppConfig(parseEnv(process.env));
  }

  get port(): number {
    return this.env.PORT;
  }
  get host(): string {
    return this.env.HOST;
  }
  get databaseUrl(): string | undefined {
    return this.env.DATABASE_URL;
  }
  get usesEmbeddedDatabase(): boolean {
    return this.env.DATABASE_URL === undefined;
  }
  get embeddedPostgresPort(): number {
    return this.env.EMBEDDED_PG_PORT;
  }
  get embeddedPostgresDir(): string {
    return this.env.EMBEDDED_PG_DIR ?? join(process.cwd(), '.data', 'postgres');
  }
  /** Demo data is seeded into an empty database: always with "true", with "auto" only on the embedded database. */
  get seedDemo(): boolean {
    return this.env.SEED_DEMO === 'true' || (this.env.SEED_DEMO === 'auto' && this.usesEmbeddedDatabase);
  }
  get jwtSecret(): string {
    return this.env.JWT_SECRET ?? this.generatedJwtSecret;
  }
  get accessTokenTtlSeconds(): number {
    return this.env.ACCESS_TOKEN_TTL_SECONDS;
  }
  get refreshTokenTtlDays(): number {
    return this.env.REFRESH_TOKEN_TTL_DAYS;
  }
  get cookieSecure(): boolean {
    return this.env.COOKIE_SECURE ?? (this.env.PUBLIC_URL?.startsWith('https://') ?? false);
  }
  get publicUrl(): string {
    return this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`;
  }
  get webDistDir(): string {
    return this.env.WEB_DIST_DIR ?? join(process.cwd(), 'dist', 'apps', 'web', 'browser');
  }
  get requestBodyLimit(): string {
    return this.env.REQUEST_BODY_LIMIT;
  }
  get logLevel(): Env['LOG_LEVEL'] {
    return this.env.LOG_LEVEL;
  }
  get databasePoolSize(): number {
    return this.env.DATABASE_POOL_SIZE;
  }
  get schedulerEnabled(): boolean {
    return this.env.ENABLE_SCHEDULER;
  }
  get emailEnabled(): boolean {
    return this.env.ENABLE_EMAIL;
  }
}
