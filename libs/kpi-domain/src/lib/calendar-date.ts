/**
 * Pure helpers over calendar dates written as ISO `yyyy-mm-dd` strings.
 *
 * A calendar date here is a *local* date that is already in the site's time zone, so all arithmetic is
 * done on UTC midnights (no time zone, no daylight-saving shifts). No function reads the clock.
 */

/** A calendar date `yyyy-mm-dd` (years 1000..9999). */
export type IsoDate = string;

/** An inclusive range of calendar dates. */
export interface DateRange {
  readonly from: IsoDate;
  readonly to: IsoDate;
}

export interface CalendarDateParts {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
}

const MS_PER_DAY = 86_400_000;
const ISO_DATE_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Whether the string is a real calendar date in `yyyy-mm-dd` form (rejects 2023-02-29, 2024-13-01...). */
export function isIsoDate(value: string): boolean {
  const match = ISO_DATE_PATTERN.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  return year >= 1000 && month >= 1 && month <= 12 && day >= 1 && day <= daysInMonth(year, month);
}

/** Splits an ISO date; throws a RangeError for anything that is not a real `yyyy-mm-dd` date. */
export function parseIsoDate(date: IsoDate): CalendarDateParts {
  if (!isIsoDate(date)) throw new RangeError(`Not an ISO calendar date (yyyy-mm-dd): "${date}"`);
  return { year: Number(date.slice(0, 4)), month: Number(date.slice(5, 7)), day: Number(date.slice(8, 10)) };
}

export function formatIsoDate(parts: CalendarDateParts): IsoDate {
  const pad = (value: number, width: number) => String(value).padStart(width, '0');
  return `${pad(parts.year, 4)}-${pad(parts.month, 2)}-${pad(parts.day, 2)}`;
}

/** Days since 1970-01-01 (can be negative). */
export function toEpochDay(date: IsoDate): number {
  const { year, month, day } = parseIsoDate(date);
  return Date.UTC(year, month - 1, day) / MS_PER_DAY;
}

export function fromEpochDay(epochDay: number): IsoDate {
  if (!Number.isInteger(epochDay)) throw new RangeError(`Epoch day must be an integer: ${epochDay}`);
  const d = new Date(epochDay * MS_PER_DAY);
  return formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() });
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return fromEpochDay(toEpochDay(date) + days);
}

/** `to - from` in days (0 for the same date, negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return toEpochDay(to) - toEpochDay(from);
}

/** Number of dates in the inclusive range (0 when `to` is before `from`). */
export function countDaysInclusive(from: IsoDate, to: IsoDate): number {
  return Math.max(0, daysBetween(from, to) + 1);
}

/** -1, 0 or 1. Valid ISO dates compare correctly as strings; this also validates both. */
export function compareIsoDates(a: IsoDate, b: IsoDate): -1 | 0 | 1 {
  parseIsoDate(a);
  parseIsoDate(b);
  return a < b ? -1 : a > b ? 1 : 0;
}

export function minIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) <= 0 ? a : b;
}

export function maxIsoDate(a: IsoDate, b: IsoDate): IsoDate {
  return compareIsoDates(a, b) >= 0 ? a : b;
}

/** ISO day of week: 1 = Monday ... 7 = Sunday. */
export function isoDayOfWeek(date: IsoDate): number {
  const weekday = new Date(toEpochDay(date) * MS_PER_DAY).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** Adds calendar months, clamping the day to the target month's length (2024-01-31 + 1 month = 2024-02-29). */
export function addMonths(date: IsoDate, months: number): IsoDate {
  if (!Number.isInteger(months)) throw new RangeError(`Months must be an integer: ${months}`);
  const { year, month, day } = parseIsoDate(date);
  const monthIndex = year * 12 + (month - 1) + months;
  const targetYear = Math.floor(monthIndex / 12);
  const targetMonth = monthIndex - targetYear * 12 + 1;
  return formatIsoDate({
    year: targetYear,
    month: targetMonth,
    day: Math.min(day, daysInMonth(targetYear, targetMonth)),
  });
}

export function startOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(date, 1 - isoDayOfWeek(date));
}

export function endOfIsoWeek(date: IsoDate): IsoDate {
  return addDays(startOfIsoWeek(date), 6);
}

export function startOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate({ year, month, day: 1 });
}

export function endOfMonth(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate({ year, month, day: daysInMonth(year, month) });
}

export function startOfQuarter(date: IsoDate): IsoDate {
  const { year, month } = parseIsoDate(date);
  return formatIsoDate({ year, month: month - ((month - 1) % 3), day: 1 });
}

export function endOfQuarter(date: IsoDate): IsoDate {
  return endOfMonth(addMonths(startOfQuarter(date), 2));
}

export function startOfYear(date: IsoDate): IsoDate {
  return formatIsoDate({ year: parseIsoDate(date).year, month: 1, day: 1 });
}

export function endOfYear(date: IsoDate): IsoDate {
  return formatIsoDate({ year: parseIsoDate(date).year, month: 12, day: 31 });
}

/** ISO-8601 week-numbering year and week (the week belongs to the year of its Thursday). */
export function isoWeekOf(date: IsoDate): { readonly year: number; readonly week: number } {
  const thursday = addDays(startOfIsoWeek(date), 3);
  const year = parseIsoDate(thursday).year;
  const dayOfYear = daysBetween(formatIsoDate({ year, month: 1, day: 1 }), thursday);
  return { year, week: Math.floor(dayOfYear / 7) + 1 };
}

/** `yyyy-mm` of a date. */
export function monthKeyOf(date: IsoDate): string {
  parseIsoDate(date);
  return date.slice(0, 7);
}

/** The inclusive date range of a `yyyy-mm` month key. */
export function monthRange(monthKey: string): DateRange {
  const first = `${monthKey}-01`;
  if (!/^\d{4}-\d{2}$/.test(monthKey) || !isIsoDate(first)) {
    throw new RangeError(`Not a month key (yyyy-mm): "${monthKey}"`);
  }
  return { from: first, to: endOfMonth(first) };
}

/** Every date of the inclusive range, in order (empty when `to` is before `from`). */
export function enumerateDates(from: IsoDate, to: IsoDate): IsoDate[] {
  const start = toEpochDay(from);
  const end = toEpochDay(to);
  const dates: IsoDate[] = [];
  for (let day = start; day <= end; day++) dates.push(fromEpochDay(day));
  return dates;
}

export function isDateInRange(date: IsoDate, range: DateRange): boolean {
  return compareIsoDates(range.from, date) <= 0 && compareIsoDates(date, range.to) <= 0;
}

/** The overlap of two inclusive ranges, or null when they do not overlap. */
export function intersectDateRanges(a: DateRange, b: DateRange): DateRange | null {
  const from = maxIsoDate(a.from, b.from);
  const to = minIsoDate(a.to, b.to);
  return compareIsoDates(from, to) <= 0 ? { from, to } : null;
}

/** Throws a RangeError unless both ends are valid dates and `from <= to`. */
export function assertDateRange(range: DateRange, what = 'range'): void {
  if (compareIsoDates(range.from, range.to) > 0) {
    throw new RangeError(`Invalid ${what}: ${range.from} is after ${range.to}`);
  }
}
