import { IsoDate, formatIsoDate } from '@kpi/domain';

/**
 * Instants <-> local calendar dates in an IANA time zone, through `Intl.DateTimeFormat` (no clock read).
 * The zone offset is cached per 15-minute slice of UTC time: every real offset change happens on a
 * quarter hour, so the cache is exact and a million timestamps cost a few thousand `Intl` calls.
 */

interface ZoneCache {
  readonly format: Intl.DateTimeFormat;
  readonly offsets: Map<number, number>;
}

const SLICE_MS = 15 * 60_000;
const MAX_CACHED_SLICES = 200_000;
const zones = new Map<string, ZoneCache>();

function zoneCache(timeZone: string): ZoneCache {
  let cache = zones.get(timeZone);
  if (cache === undefined) {
    // Throws a RangeError for an unknown zone: a configuration error, not a data error.
    const format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    cache = { format, offsets: new Map() };
    zones.set(timeZone, cache);
  }
  return cache;
}

/** Throws a RangeError unless `timeZone` is an IANA zone this runtime knows (e.g. `America/Mexico_City`). */
export function assertTimeZone(timeZone: string): void {
  zoneCache(timeZone);
}

function computeOffsetMs(format: Intl.DateTimeFormat, epochMs: number): number {
  let year = 0;
  let month = 0;
  let day = 0;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of format.formatToParts(new Date(epochMs))) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
    }
  }
  const wallClock = Date.UTC(year, month - 1, day, hour, minute, second);
  return wallClock - (epochMs - (((epochMs % 1000) + 1000) % 1000));
}

/** Offset of the zone's wall clock from UTC at an instant, in milliseconds (Mexico City: -6 h). */
export function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const cache = zoneCache(timeZone);
  const slice = Math.floor(epochMs / SLICE_MS);
  let offset = cache.offsets.get(slice);
  if (offset === undefined) {
    offset = computeOffsetMs(cache.format, slice * SLICE_MS);
    if (cache.offsets.size >= MAX_CACHED_SLICES) cache.offsets.clear();
    cache.offsets.set(slice, offset);
  }
  return offset;
}

export interface LocalDateTime {
  readonly date: IsoDate;
  /** Seconds since local midnight (0..86399). */
  readonly secondsOfDay: number;
}

const MS_PER_DAY = 86_400_000;

/** Local calendar date and time of day of an instant in a zone. */
export function toLocalDateTime(epochMs: number, timeZone: string): LocalDateTime {
  const wall = epochMs + zoneOffsetMs(epochMs, timeZone);
  const dayMs = Math.floor(wall / MS_PER_DAY) * MS_PER_DAY;
  const d = new Date(dayMs);
  return {
    date: formatIsoDate({ year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }),
    secondsOfDay: Math.floor((wall - dayMs) / 1000),
  };
}

/** Local calendar date of an instant in a zone, e.g. 2024-03-05T03:00Z in America/Mexico_City -> 2024-03-04. */
export function localDateOf(epochMs: number, timeZone: string): IsoDate {
  return toLocalDateTime(epochMs, timeZone).date;
}

/**
 * The instant at which a zone's wall clock shows the given local time. In a daylight-saving gap the time is
 * read with the offset before the gap; in an overlap the earlier instant is returned.
 */
export function zonedTimeToEpoch(
  parts: {
    year: number;
    month: number;
    day: number;
    hour?: number;
    minute?: number;
    second?: number;
    millisecond?: number;
  },
  timeZone: string,
): number {
  const wall = Date.UTC(
    parts.year,
    parts.month - 1,
    parts.day,
    parts.hour ?? 0,
    parts.minute ?? 0,
    parts.second ?? 0,
    parts.millisecond ?? 0,
  );
  const first = wall - zoneOffsetMs(wall, timeZone);
  const second = wall - zoneOffsetMs(first, timeZone);
  if (first === second) return first;
  // Offsets disagree around a transition: prefer the candidate whose wall clock matches, else the earlier.
  const matches = (candidate: number) => candidate + zoneOffsetMs(candidate, timeZone) === wall;
  if (matches(Math.min(first, second))) return Math.min(first, second);
  if (matches(Math.max(first, second))) return Math.max(first, second);
  return Math.min(first, second);
}
