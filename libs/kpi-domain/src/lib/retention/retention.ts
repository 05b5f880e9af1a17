import { addMonths, formatIsoDate, IsoDate } from '../calendar-date';

/** Kinds of personal data that are purged once older than their retention period. */
export type PurgeableDataKind = 'qa_evaluations' | 'ingestion_row_errors';

/** Kinds of data that no retention purge touches. */
export type KeptDataKind = 'audit_log' | 'aggregates';

/** Months each purgeable kind is kept (whole calendar months, at least 1). */
export type RetentionPolicy = Readonly<Record<PurgeableDataKind, number>>;

/** Where a kind's retention is counted from, and the instant before which its rows are purged. */
export interface RetentionCutoff {
  readonly kind: PurgeableDataKind;
  readonly months: number;
  /** The UTC calendar date `months` before today; rows dated before its midnight (UTC) are purged. */
  readonly cutoffDate: IsoDate;
  /** `cutoffDate` at 00:00 UTC, as an ISO instant. */
  readonly cutoff: string;
}

/**
 * The cutoff of one retention period: `months` calendar months before the UTC date of `now`, at midnight UTC
 * (a month-end clamps: 31 August minus 6 months is 28/29 February). Anything timestamped before it is older than
 * the period. Day precision keeps every purge of the same day deleting the same rows.
 */
export function retentionCutoff(now: Date, months: number): { cutoffDate: IsoDate; cutoff: string } {
  if (!Number.isInteger(months) || months < 1) throw new RangeError(`A retention period must be a whole number of months >= 1: ${months}`);
  if (Number.isNaN(now.getTime())) throw new RangeError('now is not a valid date');
  const today = formatIsoDate({ year: now.getUTCFullYear(), month: now.getUTCMonth() + 1, day: now.getUTCDate() });
  const cutoffDate = addMonths(today, -months);
  return { cutoffDate, cutoff: `${cutoffDate}T00:00:00.000Z` };
}

/** The cutoff of every purgeable kind under `policy`, in the order of `kinds`. */
export function retentionCutoffs(now: Date, policy: RetentionPolicy, kinds: readonly PurgeableDataKind[]): RetentionCutoff[] {
  return kinds.map((kind) => ({ kind, months: policy[kind], ...retentionCutoff(now, policy[kind]) }));
}
