import { DAILY_MAX_MEDIAN_GAP_DAYS } from '../drift.constants';
import { SeriesInput } from '../drift.types';
import { median } from '../stats/robust';
import { parseIsoDay, weekdayOfDay } from './iso-day';

/** How the points of a series map to time and to seasonal slots. */
export interface SeriesCalendar {
  /** Day numbers per point, or null when the input has no usable dates (then time = index). */
  readonly days: number[] | null;
  /** Median spacing of the dates is at most 1.5 days. */
  readonly daily: boolean;
  /** Season length (0 = no seasonal adjustment). */
  readonly period: number;
  /** Slots come from the calendar day (weekday when period is 7), else from the index. */
  readonly slotByDay: boolean;
}

/**
 * Dates are used when there is one per value, all parse and they never go back in time; otherwise
 * the series is treated as equally spaced (never throws). The season defaults to 7 (weekday
 * profile) for daily dates and to none otherwise; an explicit seasonPeriod < 2 disables it.
 */
export function resolveSeriesCalendar(
  input: Pick<SeriesInput, 'values' | 'dates' | 'seasonPeriod'>,
): SeriesCalendar {
  const n = Array.isArray(input.values) ? input.values.length : 0;
  let days: number[] | null = null;
  if (Array.isArray(input.dates) && input.dates.length === n) {
    const parsed = parseIsoDays(input.dates);
    let ok = parsed.every((d) => Number.isFinite(d));
    for (let i = 1; ok && i < n; i++) ok = parsed[i] >= parsed[i - 1];
    if (ok) days = parsed;
  }
  const daily = days !== null && isDaily(days);
  const requested = input.seasonPeriod ?? (daily ? 7 : 0);
  const period = Number.isFinite(requested) && requested >= 2 ? Math.floor(requested) : 0;
  return { days, daily, period, slotByDay: days !== null && daily };
}

/**
 * Parses many ISO dates; consecutive dates of the same month (day 1-28) only re-read the day digits.
 * Same results as parseIsoDay on each date.
 */
export function parseIsoDays(dates: readonly string[]): number[] {
  const out = new Array<number>(dates.length);
  let prev = '';
  let prevDay = Number.NaN;
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    if (
      typeof d === 'string' &&
      d.length === 10 &&
      prev.length === 10 &&
      Number.isFinite(prevDay) &&
      samePrefix(d, prev, 8)
    ) {
      const dd = dayOfMonth(d);
      if (dd >= 1 && dd <= 28) {
        out[i] = prevDay + dd - dayOfMonth(prev);
        prev = d;
        prevDay = out[i];
        continue;
      }
    }
    out[i] = parseIsoDay(d);
    prev = typeof d === 'string' ? d : '';
    prevDay = out[i];
  }
  return out;
}

function samePrefix(a: string, b: string, n: number): boolean {
  for (let k = 0; k < n; k++) if (a.charCodeAt(k) !== b.charCodeAt(k)) return false;
  return true;
}

function dayOfMonth(iso: string): number {
  const a = iso.charCodeAt(8) - 48;
  const b = iso.charCodeAt(9) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/** Seasonal slot of a point (-1 when there is no season). */
export function seasonSlot(period: number, slotByDay: boolean, index: number, day: number): number {
  if (period === 0) return -1;
  if (slotByDay) return period === 7 ? weekdayOfDay(day) : ((day % period) + period) % period;
  return index % period;
}

function isDaily(days: readonly number[]): boolean {
  if (days.length < 3) return true;
  // Median gap <= 1.5 days, i.e. more than half of the gaps are at most 1.5 days (no sort needed).
  const count = Math.min(days.length, 200) - 1;
  let short = 0;
  for (let i = 1; i <= count; i++) if (days[i] - days[i - 1] <= DAILY_MAX_MEDIAN_GAP_DAYS) short++;
  return (
    short * 2 > count ||
    (count % 2 === 0 && short * 2 === count && medianOfMiddleGaps(days, count) <= DAILY_MAX_MEDIAN_GAP_DAYS)
  );
}

function medianOfMiddleGaps(days: readonly number[], count: number): number {
  const gaps: number[] = [];
  for (let i = 1; i <= count; i++) gaps.push(days[i] - days[i - 1]);
  return median(gaps);
}
