import { ChangeDetectionStrategy, Component, computed, input } from '@angular/core';
import type { StaleFeedSummaryDto } from '@kpi/contracts';

/** "last data N hours ago" (or minutes / days), "no data received yet" when the feed never succeeded. */
export function lastDataAgo(lastSuccessAt: string | null, now: Date): string {
  if (!lastSuccessAt) return 'no data received yet';
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(lastSuccessAt).getTime()) / 60_000));
  if (minutes < 60) return `last data ${minutes} minute${minutes === 1 ? '' : 's'} ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `last data ${hours} hour${hours === 1 ? '' : 's'} ago`;
  return `last data ${Math.floor(hours / 24)} days ago`;
}

/**
 * "Stale data" warning for a provider: one line per feed that missed its expected cadence, with the feed name
 * and how long ago its last data arrived. Renders nothing when no feed is stale.
 */
@Component({
  selector: 'kpi-stale-data-badge',
  changeDetection: ChangeDetectionStrategy.OnPush,
  template: `
    @if (lines().length > 0) {
      <div class="stale-data" role="status" data-testid="stale-data-badge">
        <span class="stale-data__label">Stale data</span>
        <ul class="stale-data__feeds">
          @for (line of lines(); track line.feedId) {
            <li data-testid="stale-data-feed" [attr.title]="line.cadence">
              <strong>{{ line.name }}</strong>: {{ line.ago }}
            </li>
          }
        </ul>
      </div>
    }
  `,
  styles: `
    .stale-data {
      display: inline-flex;
      flex-wrap: wrap;
      align-items: baseline;
      gap: 0.25rem 0.5rem;
      padding: 0.25rem 0.6rem;
      border-radius: 6px;
      font-size: 0.85rem;
      color: #5c3d00;
      background: #fff4d6;
      border: 1px solid #c28a00;
    }
    .stale-data__label {
      font-weight: 700;
      text-transform: uppercase;
      letter-spacing: 0.03em;
      font-size: 0.75rem;
    }
    .stale-data__feeds {
      display: inline;
      margin: 0;
      padding: 0;
      list-style: none;
    }
    .stale-data__feeds li {
      display: inline;
    }
    .stale-data__feeds li + li::before {
      content: ' · ';
    }
  `,
})
export class StaleDataBadgeComponent {
  readonly feeds = input<readonly StaleFeedSummaryDto[] | null | undefined>([]);
  /** The moment "N hours ago" is counted from (default: now). */
  readonly now = input<Date | null>(null);

  protected readonly lines = computed(() => {
    const now = this.now() ?? new Date();
    return (this.feeds() ?? []).map((feed) => ({
      feedId: feed.feedId,
      name: feed.name,
      ago: lastDataAgo(feed.lastSuccessAt, now),
      cadence: `expected every ${feed.expectedCadenceMinutes} minutes`,
    }));
  });
}
