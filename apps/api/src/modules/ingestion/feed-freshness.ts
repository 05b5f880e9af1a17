import type { FeedFreshnessDto } from '@kpi/contracts';

/**
 * A feed is stale when its expected cadence has passed since its last successful run (or since it was set
 * up, when it never succeeded). Feeds without a cadence, or disabled, are not judged.
 */
export function feedFreshness(
  feed: { enabled: boolean; expectedCadenceMinutes: number | null; lastSuccessAt: Date | string | null; createdAt: Date | string },
  now: Date,
): FeedFreshnessDto {
  if (!feed.enabled || !feed.expectedCadenceMinutes) return { status: 'unscheduled', staleSince: null, minutesLate: 0 };
  const since = new Date(feed.lastSuccessAt ?? feed.createdAt).getTime();
  const due = since + feed.expectedCadenceMinutes * 60_000;
  const minutesLate = Math.max(0, Math.floor((now.getTime() - due) / 60_000));
  const staleSince = new Date(due).toISOString();
  if (now.getTime() > due) return { status: 'stale', staleSince, minutesLate };
  return { status: feed.lastSuccessAt ? 'fresh' : 'never', staleSince, minutesLate: 0 };
}
