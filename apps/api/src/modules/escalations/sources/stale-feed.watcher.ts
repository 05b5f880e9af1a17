import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AlertsService } from '../../alerts/alerts.service';
import { FeedFreshnessService } from '../../ingestion/feed-freshness.service';
import { EscalationTriggerService } from '../escalation-trigger.service';
import { staleFeedToTrigger } from './stale-feed.seam';

/**
 * Stale feeds -> escalation seam. On each reconciliation, every feed past its expected cadence
 * (FeedFreshnessService.staleFeeds(), exported by the ingestion module) is raised, once per staleness episode
 * (feed + stale-since); its severity grows with the delay, so a feed silent for long escalates. A stale-feed
 * alert whose feed delivers again is resolved.
 */
@Injectable()
export class StaleFeedWatcher {
  private readonly logger = new Logger('StaleFeeds');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly freshness: FeedFreshnessService,
    private readonly alerts: AlertsService,
    private readonly trigger: EscalationTriggerService,
  ) {}

  async reconcile(): Promise<{ raised: number; resolved: number }> {
    const stale = await this.freshness.staleFeeds();
    const current = new Set<string>();
    let raised = 0;
    for (const feed of stale) {
      const input = staleFeedToTrigger(feed);
      current.add(input.sourceRef);
      const result = await this.trigger.raise(input);
      if (result.change !== 'unchanged') raised++;
    }
    let resolved = 0;
    for (const alert of await this.alerts.openOfKind(this.dataSource, 'stale_feed')) {
      if (current.has(alert.sourceRef) || !alert.sourceRef.startsWith('stale-feed:')) continue;
      const result = await this.trigger.resolve({ kind: 'stale_feed', sourceRef: alert.sourceRef, note: 'The feed delivers again' });
      if (result?.change === 'resolved') resolved++;
    }
    if (raised + resolved > 0) this.logger.log(`Stale feeds: ${raised} raised or changed, ${resolved} resolved`);
    return { raised, resolved };
  }
}
