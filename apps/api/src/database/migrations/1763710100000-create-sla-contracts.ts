import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * SLA contracts per provider with versioned terms (a renegotiation is a new version effective from a
 * date), the service levels of each version (`service_level_id` stays the same across versions),
 * exclusions (date ranges carved out of the measurement, applied once approved) and the admin-set
 * scorecard weights.
 */
export class CreateSlaContracts1763710100000 implements MigrationInterface {
  name = 'CreateSlaContracts1763710100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE sla_contracts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        name varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
        reference varchar(80),
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX sla_contracts_provider ON sla_contracts (provider_id)`);
    await q.query(`
      CREATE TABLE sla_contract_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES sla_contracts(id) ON DELETE CASCADE,
        version integer NOT NULL CHECK (version > 0),
        currency char(3) NOT NULL CHECK (currency ~ '^[A-Z]{3}$'),
        monthly_fee numeric(16,2) NOT NULL CHECK (monthly_fee >= 0),
        at_risk_pct numeric(6,3) NOT NULL CHECK (at_risk_pct > 0 AND at_risk_pct <= 100),
        effective_from date NOT NULL,
        effective_to date,
        notes text NOT NULL DEFAULT '',
        created_by uuid REFERENCES users(id) ON DELETE SET NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sla_contract_versions_number UNIQUE (contract_id, version),
        CONSTRAINT sla_contract_versions_start UNIQUE (contract_id, effective_from),
        CHECK (effective_to IS NULL OR effective_to >= effective_from)
      )`);
    await q.query(`
      CREATE TABLE sla_service_levels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_version_id uuid NOT NULL REFERENCES sla_contract_versions(id) ON DELETE CASCADE,
        service_level_id uuid NOT NULL,
        name varchar(200) NOT NULL CHECK (length(trim(name)) > 0),
        kpi_code varchar(64) NOT NULL REFERENCES kpi_definitions(code),
        site_id uuid REFERENCES sites(id),
        service_line_code varchar(32) REFERENCES service_lines(code),
        queue varchar(120),
        target double precision,
        target_low double precision,
        target_high double precision,
        minimum double precision,
        minimum_low double precision,
        minimum_high double precision,
        measurement_period varchar(12) NOT NULL CHECK (measurement_period IN ('daily','weekly','monthly','quarterly')),
        kind varchar(16) NOT NULL CHECK (kind IN ('critical','key_measurement')),
        pool_allocation_pct numeric(6,3) NOT NULL DEFAULT 0 CHECK (pool_allocation_pct >= 0 AND pool_allocation_pct <= 100),
        earn_back_periods integer CHECK (earn_back_periods IS NULL OR earn_back_periods >= 1),
        means_of_measurement text NOT NULL DEFAULT '',
        position integer NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT sla_service_levels_stable_id UNIQUE (contract_version_id, service_level_id),
        CONSTRAINT sla_service_levels_target CHECK (
          (target IS NOT NULL AND target_low IS NULL AND target_high IS NULL)
          OR (target IS NULL AND target_low IS NOT NULL AND target_high IS NOT NULL)),
        CONSTRAINT sla_service_levels_minimum CHECK (
          (minimum IS NOT NULL AND minimum_low IS NULL AND minimum_high IS NULL)
          OR (minimum IS NULL AND minimum_low IS NOT NULL AND minimum_high IS NOT NULL))
      )`);
    await q.query(`
      CREATE TABLE sla_exclusions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        contract_id uuid NOT NULL REFERENCES sla_contracts(id) ON DELETE CASCADE,
        from_date date NOT NULL,
        to_date date NOT NULL,
        reason text NOT NULL CHECK (length(trim(reason)) > 0),
        site_ids uuid[],
        service_level_ids uuid[],
        requested_by uuid REFERENCES users(id) ON DELETE SET NULL,
        requested_at timestamptz NOT NULL DEFAULT now(),
        approved_by uuid REFERENCES users(id) ON DELETE SET NULL,
        approved_by_name varchar(160),
        approved_at timestamptz,
        CHECK (from_date <= to_date),
        CHECK ((approved_at IS NULL) = (approved_by_name IS NULL))
      )`);
    await q.query(`CREATE INDEX sla_exclusions_contract ON sla_exclusions (contract_id, from_date)`);
    await q.query(`
      CREATE TABLE scorecard_weights (
        id smallint PRIMARY KEY DEFAULT 1 CHECK (id = 1),
        sla_attainment numeric NOT NULL CHECK (sla_attainment >= 0),
        qa_score numeric NOT NULL CHECK (qa_score >= 0),
        escalation_responsiveness numeric NOT NULL CHECK (escalation_responsiveness >= 0),
        data_timeliness numeric NOT NULL CHECK (data_timeliness >= 0),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (sla_attainment + qa_score + escalation_responsiveness + data_timeliness > 0)
      )`);
    await q.query(`
      INSERT INTO scorecard_weights (id, sla_attainment, qa_score, escalation_responsiveness, data_timeliness)
      VALUES (1, 0.4, 0.3, 0.2, 0.1)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['scorecard_weights', 'sla_exclusions', 'sla_service_levels', 'sla_contract_versions', 'sla_contracts']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
