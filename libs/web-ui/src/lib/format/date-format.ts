import { displayLocale } from './display-locale';

const dateFormats = new Map<string, Intl.DateTimeFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
const monthFormats = new Map<string, Intl.DateTimeFormat>();

function cached(cache: Map<string, Intl.DateTimeFormat>, locale: string, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  let format = cache.get(locale);
  if (!format) {
    format = new Intl.DateTimeFormat(locale, options);
    cache.set(locale, format);
  }
  return format;
}

/** Parses an ISO date (yyyy-mm-dd, time part ignored) into its parts, or null. No time zones involved. */
export function parseIsoDate(iso: string | null | undefined): { year: number; month: number; day: number } | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(iso ?? '');
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  return { year, month, day };
}

/** Three-letter months everywhere ("Sept" in British English and "sept." in some ICU data are the odd ones). */
function tidy(text: string): string {
  return text.replace(/\bSept\b/, 'Sep').replace(/\b([a-z]{3})\.(?=[ ,]|$)/, '$1');
}

/**
 * "2025-03-05" -> "5 Mar 2025" (English) or "5 mar 2025" (es-MX); `fallback` for a missing or malformed date.
 * A calendar date has no time zone: it is formatted as the same day everywhere.
 */
export function formatIsoDate(iso: string | null | undefined, fallback = '–'): string {
  const date = parseIsoDate(iso);
  if (!date) return fallback;
  const format = cached(dateFormats, displayLocale(), { day: 'numeric', month: 'short', year: 'numeric', timeZone: 'UTC' });
  return tidy(format.format(Date.UTC(date.year, date.month - 1, date.day)));
}

/** An instant in the user's own time zone: "21 Nov 2026, 08:05"; `fallback` for null or garbage. */
export function formatDateTime(iso: string | null | undefined, fallback = '–'): string {
  if (!iso) return fallback;
  const instant = new Date(iso);
  if (Number.isNaN(instant.getTime())) return fallback;
  const format = cached(dateTimeFormats, displayLocale(), {
    day: 'numeric',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  });
  return tidy(format.format(instant));
}

/** 3 -> "Mar" (English) or "mar" (es-MX). */
export function monthShortName(month: number): string {
  if (month < 1 || month > 12) return '';
  return tidy(cached(monthFormats, displayLocale(), { month: 'short', timeZone: 'UTC' }).format(Date.UTC(2000, month - 1, 1)));
}

/** Whole days from an ISO date to `today` (local calendar date of `today`); null for a missing date. */
export function daysSinceIsoDate(iso: string | null | undefined, today: Date): number | null {
  const date = parseIsoDate(iso);
  if (!date) return null;
  const then = Date.UTC(date.year, date.month - 1, date.day);
  const now = Date.UTC(today.getFullYear(), today.getMonth(), today.getDate());
  return Math.round((now - then) / 86_400_000);
}
