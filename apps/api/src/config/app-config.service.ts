import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
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
  /** Day of the month after each quarter on which the quarterly review packs are generated and e-mailed. */
  get qbrDeliveryDay(): number {
    return this.env.QBR_DELIVERY_DAY;
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
  /** Outgoing mail server; undefined = the built-in local mail catcher receives everything. */
  get smtpUrl(): string | undefined {
    return this.env.SMTP_URL;
  }
  get mailFrom(): string {
    return this.env.MAIL_FROM;
  }
  /** Port of the local mail catcher on 127.0.0.1 (when SMTP_URL is unset); 0 = any free port. */
  get mailCatcherPort(): number {
    return this.env.MAIL_CATCHER_PORT;
  }
  get emailRetryLimit(): number {
    return this.env.EMAIL_RETRY_LIMIT;
  }
  get emailRetryDelaySeconds(): number {
    return this.env.EMAIL_RETRY_DELAY_SECONDS;
  }
  get emailTimeoutSeconds(): number {
    return this.env.EMAIL_TIMEOUT_SECONDS;
  }
  /** An open alert is mailed again after this long without a change. */
  get alertRenotifyHours(): number {
    return this.env.ALERT_RENOTIFY_HOURS;
  }
  /**
   * AES-256-GCM key of stored feed credentials. Unset: a key generated once and kept in `.data/secrets.key`
   * (fine for the demo and one machine; set SECRETS_KEY when several instances share a database).
   */
  get secretsKey(): Buffer {
    const raw = this.env.SECRETS_KEY;
    if (raw) return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
    return Buffer.from(persistedKey(join(process.cwd(), '.data', 'secrets.key')), 'hex');
  }
  /** HMAC-SHA256 key pseudonymising QA agent ids. Unset: generated once and kept in `.data/pseudonymisation.key`. */
  get pseudonymisationKey(): string {
    return this.env.PSEUDONYMISATION_KEY ?? persistedKey(join(process.cwd(), '.data', 'pseudonymisation.key'));
  }
  /** Demo feeds pull the built-in demo provider endpoint on schedule: auto = yes unless NODE_ENV=test. */
  get demoFeedsEnabled(): boolean {
    return this.env.DEMO_FEEDS === 'true' || (this.env.DEMO_FEEDS === 'auto' && this.env.NODE_ENV !== 'test');
  }
  /** Largest pushed CSV body / uploaded file: INGEST_MAX_UPLOAD_MB, else the older UPLOAD_LIMIT_MB, else 128 MB. */
  get uploadLimitBytes(): number {
    return (this.env.INGEST_MAX_UPLOAD_MB ?? this.env.UPLOAD_LIMIT_MB ?? 128) * 1024 * 1024;
  }
}

const persistedKeys = new Map<string, string>();

/** A 32-byte hex key kept in a file (created with mode 600 on first use). */
function persistedKey(file: string): string {
  let key = persistedKeys.get(file);
  if (key) return key;
  if (existsSync(file)) key = readFileSync(file, 'utf8').trim();
  if (!key || !/^[0-9a-f]{64}$/.test(key)) {
    mkdirSync(dirname(file), { recursive: true });
    key = randomBytes(32).toString('hex');
    try {
      writeFileSync(file, key + '\n', { mode: 0o600, flag: 'wx' });
    } catch {
      // Another process created it first: use theirs.
      key = readFileSync(file, 'utf8').trim();
    }
  }
  persistedKeys.set(file, key);
  return key;
}
