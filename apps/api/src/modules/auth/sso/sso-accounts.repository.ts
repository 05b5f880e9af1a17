import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Role } from '@kpi/contracts';
import type { SsoRole } from './sso-role-map';

/** A user as single sign-on sees it: enough to decide whether to create, link, re-role or refuse. */
export interface SsoAccount {
  id: string;
  email: string;
  role: Role;
  disabled: boolean;
  ssoIssuer: string | null;
  ssoSubject: string | null;
}

export interface SsoIdentity {
  issuer: string;
  subject: string;
}

interface AccountRow {
  id: string;
  email: string;
  role: Role;
  disabled_at: Date | null;
  sso_issuer: string | null;
  sso_subject: string | null;
}

const SELECT = `SELECT id, email, role, disabled_at, sso_issuer, sso_subject FROM users`;

/** Users created and kept in step by single sign-on (just-in-time provisioning). */
@Injectable()
export class SsoAccountsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** The account already linked to this identity, else the one with this email (disabled ones included). */
  async find(identity: SsoIdentity, email: string): Promise<SsoAccount | null> {
    const rows: AccountRow[] = await this.dataSource.query(
      `${SELECT} WHERE (sso_issuer = $1 AND sso_subject = $2) OR lower(email) = lower($3)
       ORDER BY (sso_issuer = $1 AND sso_subject = $2) DESC NULLS LAST LIMIT 1`,
      [identity.issuer, identity.subject, email],
    );
    return rows[0] ? toAccount(rows[0]) : null;
  }

  /** A new user without a password (it can only sign in through single sign-on); null if the email was just taken. */
  async create(account: { email: string; displayName: string; role: SsoRole }, identity: SsoIdentity): Promise<string | null> {
    const rows: { id: string }[] = await this.dataSource.query(
      `INSERT INTO users (email, display_name, password_hash, role, sso_issuer, sso_subject)
       VALUES ($1, $2, NULL, $3, $4, $5) ON CONFLICT DO NOTHING RETURNING id`,
      [account.email, account.displayName, account.role, identity.issuer, identity.subject],
    );
    return rows[0]?.id ?? null;
  }

  async link(userId: string, identity: SsoIdentity): Promise<void> {
    await this.dataSource.query(`UPDATE users SET sso_issuer = $2, sso_subject = $3, updated_at = now() WHERE id = $1`, [
      userId,
      identity.issuer,
      identity.subject,
    ]);
  }

  /** Gives the user the role their groups now map to and ends their other sessions (they were issued for the old role). */
  async changeRole(userId: string, role: SsoRole): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await manager.query(`UPDATE users SET role = $2, updated_at = now() WHERE id = $1`, [userId, role]);
      await manager.query(`UPDATE refresh_sessions SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    });
  }
}

function toAccount(row: AccountRow): SsoAccount {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    disabled: row.disabled_at !== null,
    ssoIssuer: row.sso_issuer,
    ssoSubject: row.sso_subject,
  };
}
