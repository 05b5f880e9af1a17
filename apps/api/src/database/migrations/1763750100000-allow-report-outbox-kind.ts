import { MigrationInterface, QueryRunner } from 'typeorm';

/** The email outbox also carries quarterly review deliveries (kind 'report'). */
export class AllowReportOutboxKind1763750100000 implements MigrationInterface {
  name = 'AllowReportOutboxKind1763750100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE email_outbox DROP CONSTRAINT IF EXISTS email_outbox_kind_check`);
    await q.query(`ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_kind_check CHECK (kind IN ('alert','digest','escalation','report'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM email_outbox WHERE kind = 'report'`);
    await q.query(`ALTER TABLE email_outbox DROP CONSTRAINT IF EXISTS email_outbox_kind_check`);
    await q.query(`ALTER TABLE email_outbox ADD CONSTRAINT email_outbox_kind_check CHECK (kind IN ('alert','digest','escalation'))`);
  }
}
