import { IsoDate, formatIsoDate, isIsoDate } from '@kpi/domain';
import { LocalDateTime, toLocalDateTime, zonedTimeToEpoch } from './local-time';

/**
 * Parsers for the values providers write in their exports. Each returns `{ ok: true, value }` or
 * `{ ok: false, reason }` where `reason` continues the quoted value in an error message
 * (`"abc" is not a number`). None of them throws on bad text.
 */

export type ParseResult<T> =
  { readonly ok: true; readonly value: T } | { readonly ok: false; readonly reason: string };

export type DecimalSeparator = '.' | ',';

/** How a bare number (no `%`) in a percentage column is read. */
export type PercentStyle = 'auto' | 'points' | 'ratio';

/** Unit of a bare number (no `:` and no unit letters) in a duration column. */
export type DurationStyle = 'auto' | 'seconds' | 'minutes' | 'hours' | 'milliseconds';

/** Order of the parts of a slashed date. `auto` reads `dd/mm/yyyy` (the Mexican and Spanish habit). */
export type DateFormat = 'auto' | 'dd/mm/yyyy' | 'mm/dd/yyyy' | 'yyyy-mm-dd';

const ok = <T>(value: T): ParseResult<T> => ({ ok: true, value });
const fail = <T>(reason: string): ParseResult<T> => ({ ok: false, reason });

const EMPTY = 'is empty';

const PLAIN = /^[+-]?\d+$/;
const ONE_SEPARATOR = /^([+-]?\d+)([.,])(\d+)$/;
const LEADING_SEPARATOR = /^([+-]?)[.,](\d+)$/;
const SCIENTIFIC = /^[+-]?\d+(?:\.\d+)?[eE][+-]?\d+$/;
const GROUPED = /^[+-]?\d{1,3}(?:([., \u00a0\u202f])\d{3})+(?:([.,])(\d+))?$/;

/**
 * A number as providers write it. Thousands separators and the decimal separator are told apart by their
 * shape, and `decimalSeparator` only settles the one truly ambiguous case, a single separator followed by
 * exactly three digits (`1,234` / `1.234`):
 * - `1234.5`, `1234,5`, `.5`, `1.2E+03`: a single separator not followed by three digits is the decimal;
 * - `1,234.5`, `1.234,5`, `1 234,5`, `1,234,567`: with two kinds of separator (or repeated groups of three
 *   digits) the last one is the decimal and the others group thousands;
 * - `1,234` and `1.234`: 1234 when that separator is not the file's decimal separator, else 1.234.
 */
export function parseNumber(
  text: string,
  options: { decimalSeparator?: DecimalSeparator } = {},
): ParseResult<number> {
  const s = text.trim();
  if (s === '') return fail(EMPTY);
  if (PLAIN.test(s)) return ok(Number(s));
  const sep = options.decimalSeparator ?? '.';
  const one = ONE_SEPARATOR.exec(s);
  if (one) {
    const isDecimal = one[3].length !== 3 || one[2] === sep;
    return ok(isDecimal ? Number(`${one[1]}.${one[3]}`) : Number(one[1] + one[3]));
  }
  const leading = LEADING_SEPARATOR.exec(s);
  if (leading) return ok(Number(`${leading[1]}0.${leading[2]}`));
  if (SCIENTIFIC.test(s)) return ok(Number(s));
  const grouped = GROUPED.exec(s);
  if (grouped) {
    const group = grouped[1];
    const decimal = grouped[2];
    if (decimal === undefined || decimal !== group) {
      const integer = s
        .slice(0, decimal === undefined ? s.length : s.length - grouped[3].length - 1)
        .replace(/[., \u00a0\u202f]/g, '');
      return ok(Number(decimal === undefined ? integer : `${integer}.${grouped[3]}`));
    }
  }
  return fail('is not a number');
}

/** A count or amount that cannot be negative. */
export function parseNonNegativeNumber(
  text: string,
  options: { decimalSeparator?: DecimalSeparator; what?: string } = {},
): ParseResult<number> {
  const parsed = parseNumber(text, options);
  if (!parsed.ok) return parsed;
  if (parsed.value < 0) return fail(`is negative; ${options.what ?? 'counts'} cannot be negative`);
  return parsed;
}

/**
 * A percentage, returned as a ratio 0..1: `94.01%`, `94.01 %`, `0.9401`.
 * A bare number (no `%`) follows `style`:
 * - `points`: always percentage points (`94.01` -> 0.9401, `0.8` -> 0.008);
 * - `ratio`: always a ratio (`0.9401` -> 0.9401; `94.01` is rejected as above 100 %);
 * - `auto` (default): above 1 -> points, 0..1 -> ratio. `1` reads as 100 %. A column whose bare values are
 *   all small percentages written as points (`0.8` meaning 0.8 %) is misread this way: set `points`.
 * Values below 0 % or above 100 % are rejected.
 */
export function parsePercent(
  text: string,
  options: { style?: PercentStyle; decimalSeparator?: DecimalSeparator } = {},
): ParseResult<number> {
  let s = text.trim();
  if (s === '') return fail(EMPTY);
  const hasSign = s.endsWith('%');
  if (hasSign) s = s.slice(0, -1).trim();
  const parsed = parseNumber(s, options);
  if (!parsed.ok) return parsed.reason === 'is not a number' ? fail('is not a percentage') : parsed;
  const n = parsed.value;
  const style = options.style ?? 'auto';
  const ratio = hasSign || style === 'points' || (style === 'auto' && n > 1) ? n / 100 : n;
  if (ratio < 0) return fail('is negative; a percentage cannot be below 0 %');
  if (ratio > 1 + 1e-9) {
    return fail(
      style === 'ratio' && !hasSign ? 'is above 1; this column is read as a ratio 0..1' : 'is above 100 %',
    );
  }
  return ok(Math.min(ratio, 1));
}

const HMS = /^(\d+):(\d{1,2}):(\d{1,2}(?:[.,]\d+)?)$/;
const MS = /^(\d+):(\d{1,2}(?:[.,]\d+)?)$/;
const UNIT_PART = /(\d+(?:[.,]\d+)?)\s*([a-z]+)\.?\s*/y;
const UNIT_SECONDS: Record<string, number> = {
  d: 86_400,
  day: 86_400,
  days: 86_400,
  dia: 86_400,
  dias: 86_400,
  h: 3600,
  hr: 3600,
  hrs: 3600,
  hour: 3600,
  hours: 3600,
  hora: 3600,
  horas: 3600,
  m: 60,
  min: 60,
  mins: 60,
  minute: 60,
  minutes: 60,
  minuto: 60,
  minutos: 60,
  s: 1,
  sec: 1,
  secs: 1,
  second: 1,
  seconds: 1,
  seg: 1,
  segs: 1,
  segundo: 1,
  segundos: 1,
  ms: 0.001,
};

const decimal = (s: string) => Number(s.replace(',', '.'));

/**
 * A duration in seconds: `H:MM:SS` (`1:02:03`, hours may exceed 23), `MM:SS` (`5:32`, minutes may exceed
 * 59), units (`1h 2m`, `5m 32s`, `45 seg`, `1.5h`), or a bare number read per `style` (default seconds).
 */
export function parseDuration(
  text: string,
  options: { style?: DurationStyle; decimalSeparator?: DecimalSeparator } = {},
): ParseResult<number> {
  const s = text.trim().toLowerCase();
  if (s === '') return fail(EMPTY);
  if (s.startsWith('-')) return fail('is negative; durations cannot be negative');
  let match = HMS.exec(s);
  if (match) {
    const minutes = Number(match[2]);
    const seconds = decimal(match[3]);
    if (minutes > 59 || seconds >= 60) return fail('has minutes or seconds above 59 (expected H:MM:SS)');
    return ok(Number(match[1]) * 3600 + minutes * 60 + seconds);
  }
  match = MS.exec(s);
  if (match) {
    const seconds = decimal(match[2]);
    if (seconds >= 60) return fail('has seconds above 59 (expected MM:SS)');
    return ok(Number(match[1]) * 60 + seconds);
  }
  if (/[a-z]/.test(s)) {
    let total = 0;
    let pos = 0;
    UNIT_PART.lastIndex = 0;
    while (pos < s.length) {
      UNIT_PART.lastIndex = pos;
      const part = UNIT_PART.exec(s);
      if (!part || UNIT_SECONDS[part[2]] === undefined)
        return fail('is not a duration (use H:MM:SS, MM:SS, seconds or "1h 2m")');
      total += decimal(part[1]) * UNIT_SECONDS[part[2]];
      pos = UNIT_PART.lastIndex;
    }
    return ok(total);
  }
  const n = parseNumber(s, options);
  if (!n.ok)
    return n.reason === 'is not a number'
      ? fail('is not a duration (use H:MM:SS, MM:SS, seconds or "1h 2m")')
      : n;
  switch (options.style ?? 'auto') {
    case 'minutes':
      return ok(n.value * 60);
    case 'hours':
      return ok(n.value * 3600);
    case 'milliseconds':
      return ok(n.value / 1000);
    default:
      return ok(n.value);
  }
}

const TRUE_WORDS = new Set(['yes', 'y', 'true', 't', '1', 'si', 's', 'verdadero', 'v']);
const FALSE_WORDS = new Set(['no', 'n', 'false', 'f', '0', 'falso']);

/** `yes/no`, `true/false`, `1/0`, `Y/N`, `sí/si/s`, `verdadero/falso` (case- and accent-insensitive). */
export function parseBoolean(text: string): ParseResult<boolean> {
  const s = text
    .trim()
    .toLowerCase()
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');
  if (s === '') return fail(EMPTY);
  if (TRUE_WORDS.has(s)) return ok(true);
  if (FALSE_WORDS.has(s)) return ok(false);
  return fail('is not yes/no (use yes, no, true, false, 1, 0, Y, N or sí)');
}

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})$/;
const YMD_SLASH = /^(\d{4})\/(\d{1,2})\/(\d{1,2})$/;
const SLASHED = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/;
const ISO_TIMESTAMP =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*(z|[+-]\d{2}(?::?\d{2})?)?$/i;
const SLASHED_TIMESTAMP =
  /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?\s*([ap])?\.?\s?(m\.?)?$/i;

interface DateTimeParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
  millisecond: number;
  /** Offset from UTC in minutes when the text carries one (`Z`, `-06:00`). */
  offsetMinutes: number | null;
  hasTime: boolean;
}

const NOT_A_DATE = 'is not a date (expected dd/mm/yyyy or yyyy-mm-dd)';

function orderSlashed(a: number, b: number, format: DateFormat): ParseResult<{ day: number; month: number }> {
  if (format === 'mm/dd/yyyy') {
    if (a > 12 && b <= 12)
      return fail(`has month ${a}; this feed's date format is mm/dd/yyyy (is it dd/mm/yyyy?)`);
    return ok({ month: a, day: b });
  }
  if (format === 'yyyy-mm-dd') return fail('is not in the yyyy-mm-dd form this feed uses');
  if (b > 12 && a <= 12)
    return fail(`has month ${b}; this feed's date format is dd/mm/yyyy (is it mm/dd/yyyy? set formats.date)`);
  return ok({ day: a, month: b });
}

function fraction(ms: string | undefined): number {
  return ms ? Math.round(Number(`0.${ms}`) * 1000) : 0;
}

function parseDateTimeParts(text: string, format: DateFormat): ParseResult<DateTimeParts> {
  const s = text.trim();
  if (s === '') return fail(EMPTY);
  const base = { hour: 0, minute: 0, second: 0, millisecond: 0, offsetMinutes: null, hasTime: false };
  let m = ISO_DATE.exec(s) ?? YMD_SLASH.exec(s);
  if (m) return ok({ ...base, year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) });
  m = SLASHED.exec(s);
  if (m) {
    const order = orderSlashed(Number(m[1]), Number(m[2]), format);
    if (!order.ok) return order;
    return ok({ ...base, year: Number(m[3]), ...order.value });
  }
  m = ISO_TIMESTAMP.exec(s);
  if (m) {
    let offsetMinutes: number | null = null;
    if (m[8] !== undefined) {
      if (m[8].toLowerCase() === 'z') offsetMinutes = 0;
      else {
        const digits = m[8].slice(1).replace(':', '');
        const sign = m[8][0] === '-' ? -1 : 1;
        offsetMinutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || '0'));
      }
    }
    return ok({
      year: Number(m[1]),
      month: Number(m[2]),
      day: Number(m[3]),
      hour: Number(m[4]),
      minute: Number(m[5]),
      second: Number(m[6] ?? '0'),
      millisecond: fraction(m[7]),
      offsetMinutes,
      hasTime: true,
    });
  }
  m = SLASHED_TIMESTAMP.exec(s);
  if (m) {
    const order = orderSlashed(Number(m[1]), Number(m[2]), format);
    if (!order.ok) return order;
    let hour = Number(m[4]);
    if (m[8] !== undefined) {
      if (hour < 1 || hour > 12) return fail('has an hour outside 1-12 with AM/PM');
      const pm = m[8].toLowerCase() === 'p';
      hour = (hour % 12) + (pm ? 12 : 0);
    }
    return ok({
      ...base,
      year: Number(m[3]),
      ...order.value,
      hour,
      minute: Number(m[5]),
      second: Number(m[6] ?? '0'),
      millisecond: fraction(m[7]),
      hasTime: true,
    });
  }
  return fail(NOT_A_DATE);
}

function checkCalendar(p: DateTimeParts): string | null {
  const iso = formatIsoDate({ year: p.year, month: p.month, day: p.day });
  if (p.year < 1000 || !isIsoDate(iso)) return 'is not a real calendar date';
  if (p.hour > 23 || p.minute > 59 || p.second > 60) return 'has an impossible time of day';
  return null;
}

/**
 * A calendar date: `yyyy-mm-dd`, `dd/mm/yyyy` (also `-` or `.`; `mm/dd/yyyy` when `format` says so),
 * `yyyy/mm/dd`, or a timestamp. A timestamp with an offset (`2024-03-05T03:10:00Z`,
 * `...-06:00`) is turned into the local date in `timeZone` (required then); one without an offset is
 * already local and its date part is taken as is.
 */
export function parseDate(
  text: string,
  options: { format?: DateFormat; timeZone?: string } = {},
): ParseResult<IsoDate> {
  const parsed = parseDateTimeParts(text, options.format ?? 'auto');
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const invalid = checkCalendar(p);
  if (invalid) return fail(invalid);
  if (p.offsetMinutes === null) return ok(formatIsoDate(p));
  if (options.timeZone === undefined)
    return fail("has a UTC offset; the feed's time zone is needed to find its local date");
  const epoch =
    Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) -
    p.offsetMinutes * 60_000;
  return ok(toLocalDateTime(epoch, options.timeZone).date);
}

export interface ParsedTimestamp extends LocalDateTime {
  /** The instant (for a local time without offset: the instant that wall-clock time had in `timeZone`). */
  readonly epochMs: number;
}

/**
 * A point in time, with its local date and time of day in `timeZone`. Accepts the forms of `parseDate`
 * plus `dd/mm/yyyy HH:MM[:SS]` with an optional AM/PM. A date without time means local midnight.
 */
export function parseTimestamp(
  text: string,
  options: { format?: DateFormat; timeZone: string },
): ParseResult<ParsedTimestamp> {
  const parsed = parseDateTimeParts(text, options.format ?? 'auto');
  if (!parsed.ok) return parsed;
  const p = parsed.value;
  const invalid = checkCalendar(p);
  if (invalid) return fail(invalid);
  if (p.offsetMinutes !== null) {
    const epochMs =
      Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second, p.millisecond) -
      p.offsetMinutes * 60_000;
    return ok({ epochMs, ...toLocalDateTime(epochMs, options.timeZone) });
  }
  const epochMs = zonedTimeToEpoch(p, options.timeZone);
  return ok({
    epochMs,
    date: formatIsoDate(p),
    secondsOfDay: p.hour * 3600 + p.minute * 60 + Math.min(p.second, 59),
  });
}
