import { isSeverityAtLeast } from './escalation-rules';
import type { AlertChangeType, AlertKind, Severity } from './escalation.types';

/** What a subscription asks for (empty lists mean "any"). */
export interface AlertSubscriptionFilter {
  readonly providerIds: readonly string[];
  readonly siteIds: readonly string[];
  readonly kpiCodes: readonly string[];
  readonly kinds: readonly AlertKind[];
  readonly minSeverity: Severity;
}

/** The facts of an alert a subscription filters on. */
export interface AlertFacts {
  readonly providerId: string;
  readonly siteId: string | null;
  readonly kpiCode: string | null;
  readonly kind: AlertKind;
  readonly severity: Severity;
}

/**
 * Whether an alert matches a subscription. A site filter does not exclude provider-wide alerts (no site), and
 * a KPI filter does not exclude alerts without a KPI (a stale feed): both concern the chosen sites and KPIs too.
 */
export function matchesAlertSubscription(filter: AlertSubscriptionFilter, alert: AlertFacts): boolean {
  if (filter.providerIds.length > 0 && !filter.providerIds.includes(alert.providerId)) return false;
  if (filter.siteIds.length > 0 && alert.siteId !== null && !filter.siteIds.includes(alert.siteId)) return false;
  if (filter.kpiCodes.length > 0 && alert.kpiCode !== null && !filter.kpiCodes.includes(alert.kpiCode)) return false;
  if (filter.kinds.length > 0 && !filter.kinds.includes(alert.kind)) return false;
  return isSeverityAtLeast(alert.severity, filter.minSeverity);
}

/** A mute window (planned outage, holiday): alerts matching it are not mailed while it lasts. Null = any. */
export interface MuteWindowRule {
  readonly id: string;
  readonly providerId: string | null;
  readonly siteId: string | null;
  readonly kpiCode: string | null;
  readonly startsAt: Date;
  readonly endsAt: Date;
  readonly reason: string;
}

/** The first mute window covering this alert at `at`, or null. */
export function findMuteWindow<T extends MuteWindowRule>(
  windows: readonly T[],
  alert: Pick<AlertFacts, 'providerId' | 'siteId' | 'kpiCode'>,
  at: Date,
): T | null {
  const time = at.getTime();
  return (
    windows.find(
      (w) =>
        w.startsAt.getTime() <= time &&
        time < w.endsAt.getTime() &&
        (w.providerId === null || w.providerId === alert.providerId) &&
        (w.siteId === null || w.siteId === alert.siteId) &&
        (w.kpiCode === null || w.kpiCode === alert.kpiCode),
    ) ?? null
  );
}

/** What was last mailed to one person about one alert. */
export interface AlertNotificationMemory {
  readonly lastNotifiedAt: Date;
  readonly lastSeverity: Severity;
  readonly resolutionAnnounced: boolean;
}

export interface ImmediateAlertInput {
  /** 'reminder': the periodic check of open alerts. */
  readonly change: AlertChangeType | 'reminder';
  readonly severity: Severity;
  /** Lowest severity mailed at once (the rest waits for the digest). */
  readonly minSeverity: Severity;
  readonly memory: AlertNotificationMemory | null;
  readonly now: Date;
  readonly renotifyAfterMinutes: number;
}

export interface ImmediateAlertDecision {
  readonly send: boolean;
  readonly reason: string;
}

/**
 * Whether to mail an alert change to one person at once. No repeat for the same open alert unless it
 * worsens, comes back, or the renotify interval has passed since the last mail; a resolution is announced
 * once, and only to people who were told about the alert.
 */
export function decideImmediateAlert(input: ImmediateAlertInput): ImmediateAlertDecision {
  const { memory } = input;
  if (input.change === 'resolved') {
    if (!memory) return { send: false, reason: 'never mailed about it, so no resolution to announce' };
    if (memory.resolutionAnnounced) return { send: false, reason: 'resolution already announced' };
    return { send: true, reason: 'resolution' };
  }
  if (!isSeverityAtLeast(input.severity, input.minSeverity)) {
    return { send: false, reason: `below the immediate severity (${input.minSeverity})` };
  }
  if (input.change === 'worsened') return { send: true, reason: 'worsened' };
  if (input.change === 'reopened') return { send: true, reason: 'came back' };
  if (!memory) return { send: true, reason: input.change === 'opened' ? 'new' : 'not mailed before' };
  const dueAt = memory.lastNotifiedAt.getTime() + input.renotifyAfterMinutes * 60_000;
  if (input.now.getTime() >= dueAt) return { send: true, reason: 'still open after the renotify interval' };
  return { send: false, reason: 'already mailed; not worse' };
}
