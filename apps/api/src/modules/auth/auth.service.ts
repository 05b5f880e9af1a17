import { BadRequestException, HttpException, HttpStatus, Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SessionResponse } from '@kpi/contracts';
import { AppConfig } from '../../config/app-config.service';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from './authenticated-user';
import { dummyPasswordHash, hashPassword, verifyPassword } from './password-hasher';
import { passwordProblems } from './password-policy';
import { SignInLock, SignInThrottleService } from './sign-in-throttle.service';
import { UsersRepository } from './users.repository';

export interface IssuedSession {
  session: SessionResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

/** Where a request came from, for the audit trail and throttling. */
export interface RequestContext {
  ip?: string;
  userAgent?: string;
}

interface AccessTokenPayload {
  sub: string;
  role: string;
  /** The refresh session the token belongs to: revoking the session ends the token at once. */
  sid: string;
}

const INVALID_CREDENTIALS = 'Email or password is incorrect';
const SESSION_OVER = 'Session expired, please sign in again';

/** 429 for a locked account or address; the controller turns retryAfterSeconds into a Retry-After header. */
export class SignInLockedException extends HttpException {
  constructor(readonly lock: SignInLock) {
    const minutes = Math.ceil(lock.retryAfterSeconds / 60);
    const wait = `Try again in ${minutes} minute${minutes === 1 ? '' : 's'}.`;
    super(
      lock.kind === 'account'
        ? `Too many failed sign-in attempts: this account is temporarily locked. ${wait}`
        : `Too many failed sign-in attempts from your network address. ${wait}`,
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }
}

/**
 * Sessions: password sign-in (throttled, with temporary lockout), refresh-token rotation, sign-out, password
 * changes, and revocation. A session is one refresh_sessions row; its id travels in the access token (`sid`)
 * and authenticate() refuses a token whose session is revoked or expired.
 */
@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly throttle: SignInThrottleService,
  ) {}

  async signIn(email: string, password: string, userAgent: string | undefined, ip?: string): Promise<IssuedSession> {
    const context = { actorLabel: email.toLowerCase(), ip: ip ?? null, userAgent: userAgent ?? null, resourceType: 'user' };
    // A locked account stays locked even for the right password (checked before the password is).
    const lock = await this.throttle.activeLock(email, ip);
    if (lock) {
      await this.audit.record({ ...context, action: 'auth.sign_in_failed', outcome: 'error:429', details: { reason: `${lock.kind} locked`, lockedUntil: lock.lockedUntil } });
      throw new SignInLockedException(lock);
    }
    const user = await this.users.findActiveByEmailWithHash(email);
    // Verify against a dummy hash for unknown emails so response time does not reveal accounts.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    if (!user || !ok) {
      await this.audit.record({ ...context, action: 'auth.sign_in_failed', outcome: 'error:401', actorUserId: user?.id ?? null, resourceId: user?.id ?? null, details: { reason: user ? 'wrong password' : 'unknown or disabled account' } });
      await this.countFailure(email, context, user?.id ?? null);
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    await this.throttle.recordSuccess(email);
    const { passwordHash: _hash, ...profile } = user;
    const issued = await this.issueFor(profile, userAgent);
    await this.audit.record({ ...context, action: 'auth.sign_in', actorUserId: user.id, resourceId: user.id, details: { role: user.role } });
    return issued;
  }

  /**
   * Rotates the refresh token in place: the session (and so `sid`) stays, the presented token is replaced, so
   * a used one is refused afterwards. The session's expiry slides forward.
   */
  async refresh(refreshToken: string | undefined, userAgent: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new UnauthorizedException('Not signed in');
    const next = newRefreshToken(this.config.refreshTokenTtlDays);
    const rows: { id: string; user_id: string }[] = await this.dataSource.query(
      // As a CTE so the driver returns the rows (a bare UPDATE ... RETURNING comes back as [rows, count]).
      `WITH rotated AS (
         UPDATE refresh_sessions SET token_hash = $2, expires_at = $3, user_agent = coalesce($4, user_agent)
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING id, user_id
       ) SELECT id, user_id FROM rotated`,
      [hashToken(refreshToken), hashToken(next.token), next.expiresAt, userAgent?.slice(0, 400) ?? null],
    );
    if (rows.length === 0) throw new UnauthorizedException(SESSION_OVER);
    const user = await this.users.findActiveById(rows[0].user_id);
    if (!user) {
      await this.revokeSession(rows[0].id);
      throw new UnauthorizedException(SESSION_OVER);
    }
    return this.sessionResponse(user, rows[0].id, next);
  }

  /** Ends the session of the refresh cookie, or else of the bearer token; its access tokens stop working at once. */
  async signOut(refreshToken: string | undefined, accessToken: string | undefined, context: RequestContext = {}): Promise<void> {
    let rows: { user_id: string }[] = [];
    if (refreshToken) {
      rows = await this.dataSource.query(
        `WITH x AS (UPDATE refresh_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id)
         SELECT user_id FROM x`,
        [hashToken(refreshToken)],
      );
    } else if (accessToken) {
      const payload = await this.verifiedPayload(accessToken);
      if (payload) {
        rows = await this.dataSource.query(
          `WITH x AS (UPDATE refresh_sessions SET revoked_at = now() WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL RETURNING user_id)
           SELECT user_id FROM x`,
          [payload.sid, payload.sub],
        );
      }
    }
    if (rows[0]) {
      await this.audit.record({ action: 'auth.sign_out', actorUserId: rows[0].user_id, resourceType: 'user', resourceId: rows[0].user_id, ip: context.ip ?? null, userAgent: context.userAgent ?? null });
    }
  }

  /**
   * Verifies a bearer token and loads the caller fresh from the database, in one query that also requires the
   * token's session to be neither revoked nor expired; null when anything fails.
   */
  async authenticate(accessToken: string): Promise<AuthenticatedUser | null> {
    const payload = await this.verifiedPayload(accessToken);
    return payload ? this.users.findActiveInSession(payload.sub, payload.sid) : null;
  }

  /** A new session for a user who has proved who they are (password sign-in, or single sign-on). */
  async issueFor(user: AuthenticatedUser, userAgent: string | undefined): Promise<IssuedSession> {
    const next = newRefreshToken(this.config.refreshTokenTtlDays);
    const [{ id }]: { id: string }[] = await this.dataSource.query(
      `INSERT INTO refresh_sessions (user_id, token_hash, user_agent, expires_at) VALUES ($1, $2, $3, $4) RETURNING id`,
      [user.id, hashToken(next.token), userAgent?.slice(0, 400) ?? null, next.expiresAt],
    );
    return this.sessionResponse(user, id, next);
  }

  /**
   * "Change my password": needs the current password (wrong ones count towards the lockout like failed
   * sign-ins), applies the password rules, and signs the user out everywhere else.
   */
  async changePassword(
    user: AuthenticatedUser,
    accessToken: string,
    currentPassword: string,
    newPassword: string,
    context: RequestContext = {},
  ): Promise<{ revokedSessions: number }> {
    const audit = { actorUserId: user.id, actorLabel: user.email, resourceType: 'user', resourceId: user.id, ip: context.ip ?? null, userAgent: context.userAgent ?? null };
    const lock = await this.throttle.activeLock(user.email, context.ip);
    if (lock) throw new SignInLockedException(lock);
    const account = await this.users.findActiveByEmailWithHash(user.email);
    if (!account || !(await verifyPassword(account.passwordHash, currentPassword))) {
      await this.audit.record({ ...audit, action: 'auth.password_change', outcome: 'error:400', details: { reason: 'wrong current password' } });
      await this.countFailure(user.email, audit, user.id);
      throw new BadRequestException('The current password is incorrect');
    }
    if (currentPassword === newPassword) throw new BadRequestException('The new password must be different from the current one');
    await this.setPassword(user.id, user.email, newPassword);
    const payload = await this.verifiedPayload(accessToken);
    const revokedSessions = await this.revokeSessions(user.id, { except: payload?.sid });
    await this.audit.record({ ...audit, action: 'auth.password_change', details: { revokedSessions } });
    return { revokedSessions };
  }

  /** Stores a new password after checking the password rules (400 with every problem otherwise). */
  async setPassword(userId: string, email: string, password: string): Promise<void> {
    const problems = passwordProblems(password, { email });
    if (problems.length > 0) throw new BadRequestException(problems);
    await this.dataSource.query(`UPDATE users SET password_hash = $2, updated_at = now() WHERE id = $1`, [userId, await hashPassword(password)]);
  }

  /** Revokes every open session of a user (but `except`); their access tokens stop working at once. */
  async revokeSessions(userId: string, options: { except?: string } = {}): Promise<number> {
    const rows: unknown[] = await this.dataSource.query(
      `WITH x AS (
         UPDATE refresh_sessions SET revoked_at = now()
         WHERE user_id = $1 AND revoked_at IS NULL AND ($2::uuid IS NULL OR id <> $2::uuid)
         RETURNING id
       ) SELECT id FROM x`,
      [userId, options.except ?? null],
    );
    return rows.length;
  }

  private async revokeSession(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE refresh_sessions SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [sessionId]);
  }

  /** Counts a failed password check; when it locks the account or address, that is audited too. */
  private async countFailure(email: string, context: { ip: string | null; userAgent: string | null }, userId: string | null): Promise<void> {
    const locks = await this.throttle.recordFailure(email, context.ip ?? undefined);
    for (const lock of locks) {
      await this.audit.record({
        action: 'auth.lockout',
        outcome: 'success',
        actorUserId: userId,
        actorLabel: email.toLowerCase(),
        resourceType: lock.kind === 'account' ? 'user' : 'ip',
        resourceId: lock.kind === 'account' ? userId : context.ip,
        ip: context.ip,
        userAgent: context.userAgent,
        details: {
          kind: lock.kind,
          lockedUntil: lock.lockedUntil,
          maxFailures: lock.kind === 'account' ? this.config.signInMaxFailures : this.config.signInMaxFailuresPerIp,
          windowMinutes: this.config.signInFailureWindowMinutes,
        },
      });
    }
    const longest = locks.sort((a, b) => b.retryAfterSeconds - a.retryAfterSeconds)[0];
    if (longest) throw new SignInLockedException(longest);
  }

  private async verifiedPayload(accessToken: string): Promise<AccessTokenPayload | null> {
    try {
      const payload = await this.jwt.verifyAsync<AccessTokenPayload>(accessToken);
      // Tokens without a session id (issued before sessions were named) are not accepted.
      return typeof payload.sub === 'string' && typeof payload.sid === 'string' ? payload : null;
    } catch {
      return null;
    }
  }

  private async sessionResponse(user: AuthenticatedUser, sessionId: string, refresh: { token: string; expiresAt: Date }): Promise<IssuedSession> {
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role, sid: sessionId } satisfies AccessTokenPayload);
    return {
      session: { accessToken, expiresIn: this.config.accessTokenTtlSeconds, user },
      refreshToken: refresh.token,
      refreshExpiresAt: refresh.expiresAt,
    };
  }
}

function newRefreshToken(ttlDays: number): { token: string; expiresAt: Date } {
  return { token: randomBytes(32).toString('base64url'), expiresAt: new Date(Date.now() + ttlDays * 86_400_000) };
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
