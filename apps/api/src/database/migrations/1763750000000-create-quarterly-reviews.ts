import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Quarterly business reviews: the account manager's commentary and agreed actions per provider and quarter,
 * the generation jobs with their progress, and the archive of issued packs (files with SHA-256 checksums and
 * the figures snapshot). Issued packs are immutable: triggers refuse to change or delete them.
 */
export class CreateQuarterlyReviews1763750000000 implements MigrationInterface {
  name = 'CreateQuarterlyReviews1763750000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE quarterly_review_commentaries (
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        quarter varchar(7) NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        commentary text NOT NULL DEFAULT '',
        actions jsonb NOT NULL DEFAULT '[]',
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, quarter)
      )`);
    await q.query(`
      CREATE TABLE quarterly_reviews (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(12) NOT NULL CHECK (kind IN ('provider','portfolio')),
        provider_id uuid REFERENCES providers(id) ON DELETE RESTRICT,
        provider_ids uuid[] NOT NULL,
        quarter varchar(7) NOT NULL CHECK (quarter ~ '^[0-9]{4}-Q[1-4]$'),
        as_of date,
        status varchar(12) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','running','succeeded','failed')),
        progress smallint NOT NULL DEFAULT 0 CHECK (progress BETWEEN 0 AND 100),
        stage varchar(200),
        error text,
        trigger varchar(12) NOT NULL CHECK (trigger IN ('manual','schedule')),
        deliver boolean NOT NULL DEFAULT false,
        requested_by uuid,
        requested_by_name varchar(160),
        created_at timestamptz NOT NULL DEFAULT now(),
        started_at timestamptz,
        finished_at timestamptz,
        issued_at timestamptz,
        figures jsonb,
        CONSTRAINT quarterly_reviews_kind_provider CHECK ((kind = 'provider') = (provider_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX quarterly_reviews_provider_quarter ON quarterly_reviews (provider_id, quarter, created_at DESC)`);
    await q.query(`CREATE INDEX quarterly_reviews_created ON quarterly_reviews (created_at DESC)`);
    await q.query(`
      CREATE TABLE quarterly_review_files (
        review_id uuid NOT NULL REFERENCES quarterly_reviews(id) ON DELETE RESTRICT,
        format varchar(80) NOT NULL,
        file_name varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        content bytea NOT NULL,
        size_bytes integer NOT NULL,
        sha256 char(64) NOT NULL,
        position smallint NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (review_id, format)
      )`);
    await q.query(`
      CREATE FUNCTION quarterly_reviews_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF OLD.issued_at IS NOT NULL THEN
          RAISE EXCEPTION 'quarterly review % was issued and is archived unchanged', OLD.id USING ERRCODE = 'check_violation';
        END IF;
        IF TG_OP = 'DELETE' THEN RETURN OLD; END IF;
        RETURN NEW;
      END $$`);
    await q.query(`
      CREATE TRIGGER quarterly_reviews_immutable BEFORE UPDATE OR DELETE ON quarterly_reviews
      FOR EACH ROW EXECUTE FUNCTION quarterly_reviews_guard()`);
    await q.query(`
      CREATE FUNCTION quarterly_review_files_guard() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'files of quarterly review % are archived unchanged', OLD.review_id USING ERRCODE = 'check_violation';
      END $$`);
    await q.query(`
      CREATE TRIGGER quarterly_review_files_immutable BEFORE UPDATE OR DELETE ON quarterly_review_files
      FOR EACH ROW EXECUTE FUNCTION quarterly_review_files_guard()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS quarterly_review_files`);
    await q.query(`DROP TABLE IF EXISTS quarterly_reviews`);
    await q.query(`DROP FUNCTION IF EXISTS quarterly_review_files_guard()`);
    await q.query(`DROP FUNCTION IF EXISTS quarterly_reviews_guard()`);
    await q.query(`DROP TABLE IF EXISTS quarterly_review_commentaries`);
  }
}
