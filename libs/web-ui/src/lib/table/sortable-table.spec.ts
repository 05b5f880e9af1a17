import { signal } from '@angular/core';
import { csvFileName, toCsvText } from './csv-file';
import { SortableTable, sortRows } from './sortable-table';

interface Row {
  name: string;
  score: number | null;
}

const columns = [
  { key: 'name', header: 'Provider', value: (row: Row) => row.name },
  { key: 'score', header: 'Score', value: (row: Row) => row.score },
];

describe('SortableTable', () => {
  const rows = signal<Row[]>([
    { name: 'Pacífico', score: 81.5 },
    { name: 'norte', score: null },
    { name: 'Altiplano', score: 92 },
    { name: 'Bajío 10', score: 9 },
  ]);

  it('sorts numbers numerically and text by locale, missing values last in both directions', () => {
    const table = new SortableTable(columns, rows);
    expect(table.rows().map((row) => row.name)).toEqual(['Pacífico', 'norte', 'Altiplano', 'Bajío 10']);
    table.toggle('score');
    expect(table.rows().map((row) => row.score)).toEqual([9, 81.5, 92, null]);
    table.toggle('score');
    expect(table.rows().map((row) => row.score)).toEqual([92, 81.5, 9, null]);
    expect(table.ariaSort('score')).toBe('descending');
    expect(table.ariaSort('name')).toBe('none');
    table.toggle('name');
    expect(table.rows().map((row) => row.name)).toEqual(['Altiplano', 'Bajío 10', 'norte', 'Pacífico']);
  });

  it('follows its source rows', () => {
    const source = signal<Row[]>([{ name: 'b', score: 2 }]);
    const table = new SortableTable(columns, source, { key: 'name', direction: 'asc' });
    source.set([{ name: 'b', score: 2 }, { name: 'a', score: 1 }]);
    expect(table.rows().map((row) => row.name)).toEqual(['a', 'b']);
  });

  it('keeps equal values in their original order', () => {
    const sorted = sortRows([{ name: 'x', score: 1 }, { name: 'y', score: 1 }], columns[1], 'desc');
    expect(sorted.map((row) => row.name)).toEqual(['x', 'y']);
  });

  it('exports what is shown as spreadsheet-safe CSV', () => {
    const table = new SortableTable(columns, signal<Row[]>([{ name: '=HYPERLINK("x")', score: 1.5 }, { name: 'Guadalajara, "GDL"', score: null }]));
    const csv = toCsvText(table.toRecords());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['Provider,Score', `"'=HYPERLINK(""x"")",1.5`, '"Guadalajara, ""GDL""",', '']);
  });

  it('names files after the table and the day', () => {
    expect(csvFileName('Escalaciones abiertas — Norte', new Date(2026, 10, 21))).toBe('escalaciones-abiertas-norte-2026-11-21.csv');
  });
});
