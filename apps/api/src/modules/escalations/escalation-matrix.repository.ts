import { Injectable } from '@nestjs/common';
import type { EscalationTriggerRules } from '@kpi/domain';
import type { SqlExecutor } from '../alerts/alert.types';
import type { MatrixContact, MatrixLevel } from './escalation.types';

/** Per provider: trigger rules (escalation_policies) and the levels with their contacts. */
@Injectable()
export class EscalationMatrixRepository {
  async levels(db: SqlExecutor, providerId: string): Promise<MatrixLevel[]> {
    const rows = await db.query(
      `SELECT l.level, l.name, l.ack_within_minutes, l.resolve_within_minutes,
         COALESCE(json_agg(json_build_object('userId', c.user_id, 'name', c.display_name, 'email', c.email)
           ORDER BY c.position, c.email) FILTER (WHERE c.id IS NOT NULL), '[]') AS contacts
       FROM escalation_levels l LEFT JOIN escalation_level_contacts c ON c.level_id = l.id
       WHERE l.provider_id = $1 GROUP BY l.id ORDER BY l.level`,
      [providerId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      level: Number(r['level']),
      name: r['name'] as string,
      ackWithinMinutes: Number(r['ack_within_minutes']),
      resolveWithinMinutes: Number(r['resolve_within_minutes']),
      contacts: r['contacts'] as MatrixContact[],
    }));
  }

  async rules(db: SqlExecutor, providerId: string): Promise<EscalationTriggerRules | null> {
    const rows = await db.query(`SELECT trigger_rules FROM escalation_policies WHERE provider_id = $1`, [providerId]);
    return rows[0]?.trigger_rules ?? null;
  }

  /** Replaces a provider's matrix (levels numbered 1..n in the given order). */
  async save(db: SqlExecutor, providerId: string, rules: EscalationTriggerRules, levels: MatrixLevel[], userId: string | null): Promise<void> {
    await db.query(
      `INSERT INTO escalation_policies (provider_id, trigger_rules, updated_by) VALUES ($1, $2, $3)
       ON CONFLICT (provider_id) DO UPDATE SET trigger_rules = $2, updated_by = $3, updated_at = now()`,
      [providerId, JSON.stringify(rules), userId],
    );
    await db.query(`DELETE FROM escalation_levels WHERE provider_id = $1`, [providerId]);
    for (const level of levels) {
      const [{ id }] = await db.query(
        `INSERT INTO escalation_levels (provider_id, level, name, ack_within_minutes, resolve_within_minutes)
         VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [providerId, level.level, level.name, level.ackWithinMinutes, level.resolveWithinMinutes],
      );
      for (const [position, contact] of level.contacts.entries()) {
        await db.query(
          `INSERT INTO escalation_level_contacts (level_id, user_id, email, display_name, position) VALUES ($1, $2, $3, $4, $5)`,
          [id, contact.userId, contact.email, contact.name, position],
        );
      }
    }
  }

  /** Users for the default matrix: the provider's account managers, its own staff, and the executives. */
  async defaultContacts(db: SqlExecutor, providerId: string): Promise<{ managers: MatrixContact[]; providerStaff: MatrixContact[]; executives: MatrixContact[]; admins: MatrixContact[] }> {
    const rows = await db.query(
      `SELECT u.id, u.display_name, u.email, u.role,
         (u.role = 'account_manager' AND EXISTS (SELECT 1 FROM user_provider_assignments a WHERE a.user_id = u.id AND a.provider_id = $1)) AS manages,
         (u.role = 'provider' AND u.provider_id = $1) AS staff
       FROM users u WHERE u.disabled_at IS NULL ORDER BY u.email`,
      [providerId],
    );
    const pick = (predicate: (r: Record<string, unknown>) => boolean): MatrixContact[] =>
      rows.filter(predicate).map((r: Record<string, unknown>) => ({ userId: r['id'] as string, name: r['display_name'] as string, email: r['email'] as string }));
    return {
      managers: pick((r) => r['manages'] === true),
      providerStaff: pick((r) => r['staff'] === true),
      executives: pick((r) => r['role'] === 'executive'),
      admins: pick((r) => r['role'] === 'admin'),
    };
  }

  /** Active users by lower-case email (contacts typed as an address that belongs to a user). */
  async usersByEmail(db: SqlExecutor, emails: string[]): Promise<Map<string, MatrixContact>> {
    if (emails.length === 0) return new Map();
    const rows = await db.query(
      `SELECT id, display_name, email FROM users WHERE lower(email) = ANY($1::text[]) AND disabled_at IS NULL`,
      [emails.map((e) => e.toLowerCase())],
    );
    return new Map(rows.map((r: Record<string, string>) => [r['email'].toLowerCase(), { userId: r['id'], name: r['display_name'], email: r['email'] }]));
  }

  /** Users among `ids` (to check contacts) with their names and emails. */
  async users(db: SqlExecutor, ids: string[]): Promise<Map<string, MatrixContact>> {
    if (ids.length === 0) return new Map();
    const rows = await db.query(`SELECT id, display_name, email FROM users WHERE id = ANY($1::uuid[]) AND disabled_at IS NULL`, [ids]);
    return new Map(rows.map((r: Record<string, string>) => [r['id'], { userId: r['id'], name: r['display_name'], email: r['email'] }]));
  }
}
