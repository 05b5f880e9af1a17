/**
 * Errors and warnings found while reading a provider file, and the result shape every entry point returns.
 *
 * An issue points at a physical line of a CSV file (or an Excel row number) and a source column, or, for JSON
 * sources, at a JSON path such as `results[2].data[0].metrics[3]`. `reason` is a short English phrase: when
 * `value` is set it reads as a continuation of the quoted value (`"-12" is negative; counts cannot be
 * negative`), otherwise as a sentence of its own. `formatIngestError` renders one line.
 */

export type IngestIssueCode =
  /** The file itself cannot be read: not valid CSV/JSON/XLSX, unclosed quote, wrong encoding. */
  | 'malformed_file'
  /** The saved column mapping does not fit the file (a mapped column is absent, a target is unmapped). */
  | 'mapping'
  /** A required value is empty. */
  | 'missing_value'
  /** A value cannot be parsed (not a number, not a date...). */
  | 'invalid_value'
  /** A value parses but is outside its allowed range (negative count, numerator above denominator...). */
  | 'out_of_range'
  /** A value names a site, service line, KPI or queue that is not known. */
  | 'unknown_reference'
  /** The same natural key appears more than once. */
  | 'duplicate'
  /** The period has not started yet. */
  | 'future_period'
  /** Values of one row contradict each other (answered above offered, answered and abandoned...). */
  | 'inconsistent'
  /** A value was rebuilt from a ready-made percentage or average (warning only). */
  | 'derived'
  /** The last day of a per-contact file looks incomplete (warning only). */
  | 'partial_day'
  /** A metric the mapping needs is absent from the source (warning) or cannot be used. */
  | 'missing_metric'
  /** Too many records in one batch. */
  | 'too_large';

export interface IngestIssue {
  readonly code: IngestIssueCode;
  /** 1-based physical line (CSV) or Excel row number; null for JSON sources and whole-file problems. */
  readonly line: number | null;
  /** Source column header as written in the file (null when the problem is not about one column). */
  readonly column: string | null;
  /** The offending raw value as text (null when there is none, or when it is personal data). */
  readonly value: string | null;
  readonly reason: string;
  /** "Did you mean" candidate, when one is close enough. */
  readonly suggestion?: string;
  /** JSON path of the offending element, for JSON sources. */
  readonly path?: string;
}

export type IngestError = IngestIssue;
export type IngestWarning = IngestIssue;

export interface IngestStats {
  /** Data rows (CSV/XLSX, header excluded), JSON items or intervals read. */
  rowsRead: number;
  /** Rows that produced no record because of an error in the row itself. */
  rowsRejected: number;
  /** Records rejected by validation (unknown site, out of range, duplicate key...). */
  recordsRejected: number;
  /** Records returned. */
  recordsOut: number;
  /** Returned records rebuilt from a ready-made percentage or average. */
  derivedRecords: number;
  /** Duplicates dropped: repeated contact or evaluation ids, identical repeated observations. */
  duplicates: number;
  /** Every error found, including those not listed because of the cap. */
  errorCount: number;
  warningCount: number;
  /** errorCount - errors.length */
  errorsOmitted: number;
  warningsOmitted: number;
}

/** What every entry point returns. Never thrown: bad data ends up in `errors`. */
export interface IngestResult<R> {
  readonly records: R[];
  readonly errors: IngestError[];
  readonly warnings: IngestWarning[];
  readonly stats: IngestStats;
}

export const DEFAULT_MAX_ISSUES = 1000;

const MAX_VALUE_LENGTH = 80;

/** Keeps the first `maxErrors` errors and `maxWarnings` warnings, and counts the rest. */
export class IssueCollector {
  readonly errors: IngestError[] = [];
  readonly warnings: IngestWarning[] = [];
  errorCount = 0;
  warningCount = 0;

  constructor(
    readonly maxErrors = DEFAULT_MAX_ISSUES,
    readonly maxWarnings = DEFAULT_MAX_ISSUES,
  ) {}

  /** Whether another error would still be listed (callers skip expensive suggestions otherwise). */
  get acceptsErrors(): boolean {
    return this.errors.length < this.maxErrors;
  }

  get acceptsWarnings(): boolean {
    return this.warnings.length < this.maxWarnings;
  }

  error(issue: IngestIssue): void {
    this.errorCount++;
    if (this.errors.length < this.maxErrors) this.errors.push(clipValue(issue));
  }

  warning(issue: IngestIssue): void {
    this.warningCount++;
    if (this.warnings.length < this.maxWarnings) this.warnings.push(clipValue(issue));
  }

  /** Adds the issues of another result (its omitted counts included). */
  absorb(other: Pick<IngestResult<unknown>, 'errors' | 'warnings' | 'stats'>): void {
    for (const e of other.errors) this.error(e);
    for (const w of other.warnings) this.warning(w);
    this.errorCount += other.stats.errorsOmitted;
    this.warningCount += other.stats.warningsOmitted;
  }
}

function clipValue(issue: IngestIssue): IngestIssue {
  if (issue.value === null || issue.value.length <= MAX_VALUE_LENGTH) return issue;
  return { ...issue, value: `${issue.value.slice(0, MAX_VALUE_LENGTH - 1)}…` };
}

export function emptyStats(): IngestStats {
  return {
    rowsRead: 0,
    rowsRejected: 0,
    recordsRejected: 0,
    recordsOut: 0,
    derivedRecords: 0,
    duplicates: 0,
    errorCount: 0,
    warningCount: 0,
    errorsOmitted: 0,
    warningsOmitted: 0,
  };
}

/** Builds the final result: copies the collector's counts into the stats. */
export function finishResult<R extends object>(
  records: R[],
  issues: IssueCollector,
  stats: IngestStats,
): IngestResult<R> {
  let derived = 0;
  for (const r of records) if ((r as { derived?: unknown }).derived === true) derived++;
  return {
    records,
    errors: issues.errors,
    warnings: issues.warnings,
    stats: {
      ...stats,
      recordsOut: records.length,
      derivedRecords: derived,
      errorCount: issues.errorCount,
      warningCount: issues.warningCount,
      errorsOmitted: issues.errorCount - issues.errors.length,
      warningsOmitted: issues.warningCount - issues.warnings.length,
    },
  };
}

/**
 * One line for logs and the admin UI, e.g.
 * `line 7, column "offered": "-12" is negative; counts cannot be negative`.
 */
export function formatIngestError(issue: IngestIssue): string {
  let location: string;
  if (issue.line !== null) location = `line ${issue.line}`;
  else if (issue.path !== undefined) location = issue.path;
  else location = 'file';
  if (issue.column !== null) location += `, column "${issue.column}"`;
  const body = issue.value !== null ? `"${issue.value}" ${issue.reason}` : issue.reason;
  const suggestion = issue.suggestion !== undefined ? `; did you mean "${issue.suggestion}"?` : '';
  return `${location}: ${body}${suggestion}`;
}

/** Every listed issue on its own line, plus "... and N more" when the list was capped. */
export function formatIngestErrors(issues: readonly IngestIssue[], total = issues.length): string {
  const lines = issues.map(formatIngestError);
  if (total > issues.length) lines.push(`... and ${total - issues.length} more`);
  return lines.join('\n');
}
