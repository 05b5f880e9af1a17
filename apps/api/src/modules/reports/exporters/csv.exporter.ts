import { QuarterlyReviewData, ReviewCell, ReviewTable, ReviewValueType, reviewTables } from '../quarterly-review.model';
import { neutraliseSpreadsheetCell } from './spreadsheet-safety';
import { ZipEntry, writeZip } from './zip-writer';

const BOM = '\uFEFF';

/**
 * One table as CSV: UTF-8 with a BOM (so Excel reads accented city names right), `,` separator, CRLF line
 * ends, RFC 4180 quoting. Numbers are written plainly with a `.` decimal point (percentages as fractions,
 * like the api); dates as yyyy-mm-dd. Text is neutralised against formula injection.
 */
export function tableToCsv(table: ReviewTable): Buffer {
  const lines = [table.columns.map((column) => quote(neutraliseSpreadsheetCell(column.header, 'csv'))).join(',')];
  for (const row of table.rows) {
    lines.push(
      table.columns
        .map((column) => csvCell(row.cells[column.key] ?? null, row.types?.[column.key] ?? column.type))
        .join(','),
    );
  }
  return Buffer.from(BOM + lines.join('\r\n') + '\r\n', 'utf8');
}

function csvCell(value: ReviewCell, type: ReviewValueType): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return '';
    return type === 'integer' ? String(Math.round(value)) : String(value);
  }
  return quote(neutraliseSpreadsheetCell(value, 'csv'));
}

function quote(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}

/** File name of a table's CSV inside the pack. */
export function csvFileName(data: Pick<QuarterlyReviewData, 'quarter'>, table: Pick<ReviewTable, 'key'>): string {
  return `${table.key}.csv`;
}

/** Every table of the pack as its own CSV file. */
export function reviewToCsvFiles(data: QuarterlyReviewData): { table: ReviewTable; fileName: string; content: Buffer }[] {
  return reviewTables(data).map((table) => ({ table, fileName: csvFileName(data, table), content: tableToCsv(table) }));
}

/** The CSV files in one zip archive. */
export function reviewToCsvZip(data: QuarterlyReviewData, date = new Date(data.generatedAt)): Buffer {
  const entries: ZipEntry[] = reviewToCsvFiles(data).map((file) => ({ name: file.fileName, content: file.content, date }));
  return writeZip(entries);
}
