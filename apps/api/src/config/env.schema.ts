import { z } from 'zod';

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
  COOKIE_SECURE: booleanFlag.optional(),
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
});

export type Env = z.infer<typeof ENV_SCHEMA>;

export class InvalidConfigError extends Error {}

/** Parses the environment; on failure throws one error whose message is a single line naming each bad variable. */
export function parseEnv(raw: Record<string, string | undefined>): Env {
  const cleaned = Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== undefined && v !== ''));
  const result = ENV_SCHEMA.safeParse(cleaned);
  if (result.success) return result.data;
  const reasons = result.error.issues.map((issue) => `${issue.path.join('.') || 'environment'} ${issue.message}`);
  throw new InvalidConfigError(`Invalid configuration: ${reasons.join('; ')}`);
}
