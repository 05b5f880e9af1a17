import { ColumnMapping } from './column-mapping';
import { decodeText } from './decode-text';
import { Delimiter, DelimitedReader, RawRow } from './delimited';
import { IssueCollector } from './ingest-issue';
import { readXlsxRows } from './xlsx';

export type FileFormat = 'csv' | 'xlsx';

/** Reads the header + rows of a CSV or XLSX file into a callback, reporting file problems. */
export async function readTabularFile(
  bytes: Uint8Array,
  format: FileFormat,
  mapping: ColumnMapping,
  issues: IssueCollector,
  onHeader: (header: string[], delimiter: Delimiter | null, line: number) => void,
  onRows: (rows: RawRow[]) => void,
): Promise<void> {
  if (format === 'xlsx') {
    const table = await readXlsxRows(bytes, { sheet: mapping.sheet, headerRow: mapping.headerRow }, issues);
    if (table.header.length === 0) {
      if (issues.errorCount === 0)
        issues.error({
          code: 'malformed_file',
          line: null,
          column: null,
          value: null,
          reason: 'the sheet is empty',
        });
      return;
    }
    onHeader(table.header, null, table.headerLine);
    onRows(table.rows);
    return;
  }
  const reader = new DelimitedReader({ header: onHeader, rows: onRows }, issues, {
    delimiter: mapping.delimiter,
  });
  reader.write(decodeText(bytes).text);
  reader.end();
  if (!reader.hasHeader)
    issues.error({
      code: 'malformed_file',
      line: null,
      column: null,
      value: null,
      reason: 'the file is empty',
    });
}
