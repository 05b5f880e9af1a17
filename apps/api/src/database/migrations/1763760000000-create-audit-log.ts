import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The append-only audit trail. Each row carries `hash = sha256(prev_hash || canonical JSON of the row)`
 * (computed by the api under an advisory lock so the chain is linear); a trigger refuses UPDATE, DELETE
 * and TRUNCATE so the table can only grow. `npm run audit:verify` recomputes the chain.
 */
export class CreateAuditLog1763760000000 implements MigrationInterface {
  name = 'CreateAuditLog1763760000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE audit_log (
        id bigint PRIMARY KEY,
        at timestamptz NOT NULL,
        actor_user_id uuid,
        actor_api_key_id uuid,
        actor_label varchar(254),
        action varchar(64) NOT NULL,
        outcome varchar(16) NOT NULL DEFAULT 'success',
        resource_type varchar(48),
        resource_id varchar(128),
        provider_id uuid,
        before jsonb,
        after jsonb,
        details jsonb,
        ip varchar(64),
        user_agent varchar(400),
        prev_hash char(64) NOT NULL,
        hash char(64) NOT NULL UNIQUE
      )`);
    await q.query(`CREATE SEQUENCE audit_log_id_seq AS bigint OWNED BY audit_log.id`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC)`);
    await q.query(`CREATE INDEX audit_log_provider_at_idx ON audit_log (provider_id, at DESC) WHERE provider_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_actor_idx ON audit_log (actor_user_id, at DESC)`);
    await q.query(`CREATE INDEX audit_log_action_idx ON audit_log (action, at DESC)`);
    await q.query(`
      CREATE FUNCTION audit_log_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only (% refused)', TG_OP USING ERRCODE = 'insufficient_privilege';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH ROW EXECUTE FUNCTION audit_log_refuse_change()`);
    await q.query(`
      CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS audit_log_refuse_change()`);
  }
}
