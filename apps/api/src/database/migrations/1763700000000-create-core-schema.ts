import { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateCoreSchema1763700000000 implements MigrationInterface {
  name = 'CreateCoreSchema1763700000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE providers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(32) NOT NULL UNIQUE,
        name varchar(200) NOT NULL,
        time_zone varchar(64) NOT NULL DEFAULT 'America/Mexico_City',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE sites (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        code varchar(32) NOT NULL,
        city varchar(120) NOT NULL,
        country char(2) NOT NULL DEFAULT 'MX',
        time_zone varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (provider_id, code)
      )`);
    await q.query(`
      CREATE TABLE service_lines (
        code varchar(32) PRIMARY KEY,
        name varchar(120) NOT NULL
      )`);
    await q.query(`
      CREATE TABLE provider_service_lines (
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        service_line_code varchar(32) NOT NULL REFERENCES service_lines(code),
        PRIMARY KEY (provider_id, service_line_code)
      )`);
    await q.query(`
      CREATE TABLE kpi_definitions (
        code varchar(64) PRIMARY KEY,
        name varchar(160) NOT NULL,
        description text NOT NULL DEFAULT '',
        unit varchar(16) NOT NULL CHECK (unit IN ('percent','seconds','days','hours','count','score')),
        direction varchar(24) NOT NULL CHECK (direction IN ('higher_is_better','lower_is_better','target_band')),
        aggregation varchar(32) NOT NULL
          CHECK (aggregation IN ('ratio_of_sums','sum','stock','sum_over_mean_stock','net_share')),
        numerator_label varchar(200) NOT NULL,
        denominator_label varchar(200),
        display_precision smallint NOT NULL DEFAULT 1,
        band_low double precision,
        band_high double precision,
        built_in boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE metric_observations (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32) NOT NULL REFERENCES service_lines(code),
        queue varchar(120) NOT NULL DEFAULT '',
        kpi_code varchar(64) NOT NULL REFERENCES kpi_definitions(code),
        granularity varchar(8) NOT NULL DEFAULT 'day' CHECK (granularity IN ('day','week','month','quarter')),
        period_start date NOT NULL,
        numerator double precision NOT NULL,
        denominator double precision,
        extra jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT metric_observations_natural_key
          UNIQUE (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start),
        CONSTRAINT metric_observations_denominator_not_negative CHECK (denominator IS NULL OR denominator >= 0)
      )`);
    await q.query(
      `CREATE INDEX metric_observations_provider_kpi_period ON metric_observations (provider_id, kpi_code, granularity, period_start)`,
    );
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        display_name varchar(160) NOT NULL,
        password_hash text,
        role varchar(24) NOT NULL CHECK (role IN ('admin','account_manager','executive','provider')),
        provider_id uuid REFERENCES providers(id) ON DELETE CASCADE,
        disabled_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_provider_role CHECK ((role = 'provider') = (provider_id IS NOT NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_unique ON users (lower(email))`);
    await q.query(`
      CREATE TABLE user_provider_assignments (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, provider_id)
      )`);
    await q.query(`
      CREATE TABLE refresh_sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        user_agent varchar(400),
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX refresh_sessions_user ON refresh_sessions (user_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'refresh_sessions',
      'user_provider_assignments',
      'users',
      'metric_observations',
      'kpi_definitions',
      'provider_service_lines',
      'service_lines',
      'sites',
      'providers',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
