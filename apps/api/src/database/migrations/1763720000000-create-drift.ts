import { MigrationInterface, QueryRunner } from 'typeorm';

/** Drift engine: settings per KPI (and provider), the incremental state per series, QA groups, events and their history. */
export class CreateDrift1763720000000 implements MigrationInterface {
  name = 'CreateDrift1763720000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE drift_settings (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kpi_code varchar(64) NOT NULL REFERENCES kpi_definitions(code) ON DELETE CASCADE,
        provider_id uuid REFERENCES providers(id) ON DELETE CASCADE,
        enabled boolean,
        detectors text[],
        sensitivity varchar(16) CHECK (sensitivity IN ('low','default','high')),
        baseline_length integer CHECK (baseline_length BETWEEN 14 AND 730),
        min_samples integer CHECK (min_samples BETWEEN 5 AND 1000),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(
      `CREATE UNIQUE INDEX drift_settings_kpi ON drift_settings (kpi_code) WHERE provider_id IS NULL`,
    );
    await q.query(
      `CREATE UNIQUE INDEX drift_settings_kpi_provider ON drift_settings (kpi_code, provider_id) WHERE provider_id IS NOT NULL`,
    );
    await q.query(`
      CREATE TABLE drift_series (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_key varchar(400) NOT NULL UNIQUE,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32),
        queue varchar(120),
        kpi_code varchar(64) NOT NULL,
        level varchar(16) NOT NULL CHECK (level IN ('provider','site','site_line','queue')),
        granularity varchar(8) NOT NULL CHECK (granularity IN ('day','week','none')),
        granularity_reason text NOT NULL DEFAULT '',
        status varchar(24) NOT NULL,
        state jsonb,
        settings_hash varchar(64),
        first_date date,
        detector_last_date date,
        covered_to date,
        points integer NOT NULL DEFAULT 0,
        fingerprint jsonb,
        tracks jsonb NOT NULL DEFAULT '{}',
        sla_accumulators jsonb NOT NULL DEFAULT '{}',
        full_evaluations integer NOT NULL DEFAULT 0,
        incremental_evaluations integer NOT NULL DEFAULT 0,
        last_mode varchar(12),
        evaluated_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX drift_series_provider_kpi ON drift_series (provider_id, kpi_code)`);
    await q.query(`
      CREATE TABLE drift_qa_groups (
        group_key varchar(400) PRIMARY KEY,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32),
        queue varchar(120),
        level varchar(16) NOT NULL,
        first_date date,
        last_date date,
        fingerprint jsonb,
        tracks jsonb NOT NULL DEFAULT '{}',
        last_result jsonb,
        evaluated_at timestamptz
      )`);
    await q.query(`CREATE INDEX drift_qa_groups_provider ON drift_qa_groups (provider_id)`);
    await q.query(`
      CREATE TABLE drift_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        series_key varchar(400) NOT NULL,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32),
        queue varchar(120),
        level varchar(16) NOT NULL CHECK (level IN ('provider','site','site_line','queue')),
        kpi_code varchar(64) NOT NULL,
        kind varchar(24) NOT NULL CHECK (kind IN ('drift','qa_regression','sla')),
        direction varchar(12) NOT NULL CHECK (direction IN ('adverse','favourable')),
        status varchar(12) NOT NULL CHECK (status IN ('open','resolved')),
        detector varchar(40) NOT NULL,
        finding_kind varchar(40),
        granularity varchar(8) NOT NULL DEFAULT 'day',
        start_date date NOT NULL,
        opened_on date NOT NULL,
        resolved_on date,
        resolution varchar(24),
        last_data_date date NOT NULL,
        magnitude double precision,
        baseline_value double precision,
        current_value double precision,
        score double precision,
        p_value double precision,
        explanation text NOT NULL,
        evidence jsonb NOT NULL DEFAULT '[]',
        attribution jsonb,
        details jsonb NOT NULL DEFAULT '{}',
        notified_magnitude double precision,
        opened_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One open event per series and kind; an episode (opened on a given data day) is recorded once.
    await q.query(
      `CREATE UNIQUE INDEX drift_events_one_open ON drift_events (series_key, kind) WHERE status = 'open'`,
    );
    await q.query(
      `CREATE UNIQUE INDEX drift_events_episode ON drift_events (series_key, kind, direction, opened_on)`,
    );
    await q.query(
      `CREATE INDEX drift_events_provider ON drift_events (provider_id, status, start_date DESC)`,
    );
    await q.query(`CREATE INDEX drift_events_kpi ON drift_events (provider_id, kpi_code, site_id)`);
    await q.query(`
      CREATE TABLE drift_event_history (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL REFERENCES drift_events(id) ON DELETE CASCADE,
        transition varchar(12) NOT NULL CHECK (transition IN ('opened','updated','worsened','resolved')),
        data_date date NOT NULL,
        magnitude double precision,
        note text NOT NULL,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX drift_event_history_event ON drift_event_history (event_id, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'drift_event_history',
      'drift_events',
      'drift_qa_groups',
      'drift_series',
      'drift_settings',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
