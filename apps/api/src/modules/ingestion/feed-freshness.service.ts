import { Injectable } from '@nestjs/common';
import { ProviderScope } from '../auth/provider-scope';
import { feedFreshness } from './feed-freshness';
import { IngestionClock } from './ingestion.clock';
import { IngestionRepository } from './ingestion.repository';

/** Facts about a feed that missed its cadence (the shape of escalations' StaleFeedFacts). */
export interface StaleFeed {
  feedId: string;
  feedName: string;
  providerId: string;
  staleSince: string;
  lastSuccessAt: string | null;
  expectedCadenceMinutes: number;
  minutesLate: number;
}

/** Which feeds missed their expected cadence. Exported for the escalation module and the portfolio. */
@Injectable()
export class FeedFreshnessService {
  constructor(
    private readonly repository: IngestionRepository,
    private readonly clock: IngestionClock,
  ) {}

  async staleFeeds(scope: ProviderScope = ProviderScope.all()): Promise<StaleFeed[]> {
    const now = this.clock.now();
    const feeds = await this.repository.listFeeds(scope);
    const stale: StaleFeed[] = [];
    for (const feed of feeds) {
      const freshness = feedFreshness(feed, now);
      if (freshness.status !== 'stale' || !freshness.staleSince || !feed.expectedCadenceMinutes) continue;
      stale.push({
        feedId: feed.id,
        feedName: feed.name,
        providerId: feed.providerId,
        staleSince: freshness.staleSince,
        lastSuccessAt: feed.lastSuccessAt ? new Date(feed.lastSuccessAt).toISOString() : null,
        expectedCadenceMinutes: feed.expectedCadenceMinutes,
        minutesLate: freshness.minutesLate,
      });
    }
    return stale;
  }

  /** Stale feeds per provider id (for the provider summaries of the Portfolio), restricted by the scope. */
  async staleFeedsByProvider(scope: ProviderScope): Promise<Map<string, StaleFeed[]>> {
    const byProvider = new Map<string, StaleFeed[]>();
    for (const feed of await this.staleFeeds(scope)) {
      const list = byProvider.get(feed.providerId) ?? [];
      list.push(feed);
      byProvider.set(feed.providerId, list);
    }
    return byProvider;
  }
}
