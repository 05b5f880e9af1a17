import { computed, Signal, signal } from '@angular/core';

export type SortDirection = 'asc' | 'desc';
export type CellValue = string | number | boolean | null | undefined;

export interface TableColumn<T> {
  readonly key: string;
  /** The CSV header (already translated by the caller when it is shown to people). */
  readonly header: string | (() => string);
  /** The value exported to CSV, and sorted on unless `sortValue` is given. */
  readonly value: (row: T) => CellValue;
  readonly sortValue?: (row: T) => CellValue;
}

export interface TableSort {
  readonly key: string;
  readonly direction: SortDirection;
}

/** Orders rows by one column: numbers numerically, text by locale, missing values always last. */
export function sortRows<T>(rows: readonly T[], column: Pick<TableColumn<T>, 'value' | 'sortValue'>, direction: SortDirection): T[] {
  const read = column.sortValue ?? column.value;
  const factor = direction === 'asc' ? 1 : -1;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  return rows
    .map((row, index) => ({ row, index, value: read(row) }))
    .sort((a, b) => {
      const aMissing = a.value === null || a.value === undefined || a.value === '';
      const bMissing = b.value === null || b.value === undefined || b.value === '';
      if (aMissing || bMissing) return aMissing === bMissing ? a.index - b.index : aMissing ? 1 : -1;
      const order =
        typeof a.value === 'number' && typeof b.value === 'number' ? a.value - b.value : collator.compare(String(a.value), String(b.value));
      return order === 0 ? a.index - b.index : order * factor;
    })
    .map((entry) => entry.row);
}

/**
 * What `kpi-sort-header` and `kpi-csv-export` need of a table, whatever its row type (a `SortableTable<Row>`
 * is not a `SortableTable<unknown>`: its columns only read `Row`s).
 */
export interface SortableTableView {
  readonly sort: Signal<TableSort | null>;
  readonly rows: Signal<readonly unknown[]>;
  toggle(key: string, preferDescending?: boolean): void;
  toRecords(): CellValue[][];
}

/**
 * The sort state and sorted rows of one table, plus what its CSV export needs. Pages create one per table
 * with their rows signal; `kpi-sort-header` and `kpi-csv-export` bind to it.
 */
export class SortableTable<T> implements SortableTableView {
  private readonly state: ReturnType<typeof signal<TableSort | null>>;

  readonly sort: Signal<TableSort | null>;
  readonly rows: Signal<readonly T[]>;

  constructor(
    readonly columns: readonly TableColumn<T>[],
    private readonly source: Signal<readonly T[]>,
    initial: TableSort | null = null,
  ) {
    this.state = signal(initial);
    this.sort = this.state.asReadonly();
    this.rows = computed(() => {
      const sort = this.state();
      const column = sort && this.columns.find((candidate) => candidate.key === sort.key);
      return column ? sortRows(this.source(), column, sort.direction) : this.source();
    });
  }

  /** First click sorts ascending (descending for numbers people rank, if `preferDescending`), the next reverses. */
  toggle(key: string, preferDescending = false): void {
    const current = this.state();
    const first: SortDirection = preferDescending ? 'desc' : 'asc';
    const direction: SortDirection = current?.key === key ? (current.direction === 'asc' ? 'desc' : 'asc') : first;
    this.state.set({ key, direction });
  }

  setSort(sort: TableSort | null): void {
    this.state.set(sort);
  }

  ariaSort(key: string): 'ascending' | 'descending' | 'none' {
    const sort = this.state();
    if (sort?.key !== key) return 'none';
    return sort.direction === 'asc' ? 'ascending' : 'descending';
  }

  /** Header row + the rows in the order shown, as plain cells. */
  toRecords(): CellValue[][] {
    const header = this.columns.map((column) => (typeof column.header === 'function' ? column.header() : column.header));
    return [header, ...this.rows().map((row) => this.columns.map((column) => column.value(row)))];
  }
}
