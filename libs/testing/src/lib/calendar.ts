/** Days since 1970-01-01 of an ISO date `yyyy-mm-dd` (UTC, proleptic Gregorian). */
export function isoDateToDayNumber(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  return Math.round(Date.UTC(y, m - 1, d) / 86_400_000);
}

/** ISO date `yyyy-mm-dd` of a day number (days since 1970-01-01). */
export function dayNumberToIsoDate(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** ISO weekday index of a day number: 0 = Monday ... 6 = Sunday. */
export function weekdayOfDayNumber(day: number): number {
  // 1970-01-01 was a Thursday (index 3).
  return (((day + 3) % 7) + 7) % 7;
}
