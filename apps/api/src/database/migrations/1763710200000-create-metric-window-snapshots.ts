import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The portfolio windows stored as what the portfolio reads: per provider x KPI x window (the last 7 days
 * with data, the 7 days before), the components kpi-domain rolled up from the windows' per-slice partials
 * at refresh time. Replaces the per-slice `metric_window_rollups`, which made every portfolio read combine
 * thousands of slice rows.
 */
export class CreateMetricWindowSnapshots1763710200000 implements MigrationInterface {
  name = 'CreateMetricWindowSnapshots1763710200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS metric_window_rollups`);
    await q.query(`
      CREATE TABLE metric_window_snapshots (
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        kpi_code varchar(64) NOT NULL REFERENCES kpi_definitions(code) ON DELETE CASCADE,
        snapshot_window varchar(8) NOT NULL CHECK (snapshot_window IN ('current','previous')),
        window_from date NOT NULL,
        window_to date NOT NULL,
        value double precision,
        numerator double precision NOT NULL,
        denominator double precision,
        observation_count integer NOT NULL,
        stock_as_of date,
        carried_forward_readings integer NOT NULL DEFAULT 0,
        stock_reading_dates integer NOT NULL DEFAULT 0,
        refreshed_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (provider_id, kpi_code, snapshot_window)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS metric_window_snapshots`);
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
  }
}
