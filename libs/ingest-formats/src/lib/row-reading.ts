import { IsoDate } from '@kpi/domain';
import { ResolvedColumns } from './column-mapping';
import { RawRow } from './delimited';
import { Resolver } from './ingest-catalog';
import { IngestIssue, IssueCollector } from './ingest-issue';
import { ObservationGranularity } from './observation-record';
import { normaliseName } from './text-match';
import { DateFormat, ParseResult, parseDate } from './value-parsers';

/** Reads mapped fields of raw rows and reports row problems with the row's line and the source column. */
export class RowReader {
  private readonly dateMemo = new Map<string, ParseResult<IsoDate>>();

  constructor(
    readonly columns: ResolvedColumns,
    readonly issues: IssueCollector,
    private readonly dateOptions: { format?: DateFormat; timeZone?: string },
  ) {}

  /** The field's text for a row: the trimmed cell, or the mapping's constant, or '' when neither. */
  text(row: RawRow, target: string): string {
    const i = this.columns.index.get(target);
    if (i !== undefined) return row.values[i].trim();
    return this.columns.constants[target] ?? '';
  }

  has(target: string): boolean {
    return this.columns.index.has(target) || this.columns.constants[target] !== undefined;
  }

  /** The source column name of a field (null for constants and unmapped fields). */
  column(target: string): string | null {
    return this.columns.header.get(target) ?? null;
  }

  error(
    row: RawRow,
    target: string | null,
    value: string | null,
    reason: string,
    code: IngestIssue['code'] = 'invalid_value',
    suggestion?: string,
  ): void {
    this.issues.error({
      code,
      line: row.line,
      column: target === null ? null : this.column(target),
      value,
      reason,
      ...(suggestion !== undefined ? { suggestion } : {}),
    });
  }

  missing(row: RawRow, target: string, what: string): void {
    this.error(row, target, null, `the value is empty; ${what} is required`, 'missing_value');
  }

  /**
   * A required reference (site, service line...) resolved against the catalog; an empty or unknown value is
   * reported on the row, an unknown one with a "did you mean" suggestion.
   */
  reference<T extends string>(row: RawRow, target: string, what: string, resolver: Resolver<T>): T | null {
    const text = this.text(row, target);
    if (text === '') {
      this.missing(row, target, what);
      return null;
    }
    const resolved = resolver.resolve(text);
    if (resolved.ok) return resolved.value;
    const suggestion =
      resolved.kind === 'unknown' && this.issues.acceptsErrors ? resolver.suggest(text) : undefined;
    this.error(row, target, text, resolved.reason, 'unknown_reference', suggestion);
    return null;
  }

  /** A required date field, memoised per distinct text (dates repeat on every row of a day). */
  date(row: RawRow, target: string): IsoDate | null {
    const text = this.text(row, target);
    if (text === '') {
      this.missing(row, target, 'a date');
      return null;
    }
    let parsed = this.dateMemo.get(text);
    if (parsed === undefined) {
      parsed = parseDate(text, this.dateOptions);
      if (this.dateMemo.size > 50_000) this.dateMemo.clear();
      this.dateMemo.set(text, parsed);
    }
    if (!parsed.ok) {
      this.error(row, target, text, parsed.reason);
      return null;
    }
    return parsed.value;
  }

  /** Reads a field with a parser; '' -> undefined (no value), a parse failure -> error + null. */
  parse<T>(row: RawRow, target: string, parser: (text: string) => ParseResult<T>): T | null | undefined {
    const text = this.text(row, target);
    if (text === '') return undefined;
    const parsed = parser(text);
    if (!parsed.ok) {
      this.error(
        row,
        target,
        text,
        parsed.reason,
        parsed.reason.startsWith('is negative') || parsed.reason.startsWith('is above')
          ? 'out_of_range'
          : 'invalid_value',
      );
      return null;
    }
    return parsed.value;
  }
}

const GRANULARITY_WORDS: Readonly<Record<string, ObservationGranularity>> = {
  day: 'day',
  daily: 'day',
  d: 'day',
  dia: 'day',
  diario: 'day',
  diaria: 'day',
  p1d: 'day',
  week: 'week',
  weekly: 'week',
  w: 'week',
  semana: 'week',
  semanal: 'week',
  p1w: 'week',
  month: 'month',
  monthly: 'month',
  m: 'month',
  mes: 'month',
  mensual: 'month',
  p1m: 'month',
};

/** `day`/`diario`/`P1D` -> day, `week`/`semanal` -> week, `month`/`mensual` -> month; other text is kept for validation to reject. */
export function normaliseGranularity(text: string): string {
  return GRANULARITY_WORDS[normaliseName(text)] ?? text;
}

/** Rounds to a number of decimals (0 for counts) without float noise (0.1 + 0.2). */
export function roundTo(value: number, decimals: number): number {
  const factor = 10 ** decimals;
  return Math.round(value * factor) / factor;
}

/**
 * Notes how bare numbers (no `%`) of `auto` percentage columns were read, so a column that mixes
 * 0..1 ratios and 1..100 points can be reported: such a column is probably misread.
 */
export class PercentStyleTracker {
  private readonly seen = new Map<string, { ratio: number; points: number; firstLine: number }>();

  note(column: string | null, text: string, line: number): void {
    if (column === null || text.trim().endsWith('%')) return;
    const n = Number(text.replace(',', '.'));
    if (!Number.isFinite(n)) return;
    let entry = this.seen.get(column);
    if (!entry) this.seen.set(column, (entry = { ratio: 0, points: 0, firstLine: line }));
    if (n > 1) entry.points++;
    else if (n > 0 && n < 1) entry.ratio++;
  }

  report(issues: IssueCollector): void {
    for (const [column, entry] of this.seen) {
      if (entry.ratio > 0 && entry.points > 0) {
        issues.warning({
          code: 'mapping',
          line: entry.firstLine,
          column,
          value: null,
          reason: `mixes values between 0 and 1 (${entry.ratio}, read as ratios) with values above 1 (${entry.points}, read as percentage points); set formats.percent to "points" or "ratio"`,
        });
      }
    }
  }
}
