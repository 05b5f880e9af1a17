import { IsoDate, ServiceLineCode, bucketStart, isIsoDate, toEpochDay } from '@kpi/domain';
import {
  IngestCatalog,
  IngestKpi,
  PreparedCatalog,
  Resolution,
  Resolver,
  prepareCatalog,
} from './ingest-catalog';
import { IngestIssue, IngestResult, IssueCollector, emptyStats, finishResult } from './ingest-issue';
import {
  OBSERVATION_GRANULARITIES,
  ObservationGranularity,
  ObservationInput,
  ObservationRecord,
  SourceColumns,
} from './observation-record';

export interface ValidateObservationsOptions {
  /** Today's local date in the provider's time zone: periods starting after it are rejected. */
  readonly today: IsoDate;
  readonly maxErrors?: number;
  readonly maxWarnings?: number;
}

const EPSILON = 1e-9;
const DUPLICATE = Symbol('duplicate');

type Field = keyof SourceColumns;

interface PeriodCheck {
  readonly ok: boolean;
  /** Days since 1970-01-01 of the period start (valid periods). */
  readonly epochDay?: number;
  readonly reason?: string;
  readonly suggestion?: string;
  readonly field?: Field;
}

/**
 * Checks records before anything is stored, in one pass (memoised lookups, one map of natural keys):
 * - types (strings, finite numbers), a known granularity, a real date that starts its week/month and is
 *   not after `today`;
 * - known KPI, site and service line, matched case/accent-insensitively (cities, names and aliases are
 *   accepted and stored as the code) with a "did you mean" suggestion when unknown;
 * - ranges: numerators not negative (except NPS), rates' numerators not above their denominator,
 *   denominators above 0 where the KPI has one and empty where it has none;
 * - natural key (period, granularity, site, line, queue, KPI) unique: an identical repeat is dropped with a
 *   warning; a repeat with other values is an error naming both lines, and both records are rejected
 *   (in streaming use, only the later one: the earlier was already handed out).
 */
export class ObservationValidator {
  private readonly catalog: PreparedCatalog;
  /** Granularity -> period start -> check (no string building per record). */
  private readonly periodMemo = new Map<string, Map<string, PeriodCheck>>();
  /**
   * Natural key -> slot of the first record with that key: combination index of (KPI, site, line, queue,
   * granularity), interned through nested maps, then epoch day. Small-integer keys only, so a million
   * records build no key strings.
   */
  private readonly keys: Map<number, number>[] = [];
  private readonly combos = new Map<string, Map<string, Map<string, Map<string, Map<string, number>>>>>();
  private comboCount = 0;
  private readonly slotNumerator: number[] = [];
  /** NaN for a null denominator (keeps the array unboxed). */
  private readonly slotDenominator: number[] = [];
  /** Line of the first record, or -1 (then its JSON path is in `slotPath`). */
  private readonly slotLine: number[] = [];
  private readonly slotPath = new Map<number, string>();
  /** Index in `accepted` (retroactive mode, still accepted), else -1. */
  private readonly slotAccepted: number[] = [];
  /** Retroactive mode: accepted records; rejected-after-the-fact ones are set to null. */
  private readonly accepted: (ObservationRecord | null)[] = [];
  rejected = 0;
  duplicates = 0;
  private lastErrorKey = '';

  constructor(
    catalog: IngestCatalog,
    private readonly options: ValidateObservationsOptions,
    private readonly issues: IssueCollector,
    /** true: keep every accepted record until `results()`, so a later conflicting duplicate rejects both. */
    private readonly retroactive = true,
  ) {
    this.catalog = prepareCatalog(catalog);
    if (!isIsoDate(options.today))
      throw new RangeError(`today must be an ISO date (yyyy-mm-dd): "${options.today}"`);
  }

  /** Validates a batch; in streaming mode returns the batch's accepted records. */
  validate(batch: readonly ObservationInput[]): ObservationRecord[] {
    const out: ObservationRecord[] = [];
    for (const input of batch) {
      const record = this.check(input);
      if (record === null) {
        this.rejected++;
        continue;
      }
      if (record === DUPLICATE) continue;
      if (this.retroactive) this.accepted.push(record);
      else out.push(record);
    }
    return out;
  }

  /** Retroactive mode: every accepted record, in input order. */
  results(): ObservationRecord[] {
    return this.accepted.filter((r): r is ObservationRecord => r !== null);
  }

  private error(
    input: ObservationInput,
    field: Field | null,
    value: string | null,
    reason: string,
    code: IngestIssue['code'],
    suggestion?: string,
  ): void {
    // A wide row yields several records: report a problem of a shared field (an unknown site) once per row.
    const key = `${input.source.line ?? input.source.path}|${field}|${value}|${reason}`;
    if (key === this.lastErrorKey) return;
    this.lastErrorKey = key;
    const issue: IngestIssue = {
      code,
      line: input.source.line,
      column: field === null ? null : (input.columns?.[field] ?? (input.source.line === null ? field : null)),
      value,
      reason,
      ...(suggestion !== undefined ? { suggestion } : {}),
      ...(input.source.path !== undefined ? { path: input.source.path } : {}),
    };
    this.issues.error(issue);
  }

  private resolveOrReport<T extends string>(
    input: ObservationInput,
    field: Field,
    raw: unknown,
    resolver: Resolver<T>,
  ): T | null {
    if (typeof raw !== 'string' || raw.trim() === '') {
      this.error(input, field, null, `the ${describeField(field)} is empty`, 'missing_value');
      return null;
    }
    const resolution: Resolution<T> = resolver.resolve(raw.trim());
    if (resolution.ok) return resolution.value;
    const suggestion =
      resolution.kind === 'unknown' && this.issues.acceptsErrors ? resolver.suggest(raw) : undefined;
    this.error(input, field, raw, resolution.reason, 'unknown_reference', suggestion);
    return null;
  }

  private checkPeriod(periodStart: unknown, granularity: unknown): PeriodCheck {
    if (
      typeof granularity !== 'string' ||
      !OBSERVATION_GRANULARITIES.includes(granularity as ObservationGranularity)
    ) {
      return { ok: false, field: 'granularity', reason: 'is not a granularity (day, week or month)' };
    }
    if (typeof periodStart !== 'string')
      return { ok: false, field: 'periodStart', reason: 'is not a yyyy-mm-dd date' };
    let byDate = this.periodMemo.get(granularity);
    if (byDate === undefined) this.periodMemo.set(granularity, (byDate = new Map()));
    let check = byDate.get(periodStart);
    if (check === undefined) {
      check = this.computePeriod(periodStart, granularity as ObservationGranularity);
      if (byDate.size > 100_000) byDate.clear();
      byDate.set(periodStart, check);
    }
    return check;
  }

  private computePeriod(periodStart: string, granularity: ObservationGranularity): PeriodCheck {
    if (!isIsoDate(periodStart))
      return { ok: false, field: 'periodStart', reason: 'is not a yyyy-mm-dd date' };
    const start = bucketStart(periodStart, granularity);
    if (start !== periodStart) {
      return {
        ok: false,
        field: 'periodStart',
        reason:
          granularity === 'week'
            ? 'is not the first day of its week (weeks start on Monday)'
            : 'is not the first day of its month',
        suggestion: start,
      };
    }
    if (periodStart > this.options.today) {
      return { ok: false, field: 'periodStart', reason: `is in the future (today is ${this.options.today})` };
    }
    return { ok: true, epochDay: toEpochDay(periodStart) };
  }

  /** Index of a (KPI, site, line, queue, granularity) combination. */
  private comboIndex(kpi: string, site: string, line: string, queue: string, granularity: string): number {
    const level = <V>(map: Map<string, V>, key: string, create: () => V): V => {
      let value = map.get(key);
      if (value === undefined) map.set(key, (value = create()));
      return value;
    };
    const byQueue = level(
      level(
        level(this.combos, kpi, () => new Map()),
        site,
        () => new Map(),
      ),
      line,
      () => new Map(),
    );
    const byGranularity = level(byQueue, queue, () => new Map<string, number>());
    let index = byGranularity.get(granularity);
    if (index === undefined) byGranularity.set(granularity, (index = this.comboCount++));
    return index;
  }

  private check(input: ObservationInput): ObservationRecord | typeof DUPLICATE | null {
    const catalog = this.catalog;
    let failed = false;
    const kpiCode = this.resolveOrReport(input, 'kpiCode', input.kpiCode, catalog.kpis);
    if (kpiCode === null) failed = true;
    const siteCode = this.resolveOrReport(input, 'siteCode', input.siteCode, catalog.sites);
    if (siteCode === null) failed = true;
    const serviceLine = this.resolveOrReport<ServiceLineCode>(
      input,
      'serviceLine',
      input.serviceLine,
      catalog.serviceLines,
    );
    if (serviceLine === null) failed = true;
    const period = this.checkPeriod(input.periodStart, input.granularity);
    if (!period.ok) {
      const field = period.field as Field;
      const raw = field === 'periodStart' ? input.periodStart : input.granularity;
      this.error(
        input,
        field,
        typeof raw === 'string' ? raw : null,
        period.reason as string,
        field === 'periodStart' && period.reason?.startsWith('is in the future')
          ? 'future_period'
          : 'invalid_value',
        period.suggestion,
      );
      failed = true;
    }
    const queue = input.queue === undefined || input.queue === null ? '' : input.queue;
    if (typeof queue !== 'string') {
      this.error(input, 'queue', null, 'the queue must be text', 'invalid_value');
      failed = true;
    }
    const kpi = kpiCode === null ? undefined : catalog.kpiByCode.get(kpiCode);
    if (!this.checkNumbers(input, kpi)) failed = true;
    if (failed || kpi === undefined) return null;

    const record: ObservationRecord = {
      periodStart: input.periodStart,
      granularity: input.granularity as ObservationGranularity,
      siteCode: siteCode as string,
      serviceLine: serviceLine as ServiceLineCode,
      queue: (queue as string).trim(),
      kpiCode: kpi.code,
      numerator: input.numerator,
      denominator: input.denominator,
      derived: input.derived === true,
      source: input.source,
    };
    return this.checkDuplicate(input, record, period.epochDay as number);
  }

  private checkNumbers(input: ObservationInput, kpi: IngestKpi | undefined): boolean {
    const num = input.numerator;
    const den = input.denominator;
    const rawNum = input.rawNumerator ?? (typeof num === 'number' ? String(num) : null);
    const rawDen = input.rawDenominator ?? (typeof den === 'number' ? String(den) : null);
    if (num === undefined || num === null) {
      this.error(input, 'numerator', null, 'the numerator is empty', 'missing_value');
      return false;
    }
    if (typeof num !== 'number' || !Number.isFinite(num)) {
      this.error(input, 'numerator', String(num), 'is not a number', 'invalid_value');
      return false;
    }
    if (den === undefined) {
      this.error(
        input,
        'denominator',
        null,
        'the denominator is missing (use null for KPIs without one)',
        'missing_value',
      );
      return false;
    }
    if (den !== null && (typeof den !== 'number' || !Number.isFinite(den))) {
      this.error(input, 'denominator', String(den), 'is not a number', 'invalid_value');
      return false;
    }
    if (kpi === undefined) return true;
    const numLabel = kpi.numeratorLabel;
    const denLabel = kpi.denominatorLabel;
    if (kpi.aggregation !== 'net_share' && num < 0) {
      this.error(input, 'numerator', rawNum, `is negative; ${numLabel} cannot be negative`, 'out_of_range');
      return false;
    }
    if (denLabel === null || kpi.aggregation === 'stock' || kpi.aggregation === 'sum') {
      if (den !== null) {
        this.error(
          input,
          'denominator',
          rawDen,
          `is set, but ${kpi.code} has no denominator; leave it empty`,
          'out_of_range',
        );
        return false;
      }
      return true;
    }
    if (den === null) {
      if (kpi.aggregation === 'sum_over_mean_stock') return true;
      this.error(
        input,
        'denominator',
        null,
        `the denominator is empty; ${kpi.code} needs ${denLabel}`,
        'missing_value',
      );
      return false;
    }
    if (den <= 0) {
      this.error(
        input,
        'denominator',
        rawDen,
        den === 0
          ? `is 0; ${kpi.code} needs ${denLabel} above 0`
          : `is negative; ${denLabel} cannot be negative`,
        'out_of_range',
      );
      return false;
    }
    if (kpi.aggregation === 'net_share' && Math.abs(num) > den + EPSILON) {
      this.error(
        input,
        'numerator',
        rawNum,
        `is outside -${den}..${den}; ${numLabel} cannot exceed ${denLabel}`,
        'out_of_range',
      );
      return false;
    }
    if (kpi.aggregation === 'ratio_of_sums' && kpi.unit === 'percent' && num > den + EPSILON) {
      const denColumn = input.columns?.denominator;
      this.error(
        input,
        'numerator',
        rawNum,
        `is above the denominator ${rawDen}${denColumn ? ` (column "${denColumn}")` : ''}; ${numLabel} cannot exceed ${denLabel}`,
        'out_of_range',
      );
      return false;
    }
    return true;
  }

  /** The record when its key is new; DUPLICATE for an identical repeat (dropped); null for a conflict. */
  private checkDuplicate(
    input: ObservationInput,
    record: ObservationRecord,
    epochDay: number,
  ): ObservationRecord | typeof DUPLICATE | null {
    const combo = this.comboIndex(
      record.kpiCode,
      record.siteCode,
      record.serviceLine,
      record.queue,
      record.granularity,
    );
    let byDay = this.keys[combo];
    if (byDay === undefined) this.keys[combo] = byDay = new Map();
    const slot = byDay.get(epochDay);
    if (slot === undefined) {
      const index = this.slotNumerator.length;
      byDay.set(epochDay, index);
      this.slotNumerator.push(record.numerator);
      this.slotDenominator.push(record.denominator === null ? NaN : record.denominator);
      this.slotLine.push(record.source.line ?? -1);
      if (record.source.line === null && record.source.path !== undefined)
        this.slotPath.set(index, record.source.path);
      this.slotAccepted.push(this.retroactive ? this.accepted.length : -1);
      return record;
    }
    const firstLine = this.slotLine[slot];
    const where = firstLine >= 0 ? `line ${firstLine}` : (this.slotPath.get(slot) ?? 'an earlier item');
    const label = `${record.kpiCode} ${record.periodStart} (${record.granularity}) ${record.siteCode}/${record.serviceLine}/${record.queue === '' ? '(no queue)' : record.queue}`;
    const firstNumerator = this.slotNumerator[slot];
    const storedDenominator = this.slotDenominator[slot];
    const firstDenominator = Number.isNaN(storedDenominator) ? null : storedDenominator;
    if (firstNumerator === record.numerator && firstDenominator === record.denominator) {
      this.duplicates++;
      this.issues.warning({
        code: 'duplicate',
        line: input.source.line,
        column: null,
        value: null,
        reason: `repeats ${label} from ${where} with the same values; counted once`,
        ...(input.source.path !== undefined ? { path: input.source.path } : {}),
      });
      return DUPLICATE;
    }
    const acceptedIndex = this.slotAccepted[slot];
    const both = acceptedIndex >= 0;
    this.error(
      input,
      null,
      null,
      `repeats ${label} from ${where} with different values (${describeComponents(firstNumerator, firstDenominator)} there, ${describeComponents(record.numerator, record.denominator)} here); ${both ? 'both are' : 'this one is'} rejected`,
      'duplicate',
    );
    if (both) {
      this.accepted[acceptedIndex] = null;
      this.slotAccepted[slot] = -1;
      this.rejected++;
    }
    return null;
  }
}

function describeComponents(numerator: number, denominator: number | null): string {
  return denominator === null ? `${numerator}` : `${numerator}/${denominator}`;
}

function describeField(field: Field): string {
  switch (field) {
    case 'kpiCode':
      return 'KPI code';
    case 'siteCode':
      return 'site';
    case 'serviceLine':
      return 'service line';
    case 'periodStart':
      return 'date';
    default:
      return field;
  }
}

/** Validates a whole batch (see `ObservationValidator`). Never throws on bad records. */
export function validateObservations(
  records: readonly ObservationInput[],
  catalog: IngestCatalog,
  options: ValidateObservationsOptions,
): IngestResult<ObservationRecord> {
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  const validator = new ObservationValidator(catalog, options, issues, true);
  validator.validate(records);
  const valid = validator.results();
  return finishResult(valid, issues, {
    ...emptyStats(),
    rowsRead: records.length,
    recordsRejected: validator.rejected,
    duplicates: validator.duplicates,
  });
}
