import { Injectable } from '@nestjs/common';
import type { AlertKind, AlertNotificationMemory, AlertSubscriptionFilter, MuteWindowRule, Severity } from '@kpi/domain';
import type { DigestFrequencyOption } from '@kpi/contracts';
import type { SqlExecutor } from '../alerts/alert.types';
import { DEFAULT_TIME_ZONE } from './notifications.constants';
import type { FilterNames } from './subscription-description';

/** A subscription with its owner, as the senders need it. */
export interface SubscriptionRecipient {
  subscriptionId: string;
  subscriptionName: string;
  userId: string;
  email: string;
  displayName: string;
  timeZone: string;
  quietHoursStart: number | null;
  quietHoursEnd: number | null;
  filter: AlertSubscriptionFilter;
  immediate: boolean;
  immediateMinSeverity: Severity;
  digest: DigestFrequencyOption;
  digestHour: number;
  digestWeekday: number;
  createdAt: Date;
  /** Providers the owner may see; null = all. */
  visibleProviderIds: string[] | null;
}

/** Which providers a user may see, in SQL (mirrors ProviderScope): NULL = all. */
const VISIBLE_PROVIDERS_SQL = `CASE
  WHEN u.role IN ('admin','executive') THEN NULL
  WHEN u.role = 'provider' THEN ARRAY[u.provider_id]
  ELSE ARRAY(SELECT a.provider_id FROM user_provider_assignments a WHERE a.user_id = u.id) END`;

const SUBSCRIPTION_SQL = `SELECT s.id, s.name, s.user_id, u.email, u.display_name,
    COALESCE(ns.time_zone, '${DEFAULT_TIME_ZONE}') AS time_zone, ns.quiet_hours_start, ns.quiet_hours_end,
    s.provider_ids::text[] AS provider_ids, s.site_ids::text[] AS site_ids, s.kpi_codes::text[] AS kpi_codes,
    s.kinds::text[] AS kinds, s.min_severity, s.immediate, s.immediate_min_severity, s.digest, s.digest_hour,
    s.digest_weekday, s.created_at, (${VISIBLE_PROVIDERS_SQL})::text[] AS visible_provider_ids
  FROM alert_subscriptions s
  JOIN users u ON u.id = s.user_id AND u.disabled_at IS NULL
  LEFT JOIN user_notification_settings ns ON ns.user_id = u.id
  WHERE s.enabled AND s.unsubscribed_at IS NULL`;

@Injectable()
export class RecipientsRepository {
  /** Subscriptions asking for immediate mail whose owner may see the provider. */
  async immediateSubscriptions(db: SqlExecutor, providerId: string): Promise<SubscriptionRecipient[]> {
    const rows = await db.query(
      `SELECT * FROM (${SUBSCRIPTION_SQL} AND s.immediate) x
       WHERE x.visible_provider_ids IS NULL OR $1 = ANY(x.visible_provider_ids)
       ORDER BY x.user_id, x.created_at, x.id`,
      [providerId],
    );
    return rows.map(toRecipient);
  }

  async digestSubscriptions(db: SqlExecutor): Promise<SubscriptionRecipient[]> {
    const rows = await db.query(`${SUBSCRIPTION_SQL} AND s.digest <> 'none' ORDER BY s.created_at, s.id`);
    return rows.map(toRecipient);
  }

  async digestSubscription(db: SqlExecutor, subscriptionId: string): Promise<SubscriptionRecipient | null> {
    const rows = await db.query(`${SUBSCRIPTION_SQL} AND s.digest <> 'none' AND s.id = $1`, [subscriptionId]);
    return rows[0] ? toRecipient(rows[0]) : null;
  }

  /** Mute windows of these users that overlap [from, to). */
  async muteWindows(db: SqlExecutor, userIds: string[], from: Date, to: Date): Promise<Map<string, MuteWindowRule[]>> {
    const result = new Map<string, MuteWindowRule[]>();
    if (userIds.length === 0) return result;
    const rows = await db.query(
      `SELECT id, user_id, provider_id, site_id, kpi_code, starts_at, ends_at, reason FROM alert_mute_windows
       WHERE user_id = ANY($1::uuid[]) AND starts_at < $3 AND ends_at > $2`,
      [userIds, from, to],
    );
    for (const r of rows) {
      const list = result.get(r.user_id) ?? [];
      list.push({
        id: r.id,
        providerId: r.provider_id,
        siteId: r.site_id,
        kpiCode: r.kpi_code,
        startsAt: r.starts_at,
        endsAt: r.ends_at,
        reason: r.reason,
      });
      result.set(r.user_id, list);
    }
    return result;
  }

  async notificationMemory(db: SqlExecutor, alertId: string, userIds: string[]): Promise<Map<string, AlertNotificationMemory>> {
    const result = new Map<string, AlertNotificationMemory>();
    if (userIds.length === 0) return result;
    const rows = await db.query(
      `SELECT user_id, last_notified_at, last_severity, resolution_announced_at FROM alert_notification_states
       WHERE alert_event_id = $1 AND user_id = ANY($2::uuid[]) FOR UPDATE`,
      [alertId, userIds],
    );
    for (const r of rows) {
      result.set(r.user_id, {
        lastNotifiedAt: r.last_notified_at,
        lastSeverity: r.last_severity,
        resolutionAnnounced: r.resolution_announced_at !== null,
      });
    }
    return result;
  }

  async rememberNotification(db: SqlExecutor, userId: string, alertId: string, severity: Severity, resolution: boolean): Promise<void> {
    await db.query(
      `INSERT INTO alert_notification_states (user_id, alert_event_id, last_notified_at, last_severity, resolution_announced_at)
       VALUES ($1, $2, now(), $3, CASE WHEN $4 THEN now() END)
       ON CONFLICT (user_id, alert_event_id) DO UPDATE SET last_notified_at = now(), last_severity = $3,
         notify_count = alert_notification_states.notify_count + 1,
         resolution_announced_at = CASE WHEN $4 THEN now() ELSE NULL END`,
      [userId, alertId, severity, resolution],
    );
  }

  /** Users told about open alerts longer ago than `before` (reminder candidates), per alert. */
  async staleNotifications(db: SqlExecutor, before: Date): Promise<{ alertId: string; userId: string }[]> {
    const rows = await db.query(
      `SELECT st.alert_event_id, st.user_id FROM alert_notification_states st
       JOIN alert_events e ON e.id = st.alert_event_id AND e.status = 'open'
         -- Reminders are for conditions still going on; a breached period or a manual escalation is not one.
         AND e.kind NOT IN ('sla_breach', 'manual')
       WHERE st.last_notified_at <= $1 AND st.resolution_announced_at IS NULL
       ORDER BY st.last_notified_at LIMIT 1000`,
      [before],
    );
    return rows.map((r: { alert_event_id: string; user_id: string }) => ({ alertId: r.alert_event_id, userId: r.user_id }));
  }

  async lastDigestSlot(db: SqlExecutor, subscriptionId: string): Promise<Date | null> {
    const rows = await db.query(`SELECT max(slot_at) AS slot_at FROM alert_digest_runs WHERE subscription_id = $1`, [
      subscriptionId,
    ]);
    return rows[0]?.slot_at ?? null;
  }

  async hasDigestRun(db: SqlExecutor, subscriptionId: string, slotKey: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM alert_digest_runs WHERE subscription_id = $1 AND slot_key = $2`, [
      subscriptionId,
      slotKey,
    ]);
    return rows.length > 0;
  }

  /** Claims the digest of one subscription and slot for this transaction: false if it exists (sent by anyone). */
  async claimDigestRun(db: SqlExecutor, subscriptionId: string, slotKey: string, slotAt: Date): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO alert_digest_runs (subscription_id, slot_key, slot_at, item_count) VALUES ($1, $2, $3, 0)
       ON CONFLICT DO NOTHING RETURNING slot_key`,
      [subscriptionId, slotKey, slotAt],
    );
    return rows.length > 0;
  }

  async completeDigestRun(
    db: SqlExecutor,
    subscriptionId: string,
    slotKey: string,
    itemCount: number,
    outboxId: string | null,
    changeIds: string[],
  ): Promise<void> {
    await db.query(`UPDATE alert_digest_runs SET item_count = $3, outbox_id = $4 WHERE subscription_id = $1 AND slot_key = $2`, [
      subscriptionId,
      slotKey,
      itemCount,
      outboxId,
    ]);
    if (changeIds.length > 0) {
      await db.query(
        `INSERT INTO alert_digest_items (subscription_id, change_id, slot_key)
         SELECT $1, c, $2 FROM unnest($3::bigint[]) AS c ON CONFLICT DO NOTHING`,
        [subscriptionId, slotKey, changeIds],
      );
    }
  }

  /** Names of the providers, sites and KPIs the filters mention (for "which filters applied"). */
  async filterNames(db: SqlExecutor, filters: AlertSubscriptionFilter[]): Promise<FilterNames> {
    const providerIds = [...new Set(filters.flatMap((f) => f.providerIds))];
    const siteIds = [...new Set(filters.flatMap((f) => f.siteIds))];
    const kpiCodes = [...new Set(filters.flatMap((f) => f.kpiCodes))];
    const [providers, sites, kpis] = await Promise.all([
      providerIds.length ? db.query(`SELECT id AS key, name FROM providers WHERE id = ANY($1::uuid[])`, [providerIds]) : [],
      siteIds.length
        ? db.query(
            `SELECT s.id AS key, p.code || ' ' || s.city AS name FROM sites s JOIN providers p ON p.id = s.provider_id
             WHERE s.id = ANY($1::uuid[])`,
            [siteIds],
          )
        : [],
      kpiCodes.length ? db.query(`SELECT code AS key, name FROM kpi_definitions WHERE code = ANY($1::text[])`, [kpiCodes]) : [],
    ]);
    const toMap = (rows: { key: string; name: string }[]) => new Map(rows.map((r) => [r.key, r.name]));
    return { providers: toMap(providers), sites: toMap(sites), kpis: toMap(kpis) };
  }

  /** Time zones of users (default for users without settings). */
  async timeZones(db: SqlExecutor, userIds: string[]): Promise<Map<string, string>> {
    const result = new Map<string, string>();
    if (userIds.length === 0) return result;
    const rows = await db.query(`SELECT user_id, time_zone FROM user_notification_settings WHERE user_id = ANY($1::uuid[])`, [
      userIds,
    ]);
    for (const r of rows) result.set(r.user_id, r.time_zone);
    return result;
  }
}

function toRecipient(r: Record<string, unknown>): SubscriptionRecipient {
  return {
    subscriptionId: r['id'] as string,
    subscriptionName: r['name'] as string,
    userId: r['user_id'] as string,
    email: r['email'] as string,
    displayName: r['display_name'] as string,
    timeZone: r['time_zone'] as string,
    quietHoursStart: (r['quiet_hours_start'] as number | null) ?? null,
    quietHoursEnd: (r['quiet_hours_end'] as number | null) ?? null,
    filter: {
      providerIds: r['provider_ids'] as string[],
      siteIds: r['site_ids'] as string[],
      kpiCodes: r['kpi_codes'] as string[],
      kinds: r['kinds'] as AlertKind[],
      minSeverity: r['min_severity'] as Severity,
    },
    immediate: r['immediate'] as boolean,
    immediateMinSeverity: r['immediate_min_severity'] as Severity,
    digest: r['digest'] as DigestFrequencyOption,
    digestHour: r['digest_hour'] as number,
    digestWeekday: r['digest_weekday'] as number,
    createdAt: r['created_at'] as Date,
    visibleProviderIds: (r['visible_provider_ids'] as string[] | null) ?? null,
  };
}
