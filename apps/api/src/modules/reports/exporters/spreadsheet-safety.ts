/**
 * Formula injection ("CSV injection"): a cell whose text starts with `=`, `+`, `-`, `@`, a tab or a carriage
 * return is run as a formula by spreadsheet programs. Text from provider data or comments is neutralised
 * before it reaches a CSV (prefixed with `'`) or a workbook (stored as a plain string, never a formula).
 * Real numbers stay numbers: only strings are touched.
 */
const DANGEROUS_FIRST = new Set(['=', '+', '-', '@', '\t', '\r']);

export function isDangerousSpreadsheetText(value: string): boolean {
  return value.length > 0 && DANGEROUS_FIRST.has(value[0]);
}

/**
 * The value to write into a spreadsheet cell. Numbers, null and safe strings pass unchanged; a dangerous
 * string gets a leading apostrophe in CSV. For Excel it is returned unchanged (the exporter stores every
 * string as a string cell, so it is never a formula; the apostrophe would be visible there).
 */
export function neutraliseSpreadsheetCell<T extends string | number | null | undefined>(value: T, target: 'csv' | 'xlsx'): T | string {
  if (typeof value !== 'string') return value;
  if (!isDangerousSpreadsheetText(value)) return value;
  return target === 'csv' ? `'${value}` : value;
}
