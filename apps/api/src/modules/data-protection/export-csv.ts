/** PostgreSQL type ids whose text could be read as a spreadsheet formula: text, varchar, char, name. */
const TEXT_TYPE_IDS = new Set([25, 1043, 1042, 19]);
const BOOLEAN_TYPE_ID = 16;

/** One CSV line (CRLF) of column names. */
export function csvHeaderLine(names: readonly string[]): string {
  return `${names.map((name) => quoteCsv(name)).join(',')}\r\n`;
}

/**
 * One CSV line (CRLF) of values in PostgreSQL's text form: NULL is an empty cell and an empty text is `""` (as
 * COPY ... CSV writes them), booleans are true/false, and text that a spreadsheet would run as a formula gets a
 * leading apostrophe. Numbers, dates and JSON stay as PostgreSQL wrote them.
 */
export function csvValueLine(values: readonly (string | null)[], typeIds: readonly number[]): string {
  const cells = values.map((value, i) => {
    if (value === null) return '';
    if (value === '') return '""';
    if (typeIds[i] === BOOLEAN_TYPE_ID) return value === 't' ? 'true' : 'false';
    return quoteCsv(TEXT_TYPE_IDS.has(typeIds[i]) && /^[=+\-@\t\r]/.test(value) ? `'${value}` : value);
  });
  return `${cells.join(',')}\r\n`;
}

function quoteCsv(value: string): string {
  return /[",\r\n]/.test(value) || value !== value.trim() ? `"${value.replace(/"/g, '""')}"` : value;
}
