import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service';

export type ThrottleKind = 'account' | 'ip';

export interface SignInLock {
  kind: ThrottleKind;
  lockedUntil: Date;
  /** Whole seconds until the lock ends (at least 1), for Retry-After. */
  retryAfterSeconds: number;
}

/**
 * Sign-in throttling in the sign_in_throttles table: failures per account and per IP address within a window;
 * reaching the limit locks that account (or address) for a while. Each failure is one atomic upsert, so
 * concurrent attempts on several instances are all counted.
 */
@Injectable()
export class SignInThrottleService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  /** The lock in force for this account or address, if any (the longer one when both are locked). */
  async activeLock(email: string, ip: string | undefined): Promise<SignInLock | null> {
    const rows: { kind: ThrottleKind; locked_until: Date; seconds: number }[] = await this.dataSource.query(
      `SELECT kind, locked_until, ceil(extract(epoch FROM locked_until - now()))::int AS seconds
       FROM sign_in_throttles
       WHERE ((kind = 'account' AND key = $1) OR (kind = 'ip' AND key = $2)) AND locked_until > now()
       ORDER BY locked_until DESC LIMIT 1`,
      [accountKey(email), ipKey(ip)],
    );
    return rows[0] ? toLock(rows[0]) : null;
  }

  /** Counts one failed attempt; returns the locks this failure started (empty while under the limits). */
  async recordFailure(email: string, ip: string | undefined): Promise<SignInLock[]> {
    const window = `${this.config.signInFailureWindowMinutes} minutes`;
    const lockout = `${this.config.signInLockoutMinutes} minutes`;
    // A new window starts when the old one is over or the last lock has ended.
    const rows: { kind: ThrottleKind; failures: number; locked_until: Date | null; seconds: number; max_failures: number }[] = await this.dataSource.query(
      `WITH attempt AS (
         INSERT INTO sign_in_throttles AS t (kind, key, failures, window_started_at, locked_until)
         SELECT k.kind, k.key, 1, now(), CASE WHEN k.lim <= 1 THEN now() + $5::interval END
         FROM (VALUES ('account', $1::text, $3::int), ('ip', $2::text, $4::int)) AS k(kind, key, lim)
         ON CONFLICT (kind, key) DO UPDATE SET
           failures = CASE WHEN t.window_started_at <= now() - $6::interval OR t.locked_until <= now() THEN 1 ELSE t.failures + 1 END,
           window_started_at = CASE WHEN t.window_started_at <= now() - $6::interval OR t.locked_until <= now() THEN now() ELSE t.window_started_at END,
           locked_until = CASE
             WHEN (CASE WHEN t.window_started_at <= now() - $6::interval OR t.locked_until <= now() THEN 1 ELSE t.failures + 1 END)
                  >= (CASE t.kind WHEN 'account' THEN $3::int ELSE $4::int END) THEN now() + $5::interval
             WHEN t.locked_until <= now() THEN NULL
             ELSE t.locked_until END
         RETURNING t.kind, t.failures, t.locked_until
       )
       SELECT kind, failures, locked_until,
              ceil(extract(epoch FROM locked_until - now()))::int AS seconds,
              CASE kind WHEN 'account' THEN $3::int ELSE $4::int END AS max_failures
       FROM attempt`,
      [accountKey(email), ipKey(ip), this.config.signInMaxFailures, this.config.signInMaxFailuresPerIp, lockout, window],
    );
    await this.forgetStale(window);
    return rows.filter((row) => row.locked_until !== null && row.failures >= row.max_failures).map(toLock);
  }

  /** A successful sign-in clears the account's count (not the address's: one good account must not unlock an address). */
  async recordSuccess(email: string): Promise<void> {
    await this.dataSource.query(`DELETE FROM sign_in_throttles WHERE kind = 'account' AND key = $1`, [accountKey(email)]);
  }

  /** Rows whose window and lock are both over carry no information any more. */
  private async forgetStale(window: string): Promise<void> {
    await this.dataSource.query(
      `DELETE FROM sign_in_throttles WHERE window_started_at <= now() - $1::interval AND (locked_until IS NULL OR locked_until <= now())`,
      [window],
    );
  }
}

function accountKey(email: string): string {
  return email.trim().toLowerCase().slice(0, 254);
}

function ipKey(ip: string | undefined): string {
  return (ip ?? 'unknown').slice(0, 254);
}

function toLock(row: { kind: ThrottleKind; locked_until: Date | null; seconds: number }): SignInLock {
  return { kind: row.kind, lockedUntil: row.locked_until as Date, retryAfterSeconds: Math.max(1, row.seconds) };
}
