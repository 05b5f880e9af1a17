import { CellValue, Workbook, Worksheet } from 'exceljs';
import { RawRow, TabularData, TabularRow, normaliseHeader } from './delimited';
import { IssueCollector } from './ingest-issue';
import { SuggestionCandidate, normaliseName, suggestClosest } from './text-match';

/**
 * XLSX -> the same header + rows shape as `parseDelimited`, with `line` = the Excel row number.
 *
 * Every cell comes out as text, so the value parsers treat CSV and XLSX alike:
 * - numbers: JavaScript's shortest form with a `.` decimal (`1234.5`); cells with a percent number
 *   format come out as percentage points with a `%` (`0.9401` shown as 94.01 % -> `94.01%`);
 * - dates: `yyyy-mm-dd`, or `yyyy-mm-ddTHH:MM:SS` (no offset: the wall-clock time typed in Excel) when the
 *   cell has a time of day;
 * - time-of-day/duration cells (Excel serials below 1, or dates before 1900 which is how durations
 *   formatted `[h]:mm:ss` are read): `H:MM:SS`;
 * - booleans: `true` / `false`; formulas: their cached result; rich text and links: their text;
 *   error cells: the error text (`#N/A`), which the value parsers then reject.
 */

export interface XlsxOptions {
  /** Sheet name (case/accent-insensitive); default: the first sheet. */
  readonly sheet?: string;
  /**
   * Excel row number of the header. Default: the first row with at least two non-empty cells, so a title
   * row above the table ("Reporte diario de colas") is skipped.
   */
  readonly headerRow?: number;
  readonly maxErrors?: number;
}

export interface XlsxTable extends TabularData {
  readonly sheet: string;
  readonly sheetNames: string[];
  /** Excel row number of the header. */
  readonly headerLine: number;
}

export interface XlsxRows {
  readonly sheet: string;
  readonly sheetNames: string[];
  readonly header: string[];
  readonly headerLine: number;
  readonly rows: RawRow[];
}

const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const YEAR_1900_MS = Date.UTC(1900, 0, 1);
const MS_PER_DAY = 86_400_000;

/** Reads one sheet. Never throws on bad input (not a zip, unknown sheet): problems are in `errors`. */
export async function readXlsx(bytes: Uint8Array, options: XlsxOptions = {}): Promise<XlsxTable> {
  const issues = new IssueCollector(options.maxErrors);
  const result = await readXlsxRows(bytes, options, issues);
  const rows: TabularRow[] = result.rows.map((row) => ({
    line: row.line,
    cells: Object.fromEntries(result.header.map((name, i) => [name, row.values[i]])),
  }));
  return {
    sheet: result.sheet,
    sheetNames: result.sheetNames,
    header: result.header,
    headerLine: result.headerLine,
    rows,
    errors: issues.errors,
    warnings: issues.warnings,
  };
}

/** Internal variant used by the entry points: rows as value arrays, problems reported to `issues`. */
export async function readXlsxRows(
  bytes: Uint8Array,
  options: XlsxOptions,
  issues: IssueCollector,
): Promise<XlsxRows> {
  const empty: XlsxRows = { sheet: '', sheetNames: [], header: [], headerLine: 1, rows: [] };
  const workbook = new Workbook();
  try {
    // exceljs declares its own `Buffer` type (an ArrayBuffer); at runtime it takes Node buffers.
    const data = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as Parameters<
      Workbook['xlsx']['load']
    >[0];
    await workbook.xlsx.load(data);
  } catch {
    issues.error({
      code: 'malformed_file',
      line: null,
      column: null,
      value: null,
      reason: 'the file is not a readable XLSX workbook',
    });
    return empty;
  }
  const sheetNames = workbook.worksheets.map((ws) => ws.name);
  const worksheet = pickSheet(workbook.worksheets, options.sheet);
  if (worksheet === undefined) {
    const candidates: SuggestionCandidate[] = sheetNames.map((name) => ({
      label: name,
      key: normaliseName(name),
    }));
    issues.error({
      code: 'mapping',
      line: null,
      column: null,
      value: options.sheet ?? null,
      reason:
        options.sheet === undefined
          ? 'the workbook has no sheet'
          : `is not a sheet of this workbook (sheets: ${sheetNames.join(', ')})`,
      suggestion: options.sheet === undefined ? undefined : suggestClosest(options.sheet, candidates),
    });
    return { ...empty, sheetNames };
  }
  const lastRow = worksheet.rowCount;
  const rowTexts = (r: number, from: number, to: number): string[] => {
    const row = worksheet.getRow(r);
    const values: string[] = [];
    for (let c = from; c <= to; c++) {
      const cell = row.getCell(c);
      values.push(cellText(cell.value, cell.numFmt).trim());
    }
    return values;
  };
  const headerLine = findHeaderRow(worksheet, options.headerRow, (r) =>
    rowTexts(r, 1, worksheet.getRow(r).cellCount),
  );
  if (headerLine === null) return { sheet: worksheet.name, sheetNames, header: [], headerLine: 1, rows: [] };
  const header = normaliseHeader(
    rowTexts(headerLine, 1, worksheet.getRow(headerLine).cellCount),
    headerLine,
    issues,
  );
  const rows: RawRow[] = [];
  for (let r = headerLine + 1; r <= lastRow; r++) {
    const values = rowTexts(r, 1, header.length);
    const cellCount = worksheet.getRow(r).cellCount;
    const extra =
      cellCount > header.length
        ? rowTexts(r, header.length + 1, cellCount).filter((v) => v !== '').length
        : 0;
    if (extra > 0) {
      issues.error({
        code: 'malformed_file',
        line: r,
        column: null,
        value: null,
        reason: `has ${extra} value(s) beyond the ${header.length} columns of the header`,
      });
      continue;
    }
    if (values.some((v) => v !== '')) rows.push({ line: r, values });
  }
  return { sheet: worksheet.name, sheetNames, header, headerLine, rows };
}

/** The header row: `headerRow` when given, else the first row with two or more filled cells, else the first filled row. */
function findHeaderRow(
  worksheet: Worksheet,
  headerRow: number | undefined,
  texts: (r: number) => string[],
): number | null {
  if (headerRow !== undefined) return headerRow <= worksheet.rowCount ? headerRow : null;
  let firstFilled: number | null = null;
  for (let r = 1; r <= worksheet.rowCount; r++) {
    const filled = texts(r).filter((v) => v !== '').length;
    if (filled >= 2) return r;
    if (filled === 1 && firstFilled === null) firstFilled = r;
  }
  return firstFilled;
}

function pickSheet(worksheets: Worksheet[], name: string | undefined): Worksheet | undefined {
  if (name === undefined) return worksheets[0];
  const exact = worksheets.find((ws) => ws.name === name);
  if (exact) return exact;
  const key = normaliseName(name);
  return worksheets.find((ws) => normaliseName(ws.name) === key);
}

function roundForDisplay(value: number): string {
  return String(Number(value.toPrecision(12)));
}

function pad2(value: number): string {
  return String(value).padStart(2, '0');
}

function formatDuration(totalSeconds: number): string {
  const seconds = Math.round(totalSeconds);
  const h = Math.floor(seconds / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const s = seconds % 60;
  return `${h}:${pad2(m)}:${pad2(s)}`;
}

function isTimeFormat(numFmt: string | undefined): boolean {
  if (!numFmt) return false;
  const unquoted = numFmt.replace(/"[^"]*"/g, '');
  return /[hs]/i.test(unquoted) && !/[dy]/i.test(unquoted);
}

/** Text of one cell value (see the file comment for the rules). */
export function cellText(value: CellValue, numFmt?: string): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (numFmt !== undefined && numFmt.includes('%')) return `${roundForDisplay(value * 100)}%`;
    if (isTimeFormat(numFmt)) return formatDuration(value * 86_400);
    return String(value);
  }
  if (value instanceof Date) {
    const ms = value.getTime();
    if (Number.isNaN(ms)) return '';
    if (ms < YEAR_1900_MS) return formatDuration((ms - EXCEL_EPOCH_MS) / 1000);
    const iso = value.toISOString();
    return ms % MS_PER_DAY === 0 ? iso.slice(0, 10) : iso.slice(0, 19);
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('hyperlink' in value) return String(value.text ?? '');
  if ('error' in value) return value.error;
  if ('result' in value) return value.result === undefined ? '' : cellText(value.result as CellValue, numFmt);
  if ('formula' in value || 'sharedFormula' in value) return '';
  return '';
}
