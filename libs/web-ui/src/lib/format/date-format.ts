const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Parses an ISO date (yyyy-mm-dd, time part ignored) into its parts, or null. No time zones involved. */
export function parseIsoDate(iso: string | null | undefined): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

/** "2025-03-05" -> "5 Mar 2025"; `fallback` for a missing or malformed date. */
export function formatIsoDate(iso: string | null | undefined, fallback = '–'): string {
  const date = parseIsoDate(iso);
  return date ? `${date.day} ${MONTHS[date.month - 1]} ${date.year}` : fallback;
}

export function monthShortName(month: number): string {
  return MONTHS[month - 1] ?? '';
}

/** Whole days from an ISO date to `today` (local calendar date of `today`); null for a missing date. */
export function daysSinceIsoDate(iso: string | null | undefined, today: Date): number | null {
  const date = parseIsoDate(iso);
  if (!date) return null;
  const then = Date.UTC(date.year, date.month - 1, date.day);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((now - then) / 86_400_000);
}
