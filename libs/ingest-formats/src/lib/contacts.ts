import { IsoDate, ServiceLineCode } from '@kpi/domain';
import {
  ColumnMapping,
  SatisfactionStyle,
  effectiveDecimalSeparator,
  resolveColumns,
} from './column-mapping';
import { Delimiter, RawRow } from './delimited';
import { IngestCatalog, PreparedCatalog, prepareCatalog } from './ingest-catalog';
import { IngestResult, IssueCollector, emptyStats, finishResult } from './ingest-issue';
import { assertTimeZone, toLocalDateTime } from './local-time';
import { ObservationInput, ObservationRecord } from './observation-record';
import { FileFormat } from './tabular-file';
import { RowReader, roundTo } from './row-reading';
import { ObservationValidator } from './validate-observations';
import {
  DecimalSeparator,
  ParseResult,
  parseBoolean,
  parseDuration,
  parseNumber,
  parseTimestamp,
} from './value-parsers';
import { readTabularFile } from './tabular-file';

/** One call, chat or ticket. */
export interface ContactRow {
  readonly contactId: string;
  /** Epoch milliseconds, or an ISO timestamp (with an offset, or a local time without one). */
  readonly startedAt: number | string;
  readonly siteCode: string;
  readonly serviceLine: ServiceLineCode;
  readonly queue: string;
  readonly answered: boolean;
  readonly abandoned: boolean;
  /** Seconds in queue until answered or abandoned; null when unknown (then left out of SL and ASA). */
  readonly waitSeconds: number | null;
  /** Talk + hold + after-contact work, seconds; null when unknown (then left out of AHT). */
  readonly handleSeconds: number | null;
  /** null when the contact was not assessed. */
  readonly resolvedFirstContact: boolean | null;
  /** Top-2-box satisfied; null when there is no survey response. */
  readonly satisfied: boolean | null;
  /** Source line, for messages and the records' source. */
  readonly line: number | null;
}

export interface ContactRollupOptions {
  /** Service level threshold Y of "X % answered within Y s": answered with wait <= Y counts as within. */
  readonly slThresholdSeconds: number;
  /**
   * Abandons with a wait below this are "short abandons": left out of the service level and the
   * abandonment rate (numerator and denominator). Omit to count every abandon.
   */
  readonly shortAbandonSeconds?: number;
  /** The provider's IANA time zone: contacts are counted on their local start date. */
  readonly timeZone: string;
  /** Today's local date: a last day on or after it is reported as partial. */
  readonly today?: IsoDate;
  readonly maxWarnings?: number;
}

interface Totals {
  readonly periodStart: IsoDate;
  readonly siteCode: string;
  readonly serviceLine: ServiceLineCode;
  readonly queue: string;
  readonly firstLine: number | null;
  slWithin: number;
  slOffered: number;
  answeredWithWait: number;
  waitSum: number;
  handled: number;
  handleSum: number;
  abandoned: number;
  abandonBase: number;
  fcrYes: number;
  fcrAssessed: number;
  satisfied: number;
  surveyed: number;
}

const LATE_DAY_MARGIN_SECONDS = 3600;

function formatClock(secondsOfDay: number): string {
  const h = Math.floor(secondsOfDay / 3600);
  const m = Math.floor((secondsOfDay % 3600) / 60);
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/**
 * Rolls per-contact rows up into daily observations per site x service line x queue:
 * - service_level: answered with wait <= threshold / contacts (short abandons excluded when configured);
 * - asa: total wait of answered / answered; aht: total handle time / answered with a handle time;
 * - abandonment_rate: abandoned / contacts (short abandons excluded from both when configured);
 * - fcr: resolved at first contact / contacts assessed; csat: satisfied / survey responses.
 * Rows without a wait time are left out of service level and ASA. A repeated contact id is counted once
 * (warning). The last day is reported as partial when it is today or later, or when its last contact
 * starts more than an hour before the last contact of every other day.
 */
export function rollupContacts(
  rows: Iterable<ContactRow>,
  options: ContactRollupOptions,
): IngestResult<ObservationRecord> & { partialDay: IsoDate | null } {
  assertTimeZone(options.timeZone);
  const issues = new IssueCollector(undefined, options.maxWarnings);
  const seen = new Map<string, number | null>();
  const groups = new Map<string, Totals>();
  const latestByDate = new Map<IsoDate, number>();
  let rowsRead = 0;
  let duplicates = 0;
  for (const row of rows) {
    rowsRead++;
    const firstLine = seen.get(row.contactId);
    if (firstLine !== undefined) {
      duplicates++;
      issues.warning({
        code: 'duplicate',
        line: row.line,
        column: null,
        value: row.contactId,
        reason: `is a contact id already seen${firstLine !== null ? ` on line ${firstLine}` : ''}; counted once`,
      });
      continue;
    }
    seen.set(row.contactId, row.line);
    let epochMs: number;
    if (typeof row.startedAt === 'number') epochMs = row.startedAt;
    else {
      const parsed = parseTimestamp(row.startedAt, { timeZone: options.timeZone });
      if (!parsed.ok) {
        issues.error({
          code: 'invalid_value',
          line: row.line,
          column: null,
          value: row.startedAt,
          reason: parsed.reason,
        });
        continue;
      }
      epochMs = parsed.value.epochMs;
    }
    const local = toLocalDateTime(epochMs, options.timeZone);
    const latest = latestByDate.get(local.date);
    if (latest === undefined || local.secondsOfDay > latest) latestByDate.set(local.date, local.secondsOfDay);
    const key = `${local.date}|${row.siteCode}|${row.serviceLine}|${row.queue}`;
    let t = groups.get(key);
    if (t === undefined) {
      t = {
        periodStart: local.date,
        siteCode: row.siteCode,
        serviceLine: row.serviceLine,
        queue: row.queue,
        firstLine: row.line,
        slWithin: 0,
        slOffered: 0,
        answeredWithWait: 0,
        waitSum: 0,
        handled: 0,
        handleSum: 0,
        abandoned: 0,
        abandonBase: 0,
        fcrYes: 0,
        fcrAssessed: 0,
        satisfied: 0,
        surveyed: 0,
      };
      groups.set(key, t);
    }
    const wait = row.waitSeconds;
    const short =
      options.shortAbandonSeconds !== undefined &&
      row.abandoned &&
      wait !== null &&
      wait < options.shortAbandonSeconds;
    if (!short) {
      t.abandonBase++;
      if (row.abandoned) t.abandoned++;
      if (wait !== null) {
        t.slOffered++;
        if (row.answered && wait <= options.slThresholdSeconds) t.slWithin++;
      }
    }
    if (row.answered && wait !== null) {
      t.answeredWithWait++;
      t.waitSum += wait;
    }
    if (row.answered && row.handleSeconds !== null) {
      t.handled++;
      t.handleSum += row.handleSeconds;
    }
    if (row.resolvedFirstContact !== null) {
      t.fcrAssessed++;
      if (row.resolvedFirstContact) t.fcrYes++;
    }
    if (row.satisfied !== null) {
      t.surveyed++;
      if (row.satisfied) t.satisfied++;
    }
  }

  const records: ObservationRecord[] = [];
  for (const t of groups.values()) {
    const source = { line: t.firstLine };
    const push = (kpiCode: string, numerator: number, denominator: number) => {
      if (denominator <= 0) return;
      records.push({
        periodStart: t.periodStart,
        granularity: 'day',
        siteCode: t.siteCode,
        serviceLine: t.serviceLine,
        queue: t.queue,
        kpiCode,
        numerator: roundTo(numerator, 3),
        denominator,
        derived: false,
        source,
      });
    };
    push('service_level', t.slWithin, t.slOffered);
    push('asa', t.waitSum, t.answeredWithWait);
    push('aht', t.handleSum, t.handled);
    push('abandonment_rate', t.abandoned, t.abandonBase);
    push('fcr', t.fcrYes, t.fcrAssessed);
    push('csat', t.satisfied, t.surveyed);
  }

  const partialDay = findPartialDay(latestByDate, options.today, issues);
  const result = finishResult(records, issues, { ...emptyStats(), rowsRead, duplicates });
  return { ...result, partialDay };
}

function findPartialDay(
  latestByDate: Map<IsoDate, number>,
  today: IsoDate | undefined,
  issues: IssueCollector,
): IsoDate | null {
  if (latestByDate.size === 0) return null;
  const dates = [...latestByDate.keys()].sort();
  const last = dates[dates.length - 1];
  const lastLatest = latestByDate.get(last) as number;
  const warn = (reason: string) =>
    issues.warning({ code: 'partial_day', line: null, column: null, value: null, reason });
  if (today !== undefined && last >= today) {
    warn(`the last day, ${last}, is not over yet (today is ${today}); its figures are partial`);
    return last;
  }
  if (dates.length >= 2) {
    let earliestEnd = Infinity;
    for (const date of dates.slice(0, -1))
      earliestEnd = Math.min(earliestEnd, latestByDate.get(date) as number);
    if (lastLatest < earliestEnd - LATE_DAY_MARGIN_SECONDS) {
      warn(
        `the last day, ${last}, looks partial: its last contact starts at ${formatClock(lastLatest)} while every other day runs until at least ${formatClock(earliestEnd)}`,
      );
      return last;
    }
  }
  return null;
}

// ---------------------------------------------------------------------------------------------
// Per-contact files

export interface ParseContactsOptions extends Omit<ContactRollupOptions, 'today' | 'maxWarnings'> {
  readonly format: FileFormat;
  readonly mapping: ColumnMapping;
  readonly catalog: IngestCatalog;
  readonly today: IsoDate;
  readonly maxErrors?: number;
  readonly maxWarnings?: number;
}

/**
 * Satisfaction of one contact as top-2-box: `scale5` reads 1-5 scores (4 and 5 are satisfied), `top2box`
 * reads yes/no answers, `auto` reads digits as 1-5 scores and words as yes/no.
 */
export function parseSatisfaction(
  text: string,
  style: SatisfactionStyle = 'auto',
  decimalSeparator: DecimalSeparator = '.',
): ParseResult<boolean> {
  const numeric = /^\d+(?:[.,]\d+)?$/.test(text.trim());
  if (style === 'top2box' || (style === 'auto' && !numeric)) {
    const answer = parseBoolean(text);
    return answer.ok
      ? answer
      : { ok: false, reason: 'is not a satisfaction score (1-5) or a yes/no top-2-box answer' };
  }
  const n = parseNumber(text, { decimalSeparator });
  if (!n.ok) return { ok: false, reason: 'is not a satisfaction score (1-5)' };
  if (n.value < 1 || n.value > 5)
    return {
      ok: false,
      reason: 'is outside 1-5; satisfaction is scored 1 to 5 (4 and 5 count as satisfied)',
    };
  return { ok: true, value: n.value >= 4 };
}

/**
 * Maps per-contact rows with a saved mapping (layout `contacts`). `answered`/`abandoned`: when only one is
 * mapped the other is its opposite. Handle time: `handle_seconds`, else `talk_seconds + hold_seconds +
 * acw_seconds` (missing parts count 0). Satisfaction: see `ValueFormats.satisfaction`.
 */
class ContactRowMapper {
  private readonly decimalSeparator: DecimalSeparator;
  private readonly catalog: PreparedCatalog;
  constructor(
    private readonly reader: RowReader,
    private readonly mapping: ColumnMapping,
    catalog: IngestCatalog,
    delimiter: Delimiter | null,
    private readonly timeZone: string,
  ) {
    this.decimalSeparator = effectiveDecimalSeparator(mapping.formats, delimiter);
    this.catalog = prepareCatalog(catalog);
  }

  map(row: RawRow): ContactRow | null {
    const r = this.reader;
    const formats = this.mapping.formats ?? {};
    const decimalSeparator = this.decimalSeparator;
    let ok = true;
    const contactId = r.text(row, 'contact_id');
    if (contactId === '') {
      r.missing(row, 'contact_id', 'a contact id');
      ok = false;
    }
    const startedText = r.text(row, 'started_at');
    let startedAt: number | null = null;
    if (startedText === '') {
      r.missing(row, 'started_at', 'a start time');
      ok = false;
    } else {
      const parsed = parseTimestamp(startedText, { format: formats.date, timeZone: this.timeZone });
      if (parsed.ok) startedAt = parsed.value.epochMs;
      else {
        r.error(row, 'started_at', startedText, parsed.reason);
        ok = false;
      }
    }
    const siteCode = this.reader.reference(row, 'site', 'a site', this.catalog.sites);
    const serviceLine = this.reader.reference(
      row,
      'service_line',
      'a service line',
      this.catalog.serviceLines,
    );
    if (siteCode === null || serviceLine === null) ok = false;
    const bool = (target: string) => r.parse(row, target, parseBoolean);
    let answered = bool('answered');
    let abandoned = bool('abandoned');
    if (answered === null || abandoned === null) ok = false;
    if (answered === undefined && abandoned !== undefined && abandoned !== null && !r.has('answered'))
      answered = !abandoned;
    if (abandoned === undefined && answered !== undefined && answered !== null && !r.has('abandoned'))
      abandoned = !answered;
    if (ok && (answered === undefined || abandoned === undefined)) {
      r.missing(row, answered === undefined ? 'answered' : 'abandoned', 'whether the contact was answered');
      ok = false;
    }
    if (ok && answered === true && abandoned === true) {
      r.error(
        row,
        'abandoned',
        r.text(row, 'abandoned'),
        'is yes, but the contact is also marked answered; a contact is either answered or abandoned',
        'inconsistent',
      );
      ok = false;
    }
    const duration = (target: string) =>
      r.parse(row, target, (t) => parseDuration(t, { style: formats.duration, decimalSeparator }));
    const wait = duration('wait_seconds');
    if (wait === null) ok = false;
    if (ok && wait === undefined && r.has('wait_seconds') && answered === true) {
      r.missing(row, 'wait_seconds', 'the wait of an answered contact');
      ok = false;
    }
    let handle: number | null | undefined;
    if (r.has('handle_seconds')) handle = duration('handle_seconds');
    else if (r.has('talk_seconds') || r.has('hold_seconds') || r.has('acw_seconds')) {
      const parts = ['talk_seconds', 'hold_seconds', 'acw_seconds'].map((t) =>
        r.has(t) ? duration(t) : undefined,
      );
      if (parts.some((p) => p === null)) handle = null;
      else if (parts.every((p) => p === undefined)) handle = undefined;
      else handle = parts.reduce<number>((sum, p) => sum + (p ?? 0), 0);
    }
    if (handle === null) ok = false;
    const fcr = bool('resolved_first_contact');
    if (fcr === null) ok = false;
    const satisfied = r.parse(row, 'satisfaction', (t) =>
      parseSatisfaction(t, formats.satisfaction ?? 'auto', decimalSeparator),
    );
    if (satisfied === null) ok = false;
    if (!ok || startedAt === null || siteCode === null || serviceLine === null) return null;
    return {
      contactId,
      startedAt,
      siteCode,
      serviceLine,
      queue: r.text(row, 'queue'),
      answered: answered as boolean,
      abandoned: abandoned as boolean,
      waitSeconds: wait ?? null,
      handleSeconds: handle ?? null,
      resolvedFirstContact: fcr ?? null,
      satisfied: satisfied ?? null,
      line: row.line,
    };
  }
}

/**
 * Per-contact export (CSV/XLSX, layout `contacts`) -> daily observations, validated. Duplicated contact
 * ids and a partial last day are warnings; the api decides what to do with them.
 */
export async function parseContactsFile(
  bytes: Uint8Array,
  options: ParseContactsOptions,
): Promise<IngestResult<ObservationRecord>> {
  assertTimeZone(options.timeZone);
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  const contacts: ContactRow[] = [];
  let mapper: ContactRowMapper | null = null;
  let rowsRead = 0;
  let rowsRejected = 0;
  await readTabularFile(
    bytes,
    options.format,
    options.mapping,
    issues,
    (header, delimiter, line) => {
      if (options.mapping.layout !== 'contacts') {
        issues.error({
          code: 'mapping',
          line,
          column: null,
          value: options.mapping.layout,
          reason: 'is not the contacts layout',
        });
        return;
      }
      const columns = resolveColumns(options.mapping, header, line, issues);
      if (columns === null) return;
      const reader = new RowReader(columns, issues, {
        format: options.mapping.formats?.date,
        timeZone: options.timeZone,
      });
      mapper = new ContactRowMapper(reader, options.mapping, options.catalog, delimiter, options.timeZone);
    },
    (rows) => {
      rowsRead += rows.length;
      const m = mapper as ContactRowMapper | null;
      if (m === null) return;
      for (const row of rows) {
        const contact = m.map(row);
        if (contact === null) rowsRejected++;
        else contacts.push(contact);
      }
    },
  );
  const rollup = rollupContacts(contacts, { ...options, maxWarnings: options.maxWarnings });
  issues.absorb(rollup);
  const prepared = prepareCatalog(options.catalog);
  const validator = new ObservationValidator(options.catalog, { today: options.today }, issues, true);
  const inputs: ObservationInput[] = rollup.records.filter((r) => prepared.kpiByCode.has(r.kpiCode));
  validator.validate(inputs);
  return finishResult(validator.results(), issues, {
    ...emptyStats(),
    rowsRead,
    rowsRejected,
    recordsRejected: validator.rejected,
    duplicates: rollup.stats.duplicates,
  });
}
