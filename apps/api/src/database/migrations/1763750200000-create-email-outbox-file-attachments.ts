import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Real attachments for outbox messages, by reference: a row points at an archived, immutable file (today the
 * issued quarterly review packs in `quarterly_review_files`), so no megabytes are copied into the outbox. The
 * sender loads the bytes when it sends; a retry sends the very same bytes. Runs after the quarterly review
 * tables it references (hence its timestamp).
 */
export class CreateEmailOutboxFileAttachments1763750200000 implements MigrationInterface {
  name = 'CreateEmailOutboxFileAttachments1763750200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE email_outbox_file_attachments (
        outbox_id uuid NOT NULL REFERENCES email_outbox(id) ON DELETE CASCADE,
        position smallint NOT NULL CHECK (position >= 0),
        review_id uuid NOT NULL,
        review_format varchar(80) NOT NULL,
        PRIMARY KEY (outbox_id, position),
        FOREIGN KEY (review_id, review_format) REFERENCES quarterly_review_files(review_id, format) ON DELETE RESTRICT
      )`);
    await q.query(`CREATE INDEX email_outbox_file_attachments_file ON email_outbox_file_attachments (review_id, review_format)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS email_outbox_file_attachments`);
  }
}
