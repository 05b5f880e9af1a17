import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import {
  findMuteWindow,
  latestDigestSlot,
  matchesAlertSubscription,
  severityRank,
  type DigestSlot,
} from '@kpi/domain';
import { AppConfig } from '../../config/app-config.service';
import type { AlertChangeRecord } from '../alerts/alert.types';
import { AlertsService } from '../alerts/alerts.service';
import { AlertItemBuilder } from './alert-items.builder';
import { listUnsubscribeHeaders } from './alert-mail.service';
import {
  DIGEST_MAX_CHARTS,
  DIGEST_MAX_ITEMS,
  DIGEST_MAX_LOOKBACK_DAYS,
  DIGEST_OVERLAP_MINUTES,
} from './notifications.constants';
import { OutboxService } from './outbox.service';
import { RecipientsRepository, SubscriptionRecipient } from './recipients.repository';
import { describeFilters } from './subscription-description';
import { renderDigestEmail } from './templates/digest-email.template';
import { formatInstant } from './templates/format';
import { UnsubscribeTokensService } from './unsubscribe-tokens.service';

export type DigestOutcome = 'sent' | 'empty' | 'already_done' | 'not_due';

const DAY_MS = 86_400_000;

/**
 * Daily and weekly digests at a local hour in each subscriber's time zone. A digest lists everything new
 * since the previous one (opened, worse, back again, resolved), grouped by provider. One digest per
 * subscription and slot however many api instances run it: the slot is claimed in the database in the same
 * transaction that writes the outbox row; a ledger of the changes sent keeps them out of the next digest.
 */
@Injectable()
export class DigestService {
  private readonly logger = new Logger('Digests');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly recipients: RecipientsRepository,
    private readonly alerts: AlertsService,
    private readonly items: AlertItemBuilder,
    private readonly outbox: OutboxService,
    private readonly tokens: UnsubscribeTokensService,
    private readonly config: AppConfig,
  ) {}

  /** Sends every digest whose latest slot is due and not yet sent. */
  async runDue(now = new Date()): Promise<Record<DigestOutcome, number>> {
    const counts: Record<DigestOutcome, number> = { sent: 0, empty: 0, already_done: 0, not_due: 0 };
    for (const sub of await this.recipients.digestSubscriptions(this.dataSource)) {
      const slot = this.slotOf(sub, now);
      // The first digest is the first slot after the subscription was made.
      if (slot.at.getTime() < sub.createdAt.getTime()) {
        counts.not_due++;
        continue;
      }
      if (await this.recipients.hasDigestRun(this.dataSource, sub.subscriptionId, slot.key)) {
        counts.already_done++;
        continue;
      }
      try {
        counts[await this.sendDigest(sub, slot, now)]++;
      } catch (error) {
        this.logger.error(`Digest of subscription ${sub.subscriptionId} (${slot.key}) failed: ${(error as Error).message}`);
      }
    }
    return counts;
  }

  /** "Send it now": a digest of this subscription outside its schedule (what is new since the last one). */
  async sendNow(subscriptionId: string, now = new Date()): Promise<DigestOutcome> {
    const sub = await this.recipients.digestSubscription(this.dataSource, subscriptionId);
    if (!sub) return 'not_due';
    return this.sendDigest(sub, { key: `now:${now.toISOString().slice(0, 16)}`, at: now }, now);
  }

  slotOf(sub: SubscriptionRecipient, now: Date): DigestSlot {
    return latestDigestSlot(
      { frequency: sub.digest === 'weekly' ? 'weekly' : 'daily', hour: sub.digestHour, weekday: sub.digestWeekday },
      sub.timeZone,
      now,
    );
  }

  private async sendDigest(sub: SubscriptionRecipient, slot: DigestSlot, now: Date): Promise<DigestOutcome> {
    const result = await this.dataSource.transaction(async (db) => {
      const previous = await this.recipients.lastDigestSlot(db, sub.subscriptionId);
      if (!(await this.recipients.claimDigestRun(db, sub.subscriptionId, slot.key, slot.at))) {
        return { outcome: 'already_done' as const, ids: [] };
      }
      const periodMs = (sub.digest === 'weekly' ? 7 : 1) * DAY_MS;
      const after = new Date(
        Math.max(
          previous ? previous.getTime() - DIGEST_OVERLAP_MINUTES * 60_000 : sub.createdAt.getTime() - periodMs,
          now.getTime() - DIGEST_MAX_LOOKBACK_DAYS * DAY_MS,
        ),
      );
      const providerIds = effectiveProviders(sub);
      const changes = providerIds && providerIds.length === 0 ? [] : await this.alerts.changesForDigest(db, sub.subscriptionId, after, now, providerIds);
      const mutes = await this.recipients.muteWindows(db, [sub.userId], after, now);
      const muted: AlertChangeRecord[] = [];
      const included: AlertChangeRecord[] = [];
      for (const change of changes) {
        const a = change.alert;
        const facts = { providerId: a.providerId, siteId: a.siteId, kpiCode: a.kpiCode, kind: a.kind, severity: change.severity };
        if (!matchesAlertSubscription(sub.filter, facts)) continue;
        if (findMuteWindow(mutes.get(sub.userId) ?? [], facts, change.createdAt)) muted.push(change);
        else included.push(change);
      }
      const latest = latestPerAlert(included).slice(0, DIGEST_MAX_ITEMS);
      if (latest.length === 0) {
        await this.recipients.completeDigestRun(db, sub.subscriptionId, slot.key, 0, null, muted.map((c) => c.changeId));
        return { outcome: 'empty' as const, ids: [] };
      }
      const built = await this.items.build(
        db,
        latest.map((c) => ({ alert: c.alert, change: c.change })),
        DIGEST_MAX_CHARTS,
      );
      const groups = new Map<string, { providerName: string; items: typeof built.views }>();
      built.views.forEach((view) => {
        const group = groups.get(view.providerName) ?? { providerName: view.providerName, items: [] };
        group.items.push(view);
        groups.set(view.providerName, group);
      });
      const names = await this.recipients.filterNames(db, [sub.filter]);
      const unsubscribeUrl = await this.tokens.url({ t: 'sub', id: sub.subscriptionId });
      const email = renderDigestEmail({
        recipientName: sub.displayName,
        title: slot.key.startsWith('weekly') ? 'Weekly digest' : slot.key.startsWith('now') ? 'Alert digest' : 'Daily digest',
        periodLabel: `since ${formatInstant(after, sub.timeZone)}`,
        groups: [...groups.values()].sort((a, b) => a.providerName.localeCompare(b.providerName)),
        mutedCount: new Set(muted.map((c) => c.alert.id)).size,
        dashboardUrl: this.config.publicUrl,
        footer: {
          reason: `You receive this digest because of your alert subscription "${sub.subscriptionName}" (${describeFilters(sub.filter, names)}).`,
          unsubscribeUrl,
          unsubscribeLabel: 'Unsubscribe from this subscription',
          settingsUrl: `${this.config.publicUrl}/alerts`,
        },
      });
      const id = await this.outbox.write(db, {
        id: randomUUID(),
        kind: 'digest',
        dedupeKey: `digest:${sub.subscriptionId}:${slot.key}`,
        toAddress: sub.email,
        toName: sub.displayName,
        toUserId: sub.userId,
        providerId: groups.size === 1 ? latest[0].alert.providerId : null,
        escalationId: null,
        alertEventId: null,
        subject: email.subject,
        html: email.html,
        text: email.text,
        headers: listUnsubscribeHeaders(unsubscribeUrl),
        notBefore: null,
        images: built.images,
      });
      await this.recipients.completeDigestRun(
        db,
        sub.subscriptionId,
        slot.key,
        latest.length,
        id,
        [...included, ...muted].map((c) => c.changeId),
      );
      return { outcome: 'sent' as const, ids: id ? [id] : [] };
    });
    await this.outbox.dispatch(result.ids);
    if (result.outcome === 'sent') this.logger.log(`Digest ${slot.key} for subscription ${sub.subscriptionId} queued`);
    return result.outcome;
  }
}

/** The subscription's providers within what its owner may see; null = every provider. */
function effectiveProviders(sub: SubscriptionRecipient): string[] | null {
  const chosen = sub.filter.providerIds;
  const visible = sub.visibleProviderIds;
  if (visible === null) return chosen.length > 0 ? [...chosen] : null;
  return chosen.length > 0 ? chosen.filter((id) => visible.includes(id)) : [...visible];
}

/** The newest change of each alert, most severe first, then newest first. */
function latestPerAlert(changes: AlertChangeRecord[]): AlertChangeRecord[] {
  const latest = new Map<string, AlertChangeRecord>();
  for (const change of changes) {
    const seen = latest.get(change.alert.id);
    if (!seen || Number(change.changeId) > Number(seen.changeId)) latest.set(change.alert.id, change);
  }
  return [...latest.values()].sort(
    (a, b) => severityRank(b.alert.severity) - severityRank(a.alert.severity) || b.createdAt.getTime() - a.createdAt.getTime(),
  );
}
