import { MigrationInterface, QueryRunner } from 'typeorm';

const KINDS = `('drift','sla_breach','qa_regression','stale_feed','manual')`;
const SEVERITIES = `('low','medium','high','critical')`;
const STATUSES = `('open','acknowledged','action_plan_agreed','resolved','closed','reopened')`;
const ACTIVE = `('open','reopened','acknowledged','action_plan_agreed')`;

/**
 * Alerts (the source events the escalation seam receives: drift, SLA breaches, QA regressions, stale feeds),
 * their change history, the escalation matrix per provider, escalations and their timeline.
 */
export class CreateEscalations1763740000000 implements MigrationInterface {
  name = 'CreateEscalations1763740000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE alert_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(24) NOT NULL CHECK (kind IN ${KINDS}),
        source_ref varchar(200) NOT NULL,
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid REFERENCES sites(id) ON DELETE SET NULL,
        service_line_code varchar(32),
        queue varchar(120),
        kpi_code varchar(64),
        feed_id uuid REFERENCES feeds(id) ON DELETE SET NULL,
        scope_label varchar(300) NOT NULL,
        severity varchar(12) NOT NULL CHECK (severity IN ${SEVERITIES}),
        status varchar(12) NOT NULL DEFAULT 'open' CHECK (status IN ('open','resolved')),
        last_change varchar(12) NOT NULL DEFAULT 'opened',
        title varchar(300) NOT NULL,
        since date,
        magnitude double precision,
        baseline_value double precision,
        current_value double precision,
        explanation text,
        data jsonb,
        escalation_id uuid,
        opened_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        resolved_at timestamptz,
        CONSTRAINT alert_events_source UNIQUE (kind, source_ref)
      )`);
    await q.query(`CREATE INDEX alert_events_provider_status ON alert_events (provider_id, status)`);
    await q.query(`CREATE INDEX alert_events_escalation ON alert_events (escalation_id)`);
    await q.query(`
      CREATE TABLE alert_event_changes (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        alert_event_id uuid NOT NULL REFERENCES alert_events(id) ON DELETE CASCADE,
        change varchar(12) NOT NULL CHECK (change IN ('opened','worsened','updated','resolved','reopened')),
        severity varchar(12) NOT NULL CHECK (severity IN ${SEVERITIES}),
        magnitude double precision,
        note text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX alert_event_changes_event ON alert_event_changes (alert_event_id, id)`);
    await q.query(`CREATE INDEX alert_event_changes_created ON alert_event_changes (created_at)`);

    await q.query(`
      CREATE TABLE escalation_policies (
        provider_id uuid PRIMARY KEY REFERENCES providers(id) ON DELETE CASCADE,
        trigger_rules jsonb NOT NULL DEFAULT '{}',
        updated_at timestamptz NOT NULL DEFAULT now(),
        updated_by uuid REFERENCES users(id) ON DELETE SET NULL
      )`);
    await q.query(`
      CREATE TABLE escalation_levels (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        level smallint NOT NULL CHECK (level BETWEEN 1 AND 9),
        name varchar(160) NOT NULL,
        ack_within_minutes integer NOT NULL CHECK (ack_within_minutes > 0),
        resolve_within_minutes integer NOT NULL CHECK (resolve_within_minutes > 0),
        UNIQUE (provider_id, level)
      )`);
    await q.query(`
      CREATE TABLE escalation_level_contacts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        level_id uuid NOT NULL REFERENCES escalation_levels(id) ON DELETE CASCADE,
        user_id uuid REFERENCES users(id) ON DELETE CASCADE,
        email varchar(254) NOT NULL,
        display_name varchar(160) NOT NULL,
        position smallint NOT NULL DEFAULT 0
      )`);
    await q.query(`CREATE INDEX escalation_level_contacts_level ON escalation_level_contacts (level_id, position)`);

    await q.query(`CREATE SEQUENCE escalation_numbers`);
    await q.query(`
      CREATE TABLE escalations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        number integer NOT NULL UNIQUE DEFAULT nextval('escalation_numbers'),
        provider_id uuid NOT NULL REFERENCES providers(id) ON DELETE CASCADE,
        kind varchar(24) NOT NULL CHECK (kind IN ${KINDS}),
        severity varchar(12) NOT NULL CHECK (severity IN ${SEVERITIES}),
        title varchar(300) NOT NULL,
        summary text,
        site_id uuid REFERENCES sites(id) ON DELETE SET NULL,
        service_line_code varchar(32),
        queue varchar(120),
        kpi_code varchar(64),
        feed_id uuid REFERENCES feeds(id) ON DELETE SET NULL,
        scope_label varchar(300) NOT NULL,
        scope_key varchar(400) NOT NULL,
        status varchar(24) NOT NULL DEFAULT 'open' CHECK (status IN ${STATUSES}),
        level smallint NOT NULL DEFAULT 1,
        level_started_at timestamptz NOT NULL DEFAULT now(),
        owner_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        opened_by uuid REFERENCES users(id) ON DELETE SET NULL,
        opened_at timestamptz NOT NULL DEFAULT now(),
        ack_due_at timestamptz,
        resolve_due_at timestamptz,
        acknowledged_at timestamptz,
        resolved_at timestamptz,
        closed_at timestamptz,
        target_ack_minutes integer NOT NULL,
        target_resolve_minutes integer NOT NULL,
        final_overdue_reported_at timestamptz,
        action_plan text,
        action_plan_due_date date,
        action_plan_proposed_at timestamptz,
        action_plan_proposed_by uuid REFERENCES users(id) ON DELETE SET NULL,
        action_plan_agreed_at timestamptz,
        root_cause_category varchar(32),
        corrective_action text,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One active escalation per provider and scope: the seam links further source events of the same scope to it.
    await q.query(
      `CREATE UNIQUE INDEX escalations_one_active_per_scope ON escalations (provider_id, scope_key) WHERE status IN ${ACTIVE}`,
    );
    await q.query(`CREATE INDEX escalations_provider_status ON escalations (provider_id, status)`);
    await q.query(`CREATE INDEX escalations_active_due ON escalations (ack_due_at, resolve_due_at) WHERE status IN ${ACTIVE}`);
    await q.query(
      `ALTER TABLE alert_events ADD CONSTRAINT alert_events_escalation_fk
         FOREIGN KEY (escalation_id) REFERENCES escalations(id) ON DELETE SET NULL`,
    );
    await q.query(`
      CREATE TABLE escalation_timeline (
        id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        escalation_id uuid NOT NULL REFERENCES escalations(id) ON DELETE CASCADE,
        at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        actor_name varchar(200) NOT NULL,
        actor_role varchar(24) NOT NULL,
        action varchar(32) NOT NULL,
        from_status varchar(24),
        to_status varchar(24),
        level smallint,
        text text,
        data jsonb
      )`);
    await q.query(`CREATE INDEX escalation_timeline_escalation ON escalation_timeline (escalation_id, at, id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE alert_events DROP CONSTRAINT IF EXISTS alert_events_escalation_fk`);
    for (const table of [
      'escalation_timeline',
      'escalations',
      'escalation_level_contacts',
      'escalation_levels',
      'escalation_policies',
      'alert_event_changes',
      'alert_events',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
    await q.query(`DROP SEQUENCE IF EXISTS escalation_numbers`);
  }
}
