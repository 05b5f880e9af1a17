import { parse as parseCsv } from 'csv-parse/sync';
import { IngestError, IngestWarning, IssueCollector } from './ingest-issue';

/**
 * Delimited text (CSV with `,`, `;` or tab) -> header + rows with their physical line numbers.
 *
 * Two layers:
 * - a record splitter finds where each record starts and ends. A line break ends a record when the number
 *   of `"` seen since the record started is even (RFC 4180 doubles quotes inside quoted values, so the
 *   parity is exact for well-formed files). It knows the physical line of every record, handles CRLF, CR
 *   and LF line breaks (also CRLF inside quoted values, which csv-parse's own line counter counts twice),
 *   and cuts the input into chunks of whole records so memory stays flat for large files and streams;
 * - csv-parse (sync API) turns each chunk of whole records into fields (quotes, doubled quotes, embedded
 *   line breaks). When it rejects a chunk, the chunk is parsed record by record so the error names the
 *   exact line and every other row is kept.
 */

export type Delimiter = ',' | ';' | '\t';

/** A data row as parsed: its values in header order and the physical line where the row starts. */
export interface RawRow {
  readonly line: number;
  readonly values: string[];
}

export interface TabularRow {
  /** 1-based physical line where the row starts (the header is line 1 unless blank lines precede it). */
  readonly line: number;
  /** Values by header name; missing trailing values are ''. */
  readonly cells: Record<string, string>;
}

export interface TabularData {
  readonly header: string[];
  readonly rows: TabularRow[];
  readonly errors: IngestError[];
  readonly warnings: IngestWarning[];
}

export interface DelimitedTable extends TabularData {
  readonly delimiter: Delimiter;
  /** Line of the header row. */
  readonly headerLine: number;
}

export interface DelimitedOptions {
  /** Force a delimiter instead of detecting it from the header line. */
  readonly delimiter?: Delimiter;
  readonly maxErrors?: number;
}

/** Receives the header once, then rows in file order, in batches. */
export interface DelimitedSink {
  header(header: string[], delimiter: Delimiter, line: number): void;
  rows(rows: RawRow[]): void;
}

const MAX_CHUNK_CHARS = 1 << 20;
const MAX_CHUNK_RECORDS = 8192;

/**
 * Picks the delimiter of a header line: the most frequent of `,`, `;` and tab outside quotes
 * (ties: tab, then `;`, then `,`; a line with none of them is a one-column `,` file).
 */
export function detectDelimiter(headerLine: string): Delimiter {
  let comma = 0;
  let semicolon = 0;
  let tab = 0;
  let inQuotes = false;
  for (let i = 0; i < headerLine.length; i++) {
    const c = headerLine.charCodeAt(i);
    if (c === 34) inQuotes = !inQuotes;
    else if (!inQuotes) {
      if (c === 44) comma++;
      else if (c === 59) semicolon++;
      else if (c === 9) tab++;
    }
  }
  if (tab > 0 && tab >= semicolon && tab >= comma) return '\t';
  if (semicolon > 0 && semicolon >= comma) return ';';
  return ',';
}

/** Parses a whole delimited text. Never throws on bad input: problems are in `errors`. */
export function parseDelimited(text: string, options: DelimitedOptions = {}): DelimitedTable {
  const issues = new IssueCollector(options.maxErrors);
  let header: string[] = [];
  let delimiter: Delimiter = options.delimiter ?? ',';
  let headerLine = 1;
  const rows: TabularRow[] = [];
  const reader = new DelimitedReader(
    {
      header(h, d, line) {
        header = h;
        delimiter = d;
        headerLine = line;
      },
      rows(batch) {
        for (const row of batch) {
          rows.push({
            line: row.line,
            cells: Object.fromEntries(header.map((name, i) => [name, row.values[i]])),
          });
        }
      },
    },
    issues,
    options,
  );
  reader.write(text);
  reader.end();
  return { delimiter, header, headerLine, rows, errors: issues.errors, warnings: issues.warnings };
}

interface CsvLikeError {
  readonly code?: string;
}

function csvErrorReason(error: unknown): string {
  switch ((error as CsvLikeError).code) {
    case 'CSV_QUOTE_NOT_CLOSED':
      return 'has a quoted value that is never closed (the file ends inside quotes)';
    case 'CSV_INVALID_CLOSING_QUOTE':
      return 'has characters right after a closing quote; quote the whole value and double any quote inside it ("")';
    case 'INVALID_OPENING_QUOTE':
      return 'has a quote inside an unquoted value; quote the whole value and double any quote inside it ("")';
    default:
      return `cannot be read as delimited text (${(error as CsvLikeError).code ?? 'parse error'})`;
  }
}

/**
 * Incremental reader: `write` text pieces (any size, split anywhere), then `end`. Rows reach the sink
 * as soon as they are complete. Header problems and malformed records are reported to `issues`.
 */
export class DelimitedReader {
  private buffer = '';
  /** Index in `buffer` up to which line breaks and quotes were scanned. */
  private scanPos = 0;
  /** Quote parity at `scanPos`, counted from the start of `buffer` (always a record start). */
  private inQuotes = false;
  /** Physical line of `buffer[0]` and of `buffer[scanPos]`. */
  private bufferLine = 1;
  private scanLine = 1;
  private pendingCr = false;
  private headerDone = false;
  private delimiter: Delimiter;
  private headerWidth = 0;
  private ended = false;
  private started = false;

  constructor(
    private readonly sink: DelimitedSink,
    private readonly issues: IssueCollector,
    private readonly options: DelimitedOptions = {},
  ) {
    this.delimiter = options.delimiter ?? ',';
  }

  /** Whether a header row was found (false for an empty file). */
  get hasHeader(): boolean {
    return this.headerDone;
  }

  write(piece: string): void {
    if (this.ended) throw new Error('DelimitedReader.write called after end');
    if (piece.length === 0) return;
    let text = piece;
    if (this.pendingCr) {
      text = `\r${text}`;
      this.pendingCr = false;
    }
    if (text.charCodeAt(text.length - 1) === 13) {
      this.pendingCr = true;
      text = text.slice(0, -1);
    }
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
    }
    if (text.indexOf('\r') !== -1) text = text.replace(/\r\n?/g, '\n');
    this.buffer = this.buffer.length === 0 ? text : this.buffer + text;
    this.scan(false);
  }

  end(): void {
    if (this.ended) return;
    if (this.pendingCr) {
      this.pendingCr = false;
      this.buffer += '\n';
    }
    this.scan(true);
    this.ended = true;
  }

  private scan(final: boolean): void {
    const buf = this.buffer;
    const starts: number[] = [];
    const ends: number[] = [];
    const lines: number[] = [];
    let pos = this.scanPos;
    let inQuotes = this.inQuotes;
    let line = this.scanLine;
    let recordStart = 0;
    let recordLine = this.bufferLine;
    let nextQuote = buf.indexOf('"', pos);
    for (;;) {
      const nl = buf.indexOf('\n', pos);
      if (nl === -1) break;
      while (nextQuote !== -1 && nextQuote < nl) {
        inQuotes = !inQuotes;
        nextQuote = buf.indexOf('"', nextQuote + 1);
      }
      line++;
      if (!inQuotes) {
        if (nl > recordStart) {
          starts.push(recordStart);
          ends.push(nl);
          lines.push(recordLine);
        }
        recordStart = nl + 1;
        recordLine = line;
      }
      pos = nl + 1;
    }
    if (final && recordStart < buf.length) {
      starts.push(recordStart);
      ends.push(buf.length);
      lines.push(recordLine);
      recordStart = buf.length;
    }
    this.emit(buf, starts, ends, lines);
    if (final) {
      this.buffer = '';
      this.scanPos = 0;
      return;
    }
    this.buffer = buf.slice(recordStart);
    // Quote parity is counted from the record start; pos >= recordStart always.
    this.scanPos = pos - recordStart;
    this.inQuotes = inQuotes;
    this.bufferLine = recordLine;
    this.scanLine = line;
  }

  private emit(buf: string, starts: number[], ends: number[], lines: number[]): void {
    let i = 0;
    if (!this.headerDone) {
      while (i < starts.length && !this.headerDone) {
        this.readHeader(buf.slice(starts[i], ends[i]), lines[i]);
        i++;
      }
    }
    while (i < starts.length) {
      let j = i;
      while (
        j + 1 < starts.length &&
        j + 1 - i < MAX_CHUNK_RECORDS &&
        ends[j + 1] - starts[i] <= MAX_CHUNK_CHARS
      )
        j++;
      this.parseChunk(buf, starts, ends, lines, i, j);
      i = j + 1;
    }
  }

  private csvOptions() {
    return {
      delimiter: this.delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      skip_empty_lines: true,
      trim: true,
      bom: false,
    };
  }

  private readHeader(text: string, line: number): void {
    if (this.options.delimiter === undefined) this.delimiter = detectDelimiter(text);
    let values: string[];
    try {
      const records = parseCsv(text, this.csvOptions()) as string[][];
      if (records.length === 0) return;
      values = records[0];
    } catch (error) {
      this.issues.error({
        code: 'malformed_file',
        line,
        column: null,
        value: null,
        reason: `the header row ${csvErrorReason(error)}`,
      });
      this.headerDone = true;
      this.sink.header([], this.delimiter, line);
      return;
    }
    if (values.every((v) => v === '')) return;
    const header = normaliseHeader(values, line, this.issues);
    this.headerWidth = header.length;
    this.headerDone = true;
    this.sink.header(header, this.delimiter, line);
  }

  private parseChunk(
    buf: string,
    starts: number[],
    ends: number[],
    lines: number[],
    from: number,
    to: number,
  ): void {
    const expected = to - from + 1;
    let records: string[][] | null = null;
    try {
      records = parseCsv(buf.slice(starts[from], ends[to]), this.csvOptions()) as string[][];
      if (records.length !== expected) records = null;
    } catch {
      records = null;
    }
    const rows: RawRow[] = [];
    if (records !== null) {
      for (let k = 0; k < expected; k++) this.pushRow(rows, records[k], lines[from + k]);
    } else {
      // Slow path: one record at a time, so a malformed record costs only itself.
      for (let k = from; k <= to; k++)
        this.parseOneRecord(rows, buf.slice(starts[k], ends[k]), lines[k], true);
    }
    if (rows.length > 0) this.sink.rows(rows);
  }

  /**
   * Parses one record. A malformed record that spans several physical lines is re-read line by line: a
   * stray quote inside an unquoted value (`ab"c`) flips the quote parity and glues the following lines to
   * it, and those lines are usually fine on their own.
   */
  private parseOneRecord(rows: RawRow[], text: string, line: number, splitOnError: boolean): void {
    try {
      const records = parseCsv(text, this.csvOptions()) as string[][];
      if (records.length === 1) this.pushRow(rows, records[0], line);
      else if (records.length > 1) {
        this.issues.error({
          code: 'malformed_file',
          line,
          column: null,
          value: null,
          reason: 'cannot be split into one row',
        });
      }
    } catch (error) {
      if (splitOnError && text.includes('\n')) {
        text.split('\n').forEach((part, i) => {
          if (part !== '') this.parseOneRecord(rows, part, line + i, false);
        });
        return;
      }
      this.issues.error({
        code: 'malformed_file',
        line,
        column: null,
        value: null,
        reason: csvErrorReason(error),
      });
    }
  }

  private pushRow(rows: RawRow[], values: string[], line: number): void {
    const width = this.headerWidth;
    let blank = true;
    for (let i = 0; i < values.length; i++) {
      if (values[i] !== '') {
        blank = false;
        break;
      }
    }
    if (blank) return;
    if (values.length > width) {
      let extra = 0;
      for (let i = width; i < values.length; i++) if (values[i] !== '') extra++;
      if (extra > 0) {
        this.issues.error({
          code: 'malformed_file',
          line,
          column: null,
          value: null,
          reason: `has ${extra} value(s) beyond the ${width} columns of the header (a wrong delimiter, or a decimal comma in a "${this.delimiter === '\t' ? 'tab' : this.delimiter}" file?)`,
        });
        return;
      }
      values.length = width;
    } else {
      while (values.length < width) values.push('');
    }
    rows.push({ line, values });
  }
}

/**
 * Header names as used everywhere else: trimmed, trailing empty columns dropped, an empty name in the
 * middle becomes `column N`, a repeated name gets ` (2)`, ` (3)`... (with a warning).
 */
export function normaliseHeader(values: readonly string[], line: number, issues: IssueCollector): string[] {
  let width = values.length;
  while (width > 0 && values[width - 1].trim() === '') width--;
  const seen = new Map<string, number>();
  const header: string[] = [];
  for (let i = 0; i < width; i++) {
    let name = values[i].trim();
    if (name === '') name = `column ${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    if (count > 1) {
      const renamed = `${name} (${count})`;
      issues.warning({
        code: 'mapping',
        line,
        column: name,
        value: null,
        reason: `the column name appears ${count} times; this one is read as "${renamed}"`,
      });
      name = renamed;
    }
    header.push(name);
  }
  return header;
}
