import { MigrationInterface, QueryRunner } from 'typeorm';

const SEVERITIES = `('low','medium','high','critical')`;

/**
 * Alert subscriptions, quiet hours and mute windows; what was mailed to whom (no repeats); digest runs; the
 * email outbox with inline images; unsubscribed addresses; the local mail catcher's received mail.
 */
export class CreateNotifications1763740100000 implements MigrationInterface {
  name = 'CreateNotifications1763740100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE user_notification_settings (
        user_id uuid PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
        time_zone varchar(64) NOT NULL DEFAULT 'America/Mexico_City',
        quiet_hours_start smallint CHECK (quiet_hours_start BETWEEN 0 AND 23),
        quiet_hours_end smallint CHECK (quiet_hours_end BETWEEN 0 AND 23),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE alert_subscriptions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        name varchar(120) NOT NULL,
        provider_ids uuid[] NOT NULL DEFAULT '{}',
        site_ids uuid[] NOT NULL DEFAULT '{}',
        kpi_codes varchar(64)[] NOT NULL DEFAULT '{}',
        kinds varchar(24)[] NOT NULL DEFAULT '{}',
        min_severity varchar(12) NOT NULL DEFAULT 'medium' CHECK (min_severity IN ${SEVERITIES}),
        immediate boolean NOT NULL DEFAULT true,
        immediate_min_severity varchar(12) NOT NULL DEFAULT 'critical' CHECK (immediate_min_severity IN ${SEVERITIES}),
        digest varchar(8) NOT NULL DEFAULT 'daily' CHECK (digest IN ('none','daily','weekly')),
        digest_hour smallint NOT NULL DEFAULT 8 CHECK (digest_hour BETWEEN 0 AND 23),
        digest_weekday smallint NOT NULL DEFAULT 1 CHECK (digest_weekday BETWEEN 1 AND 7),
        enabled boolean NOT NULL DEFAULT true,
        unsubscribed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX alert_subscriptions_user ON alert_subscriptions (user_id)`);
    await q.query(`
      CREATE TABLE alert_mute_windows (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        provider_id uuid REFERENCES providers(id) ON DELETE CASCADE,
        site_id uuid REFERENCES sites(id) ON DELETE CASCADE,
        kpi_code varchar(64),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        reason varchar(500) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK (ends_at > starts_at)
      )`);
    await q.query(`CREATE INDEX alert_mute_windows_user ON alert_mute_windows (user_id, ends_at)`);
    await q.query(`
      CREATE TABLE alert_notification_states (
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        alert_event_id uuid NOT NULL REFERENCES alert_events(id) ON DELETE CASCADE,
        last_notified_at timestamptz NOT NULL,
        last_severity varchar(12) NOT NULL,
        notify_count integer NOT NULL DEFAULT 1,
        resolution_announced_at timestamptz,
        PRIMARY KEY (user_id, alert_event_id)
      )`);
    await q.query(`
      CREATE TABLE alert_digest_runs (
        subscription_id uuid NOT NULL REFERENCES alert_subscriptions(id) ON DELETE CASCADE,
        slot_key varchar(40) NOT NULL,
        slot_at timestamptz NOT NULL,
        item_count integer NOT NULL,
        outbox_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subscription_id, slot_key)
      )`);
    await q.query(`
      CREATE TABLE alert_digest_items (
        subscription_id uuid NOT NULL REFERENCES alert_subscriptions(id) ON DELETE CASCADE,
        change_id bigint NOT NULL REFERENCES alert_event_changes(id) ON DELETE CASCADE,
        slot_key varchar(40) NOT NULL,
        PRIMARY KEY (subscription_id, change_id)
      )`);
    await q.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind varchar(16) NOT NULL CHECK (kind IN ('alert','digest','escalation')),
        dedupe_key varchar(300) UNIQUE,
        to_address varchar(254) NOT NULL,
        to_name varchar(200),
        to_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        provider_id uuid REFERENCES providers(id) ON DELETE SET NULL,
        escalation_id uuid REFERENCES escalations(id) ON DELETE SET NULL,
        alert_event_id uuid REFERENCES alert_events(id) ON DELETE SET NULL,
        subject varchar(400) NOT NULL,
        html text NOT NULL,
        text text NOT NULL,
        headers jsonb NOT NULL DEFAULT '{}',
        status varchar(12) NOT NULL DEFAULT 'queued' CHECK (status IN ('queued','sent','failed','skipped')),
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        not_before timestamptz NOT NULL DEFAULT now(),
        created_at timestamptz NOT NULL DEFAULT now(),
        last_attempt_at timestamptz,
        sent_at timestamptz,
        smtp_response text
      )`);
    await q.query(`CREATE INDEX email_outbox_queued ON email_outbox (not_before) WHERE status = 'queued'`);
    await q.query(`CREATE INDEX email_outbox_created ON email_outbox (created_at DESC)`);
    await q.query(`CREATE INDEX email_outbox_to_user ON email_outbox (to_user_id, created_at DESC)`);
    await q.query(`
      CREATE TABLE email_outbox_attachments (
        outbox_id uuid NOT NULL REFERENCES email_outbox(id) ON DELETE CASCADE,
        content_id varchar(120) NOT NULL,
        filename varchar(200) NOT NULL,
        content_type varchar(100) NOT NULL,
        content bytea NOT NULL,
        PRIMARY KEY (outbox_id, content_id)
      )`);
    await q.query(`
      CREATE TABLE email_opt_outs (
        email varchar(254) PRIMARY KEY,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE notification_keys (
        name varchar(40) PRIMARY KEY,
        secret varchar(200) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE caught_emails (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        message_id varchar(400) NOT NULL UNIQUE,
        envelope_from varchar(254),
        envelope_to varchar(254)[] NOT NULL DEFAULT '{}',
        from_address varchar(400),
        to_addresses varchar(400)[] NOT NULL DEFAULT '{}',
        subject varchar(400),
        raw bytea NOT NULL,
        size integer NOT NULL,
        image_count integer NOT NULL DEFAULT 0,
        deliveries integer NOT NULL DEFAULT 1,
        received_at timestamptz NOT NULL DEFAULT now(),
        last_received_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX caught_emails_received ON caught_emails (received_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [
      'caught_emails',
      'notification_keys',
      'email_opt_outs',
      'email_outbox_attachments',
      'email_outbox',
      'alert_digest_items',
      'alert_digest_runs',
      'alert_notification_states',
      'alert_mute_windows',
      'alert_subscriptions',
      'user_notification_settings',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
