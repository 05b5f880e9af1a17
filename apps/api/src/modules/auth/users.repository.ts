import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role, UserSummary } from '@kpi/contracts';
import { AuthenticatedUser, canSeeAllProviders } from './authenticated-user';

interface UserRow {
  id: string;
  email: string;
  display_name: string;
  role: Role;
  provider_id: string | null;
  password_hash?: string | null;
  assigned: string[] | null;
  created_at: Date;
  disabled_at: Date | null;
}

function toSummary(row: UserRow): UserSummary {
  return {
    id: row.id,
    email: row.email,
    displayName: row.display_name,
    role: row.role,
    providerId: row.provider_id,
    providerIds: row.assigned ?? [],
    createdAt: row.created_at.toISOString(),
    disabledAt: row.disabled_at?.toISOString() ?? null,
  };
}

@Injectable()
export class UsersRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async findActiveByEmailWithHash(email: string): Promise<(AuthenticatedUser & { passwordHash: string | null }) | null> {
    const rows: UserRow[] = await this.dataSource.query(
      `${this.selectSql(true)} WHERE lower(u.email) = lower($1) AND u.disabled_at IS NULL GROUP BY u.id`,
      [email],
    );
    return rows[0] ? { ...this.toUser(rows[0]), passwordHash: rows[0].password_hash ?? null } : null;
  }

  async findActiveById(id: string): Promise<AuthenticatedUser | null> {
    const rows: UserRow[] = await this.dataSource.query(
      `${this.selectSql(false)} WHERE u.id = $1 AND u.disabled_at IS NULL GROUP BY u.id`,
      [id],
    );
    return rows[0] ? this.toUser(rows[0]) : null;
  }

  /** The user, when active and when the session is theirs, not revoked and not expired (one query, by primary keys). */
  async findActiveInSession(id: string, sessionId: string): Promise<AuthenticatedUser | null> {
    const rows: UserRow[] = await this.dataSource.query(
      `${this.selectSql(false)}
       WHERE u.id = $1 AND u.disabled_at IS NULL
         AND EXISTS (SELECT 1 FROM refresh_sessions s WHERE s.id = $2 AND s.user_id = u.id AND s.revoked_at IS NULL AND s.expires_at > now())
       GROUP BY u.id`,
      [id, sessionId],
    );
    return rows[0] ? this.toUser(rows[0]) : null;
  }

  async listAll(): Promise<UserSummary[]> {
    const rows: UserRow[] = await this.dataSource.query(`${this.selectSql(false)} GROUP BY u.id ORDER BY u.role, u.email`);
    return rows.map(toSummary);
  }

  /** Any user, disabled or not (for administration). */
  async findSummary(id: string): Promise<UserSummary | null> {
    const rows: UserRow[] = await this.dataSource.query(`${this.selectSql(false)} WHERE u.id = $1 GROUP BY u.id`, [id]);
    return rows[0] ? toSummary(rows[0]) : null;
  }

  private selectSql(withHash: boolean): string {
    return `SELECT u.id, u.email, u.display_name, u.role, u.provider_id, u.created_at, u.disabled_at,
              ${withHash ? 'u.password_hash,' : ''}
              array_remove(array_agg(a.provider_id ORDER BY a.provider_id), NULL)::text[] AS assigned
            FROM users u LEFT JOIN user_provider_assignments a ON a.user_id = u.id`;
  }

  private toUser(row: UserRow): AuthenticatedUser {
    const providerIds = canSeeAllProviders(row)
      ? null
      : row.role === 'provider'
        ? row.provider_id
          ? [row.provider_id]
          : []
        : (row.assigned ?? []);
    return {
      id: row.id,
      email: row.email,
      displayName: row.display_name,
      role: row.role,
      providerId: row.provider_id,
      providerIds,
    };
  }
}
