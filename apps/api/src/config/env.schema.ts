import { z } from 'zod';
import { parseSsoRoleMap } from '../modules/auth/sso/sso-role-map';

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { errorMap: () => ({ message: 'must be true or false' }) })
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const port = z.coerce
  .number({ invalid_type_error: 'must be a port number' })
  .int('must be a whole number')
  .min(1, 'must be between 1 and 65535')
  .max(65535, 'must be between 1 and 65535');

const postgresUrl = z
  .string()
  .refine((value) => {
    try {
      const url = new URL(value);
      return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname.length > 0;
    } catch {
      return false;
    }
  }, 'must be a URL like postgres://user:password@host:5432/database');

const smtpUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'smtp:' || url.protocol === 'smtps:') && url.hostname.length > 0;
  } catch {
    return false;
  }
}, 'must be a URL like smtp://user:password@host:587 or smtps://host:465');

const retentionMonths = z.coerce
  .number({ invalid_type_error: 'must be a number of months' })
  .int('must be a whole number of months')
  .min(1, 'must be between 1 and 1200 months')
  .max(1200, 'must be between 1 and 1200 months');

/** Every environment variable the api reads. `.env.example` documents the same list. */
export const ENV_SCHEMA = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('production'),
  PORT: port.default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  PUBLIC_URL: z.string().url('must be an absolute URL such as https://kpi.example.com').optional(),
  DATABASE_URL: postgresUrl.optional(),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),
  EMBEDDED_PG_PORT: port.default(54329),
  EMBEDDED_PG_DIR: z.string().min(1).optional(),
  SEED_DEMO: z.enum(['auto', 'true', 'false'], { errorMap: () => ({ message: 'must be auto, true or false' }) }).default('auto'),
  JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(7),
  /** Failed sign-ins for one account within SIGN_IN_FAILURE_WINDOW_MINUTES that lock it. */
  SIGN_IN_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  /** Failed sign-ins from one IP address (any accounts) within the window that block that address. */
  SIGN_IN_MAX_FAILURES_PER_IP: z.coerce.number().int().min(1).max(10_000).default(50),
  SIGN_IN_FAILURE_WINDOW_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  SIGN_IN_LOCKOUT_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  /** Requests per minute per IP address to /api/auth/*; 0 switches the limit off. */
  AUTH_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(100_000).default(60),
  /** Origins allowed to call the api from another site (comma list); unset = same origin only. */
  CORS_ORIGINS: z
    .string()
    .refine(
      (value) => value.split(',').every((origin) => /^https?:\/\/[^/\s,]+\/?$/.test(origin.trim())),
      'must be a comma list of origins like https://kpi.example.com (scheme and host, no path)',
    )
    .optional(),
  COOKIE_SECURE: booleanFlag.optional(),
  /** Single sign-on (OpenID Connect): off while OIDC_ISSUER_URL is unset. See README "Single sign-on". */
  OIDC_ISSUER_URL: z
    .string()
    .url('must be the identity provider\'s issuer URL, e.g. https://login.example.com/realms/staff')
    .refine(isHttpsOrLoopback, 'must use https (plain http is allowed only for localhost / 127.0.0.1)')
    .optional(),
  OIDC_CLIENT_ID: z.string().min(1).optional(),
  /** Unset: a public client (PKCE only, no client secret). */
  OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  /** Default: PUBLIC_URL + /api/auth/sso/callback, else the host the sign-in came through. */
  OIDC_REDIRECT_URL: z.string().url('must be an absolute URL ending in /api/auth/sso/callback').optional(),
  OIDC_SCOPES: z.string().regex(/(^|\s)openid(\s|$)/, 'must include openid').default('openid email profile'),
  OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  /** `group=role` entries (comma list, or semicolons when group names hold commas); roles admin, executive, account_manager. */
  OIDC_ROLE_MAP: z
    .string()
    .transform((raw, ctx) => {
      try {
        return parseSsoRoleMap(raw);
      } catch (error) {
        ctx.addIssue({ code: z.ZodIssueCode.custom, message: (error as Error).message });
        return z.NEVER;
      }
    })
    .optional(),
  /** Role of users none of whose groups is mapped; none = they may not sign in. */
  OIDC_DEFAULT_ROLE: z
    .enum(['none', 'executive', 'account_manager'], {
      errorMap: () => ({ message: 'must be none, executive or account_manager (admin only through OIDC_ROLE_MAP)' }),
    })
    .default('none'),
  /** Name of the identity provider shown on the sign-in button, e.g. "Contoso Entra ID". */
  OIDC_DISPLAY_NAME: z.string().min(1).max(60).optional(),
  WEB_DIST_DIR: z.string().min(1).optional(),
  REQUEST_BODY_LIMIT: z
    .string()
    .regex(/^\d+(kb|mb)$/i, 'must look like 100kb or 5mb')
    .default('1mb'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  ENABLE_SCHEDULER: booleanFlag.default('true'),
  ENABLE_EMAIL: booleanFlag.default('true'),
  SMTP_URL: smtpUrl.optional(),
  MAIL_FROM: z.string().min(3).default('KPI Governance <alerts@kpigov.local>'),
  MAIL_CATCHER_PORT: z.coerce
    .number({ invalid_type_error: 'must be a port number' })
    .int('must be a whole number')
    .min(0, 'must be between 0 and 65535')
    .max(65535, 'must be between 0 and 65535')
    .default(2525),
  EMAIL_RETRY_LIMIT: z.coerce.number().int().min(0).max(30).default(12),
  EMAIL_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(15),
  EMAIL_TIMEOUT_SECONDS: z.coerce.number().int().min(1).max(300).default(30),
  ALERT_RENOTIFY_HOURS: z.coerce.number().min(1).max(24 * 30).default(24),
  SECRETS_KEY: z
    .string()
    .regex(/^([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)$/, 'must be 32 bytes as 64 hex characters or base64')
    .optional(),
  /** Key ring of feed credentials: `id:key,id:key` (key as 64 hex characters or 32 bytes base64). */
  SECRETS_KEYS: z
    .string()
    .regex(
      /^[A-Za-z0-9_-]{1,32}:([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?)(,\s*[A-Za-z0-9_-]{1,32}:([0-9a-fA-F]{64}|[A-Za-z0-9+/_-]{43}=?))*$/,
      'must be a comma list of id:key (id of letters, digits, _ or -; key of 64 hex characters or 32 bytes base64)',
    )
    .optional(),
  /** The key id new credentials are sealed with; default the last SECRETS_KEYS entry. */
  SECRETS_KEY_ID: z.string().regex(/^[A-Za-z0-9_-]{1,32}$/, 'must be letters, digits, _ or - (at most 32)').optional(),
  PSEUDONYMISATION_KEY: z.string().min(32, 'must be at least 32 characters').optional(),
  DEMO_FEEDS: z.enum(['auto', 'true', 'false'], { errorMap: () => ({ message: 'must be auto, true or false' }) }).default('auto'),
  /** Deprecated: superseded by INGEST_MAX_UPLOAD_MB (still honoured when that one is not set). */
  UPLOAD_LIMIT_MB: z.coerce.number().int().min(1).max(1024).optional(),
  /** Largest pushed CSV body and uploaded CSV/XLSX file (1,000,000 long-format rows are about 60 MB). */
  INGEST_MAX_UPLOAD_MB: z.coerce.number().int().min(1).max(4096).optional(),
  QBR_DELIVERY_DAY: z.coerce
    .number({ invalid_type_error: 'must be a day of the month' })
    .int('must be a whole number')
    .min(1, 'must be between 1 and 28')
    .max(28, 'must be between 1 and 28')
    .default(10),
  /** Retention in months: evaluation-level QA data, and rejected ingestion rows (raw values). */
  RETENTION_QA_EVALUATIONS_MONTHS: retentionMonths.default(18),
  RETENTION_INGESTION_ERRORS_MONTHS: retentionMonths.default(24),
});

export type Env = z.infer<typeof ENV_SCHEMA>;

/** Single sign-on needs a client id and some way to give users a role. */
function ssoProblems(env: Env): string[] {
  if (!env.OIDC_ISSUER_URL) return [];
  const problems: string[] = [];
  if (!env.OIDC_CLIENT_ID) problems.push('OIDC_CLIENT_ID must be set when OIDC_ISSUER_URL is set');
  if (!env.OIDC_ROLE_MAP && env.OIDC_DEFAULT_ROLE === 'none') {
    problems.push('OIDC_ROLE_MAP (or OIDC_DEFAULT_ROLE) must be set when OIDC_ISSUER_URL is set, or nobody could sign in');
  }
  return problems;
}

function isHttpsOrLoopback(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === 'https:' || (url.protocol === 'http:' && isLoopbackHost(url.hostname));
  } catch {
    return false;
  }
}

/** localhost, 127.x.x.x or [::1]: plain http is acceptable there (tests, a local identity provider). */
export function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);
}

export class InvalidConfigError extends Error {}

/** Parses the environment; on failure throws one error whose message is a single line naming each bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const result = ENV_SCHEMA.safeParse(cleaned);
  const reasons = result.success
    ? crossFieldProblems(result.data)
    : result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  if (result.success && reasons.length === 0) return result.data;
  throw new InvalidConfigError(`Invalid configuration: ${reasons.join('; ')}`);
}

function crossFieldProblems(env: Env): string[] {
  const problems: string[] = [];
  problems.push(...ssoProblems(env));
  const keyIds = env.SECRETS_KEYS?.split(',').map((entry) => entry.trim().split(':')[0]) ?? [];
  if (new Set(keyIds).size !== keyIds.length) problems.push('SECRETS_KEYS has the same key id twice');
  // SECRETS_KEY (or the generated .data/secrets.key) is the key with id "default".
  if (env.SECRETS_KEY && keyIds.includes('default')) problems.push('SECRETS_KEYS may not use the id "default" while SECRETS_KEY is set');
  if (env.SECRETS_KEY_ID && env.SECRETS_KEY_ID !== 'default' && !keyIds.includes(env.SECRETS_KEY_ID)) {
    problems.push(`SECRETS_KEY_ID "${env.SECRETS_KEY_ID}" is not one of the ids in SECRETS_KEYS`);
  }
  return problems;
}
