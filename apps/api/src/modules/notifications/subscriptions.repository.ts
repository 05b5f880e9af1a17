import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AlertKind, Severity } from '@kpi/domain';
import type { DigestFrequencyOption, MuteWindowDto, NotificationSettingsDto } from '@kpi/contracts';
import { DEFAULT_TIME_ZONE } from './notifications.constants';

export interface SubscriptionRow {
  id: string;
  userId: string;
  name: string;
  providerIds: string[];
  siteIds: string[];
  kpiCodes: string[];
  kinds: AlertKind[];
  minSeverity: Severity;
  immediate: boolean;
  immediateMinSeverity: Severity;
  digest: DigestFrequencyOption;
  digestHour: number;
  digestWeekday: number;
  enabled: boolean;
  createdAt: Date;
  lastDigestAt: Date | null;
}

export type SubscriptionValues = Omit<SubscriptionRow, 'id' | 'userId' | 'createdAt' | 'lastDigestAt'>;

const SELECT = `SELECT s.id, s.user_id, s.name, s.provider_ids::text[] AS provider_ids, s.site_ids::text[] AS site_ids,
  s.kpi_codes::text[] AS kpi_codes, s.kinds::text[] AS kinds, s.min_severity, s.immediate, s.immediate_min_severity,
  s.digest, s.digest_hour, s.digest_weekday, (s.enabled AND s.unsubscribed_at IS NULL) AS enabled, s.created_at,
  (SELECT max(r.created_at) FROM alert_digest_runs r WHERE r.subscription_id = s.id AND r.outbox_id IS NOT NULL) AS last_digest_at
  FROM alert_subscriptions s`;

/** A user's own alert subscriptions, notification settings and mute windows. */
@Injectable()
export class SubscriptionsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async listForUser(userId: string): Promise<SubscriptionRow[]> {
    const rows = await this.dataSource.query(`${SELECT} WHERE s.user_id = $1 ORDER BY s.created_at, s.id`, [userId]);
    return rows.map(toRow);
  }

  async findForUser(userId: string, id: string): Promise<SubscriptionRow | null> {
    const rows = await this.dataSource.query(`${SELECT} WHERE s.user_id = $1 AND s.id = $2`, [userId, id]);
    return rows[0] ? toRow(rows[0]) : null;
  }

  async insert(userId: string, v: SubscriptionValues): Promise<string> {
    const [row] = await this.dataSource.query(
      `INSERT INTO alert_subscriptions (user_id, name, provider_ids, site_ids, kpi_codes, kinds, min_severity, immediate,
         immediate_min_severity, digest, digest_hour, digest_weekday, enabled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`,
      [userId, ...values(v)],
    );
    return row.id;
  }

  async update(userId: string, id: string, v: SubscriptionValues): Promise<boolean> {
    const rows = await this.dataSource.query(
      `WITH u AS (
         UPDATE alert_subscriptions SET name = $3, provider_ids = $4, site_ids = $5, kpi_codes = $6, kinds = $7,
           min_severity = $8, immediate = $9, immediate_min_severity = $10, digest = $11, digest_hour = $12,
           digest_weekday = $13, enabled = $14,
           unsubscribed_at = CASE WHEN $14 THEN NULL ELSE unsubscribed_at END, updated_at = now()
         WHERE user_id = $1 AND id = $2 RETURNING id
       ) SELECT id FROM u`,
      [userId, id, ...values(v)],
    );
    return rows.length > 0;
  }

  async delete(userId: string, id: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `WITH d AS (DELETE FROM alert_subscriptions WHERE user_id = $1 AND id = $2 RETURNING id) SELECT id FROM d`,
      [userId, id],
    );
    return rows.length > 0;
  }

  /** The unsubscribe link: disables the subscription; returns its name, or null if unknown. */
  async unsubscribe(id: string): Promise<string | null> {
    const rows = await this.dataSource.query(
      `WITH u AS (
         UPDATE alert_subscriptions SET enabled = false, unsubscribed_at = COALESCE(unsubscribed_at, now()), updated_at = now()
         WHERE id = $1 RETURNING name
       ) SELECT name FROM u`,
      [id],
    );
    return rows[0]?.name ?? null;
  }

  async settings(userId: string, email: string): Promise<NotificationSettingsDto> {
    const [row] = await this.dataSource.query(
      `SELECT time_zone, quiet_hours_start, quiet_hours_end FROM user_notification_settings WHERE user_id = $1`,
      [userId],
    );
    return {
      email,
      timeZone: row?.time_zone ?? DEFAULT_TIME_ZONE,
      quietHoursStart: row?.quiet_hours_start ?? null,
      quietHoursEnd: row?.quiet_hours_end ?? null,
    };
  }

  async saveSettings(userId: string, timeZone: string, start: number | null, end: number | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO user_notification_settings (user_id, time_zone, quiet_hours_start, quiet_hours_end) VALUES ($1, $2, $3, $4)
       ON CONFLICT (user_id) DO UPDATE SET time_zone = $2, quiet_hours_start = $3, quiet_hours_end = $4, updated_at = now()`,
      [userId, timeZone, start, end],
    );
  }

  async muteWindows(userId: string): Promise<MuteWindowDto[]> {
    const rows = await this.dataSource.query(
      `SELECT id, provider_id, site_id, kpi_code, starts_at, ends_at, reason, created_at,
              (starts_at <= now() AND ends_at > now()) AS active
       FROM alert_mute_windows WHERE user_id = $1 AND ends_at > now() - interval '30 days'
       ORDER BY starts_at DESC, id`,
      [userId],
    );
    return rows.map((r: Record<string, unknown>) => ({
      id: r['id'] as string,
      providerId: (r['provider_id'] as string | null) ?? null,
      siteId: (r['site_id'] as string | null) ?? null,
      kpiCode: (r['kpi_code'] as string | null) ?? null,
      startsAt: (r['starts_at'] as Date).toISOString(),
      endsAt: (r['ends_at'] as Date).toISOString(),
      reason: r['reason'] as string,
      createdAt: (r['created_at'] as Date).toISOString(),
      active: r['active'] as boolean,
    }));
  }

  async insertMuteWindow(
    userId: string,
    w: { providerId: string | null; siteId: string | null; kpiCode: string | null; startsAt: Date; endsAt: Date; reason: string },
  ): Promise<string> {
    const [row] = await this.dataSource.query(
      `INSERT INTO alert_mute_windows (user_id, provider_id, site_id, kpi_code, starts_at, ends_at, reason)
       VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [userId, w.providerId, w.siteId, w.kpiCode, w.startsAt, w.endsAt, w.reason],
    );
    return row.id;
  }

  async deleteMuteWindow(userId: string, id: string): Promise<boolean> {
    const rows = await this.dataSource.query(
      `WITH d AS (DELETE FROM alert_mute_windows WHERE user_id = $1 AND id = $2 RETURNING id) SELECT id FROM d`,
      [userId, id],
    );
    return rows.length > 0;
  }

  /** Sites (with their provider) among `siteIds`. */
  async sitesProviders(siteIds: string[]): Promise<Map<string, string>> {
    if (siteIds.length === 0) return new Map();
    const rows = await this.dataSource.query(`SELECT id, provider_id FROM sites WHERE id = ANY($1::uuid[])`, [siteIds]);
    return new Map(rows.map((r: { id: string; provider_id: string }) => [r.id, r.provider_id]));
  }

  async knownKpis(codes: string[]): Promise<Set<string>> {
    if (codes.length === 0) return new Set();
    const rows = await this.dataSource.query(`SELECT code FROM kpi_definitions WHERE code = ANY($1::text[])`, [codes]);
    return new Set(rows.map((r: { code: string }) => r.code));
  }

  async existingProviders(ids: string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await this.dataSource.query(`SELECT id FROM providers WHERE id = ANY($1::uuid[])`, [ids]);
    return new Set(rows.map((r: { id: string }) => r.id));
  }
}

function values(v: SubscriptionValues): unknown[] {
  return [
    v.name,
    v.providerIds,
    v.siteIds,
    v.kpiCodes,
    v.kinds,
    v.minSeverity,
    v.immediate,
    v.immediateMinSeverity,
    v.digest,
    v.digestHour,
    v.digestWeekday,
    v.enabled,
  ];
}

function toRow(r: Record<string, unknown>): SubscriptionRow {
  return {
    id: r['id'] as string,
    userId: r['user_id'] as string,
    name: r['name'] as string,
    providerIds: r['provider_ids'] as string[],
    siteIds: r['site_ids'] as string[],
    kpiCodes: r['kpi_codes'] as string[],
    kinds: r['kinds'] as AlertKind[],
    minSeverity: r['min_severity'] as Severity,
    immediate: r['immediate'] as boolean,
    immediateMinSeverity: r['immediate_min_severity'] as Severity,
    digest: r['digest'] as DigestFrequencyOption,
    digestHour: r['digest_hour'] as number,
    digestWeekday: r['digest_weekday'] as number,
    enabled: r['enabled'] as boolean,
    createdAt: r['created_at'] as Date,
    lastDigestAt: (r['last_digest_at'] as Date | null) ?? null,
  };
}
