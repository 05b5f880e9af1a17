import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateIngestion1763730000000 implements MigrationInterface {
  name = 'CreateIngestion1763730000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE feeds (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        name varchar(160) NOT NULL,
        connector varchar(32) NOT NULL,
        source_kind varchar(32) NOT NULL DEFAULT 'observations',
        schedule_cron varchar(120),
        time_zone varchar(64) NOT NULL DEFAULT 'America/Mexico_City',
        config jsonb NOT NULL DEFAULT '{}',
        mapping jsonb,
        credentials_encrypted text,
        batch_policy varchar(24) NOT NULL DEFAULT 'reject_batch' CHECK (batch_policy IN ('reject_batch','quarantine_invalid')),
        expected_cadence_minutes integer,
        cursor jsonb,
        enabled boolean NOT NULL DEFAULT true,
        last_run_at timestamptz,
        last_success_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider_id, name)
      )`);
    await q.query(`
      CREATE TABLE provider_api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        key_prefix varchar(16) NOT NULL,
        key_hash char(64) NOT NULL UNIQUE,
        label varchar(120),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_used_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE ingestion_runs (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        feed_id uuid REFERENCES feeds(id) ON DELETE SET NULL,
        trigger varchar(16) NOT NULL CHECK (trigger IN ('schedule','manual','backfill','push','upload','resubmit','seed')),
        connector varchar(32) NOT NULL,
        status varchar(16) NOT NULL DEFAULT 'running'
          CHECK (status IN ('queued','running','succeeded','partial','rejected','failed')),
        file_name varchar(260),
        window_from date,
        window_to date,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        rows_received integer NOT NULL DEFAULT 0,
        rows_inserted integer NOT NULL DEFAULT 0,
        rows_updated integer NOT NULL DEFAULT 0,
        rows_unchanged integer NOT NULL DEFAULT 0,
        rows_rejected integer NOT NULL DEFAULT 0,
        attempt integer NOT NULL DEFAULT 1,
        error text,
        warnings jsonb
      )`);
    await q.query(`CREATE INDEX ingestion_runs_provider_started ON ingestion_runs (provider_id, started_at DESC)`);
    await q.query(`CREATE INDEX ingestion_runs_feed_started ON ingestion_runs (feed_id, started_at DESC)`);
    await q.query(`
      CREATE TABLE ingestion_row_errors (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        run_id uuid NOT NULL REFERENCES ingestion_runs(id) ON DELETE CASCADE,
        line integer,
        path varchar(200),
        column_name varchar(120),
        value text,
        reason text NOT NULL,
        suggestion varchar(200),
        raw jsonb,
        status varchar(16) NOT NULL DEFAULT 'open' CHECK (status IN ('open','resubmitted','discarded'))
      )`);
    await q.query(`CREATE INDEX ingestion_row_errors_run ON ingestion_row_errors (run_id)`);
    await q.query(`
      CREATE TABLE metric_restatements (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32) NOT NULL,
        queue varchar(120) NOT NULL,
        kpi_code varchar(64) NOT NULL,
        granularity varchar(8) NOT NULL,
        period_start date NOT NULL,
        old_numerator double precision NOT NULL,
        old_denominator double precision,
        new_numerator double precision NOT NULL,
        new_denominator double precision,
        run_id uuid REFERENCES ingestion_runs(id) ON DELETE SET NULL,
        restated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX metric_restatements_provider ON metric_restatements (provider_id, restated_at DESC)`);
    await q.query(`ALTER TABLE metric_observations ADD COLUMN source_run_id uuid REFERENCES ingestion_runs(id) ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE qa_evaluations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32),
        evaluation_id varchar(120) NOT NULL,
        evaluated_at timestamptz NOT NULL,
        agent_key char(64) NOT NULL,
        team varchar(120) NOT NULL DEFAULT '',
        form_version varchar(60) NOT NULL DEFAULT '',
        score double precision NOT NULL,
        raw_score double precision,
        possible double precision NOT NULL,
        auto_fail boolean NOT NULL DEFAULT false,
        run_id uuid REFERENCES ingestion_runs(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider_id, evaluation_id)
      )`);
    await q.query(`CREATE INDEX qa_evaluations_provider_time ON qa_evaluations (provider_id, evaluated_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE metric_observations DROP COLUMN IF EXISTS source_run_id`);
    for (const table of ['qa_evaluations', 'metric_restatements', 'ingestion_row_errors', 'ingestion_runs', 'provider_api_keys', 'feeds']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
