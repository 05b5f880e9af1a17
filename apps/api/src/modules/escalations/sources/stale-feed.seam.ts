import type { Severity } from '@kpi/domain';
import type { EscalationTriggerInput } from '../escalation-trigger.service';

/**
 * Stale feeds -> escalation seam: how a feed that missed its cadence is reported (StaleFeedWatcher polls the
 * ingestion module's FeedFreshnessService.staleFeeds(), whose rows have this shape). Raising is idempotent per
 * (feed, staleSince), so every check may raise again; the ingestion module may also call
 * EscalationTriggerService.raise(staleFeedToTrigger(facts)) itself the moment it notices.
 */
export interface StaleFeedFacts {
  feedId: string;
  feedName: string;
  providerId: string;
  /** When the feed became stale: the last successful run plus its expected cadence (ISO timestamp). */
  staleSince: string;
  lastSuccessAt: string | null;
  expectedCadenceMinutes: number;
  /** How late it is now, in minutes past the cadence. */
  minutesLate: number;
}

export function staleFeedSourceRef(feedId: string, staleSince: string): string {
  return `stale-feed:${feedId}:${staleSince}`;
}

/** Late by up to 1x the cadence: medium; up to 3x: high; more: critical (a feed silent for days). */
export function staleFeedSeverity(facts: Pick<StaleFeedFacts, 'minutesLate' | 'expectedCadenceMinutes'>): Severity {
  const ratio = facts.minutesLate / Math.max(1, facts.expectedCadenceMinutes);
  return ratio > 3 ? 'critical' : ratio > 1 ? 'high' : 'medium';
}

export function staleFeedToTrigger(facts: StaleFeedFacts): EscalationTriggerInput {
  const hours = Math.round((facts.minutesLate / 60) * 10) / 10;
  return {
    kind: 'stale_feed',
    providerId: facts.providerId,
    scope: { feedId: facts.feedId, label: `Feed "${facts.feedName}"` },
    severity: staleFeedSeverity(facts),
    sourceRef: staleFeedSourceRef(facts.feedId, facts.staleSince),
    title: `No data from feed "${facts.feedName}"`,
    detail: {
      since: facts.staleSince.slice(0, 10),
      explanation:
        `The feed "${facts.feedName}" has sent nothing since ${facts.lastSuccessAt ? facts.lastSuccessAt.slice(0, 16).replace('T', ' ') + ' UTC' : 'it was set up'}; ` +
        `it is ${hours} h past its expected cadence of ${facts.expectedCadenceMinutes} minutes.`,
      data: { feedId: facts.feedId, lastSuccessAt: facts.lastSuccessAt, expectedCadenceMinutes: facts.expectedCadenceMinutes },
    },
  };
}
