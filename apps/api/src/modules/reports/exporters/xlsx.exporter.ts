import ExcelJS from 'exceljs';
import { QuarterlyReviewData, ReviewCell, ReviewTable, ReviewValueType } from '../quarterly-review.model';
import { isDangerousSpreadsheetText, neutraliseSpreadsheetCell } from './spreadsheet-safety';

/** Excel number formats per value type (percent values are fractions). */
export const XLSX_NUMBER_FORMATS: Record<ReviewValueType, string | undefined> = {
  text: undefined,
  integer: '0',
  decimal: '0.0',
  percent: '0.0%',
  money: '#,##0.00',
  date: 'yyyy-mm-dd',
  datetime: 'yyyy-mm-dd hh:mm',
};

/** Text number format: a cell formatted as text stays text, even when someone edits it later. */
const TEXT_FORMAT = '@';

/**
 * The pack as one workbook: an overview sheet, then one sheet per table (named after its section when the section
 * has one table, else after the table). Real numbers and dates with number formats, a bold frozen header row, an auto-filter and column
 * widths. Strings are always stored as strings (never formulas); dangerous ones also get the text format.
 */
export async function reviewToXlsx(data: QuarterlyReviewData): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'KPI Governance';
  workbook.created = new Date(data.generatedAt);
  workbook.title = data.title;
  const used = new Set<string>();

  const overview = workbook.addWorksheet(uniqueSheetName('Overview', used));
  overview.columns = [
    { header: 'Item', key: 'item', width: 24 },
    { header: 'Value', key: 'value', width: 80 },
  ];
  const meta: [string, string | Date][] = [
    ['Pack', data.title],
    ['Quarter', data.quarter],
    ['Providers', data.providers.map((p) => `${p.name} (${p.code})`).join(', ')],
    ['Period from', isoToDate(data.from)],
    ['Period to', isoToDate(data.to)],
    ['Figures as of', isoToDate(data.asOf)],
    ['Generated at', new Date(data.generatedAt)],
  ];
  for (const [item, value] of meta) {
    const row = overview.addRow({ item, value: typeof value === 'string' ? neutraliseSpreadsheetCell(value, 'xlsx') : value });
    if (value instanceof Date) row.getCell('value').numFmt = item === 'Generated at' ? 'yyyy-mm-dd hh:mm' : 'yyyy-mm-dd';
    else if (isDangerousSpreadsheetText(value)) row.getCell('value').numFmt = TEXT_FORMAT;
  }
  styleHeader(overview);

  for (const section of data.sections) {
    for (const table of section.tables) {
      const name = section.tables.length === 1 ? section.title : table.title;
      addTableSheet(workbook, uniqueSheetName(name, used), table);
    }
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return Buffer.from(buffer as ArrayBuffer);
}

function addTableSheet(workbook: ExcelJS.Workbook, name: string, table: ReviewTable): void {
  const sheet = workbook.addWorksheet(name, { views: [{ state: 'frozen', xSplit: 0, ySplit: 1 }] });
  sheet.columns = table.columns.map((column) => ({
    header: column.header,
    key: column.key,
    width: column.width ?? defaultWidth(column.type, column.header),
  }));
  for (const reviewRow of table.rows) {
    const row = sheet.addRow([]);
    table.columns.forEach((column, index) => {
      const cell = row.getCell(index + 1);
      const type = reviewRow.types?.[column.key] ?? column.type;
      writeCell(cell, reviewRow.cells[column.key] ?? null, type);
    });
  }
  styleHeader(sheet);
  if (table.rows.length > 0) {
    sheet.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: table.columns.length } };
  }
}

function writeCell(cell: ExcelJS.Cell, value: ReviewCell, type: ReviewValueType): void {
  if (value === null || value === undefined) return;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return;
    cell.value = value;
    const format = XLSX_NUMBER_FORMATS[type];
    if (format) cell.numFmt = format;
    return;
  }
  if ((type === 'date' || type === 'datetime') && /^\d{4}-\d{2}-\d{2}/.test(value)) {
    cell.value = type === 'date' ? isoToDate(value) : new Date(value);
    cell.numFmt = XLSX_NUMBER_FORMATS[type] as string;
    return;
  }
  // A plain string value: exceljs writes it as a string cell, never as a formula.
  cell.value = neutraliseSpreadsheetCell(value, 'xlsx');
  if (isDangerousSpreadsheetText(value)) cell.numFmt = TEXT_FORMAT;
  if (value.includes('\n')) cell.alignment = { wrapText: true, vertical: 'top' };
}

function styleHeader(sheet: ExcelJS.Worksheet): void {
  const header = sheet.getRow(1);
  header.font = { bold: true, color: { argb: 'FFFFFFFF' } };
  header.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF1F3A5F' } };
  header.alignment = { vertical: 'middle', wrapText: true };
}

/** A calendar date as a Date at UTC midnight (what Excel shows as that day). */
function isoToDate(value: string): Date {
  return new Date(`${value.slice(0, 10)}T00:00:00.000Z`);
}

function defaultWidth(type: ReviewValueType, header: string): number {
  const base = type === 'text' ? 28 : type === 'datetime' ? 18 : type === 'date' ? 12 : 12;
  return Math.min(60, Math.max(base, header.length + 2));
}

/** Excel sheet names: at most 31 characters, none of []:*?/\, unique in the workbook. */
export function uniqueSheetName(name: string, used: Set<string>): string {
  const clean = name.replace(/[[\]:*?/\\]/g, ' ').replace(/\s+/g, ' ').trim() || 'Sheet';
  let candidate = clean.slice(0, 31);
  for (let n = 2; used.has(candidate.toLowerCase()); n++) {
    const suffix = ` (${n})`;
    candidate = clean.slice(0, 31 - suffix.length) + suffix;
  }
  used.add(candidate.toLowerCase());
  return candidate;
}
