/**
 * The plain model of a quarterly business review pack: what the exporters (PDF, Excel, CSV) render, and
 * what the archive keeps as the figures snapshot. JSON-serialisable (dates are ISO strings).
 */

/** How a column (or one cell) is formatted: `percent` values are fractions (0.81 = 81 %). */
export type ReviewValueType = 'text' | 'integer' | 'decimal' | 'percent' | 'money' | 'date' | 'datetime';

export type ReviewCell = string | number | null;

export interface ReviewColumn {
  key: string;
  header: string;
  type: ReviewValueType;
  /** Width in characters for the workbook (and relative width in the PDF). */
  width?: number;
}

export interface ReviewRow {
  /** Stable identity of the row inside its table (for the out-of-date comparison). */
  key: string;
  cells: Record<string, ReviewCell>;
  /** Per-cell format when a column mixes units (e.g. KPI values: percent for rates, decimal for seconds). */
  types?: Record<string, ReviewValueType>;
}

export interface ReviewTable {
  key: string;
  title: string;
  columns: ReviewColumn[];
  rows: ReviewRow[];
  /** Figures computed from KPI observations: a later restatement can change them. */
  restatable: boolean;
  note?: string;
}

export interface ReviewChartMarker {
  date: string;
  label: string;
}

export interface ReviewChart {
  key: string;
  title: string;
  kpiCode: string;
  type: ReviewValueType;
  /** Weekly points of the quarter (period start date). */
  points: { date: string; value: number | null }[];
  /** Drift markers (start dates of drift events and QA regressions). */
  markers: ReviewChartMarker[];
}

export interface ReviewSection {
  key: string;
  title: string;
  paragraphs: string[];
  tables: ReviewTable[];
  charts: ReviewChart[];
}

export interface QuarterlyReviewData {
  kind: 'provider' | 'portfolio';
  quarter: string;
  /** Inclusive ISO dates of the quarter. */
  from: string;
  to: string;
  months: string[];
  asOf: string;
  generatedAt: string;
  title: string;
  subtitle: string;
  providers: { id: string; code: string; name: string }[];
  sections: ReviewSection[];
}

/** Every table of a pack, in order. */
export function reviewTables(data: QuarterlyReviewData): ReviewTable[] {
  return data.sections.flatMap((section) => section.tables);
}

/** The figures of the tables that restatements can change, keyed by JSON `[table, row, column]`. */
export type FiguresSnapshot = Record<string, ReviewCell>;

export function figuresSnapshot(data: QuarterlyReviewData): FiguresSnapshot {
  const out: FiguresSnapshot = {};
  for (const table of reviewTables(data)) {
    if (!table.restatable) continue;
    for (const row of table.rows) {
      for (const column of table.columns) {
        if (column.type === 'text') continue;
        out[JSON.stringify([table.key, row.key, column.key])] = row.cells[column.key] ?? null;
      }
    }
  }
  return out;
}

export interface FigureChange {
  table: string;
  row: string;
  column: string;
  issued: ReviewCell;
  current: ReviewCell;
}

/** Figures of `issued` that differ in `current` (numbers compared to 1e-9 relative), plus figures that appeared or vanished. */
export function diffFigures(issued: FiguresSnapshot, current: FiguresSnapshot): FigureChange[] {
  const keys = [...new Set([...Object.keys(issued), ...Object.keys(current)])].sort();
  const changes: FigureChange[] = [];
  for (const key of keys) {
    const a = key in issued ? issued[key] : null;
    const b = key in current ? current[key] : null;
    if (sameFigure(a, b)) continue;
    const [table, row, column] = JSON.parse(key) as [string, string, string];
    changes.push({ table, row, column, issued: a, current: b });
  }
  return changes;
}

function sameFigure(a: ReviewCell, b: ReviewCell): boolean {
  if (typeof a === 'number' && typeof b === 'number') {
    return Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
  }
  return a === b;
}
