import {
  DateRange,
  IsoDate,
  addDays,
  compareIsoDates,
  endOfIsoWeek,
  endOfMonth,
  endOfQuarter,
  endOfYear,
  isoWeekOf,
  parseIsoDate,
  startOfIsoWeek,
  startOfMonth,
  startOfQuarter,
  startOfYear,
} from './calendar-date';

/** Calendar bucket sizes. `week` is the ISO week, Monday to Sunday. */
export type PeriodGranularity = 'day' | 'week' | 'month' | 'quarter' | 'year';

/** One period bucket: inclusive first and last calendar date plus a display label. */
export interface PeriodBucket {
  readonly start: IsoDate;
  readonly end: IsoDate;
  /** `2024-03-05`, `2024-W10`, `2024-03`, `2024-Q1`, `2024`, or `from..to` for a custom range. */
  readonly label: string;
}

/** First date of the bucket that contains `date`. */
export function bucketStart(date: IsoDate, granularity: PeriodGranularity): IsoDate {
  switch (granularity) {
    case 'day':
      parseIsoDate(date);
      return date;
    case 'week':
      return startOfIsoWeek(date);
    case 'month':
      return startOfMonth(date);
    case 'quarter':
      return startOfQuarter(date);
    case 'year':
      return startOfYear(date);
  }
}

/** Last date of the bucket that contains `date`. */
export function bucketEnd(date: IsoDate, granularity: PeriodGranularity): IsoDate {
  switch (granularity) {
    case 'day':
      parseIsoDate(date);
      return date;
    case 'week':
      return endOfIsoWeek(date);
    case 'month':
      return endOfMonth(date);
    case 'quarter':
      return endOfQuarter(date);
    case 'year':
      return endOfYear(date);
  }
}

export function bucketLabel(date: IsoDate, granularity: PeriodGranularity): string {
  const start = bucketStart(date, granularity);
  const { year, month } = parseIsoDate(start);
  switch (granularity) {
    case 'day':
      return start;
    case 'week': {
      const week = isoWeekOf(start);
      return `${week.year}-W${String(week.week).padStart(2, '0')}`;
    }
    case 'month':
      return start.slice(0, 7);
    case 'quarter':
      return `${year}-Q${Math.floor((month - 1) / 3) + 1}`;
    case 'year':
      return String(year);
  }
}

/** The bucket that contains `date`. */
export function bucketOf(date: IsoDate, granularity: PeriodGranularity): PeriodBucket {
  return {
    start: bucketStart(date, granularity),
    end: bucketEnd(date, granularity),
    label: bucketLabel(date, granularity),
  };
}

/** The bucket `steps` buckets after (or before, when negative) the one containing `date`. */
export function shiftBucket(date: IsoDate, granularity: PeriodGranularity, steps: number): PeriodBucket {
  if (!Number.isInteger(steps)) throw new RangeError(`Steps must be an integer: ${steps}`);
  let bucket = bucketOf(date, granularity);
  for (let i = 0; i < Math.abs(steps); i++) {
    bucket = bucketOf(steps > 0 ? addDays(bucket.end, 1) : addDays(bucket.start, -1), granularity);
  }
  return bucket;
}

/**
 * Every whole bucket that overlaps the inclusive range, in order. The first bucket starts at
 * `bucketStart(from)` and the last ends at `bucketEnd(to)` (buckets are never cut; callers clip them).
 */
export function enumerateBuckets(from: IsoDate, to: IsoDate, granularity: PeriodGranularity): PeriodBucket[] {
  if (compareIsoDates(from, to) > 0) throw new RangeError(`Invalid range: ${from} is after ${to}`);
  const buckets: PeriodBucket[] = [];
  let bucket = bucketOf(from, granularity);
  while (compareIsoDates(bucket.start, to) <= 0) {
    buckets.push(bucket);
    bucket = bucketOf(addDays(bucket.end, 1), granularity);
  }
  return buckets;
}

/** A single bucket spanning a custom inclusive range. */
export function rangeBucket(range: DateRange): PeriodBucket {
  if (compareIsoDates(range.from, range.to) > 0) {
    throw new RangeError(`Invalid range: ${range.from} is after ${range.to}`);
  }
  return { start: range.from, end: range.to, label: `${range.from}..${range.to}` };
}
