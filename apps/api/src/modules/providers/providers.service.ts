import { Injectable, NotFoundException } from '@nestjs/common';
import type { ProviderDetailDto, ProviderSummaryDto, StaleFeedSummaryDto } from '@kpi/contracts';
import { ProviderScope } from '../auth/provider-scope';
import { FeedFreshnessService, StaleFeed } from '../ingestion/feed-freshness.service';
import { MetricsService } from '../metrics/metrics.service';
import { ProvidersRepository } from './providers.repository';

@Injectable()
export class ProvidersService {
  constructor(
    private readonly providers: ProvidersRepository,
    private readonly metrics: MetricsService,
    private readonly freshness: FeedFreshnessService,
  ) {}

  async list(scope: ProviderScope): Promise<ProviderSummaryDto[]> {
    const [records, snapshots, lastDates, stale] = await Promise.all([
      this.providers.findVisible(scope),
      this.metrics.latestSnapshots(scope),
      this.metrics.lastDataDates(scope),
      this.freshness.staleFeedsByProvider(scope),
    ]);
    return records.map((p) => ({
      ...p,
      latest: snapshots.get(p.id) ?? [],
      lastDataDate: lastDates.get(p.id) ?? null,
      staleFeeds: staleSummaries(stale.get(p.id)),
    }));
  }

  async get(scope: ProviderScope, id: string): Promise<ProviderDetailDto> {
    scope.assertVisible(id);
    const [record] = await this.providers.findVisible(scope, id);
    if (!record) throw new NotFoundException('Provider not found');
    const one = ProviderScope.of({ providerIds: [id] });
    const [snapshots, lastDates, stale] = await Promise.all([
      this.metrics.latestSnapshots(one),
      this.metrics.lastDataDates(one),
      this.freshness.staleFeedsByProvider(one),
    ]);
    return { ...record, latest: snapshots.get(id) ?? [], lastDataDate: lastDates.get(id) ?? null, staleFeeds: staleSummaries(stale.get(id)) };
  }
}

function staleSummaries(feeds: StaleFeed[] | undefined): StaleFeedSummaryDto[] {
  return (feeds ?? []).map((f) => ({ feedId: f.feedId, name: f.feedName, lastSuccessAt: f.lastSuccessAt, expectedCadenceMinutes: f.expectedCadenceMinutes }));
}
