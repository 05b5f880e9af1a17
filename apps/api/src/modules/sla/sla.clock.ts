import type { IsoDate } from '@kpi/domain';

/** The api's clock for SLA evaluation ("today", the open period); replaced in tests. */
export const SLA_CLOCK = Symbol('SLA_CLOCK');

export interface SlaClock {
  now(): Date;
}

export const SYSTEM_CLOCK: SlaClock = { now: () => new Date() };

/** The calendar date of `now` in a time zone (a provider's local "today"). */
export function localToday(now: Date, timeZone: string): IsoDate {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
