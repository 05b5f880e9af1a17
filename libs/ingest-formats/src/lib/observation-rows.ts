import { ColumnMapping, ValueFormats } from './column-mapping';
import { RawRow } from './delimited';
import { PreparedCatalog } from './ingest-catalog';
import { IssueCollector } from './ingest-issue';
import { ObservationInput, SourceColumns } from './observation-record';
import { PercentStyleTracker, RowReader, normaliseGranularity, roundTo } from './row-reading';
import {
  DecimalSeparator,
  parseDuration,
  parseNonNegativeNumber,
  parseNumber,
  parsePercent,
} from './value-parsers';
import {
  ComponentKind,
  WIDE_COMPONENT_FALLBACKS,
  WIDE_COMPONENT_KINDS,
  WIDE_CONSISTENCY_CHECKS,
  WIDE_KPI_RULES,
  WideKpiRule,
} from './wide-columns.constants';

/** Turns one raw row into observation inputs (not validated yet); reports row problems itself. */
export interface ObservationRowMapper {
  map(row: RawRow, out: ObservationInput[]): boolean;
  finish(issues: IssueCollector): void;
}

interface MapperContext {
  readonly reader: RowReader;
  readonly catalog: PreparedCatalog;
  readonly formats: ValueFormats;
  readonly decimalSeparator: DecimalSeparator;
}

function dimensionColumns(reader: RowReader): SourceColumns {
  const col = (t: string) => reader.column(t) ?? undefined;
  return {
    periodStart: col('date'),
    granularity: col('granularity'),
    siteCode: col('site'),
    serviceLine: col('service_line'),
    queue: col('queue'),
    kpiCode: col('kpi'),
  };
}

/** Reads the dimension fields shared by long and wide rows; null when the date is unusable. */
function readDimensions(reader: RowReader, row: RawRow) {
  const periodStart = reader.date(row, 'date');
  if (periodStart === null) return null;
  const granularityText = reader.text(row, 'granularity');
  return {
    periodStart,
    granularity: granularityText === '' ? 'day' : normaliseGranularity(granularityText),
    siteCode: reader.text(row, 'site'),
    serviceLine: reader.text(row, 'service_line'),
    queue: reader.text(row, 'queue'),
  };
}

/**
 * Long layout: date, site, service line, queue, KPI, numerator, denominator per row. A `value` column
 * (ready-made percentage, average or score) is accepted instead of the numerator when the row has a
 * denominator: numerator = round(value x denominator), flagged derived. KPIs without a denominator
 * (backlog) take the value as the numerator.
 */
export class LongRowMapper implements ObservationRowMapper {
  private readonly columns: SourceColumns;
  private readonly percents = new PercentStyleTracker();

  constructor(private readonly ctx: MapperContext) {
    const reader = ctx.reader;
    this.columns = {
      ...dimensionColumns(reader),
      numerator: reader.column('numerator') ?? reader.column('value') ?? undefined,
      denominator: reader.column('denominator') ?? undefined,
    };
  }

  map(row: RawRow, out: ObservationInput[]): boolean {
    const { reader, decimalSeparator } = this.ctx;
    const dims = readDimensions(reader, row);
    let ok = dims !== null;
    const number = (text: string) => parseNumber(text, { decimalSeparator });
    const denominator = reader.parse(row, 'denominator', number);
    if (denominator === null) ok = false;
    const kpiText = reader.text(row, 'kpi');
    let numerator: number | null | undefined;
    let derived = false;
    let rawNumerator = reader.text(row, 'numerator');
    if (reader.has('numerator') && rawNumerator !== '') {
      numerator = reader.parse(row, 'numerator', number);
    } else if (reader.has('value')) {
      rawNumerator = reader.text(row, 'value');
      const rebuilt = this.fromValue(row, kpiText, rawNumerator, denominator ?? undefined);
      numerator = rebuilt === null ? null : rebuilt.numerator;
      derived = rebuilt?.derived ?? false;
    }
    if (numerator === undefined) {
      reader.missing(row, reader.has('numerator') ? 'numerator' : 'value', 'a numerator');
      return false;
    }
    if (numerator === null || !ok || dims === null) return false;
    // Explicit properties: `{ ...dims, more }` is two orders of magnitude slower in V8 on this hot path.
    out.push({
      periodStart: dims.periodStart,
      granularity: dims.granularity,
      siteCode: dims.siteCode,
      serviceLine: dims.serviceLine,
      queue: dims.queue,
      kpiCode: kpiText,
      numerator,
      denominator: denominator ?? null,
      derived,
      source: { line: row.line },
      columns: this.columns,
      rawNumerator,
      rawDenominator: reader.text(row, 'denominator'),
    });
    return true;
  }

  private fromValue(
    row: RawRow,
    kpiText: string,
    text: string,
    denominator: number | undefined,
  ): { numerator: number; derived: boolean } | null {
    const { reader, catalog, formats, decimalSeparator } = this.ctx;
    if (text === '') {
      reader.missing(row, 'value', 'a value');
      return null;
    }
    const resolved = catalog.kpis.resolve(kpiText);
    const kpi = resolved.ok ? catalog.kpiByCode.get(resolved.value) : undefined;
    if (kpi === undefined) {
      // Unknown KPI: validation reports it; read the value as a plain number meanwhile.
      const n = parseNumber(text, { decimalSeparator });
      return n.ok ? { numerator: n.value, derived: false } : null;
    }
    if (kpi.denominatorLabel === null || kpi.aggregation === 'stock' || kpi.aggregation === 'sum') {
      const n = parseNumber(text, { decimalSeparator });
      if (!n.ok) {
        reader.error(row, 'value', text, n.reason);
        return null;
      }
      return { numerator: n.value, derived: false };
    }
    if (denominator === undefined) {
      reader.error(
        row,
        'value',
        text,
        `is a ready-made ${kpi.code} value; the denominator (${kpi.denominatorLabel}) is needed to rebuild the components`,
        'missing_value',
      );
      return null;
    }
    const value = readReadyMade(
      kpi.unit === 'percent'
        ? 'percent'
        : kpi.unit === 'seconds'
          ? 'duration'
          : kpi.aggregation === 'net_share'
            ? 'nps'
            : 'number',
      text,
      formats,
      decimalSeparator,
    );
    if (!value.ok) {
      reader.error(
        row,
        'value',
        text,
        value.reason,
        value.reason.startsWith('is above') || value.reason.startsWith('is negative')
          ? 'out_of_range'
          : 'invalid_value',
      );
      return null;
    }
    if (kpi.unit === 'percent') this.percents.note(reader.column('value'), text, row.line);
    const decimals = kpi.unit === 'percent' && Number.isInteger(denominator) ? 0 : 3;
    return { numerator: roundTo(value.value * denominator, decimals), derived: true };
  }

  finish(issues: IssueCollector): void {
    this.percents.report(issues);
  }
}

type ReadyMadeKindName = 'percent' | 'duration' | 'number' | 'nps';

/** A ready-made KPI value as a multiplier of the denominator: ratio for percentages, seconds for averages. */
function readReadyMade(
  kind: ReadyMadeKindName,
  text: string,
  formats: ValueFormats,
  decimalSeparator: DecimalSeparator,
) {
  switch (kind) {
    case 'percent':
      return parsePercent(text, { style: formats.percent, decimalSeparator });
    case 'duration':
      return parseDuration(text, { style: formats.duration, decimalSeparator });
    case 'nps': {
      const n = parseNumber(text, { decimalSeparator });
      if (!n.ok) return n;
      if (n.value < -100 || n.value > 100)
        return { ok: false as const, reason: 'is outside -100..100; NPS is a score' };
      return { ok: true as const, value: n.value / 100 };
    }
    case 'number':
      return parseNonNegativeNumber(text, { decimalSeparator, what: 'averages' });
  }
}

interface ActiveRule {
  readonly rule: WideKpiRule;
  readonly mode: 'components' | 'ready_made';
  /** Numerator terms: component field and sign. */
  readonly numerator: readonly { field: string; sign: 1 | -1 }[];
  readonly denominator: readonly string[] | null;
  readonly columns: SourceColumns;
}

/**
 * Wide layout: one row per date x site x line x queue with component columns (see
 * `wide-columns.constants.ts`). Every rule whose columns are mapped yields one record per row; a rule whose
 * denominator is 0 on a row (nothing offered) yields nothing for that row.
 */
export class WideRowMapper implements ObservationRowMapper {
  private readonly active: ActiveRule[] = [];
  /** Component field -> target field that is actually read (fallbacks applied). */
  private readonly source = new Map<string, string>();
  private readonly neededComponents: string[] = [];
  private readonly percents = new PercentStyleTracker();
  private readonly values = new Map<string, number | undefined>();
  readonly usable: boolean;

  constructor(
    private readonly ctx: MapperContext,
    mapping: ColumnMapping,
    issues: IssueCollector,
    headerLine: number | null,
  ) {
    const reader = ctx.reader;
    const dims = dimensionColumns(reader);
    const mapped = (field: string): string | null => {
      if (reader.has(field)) return field;
      const fallback = WIDE_COMPONENT_FALLBACKS[field];
      return fallback !== undefined && reader.has(fallback) ? fallback : null;
    };
    const wanted = mapping.kpis ? new Set(mapping.kpis) : null;
    if (wanted) {
      for (const code of wanted) {
        if (!WIDE_KPI_RULES.some((r) => r.kpiCode === code)) {
          issues.error({
            code: 'mapping',
            line: headerLine,
            column: null,
            value: code,
            reason: "is listed in the mapping's kpis but the wide layout has no rule for it",
          });
        }
      }
    }
    const needed = new Set<string>();
    for (const rule of WIDE_KPI_RULES) {
      if (wanted && !wanted.has(rule.kpiCode)) continue;
      const numeratorFields = rule.numerator.map((f) => f.replace(/^-/, ''));
      const denominatorFields = rule.denominator ?? [];
      const componentSources = [...numeratorFields, ...denominatorFields].map(mapped);
      const inCatalog = ctx.catalog.kpiByCode.has(rule.kpiCode);
      let mode: ActiveRule['mode'] | null = null;
      if (componentSources.every((s) => s !== null)) mode = 'components';
      else if (rule.readyMade && reader.has(rule.kpiCode)) {
        const denominatorSources = denominatorFields.map(mapped);
        if (denominatorFields.length === 1 && denominatorSources[0] !== null) mode = 'ready_made';
        else {
          issues.error({
            code: 'mapping',
            line: headerLine,
            column: reader.column(rule.kpiCode),
            value: null,
            reason: `holds ready-made ${rule.kpiCode} values; map its denominator (${denominatorFields.join(' + ')}) too so the components can be rebuilt`,
          });
        }
      } else if (
        numeratorFields.some((f) => mapped(f) !== null) &&
        numeratorFields.every((f) => mapped(f) !== null)
      ) {
        issues.warning({
          code: 'mapping',
          line: headerLine,
          column: null,
          value: null,
          reason: `${rule.kpiCode} is not produced: its denominator (${denominatorFields.join(' + ')}) is not mapped`,
        });
      }
      if (mode === null) continue;
      if (!inCatalog) {
        issues.warning({
          code: 'mapping',
          line: headerLine,
          column: null,
          value: null,
          reason: `${rule.kpiCode} is not in the catalog; its columns are ignored`,
        });
        continue;
      }
      const numerator =
        mode === 'components'
          ? rule.numerator.map((f) => ({
              field: f.replace(/^-/, ''),
              sign: (f.startsWith('-') ? -1 : 1) as 1 | -1,
            }))
          : [{ field: rule.kpiCode, sign: 1 as const }];
      const denominator = rule.denominator;
      for (const t of [...numerator.map((n) => n.field), ...(denominator ?? [])]) {
        const s = mode === 'ready_made' && t === rule.kpiCode ? t : (mapped(t) as string);
        this.source.set(t, s);
        if (t !== rule.kpiCode || mode === 'components') needed.add(t);
      }
      const numeratorColumn =
        reader.column(this.source.get(numerator[0].field) ?? numerator[0].field) ?? undefined;
      const denominatorColumn = denominator
        ? (reader.column(this.source.get(denominator[0]) as string) ?? undefined)
        : undefined;
      this.active.push({
        rule,
        mode,
        numerator,
        denominator,
        columns: { ...dims, kpiCode: undefined, numerator: numeratorColumn, denominator: denominatorColumn },
      });
      if (mode === 'ready_made') {
        issues.warning({
          code: 'derived',
          line: headerLine,
          column: reader.column(rule.kpiCode),
          value: null,
          reason: `holds ready-made ${rule.kpiCode} values: numerator rebuilt as round(value x ${denominator?.[0]}) and flagged derived`,
        });
      }
    }
    for (const check of WIDE_CONSISTENCY_CHECKS) {
      for (const f of [check.part, check.whole]) {
        const s = mapped(f);
        if (s !== null && !this.source.has(f)) this.source.set(f, s);
        if (s !== null) needed.add(f);
      }
    }
    this.neededComponents = [...needed];
    if (this.active.length === 0 && !wanted) {
      issues.error({
        code: 'mapping',
        line: headerLine,
        column: null,
        value: null,
        reason: 'no KPI can be built from the mapped columns (see the wide layout column names)',
      });
    }
    this.usable = this.active.length > 0;
  }

  private readComponent(row: RawRow, field: string): number | null | undefined {
    const { reader, formats, decimalSeparator } = this.ctx;
    const target = this.source.get(field) ?? field;
    const kind: ComponentKind = WIDE_COMPONENT_KINDS[field] ?? 'amount';
    if (kind === 'seconds')
      return reader.parse(row, target, (t) =>
        parseDuration(t, { style: formats.duration, decimalSeparator }),
      );
    return reader.parse(row, target, (t) =>
      parseNonNegativeNumber(t, { decimalSeparator, what: kind === 'count' ? 'counts' : 'amounts' }),
    );
  }

  map(row: RawRow, out: ObservationInput[]): boolean {
    const { reader, formats, decimalSeparator } = this.ctx;
    const dims = readDimensions(reader, row);
    let ok = dims !== null;
    const values = this.values;
    values.clear();
    for (const field of this.neededComponents) {
      const v = this.readComponent(row, field);
      if (v === null) ok = false;
      values.set(field, v ?? undefined);
    }
    if (!ok || dims === null) return false;
    for (const check of WIDE_CONSISTENCY_CHECKS) {
      const part = values.get(check.part);
      const whole = values.get(check.whole);
      if (part !== undefined && whole !== undefined && part > whole) {
        const partTarget = this.source.get(check.part) ?? check.part;
        const wholeTarget = this.source.get(check.whole) ?? check.whole;
        if (partTarget === wholeTarget) continue;
        reader.error(
          row,
          partTarget,
          reader.text(row, partTarget),
          `is above ${check.whole} (${whole}, column "${reader.column(wholeTarget)}"); ${check.reason}`,
          'inconsistent',
        );
        ok = false;
      }
    }
    if (!ok) return false;
    const before = out.length;
    for (const active of this.active) {
      let denominator: number | null = null;
      if (active.denominator !== null) {
        denominator = 0;
        let missing = false;
        for (const f of active.denominator) {
          const v = values.get(f);
          if (v === undefined) missing = true;
          else denominator += v;
        }
        if (missing || denominator === 0) continue;
      }
      let numerator = 0;
      let derived = false;
      let rawNumerator: string | undefined;
      if (active.mode === 'components') {
        let missing = false;
        for (const { field, sign } of active.numerator) {
          const v = values.get(field);
          if (v === undefined) missing = true;
          else numerator += sign * v;
        }
        if (missing) continue;
        rawNumerator =
          active.numerator.length === 1
            ? reader.text(row, this.source.get(active.numerator[0].field) as string)
            : String(numerator);
      } else {
        const text = reader.text(row, active.rule.kpiCode);
        if (text === '') continue;
        const readyMade = active.rule.readyMade as NonNullable<WideKpiRule['readyMade']>;
        const value = readReadyMade(readyMade.kind, text, formats, decimalSeparator);
        if (!value.ok) {
          reader.error(
            row,
            active.rule.kpiCode,
            text,
            value.reason,
            value.reason.startsWith('is above') || value.reason.startsWith('is negative')
              ? 'out_of_range'
              : 'invalid_value',
          );
          ok = false;
          continue;
        }
        if (readyMade.kind === 'percent')
          this.percents.note(reader.column(active.rule.kpiCode), text, row.line);
        numerator = roundTo(value.value * (denominator as number), readyMade.decimals);
        derived = true;
        rawNumerator = String(numerator);
      }
      out.push({
        periodStart: dims.periodStart,
        granularity: dims.granularity,
        siteCode: dims.siteCode,
        serviceLine: dims.serviceLine,
        queue: dims.queue,
        kpiCode: active.rule.kpiCode,
        numerator,
        denominator,
        derived,
        source: { line: row.line },
        columns: active.columns,
        rawNumerator,
      });
    }
    if (!ok) {
      out.length = before;
      return false;
    }
    return true;
  }

  finish(issues: IssueCollector): void {
    this.percents.report(issues);
  }
}
