import { IsoDate, ServiceLineCode } from '@kpi/domain';
import { ColumnMapping, effectiveDecimalSeparator, resolveColumns } from './column-mapping';
import { Delimiter, RawRow } from './delimited';
import { IngestCatalog, PreparedCatalog, prepareCatalog } from './ingest-catalog';
import { IngestResult, IssueCollector, emptyStats, finishResult } from './ingest-issue';
import { assertTimeZone } from './local-time';
import { ObservationRecord, RecordSource } from './observation-record';
import { RowReader, roundTo } from './row-reading';
import { FileFormat, readTabularFile } from './tabular-file';
import { DecimalSeparator, parseBoolean, parseNonNegativeNumber, parseTimestamp } from './value-parsers';

/** Turns a raw agent id into a stable pseudonym (e.g. an HMAC with a secret key held by the api). */
export type Pseudonymise = (agentId: string) => string;

/**
 * One QA evaluation, with the agent pseudonymised: the raw agent id appears nowhere in the output, error
 * messages included.
 */
export interface QaEvaluationRecord {
  readonly evaluationId: string;
  /** The evaluation instant, ISO 8601 in UTC (`2024-03-05T16:20:00.000Z`). */
  readonly evaluatedAt: string;
  /** Local date of the evaluation in the provider's time zone. */
  readonly evaluatedOn: IsoDate;
  readonly agentKey: string;
  /** '' when the file has no team. */
  readonly team: string;
  readonly siteCode: string;
  readonly serviceLine: ServiceLineCode;
  /** '' when the file has no form version. */
  readonly formVersion: string;
  /** Points counted: 0 when the evaluation has an auto-fail, else `rawScore`. */
  readonly score: number;
  /** Points earned as written in the file. */
  readonly rawScore: number;
  /** Points possible, N/A items already excluded (> 0). */
  readonly possible: number;
  readonly autoFail: boolean;
  readonly source: RecordSource;
}

/**
 * Daily `qa_score` (sum score / sum possible) and `qa_autofail_rate` (auto-fails / evaluations) per
 * evaluation date x site x service line x team (the team is stored as the queue).
 */
export function rollupQaEvaluations(records: readonly QaEvaluationRecord[]): ObservationRecord[] {
  interface Totals {
    first: QaEvaluationRecord;
    score: number;
    possible: number;
    autoFails: number;
    evaluations: number;
  }
  const groups = new Map<string, Totals>();
  for (const r of records) {
    const key = `${r.evaluatedOn}|${r.siteCode}|${r.serviceLine}|${r.team}`;
    let t = groups.get(key);
    if (t === undefined)
      groups.set(key, (t = { first: r, score: 0, possible: 0, autoFails: 0, evaluations: 0 }));
    t.score += r.score;
    t.possible += r.possible;
    t.evaluations++;
    if (r.autoFail) t.autoFails++;
  }
  const out: ObservationRecord[] = [];
  for (const t of groups.values()) {
    const record = (kpiCode: string, numerator: number, denominator: number): ObservationRecord => ({
      periodStart: t.first.evaluatedOn,
      granularity: 'day',
      siteCode: t.first.siteCode,
      serviceLine: t.first.serviceLine,
      queue: t.first.team,
      kpiCode,
      numerator,
      denominator,
      derived: false,
      source: t.first.source,
    });
    if (t.possible > 0) out.push(record('qa_score', roundTo(t.score, 6), roundTo(t.possible, 6)));
    out.push(record('qa_autofail_rate', t.autoFails, t.evaluations));
  }
  return out;
}

export interface ParseQaEvaluationsOptions {
  readonly format: FileFormat;
  readonly mapping: ColumnMapping;
  readonly catalog: IngestCatalog;
  readonly today: IsoDate;
  readonly timeZone: string;
  readonly maxErrors?: number;
  readonly maxWarnings?: number;
}

const AGENT_ID = 'agent id';

class QaRowMapper {
  private readonly catalog: PreparedCatalog;
  private readonly decimalSeparator: DecimalSeparator;
  private readonly pseudonyms = new Map<string, string>();
  private readonly seen = new Map<string, number>();
  duplicates = 0;

  constructor(
    private readonly reader: RowReader,
    private readonly options: ParseQaEvaluationsOptions,
    private readonly pseudonymise: Pseudonymise,
    delimiter: Delimiter | null,
  ) {
    this.catalog = prepareCatalog(options.catalog);
    this.decimalSeparator = effectiveDecimalSeparator(options.mapping.formats, delimiter);
  }

  map(row: RawRow): QaEvaluationRecord | null | 'skipped' {
    const r = this.reader;
    let ok = true;
    const evaluationId = r.text(row, 'evaluation_id');
    if (evaluationId === '') {
      r.missing(row, 'evaluation_id', 'an evaluation id');
      ok = false;
    }
    const atText = r.text(row, 'evaluated_at');
    let evaluatedAt = '';
    let evaluatedOn = '';
    if (atText === '') {
      r.missing(row, 'evaluated_at', 'the evaluation date');
      ok = false;
    } else {
      const parsed = parseTimestamp(atText, {
        format: this.options.mapping.formats?.date,
        timeZone: this.options.timeZone,
      });
      if (!parsed.ok) {
        r.error(row, 'evaluated_at', atText, parsed.reason);
        ok = false;
      } else if (parsed.value.date > this.options.today) {
        r.error(
          row,
          'evaluated_at',
          atText,
          `is in the future (today is ${this.options.today})`,
          'future_period',
        );
        ok = false;
      } else {
        evaluatedAt = new Date(parsed.value.epochMs).toISOString();
        evaluatedOn = parsed.value.date;
      }
    }
    const agentKey = this.agentKey(row);
    if (agentKey === null) ok = false;
    const siteCode = this.reader.reference(row, 'site', 'a site', this.catalog.sites);
    const serviceLine = this.reader.reference(
      row,
      'service_line',
      'a service line',
      this.catalog.serviceLines,
    );
    if (siteCode === null || serviceLine === null) ok = false;
    const number = (t: string) =>
      parseNonNegativeNumber(t, { decimalSeparator: this.decimalSeparator, what: 'points' });
    const rawScore = r.parse(row, 'score', number);
    const possible = r.parse(row, 'possible', number);
    if (rawScore === undefined) r.missing(row, 'score', 'a score');
    if (possible === undefined) r.missing(row, 'possible', 'the points possible');
    if (rawScore == null || possible == null) ok = false;
    const autoFail = r.parse(row, 'auto_fail', parseBoolean);
    if (autoFail === null) ok = false;
    if (ok && (possible as number) > 0 && (rawScore as number) > (possible as number)) {
      r.error(
        row,
        'score',
        r.text(row, 'score'),
        `is above the points possible (${possible}); a score cannot exceed the points possible`,
        'out_of_range',
      );
      ok = false;
    }
    if (!ok) return null;
    if (possible === 0) {
      r.issues.warning({
        code: 'out_of_range',
        line: row.line,
        column: r.column('possible'),
        value: '0',
        reason: 'means no item could be scored (all N/A); the evaluation is not counted',
      });
      return 'skipped';
    }
    const firstLine = this.seen.get(evaluationId);
    if (firstLine !== undefined) {
      this.duplicates++;
      r.issues.warning({
        code: 'duplicate',
        line: row.line,
        column: r.column('evaluation_id'),
        value: evaluationId,
        reason: `is an evaluation id already seen on line ${firstLine}; counted once`,
      });
      return 'skipped';
    }
    this.seen.set(evaluationId, row.line);
    return {
      evaluationId,
      evaluatedAt,
      evaluatedOn,
      agentKey: agentKey as string,
      team: r.text(row, 'team'),
      siteCode: siteCode as string,
      serviceLine: serviceLine as ServiceLineCode,
      formVersion: r.text(row, 'form_version'),
      score: autoFail === true ? 0 : (rawScore as number),
      rawScore: rawScore as number,
      possible: possible as number,
      autoFail: autoFail === true,
      source: { line: row.line },
    };
  }

  /** The agent's pseudonym; problems are reported without the raw value. */
  private agentKey(row: RawRow): string | null {
    const raw = this.reader.text(row, 'agent_id');
    if (raw === '') {
      this.reader.error(row, 'agent_id', null, `the ${AGENT_ID} is empty; it is required`, 'missing_value');
      return null;
    }
    let key = this.pseudonyms.get(raw);
    if (key === undefined) {
      try {
        key = this.pseudonymise(raw);
      } catch {
        this.reader.error(row, 'agent_id', null, `the ${AGENT_ID} could not be pseudonymised`);
        return null;
      }
      if (typeof key !== 'string' || key === '' || key === raw) {
        this.reader.error(
          row,
          'agent_id',
          null,
          `the pseudonymise function returned no usable key for the ${AGENT_ID}`,
        );
        return null;
      }
      this.pseudonyms.set(raw, key);
    }
    return key;
  }
}

/**
 * QA evaluations export (CSV/XLSX, layout `qa_evaluations`) -> evaluation records with pseudonymised
 * agents. Auto-fail forces the score to 0 (`rawScore` keeps the written one); an evaluation with 0 points
 * possible (all items N/A) and a repeated evaluation id are skipped with a warning. Daily KPIs come from
 * `rollupQaEvaluations(result.records)`.
 */
export async function parseQaEvaluationsFile(
  bytes: Uint8Array,
  options: ParseQaEvaluationsOptions,
  pseudonymise: Pseudonymise,
): Promise<IngestResult<QaEvaluationRecord>> {
  assertTimeZone(options.timeZone);
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  const records: QaEvaluationRecord[] = [];
  let mapper: QaRowMapper | null = null;
  let rowsRead = 0;
  let rowsRejected = 0;
  await readTabularFile(
    bytes,
    options.format,
    options.mapping,
    issues,
    (header, delimiter, line) => {
      if (options.mapping.layout !== 'qa_evaluations') {
        issues.error({
          code: 'mapping',
          line,
          column: null,
          value: options.mapping.layout,
          reason: 'is not the qa_evaluations layout',
        });
        return;
      }
      const columns = resolveColumns(options.mapping, header, line, issues);
      if (columns === null) return;
      const reader = new RowReader(columns, issues, {
        format: options.mapping.formats?.date,
        timeZone: options.timeZone,
      });
      mapper = new QaRowMapper(reader, options, pseudonymise, delimiter);
    },
    (rows) => {
      rowsRead += rows.length;
      const m = mapper as QaRowMapper | null;
      if (m === null) return;
      for (const row of rows) {
        const record = m.map(row);
        if (record === null) rowsRejected++;
        else if (record !== 'skipped') records.push(record);
      }
    },
  );
  const duplicates = (mapper as QaRowMapper | null)?.duplicates ?? 0;
  return finishResult(records, issues, { ...emptyStats(), rowsRead, rowsRejected, duplicates });
}
