import { stringify } from 'csv-stringify/browser/esm/sync';
import type { CellValue } from './sortable-table';

/**
 * CSV text for spreadsheets: UTF-8 BOM (so Excel reads accents), CRLF rows, and text that a spreadsheet
 * would run as a formula (=, +, -, @, tab, CR first) prefixed with an apostrophe. Numbers stay numbers.
 */
export function toCsvText(records: readonly (readonly CellValue[])[]): string {
  const safe = records.map((record) => record.map((cell) => neutraliseFormula(cell)));
  return '\uFEFF' + stringify(safe, { record_delimiter: 'windows', cast: { boolean: (value) => (value ? 'true' : 'false') } });
}

export function neutraliseFormula(cell: CellValue): CellValue {
  if (typeof cell !== 'string') return cell;
  return /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** "Providers" + date -> "providers-2026-11-21.csv". */
export function csvFileName(base: string, today: Date): string {
  const slug = base
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${slug || 'table'}-${today.getFullYear()}-${pad(today.getMonth() + 1)}-${pad(today.getDate())}.csv`;
}
