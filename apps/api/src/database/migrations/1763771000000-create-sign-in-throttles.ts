import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Failed sign-ins per account (lower-cased email, known or not, so a lockout reveals no accounts) and per IP
 * address, counted in a window; `locked_until` is set once the count reaches the limit. Kept in the database
 * so a lockout holds across restarts and every api instance.
 */
export class CreateSignInThrottles1763771000000 implements MigrationInterface {
  name = 'CreateSignInThrottles1763771000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sign_in_throttles (
        kind varchar(8) NOT NULL CHECK (kind IN ('account', 'ip')),
        key varchar(254) NOT NULL,
        failures integer NOT NULL,
        window_started_at timestamptz NOT NULL,
        locked_until timestamptz,
        PRIMARY KEY (kind, key)
      )`);
    await q.query(`CREATE INDEX sign_in_throttles_window ON sign_in_throttles (window_started_at)`);
    // Access tokens name their session; the guard looks the session up by id on every request.
    await q.query(`CREATE INDEX refresh_sessions_user_active ON refresh_sessions (user_id) WHERE revoked_at IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS refresh_sessions_user_active`);
    await q.query(`DROP TABLE IF EXISTS sign_in_throttles`);
  }
}
