import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  decideImmediateAlert,
  findMuteWindow,
  matchesAlertSubscription,
  quietHoursEnd,
  type AlertChangeType,
} from '@kpi/domain';
import { AppConfig } from '../../config/app-config.service';
import type { AlertEventRecord, AlertRecordResult, SqlExecutor } from '../alerts/alert.types';
import { AlertsService } from '../alerts/alerts.service';
import { AlertItemBuilder, BuiltAlertItems } from './alert-items.builder';
import { OutboxService } from './outbox.service';
import { RecipientsRepository, SubscriptionRecipient } from './recipients.repository';
import { describeFilters, FilterNames } from './subscription-description';
import { renderAlertEmail } from './templates/alert-email.template';
import { UnsubscribeTokensService } from './unsubscribe-tokens.service';

/**
 * Immediate alert mail. For each change of an alert it decides who hears about it now: subscribers whose
 * filters match, who may see the provider, are not muted, and have not already been told (no repeats for the
 * same open alert unless it worsens, comes back or the renotify interval passes; a resolution once).
 * Quiet hours hold a message until they end. Writes outbox rows in the caller's transaction.
 */
@Injectable()
export class AlertMailService {
  private readonly logger = new Logger('AlertMail');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: RecipientsRepository,
    private readonly outbox: OutboxService,
    private readonly items: AlertItemBuilder,
    private readonly tokens: UnsubscribeTokensService,
    private readonly alerts: AlertsService,
    private readonly config: AppConfig,
  ) {}

  /** Mail about one recorded change, in the caller's transaction; returns the outbox ids written. */
  async onAlertChange(db: SqlExecutor, result: AlertRecordResult, now = new Date()): Promise<string[]> {
    if (result.change === 'unchanged' || !result.changeId) return [];
    return this.notify(db, result.alert, result.change, `alert:${result.changeId}`, null, now);
  }

  /** Reminders for alerts still open after the renotify interval (run by the periodic alert-mail job). */
  async sendReminders(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - this.config.alertRenotifyHours * 3_600_000);
    const stale = await this.recipients.staleNotifications(this.dataSource, before);
    const byAlert = new Map<string, Set<string>>();
    for (const { alertId, userId } of stale) byAlert.set(alertId, (byAlert.get(alertId) ?? new Set()).add(userId));
    let written = 0;
    for (const [alertId, users] of byAlert) {
      const ids = await this.dataSource.transaction(async (db) => {
        const alert = await this.alerts.findById(db, alertId);
        if (!alert || alert.status !== 'open') return [];
        const slot = `${Math.floor(now.getTime() / (this.config.alertRenotifyHours * 3_600_000))}`;
        return this.notify(db, alert, 'reminder', `reminder:${alert.id}:${slot}`, users, now);
      });
      written += ids.length;
      await this.outbox.dispatch(ids);
    }
    return written;
  }

  private async notify(
    db: SqlExecutor,
    alert: AlertEventRecord,
    change: AlertChangeType | 'reminder',
    dedupePrefix: string,
    onlyUsers: Set<string> | null,
    now: Date,
  ): Promise<string[]> {
    const subscriptions = await this.recipients.immediateSubscriptions(db, alert.providerId);
    const facts = { providerId: alert.providerId, siteId: alert.siteId, kpiCode: alert.kpiCode, kind: alert.kind, severity: alert.severity };
    // One mail per person: their first subscription that matches.
    const chosen = new Map<string, SubscriptionRecipient>();
    for (const sub of subscriptions) {
      if (chosen.has(sub.userId) || (onlyUsers && !onlyUsers.has(sub.userId))) continue;
      if (matchesAlertSubscription(sub.filter, facts)) chosen.set(sub.userId, sub);
    }
    if (chosen.size === 0) return [];
    const userIds = [...chosen.keys()];
    const mutes = await this.recipients.muteWindows(db, userIds, now, new Date(now.getTime() + 1));
    const memory = await this.recipients.notificationMemory(db, alert.id, userIds);
    let built: BuiltAlertItems | null = null;
    let names: FilterNames | null = null;
    const ids: string[] = [];
    for (const [userId, sub] of chosen) {
      if (findMuteWindow(mutes.get(userId) ?? [], facts, now)) continue;
      const decision = decideImmediateAlert({
        change,
        severity: alert.severity,
        minSeverity: sub.immediateMinSeverity,
        memory: memory.get(userId) ?? null,
        now,
        renotifyAfterMinutes: this.config.alertRenotifyHours * 60,
      });
      if (!decision.send) continue;
      built ??= await this.items.build(db, [{ alert, change }], 1);
      names ??= await this.recipients.filterNames(db, [...chosen.values()].map((s) => s.filter));
      const id = randomUUID();
      const unsubscribeUrl = await this.tokens.url({ t: 'sub', id: sub.subscriptionId });
      const email = renderAlertEmail({
        recipientName: sub.displayName,
        item: built.views[0],
        footer: {
          reason: `You receive this because of your alert subscription "${sub.subscriptionName}" (${describeFilters(sub.filter, names)}).`,
          unsubscribeUrl,
          unsubscribeLabel: 'Unsubscribe from this subscription',
          settingsUrl: `${this.config.publicUrl}/alerts`,
        },
      });
      const written = await this.outbox.write(db, {
        id,
        kind: 'alert',
        dedupeKey: `${dedupePrefix}:${userId}`,
        toAddress: sub.email,
        toName: sub.displayName,
        toUserId: userId,
        providerId: alert.providerId,
        escalationId: alert.escalationId,
        alertEventId: alert.id,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: listUnsubscribeHeaders(unsubscribeUrl),
        notBefore: quietHoursEnd(now, sub.timeZone, sub.quietHoursStart, sub.quietHoursEnd),
        images: built.images,
      });
      if (!written) continue;
      ids.push(written);
      await this.recipients.rememberNotification(db, userId, alert.id, alert.severity, change === 'resolved');
    }
    if (ids.length > 0) this.logger.log(`Alert ${alert.id} (${change}): ${ids.length} immediate mail(s) queued`);
    return ids;
  }
}

/** RFC 2369 / RFC 8058 headers: mail clients show an unsubscribe button that posts to the link. */
export function listUnsubscribeHeaders(url: string): Record<string, string> {
  return { 'List-Unsubscribe': `<${url}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' };
}
