import { Injectable, UnauthorizedException } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash, randomBytes } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { SessionResponse } from '@kpi/contracts';
import { AppConfig } from '../../config/app-config.service';
import { AuditService } from '../audit/audit.service';
import { AuthenticatedUser } from './authenticated-user';
import { dummyPasswordHash, verifyPassword } from './password-hasher';
import { UsersRepository } from './users.repository';

export interface IssuedSession {
  session: SessionResponse;
  refreshToken: string;
  refreshExpiresAt: Date;
}

interface AccessTokenPayload {
  sub: string;
  role: string;
}

const INVALID_CREDENTIALS = 'Email or password is incorrect';

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersRepository,
    private readonly jwt: JwtService,
    private readonly config: AppConfig,
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
  ) {}

  async signIn(email: string, password: string, userAgent: string | undefined, ip?: string): Promise<IssuedSession> {
    const user = await this.users.findActiveByEmailWithHash(email);
    // Verify against a dummy hash for unknown emails so response time does not reveal accounts.
    const ok = await verifyPassword(user?.passwordHash ?? (await dummyPasswordHash()), password);
    const context = { actorLabel: email.toLowerCase(), ip: ip ?? null, userAgent: userAgent ?? null, resourceType: 'user' };
    if (!user || !ok) {
      await this.audit.record({ ...context, action: 'auth.sign_in_failed', outcome: 'error:401', actorUserId: user?.id ?? null, resourceId: user?.id ?? null, details: { reason: user ? 'wrong password' : 'unknown or disabled account' } });
      throw new UnauthorizedException(INVALID_CREDENTIALS);
    }
    const { passwordHash: _hash, ...profile } = user;
    const issued = await this.issue(profile, userAgent);
    await this.audit.record({ ...context, action: 'auth.sign_in', actorUserId: user.id, resourceId: user.id, details: { role: user.role } });
    return issued;
  }

  /** Rotates the refresh token: the old one is revoked, a reused revoked one is refused. */
  async refresh(refreshToken: string | undefined, userAgent: string | undefined): Promise<IssuedSession> {
    if (!refreshToken) throw new UnauthorizedException('Not signed in');
    const rows: { id: string; user_id: string }[] = await this.dataSource.query(
      // As a CTE so the driver returns the rows (a bare UPDATE ... RETURNING comes back as [rows, count]).
      `WITH used AS (
         UPDATE refresh_sessions SET revoked_at = now()
         WHERE token_hash = $1 AND revoked_at IS NULL AND expires_at > now()
         RETURNING id, user_id
       ) SELECT id, user_id FROM used`,
      [hashToken(refreshToken)],
    );
    if (rows.length === 0) throw new UnauthorizedException('Session expired, please sign in again');
    const user = await this.users.findActiveById(rows[0].user_id);
    if (!user) throw new UnauthorizedException('Session expired, please sign in again');
    return this.issue(user, userAgent);
  }

  async signOut(refreshToken: string | undefined, context: { ip?: string; userAgent?: string } = {}): Promise<void> {
    if (!refreshToken) return;
    const rows: { user_id: string }[] = await this.dataSource.query(
      `WITH x AS (UPDATE refresh_sessions SET revoked_at = now() WHERE token_hash = $1 AND revoked_at IS NULL RETURNING user_id)
       SELECT user_id FROM x`,
      [hashToken(refreshToken)],
    );
    if (rows[0]) {
      await this.audit.record({ action: 'auth.sign_out', actorUserId: rows[0].user_id, resourceType: 'user', resourceId: rows[0].user_id, ip: context.ip ?? null, userAgent: context.userAgent ?? null });
    }
  }

  /** Verifies a bearer token and loads the caller fresh from the database; null when either fails. */
  async authenticate(accessToken: string): Promise<AuthenticatedUser | null> {
    let payload: AccessTokenPayload;
    try {
      payload = await this.jwt.verifyAsync<AccessTokenPayload>(accessToken);
    } catch {
      return null;
    }
    return this.users.findActiveById(payload.sub);
  }

  private async issue(user: AuthenticatedUser, userAgent: string | undefined): Promise<IssuedSession> {
    const refreshToken = randomBytes(32).toString('base64url');
    const refreshExpiresAt = new Date(Date.now() + this.config.refreshTokenTtlDays * 86_400_000);
    await this.dataSource.query(
      `INSERT INTO refresh_sessions (user_id, token_hash, user_agent, expires_at) VALUES ($1, $2, $3, $4)`,
      [user.id, hashToken(refreshToken), userAgent?.slice(0, 400) ?? null, refreshExpiresAt],
    );
    const accessToken = await this.jwt.signAsync({ sub: user.id, role: user.role } satisfies AccessTokenPayload);
    return {
      session: { accessToken, expiresIn: this.config.accessTokenTtlSeconds, user },
      refreshToken,
      refreshExpiresAt,
    };
  }
}

function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
