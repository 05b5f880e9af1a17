import { addDays, IsoDate } from '../calendar-date';

/**
 * Local wall-clock time in IANA time zones (digests "at 08:00 in my time zone", quiet hours). Uses the
 * platform's Intl time zone data; the clock is always an argument.
 */

export interface ZonedParts {
  readonly date: IsoDate;
  readonly hour: number;
  readonly minute: number;
  /** ISO weekday: 1 = Monday .. 7 = Sunday. */
  readonly weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone);
    return true;
  } catch {
    return false;
  }
}

const WEEKDAYS: Record<string, number> = { Mon: 1, Tue: 2, Wed: 3, Thu: 4, Fri: 5, Sat: 6, Sun: 7 };

export function zonedParts(instant: Date, timeZone: string): ZonedParts {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  return {
    date: `${parts['year']}-${parts['month']}-${parts['day']}`,
    hour: Number(parts['hour']) % 24,
    minute: Number(parts['minute']),
    weekday: WEEKDAYS[parts['weekday']] ?? 1,
  };
}

/** Offset of the zone from UTC at an instant, in milliseconds (e.g. -6 h for Mexico City). */
function offsetMs(instant: Date, timeZone: string): number {
  const parts: Record<string, string> = {};
  for (const part of formatter(timeZone).formatToParts(instant)) parts[part.type] = part.value;
  const asUtc = Date.UTC(
    Number(parts['year']),
    Number(parts['month']) - 1,
    Number(parts['day']),
    Number(parts['hour']) % 24,
    Number(parts['minute']),
    Number(parts['second']),
  );
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/**
 * The instant at which the wall clock of `timeZone` shows `date` at `hour`:00. In a daylight-saving gap the
 * hour that does not exist maps to the first instant after it.
 */
export function zonedTimeToInstant(date: IsoDate, hour: number, timeZone: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d, hour);
  let guess = wall - offsetMs(new Date(wall), timeZone);
  const second = wall - offsetMs(new Date(guess), timeZone);
  if (second !== guess) guess = Math.max(guess, second);
  return new Date(guess);
}

export type DigestFrequency = 'daily' | 'weekly';

export interface DigestSchedule {
  readonly frequency: DigestFrequency;
  /** Local hour 0..23. */
  readonly hour: number;
  /** For weekly digests, ISO weekday 1 = Monday .. 7 = Sunday. */
  readonly weekday?: number | null;
}

export interface DigestSlot {
  /** Stable key of the slot, e.g. "daily:2026-11-02" (local date): one digest per subscription and key. */
  readonly key: string;
  readonly at: Date;
}

/** The most recent digest slot at or before `now`, in the subscriber's time zone. */
export function latestDigestSlot(schedule: DigestSchedule, timeZone: string, now: Date): DigestSlot {
  const local = zonedParts(now, timeZone);
  let date = local.hour >= schedule.hour ? local.date : addDays(local.date, -1);
  if (schedule.frequency === 'weekly') {
    const wanted = schedule.weekday ?? 1;
    const weekdayOfDate = date === local.date ? local.weekday : ((local.weekday + 5) % 7) + 1;
    date = addDays(date, -((weekdayOfDate - wanted + 7) % 7));
  }
  let at = zonedTimeToInstant(date, schedule.hour, timeZone);
  // A slot inside a daylight-saving gap can land after "now" by up to the gap: take the slot before it.
  if (at.getTime() > now.getTime()) {
    date = addDays(date, schedule.frequency === 'weekly' ? -7 : -1);
    at = zonedTimeToInstant(date, schedule.hour, timeZone);
  }
  return { key: `${schedule.frequency}:${date}`, at };
}

/**
 * When quiet hours [startHour, endHour) in local time are on at `now`, the instant they end; otherwise null.
 * The window may wrap midnight (22 -> 7). Equal hours mean no quiet hours.
 */
export function quietHoursEnd(now: Date, timeZone: string, startHour: number | null, endHour: number | null): Date | null {
  if (startHour === null || endHour === null || startHour === endHour) return null;
  const local = zonedParts(now, timeZone);
  const inside =
    startHour < endHour ? local.hour >= startHour && local.hour < endHour : local.hour >= startHour || local.hour < endHour;
  if (!inside) return null;
  const endDate = local.hour < endHour ? local.date : addDays(local.date, 1);
  return zonedTimeToInstant(endDate, endHour, timeZone);
}
