import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { SsoRole, SsoRoleRule } from '../modules/auth/sso/sso-role-map';
import type { RetentionPolicy } from '@kpi/domain';
import { Env, parseEnv } from './env.schema';

/** The keys that may open stored feed credentials, by id, and the id new credentials are sealed with. */
export interface SecretsKeyRing {
  currentKeyId: string;
  keys: ReadonlyMap<string, Buffer>;
}

/** Key id of SECRETS_KEY (or the generated key file). */
export const DEFAULT_KEY_ID = 'default';

/** Single sign-on settings (see README "Single sign-on"). */
export interface SsoSettings {
  issuerUrl: string;
  clientId: string;
  /** null = public client: PKCE only. */
  clientSecret: string | null;
  /** null = derived from the host each sign-in comes through (no PUBLIC_URL or OIDC_REDIRECT_URL set). */
  redirectUrl: string | null;
  scopes: string;
  groupsClaim: string;
  roleMap: readonly SsoRoleRule[];
  /** Role of users whose groups map to nothing; null = refuse them. */
  defaultRole: SsoRole | null;
  displayName: string | null;
}

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
  get signInMaxFailures(): number {
    return this.env.SIGN_IN_MAX_FAILURES;
  }
  get signInMaxFailuresPerIp(): number {
    return this.env.SIGN_IN_MAX_FAILURES_PER_IP;
  }
  get signInFailureWindowMinutes(): number {
    return this.env.SIGN_IN_FAILURE_WINDOW_MINUTES;
  }
  get signInLockoutMinutes(): number {
    return this.env.SIGN_IN_LOCKOUT_MINUTES;
  }
  /** Requests per minute per IP to /api/auth/*; 0 = no limit. */
  get authRateLimitPerMinute(): number {
    return this.env.AUTH_RATE_LIMIT_PER_MINUTE;
  }
  /** Origins allowed cross-origin (with credentials); empty = same origin only. */
  get corsOrigins(): string[] {
    return (this.env.CORS_ORIGINS ?? '')
      .split(',')
      .map((origin) => origin.trim().replace(/\/$/, ''))
      .filter((origin) => origin !== '');
  }
  /** Single sign-on through OpenID Connect; null when OIDC_ISSUER_URL is unset. */
  get sso(): SsoSettings | null {
    const env = this.env;
    if (!env.OIDC_ISSUER_URL || !env.OIDC_CLIENT_ID) return null;
    return {
      issuerUrl: env.OIDC_ISSUER_URL,
      clientId: env.OIDC_CLIENT_ID,
      clientSecret: env.OIDC_CLIENT_SECRET ?? null,
      redirectUrl: env.OIDC_REDIRECT_URL ?? (env.PUBLIC_URL ? new URL('/api/auth/sso/callback', env.PUBLIC_URL).href : null),
      scopes: env.OIDC_SCOPES.trim().split(/\s+/).join(' '),
      groupsClaim: env.OIDC_GROUPS_CLAIM,
      roleMap: env.OIDC_ROLE_MAP ?? [],
      defaultRole: env.OIDC_DEFAULT_ROLE === 'none' ? null : env.OIDC_DEFAULT_ROLE,
      displayName: env.OIDC_DISPLAY_NAME ?? null,
    };
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
  /** The current AES-256-GCM key of stored feed credentials (see secretsKeyRing). */
  get secretsKey(): Buffer {
    const ring = this.secretsKeyRing;
    return ring.keys.get(ring.currentKeyId) as Buffer;
  }
  /**
   * Keys of stored feed credentials: SECRETS_KEYS (`id:key,...`) plus SECRETS_KEY as id "default". Neither set:
   * a key generated once and kept in `.data/secrets.key` (fine for the demo and one machine). New credentials are
   * sealed with SECRETS_KEY_ID (default: the last SECRETS_KEYS entry, else "default"); the others only decrypt.
   */
  get secretsKeyRing(): SecretsKeyRing {
    const keys = new Map<string, Buffer>();
    const keyFile = join(process.cwd(), '.data', 'secrets.key');
    if (this.env.SECRETS_KEY) keys.set(DEFAULT_KEY_ID, decodeKey(this.env.SECRETS_KEY));
    // The generated key stays readable after moving to SECRETS_KEYS, so its values can be re-sealed.
    else if (!this.env.SECRETS_KEYS || existsSync(keyFile)) keys.set(DEFAULT_KEY_ID, Buffer.from(persistedKey(keyFile), 'hex'));
    const listed = (this.env.SECRETS_KEYS ?? '').split(',').filter((entry) => entry.trim() !== '');
    for (const entry of listed) {
      const [id, key] = entry.trim().split(':');
      keys.set(id, decodeKey(key));
    }
    const last = listed.at(-1)?.trim().split(':')[0];
    return { currentKeyId: this.env.SECRETS_KEY_ID ?? last ?? DEFAULT_KEY_ID, keys };
  }
  /** HMAC-SHA256 key pseudonymising QA agent ids. Unset: generated once and kept in `.data/pseudonymisation.key`. */
  get pseudonymisationKey(): string {
    return this.env.PSEUDONYMISATION_KEY ?? persistedKey(join(process.cwd(), '.data', 'pseudonymisation.key'));
  }
  /** Demo feeds pull the built-in demo provider endpoint on schedule: auto = yes unless NODE_ENV=test. */
  get demoFeedsEnabled(): boolean {
    return this.env.DEMO_FEEDS === 'true' || (this.env.DEMO_FEEDS === 'auto' && this.env.NODE_ENV !== 'test');
  }
  /** Months each kind of personal data is kept before the daily purge deletes it. */
  get retentionPolicy(): RetentionPolicy {
    return { qa_evaluations: this.env.RETENTION_QA_EVALUATIONS_MONTHS, ingestion_row_errors: this.env.RETENTION_INGESTION_ERRORS_MONTHS };
  }
  /** Largest pushed CSV body / uploaded file: INGEST_MAX_UPLOAD_MB, else the older UPLOAD_LIMIT_MB, else 128 MB. */
  get uploadLimitBytes(): number {
    return (this.env.INGEST_MAX_UPLOAD_MB ?? this.env.UPLOAD_LIMIT_MB ?? 128) * 1024 * 1024;
  }
}

function decodeKey(raw: string): Buffer {
  return /^[0-9a-fA-F]{64}$/.test(raw) ? Buffer.from(raw, 'hex') : Buffer.from(raw, 'base64');
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
