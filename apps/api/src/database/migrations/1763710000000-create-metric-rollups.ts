import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Precomputed rollups of `metric_observations` (daily rows only), refreshed by MetricsRollupService:
 * - metric_rollups: per finest slice (provider x site x service line x queue) x KPI x calendar bucket
 *   (ISO week, month, quarter, year): exact numeric sums of the components, the observation count, the
 *   slice's last reading (stocks) and its dated denominator readings (attrition's headcount);
 * - metric_window_rollups: the same per slice for the portfolio windows (the last 7 days with data of a
 *   provider and the 7 days before);
 * - metric_data_coverage: the last observation date per provider.
 * Custom KPI definitions get the columns the admin form round-trips.
 */
export class CreateMetricRollups1763710000000 implements MigrationInterface {
  name = 'CreateMetricRollups1763710000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE kpi_definitions
        ADD COLUMN custom_kind varchar(24)
          CHECK (custom_kind IN ('ratio_of_sums','weighted_mean','sum','stock','band')),
        ADD COLUMN value_label varchar(200),
        ADD COLUMN weight_label varchar(200),
        ADD COLUMN service_lines varchar(32)[] NOT NULL DEFAULT '{}',
        ADD COLUMN created_by uuid REFERENCES users(id) ON DELETE SET NULL`);
    await q.query(`
      CREATE TABLE metric_rollups (
        kpi_code varchar(64) NOT NULL REFERENCES kpi_definitions(code) ON DELETE CASCADE,
        granularity varchar(8) NOT NULL CHECK (granularity IN ('week','month','quarter','year')),
        bucket_start date NOT NULL,
        bucket_end date NOT NULL,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32) NOT NULL,
        queue varchar(120) NOT NULL,
        numerator_sum numeric NOT NULL,
        denominator_sum numeric,
        observation_count integer NOT NULL CHECK (observation_count > 0),
        last_date date NOT NULL,
        last_numerator double precision,
        denominator_readings jsonb,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (kpi_code, granularity, bucket_start, provider_id, site_id, service_line_code, queue),
        CHECK (bucket_start <= bucket_end)
      )`);
    await q.query(`CREATE INDEX metric_rollups_provider_bucket ON metric_rollups (provider_id, granularity, bucket_start)`);
    await q.query(`
      CREATE TABLE metric_window_rollups (
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        kpi_code varchar(64) NOT NULL REFERENCES kpi_definitions(code) ON DELETE CASCADE,
        snapshot_window varchar(8) NOT NULL CHECK (snapshot_window IN ('current','previous')),
        window_from date NOT NULL,
        window_to date NOT NULL,
        site_id uuid NOT NULL REFERENCES sites(id) ON DELETE CASCADE,
        service_line_code varchar(32) NOT NULL,
        queue varchar(120) NOT NULL,
        numerator_sum numeric NOT NULL,
        denominator_sum numeric,
        observation_count integer NOT NULL CHECK (observation_count > 0),
        last_date date NOT NULL,
        last_numerator double precision,
        denominator_readings jsonb,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, kpi_code, snapshot_window, site_id, service_line_code, queue)
      )`);
    await q.query(`
      CREATE TABLE metric_data_coverage (
        provider_id uuid PRIMARY KEY REFERENCES providers(id) ON DELETE CASCADE,
        last_date date,
        last_daily_date date,
        refreshed_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS metric_data_coverage`);
    await q.query(`DROP TABLE IF EXISTS metric_window_rollups`);
    await q.query(`DROP TABLE IF EXISTS metric_rollups`);
    await q.query(`
      ALTER TABLE kpi_definitions
        DROP COLUMN IF EXISTS created_by,
        DROP COLUMN IF EXISTS service_lines,
        DROP COLUMN IF EXISTS weight_label,
        DROP COLUMN IF EXISTS value_label,
        DROP COLUMN IF EXISTS custom_kind`);
  }
}
