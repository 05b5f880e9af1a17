import { IsoDate } from '@kpi/domain';
import { ColumnMapping, suggestColumnMapping } from './column-mapping';
import { isObject } from './contact-center-components';
import { IngestCatalog } from './ingest-catalog';
import { IngestResult, IssueCollector, emptyStats, finishResult } from './ingest-issue';
import { parseJsonText } from './json-text';
import { assertTimeZone } from './local-time';
import { ObservationInput, ObservationRecord } from './observation-record';
import { parseObservationsFile } from './observations-file';
import { SuggestionCandidate, normaliseName, suggestClosest } from './text-match';
import { parseDate } from './value-parsers';
import { ObservationValidator } from './validate-observations';

export interface ParsePushBatchOptions {
  readonly catalog: IngestCatalog;
  readonly today: IsoDate;
  readonly timeZone: string;
  /** CSV bodies: the feed's mapping (default: columns guessed from the header, long layout). */
  readonly mapping?: ColumnMapping;
  /** Largest number of observations accepted in one push (default 100,000). */
  readonly maxRecords?: number;
  readonly maxErrors?: number;
  readonly maxWarnings?: number;
}

/** Field names accepted in pushed JSON observations, with their snake_case / short alternatives. */
const PUSH_FIELDS: Readonly<Record<string, keyof ObservationInput>> = {
  periodStart: 'periodStart',
  period_start: 'periodStart',
  date: 'periodStart',
  granularity: 'granularity',
  siteCode: 'siteCode',
  site_code: 'siteCode',
  site: 'siteCode',
  serviceLine: 'serviceLine',
  service_line: 'serviceLine',
  queue: 'queue',
  kpiCode: 'kpiCode',
  kpi_code: 'kpiCode',
  kpi: 'kpiCode',
  numerator: 'numerator',
  denominator: 'denominator',
};

const FIELD_CANDIDATES: SuggestionCandidate[] = Object.keys(PUSH_FIELDS).map((f) => ({
  label: f,
  key: normaliseName(f),
}));

/**
 * A batch pushed by a provider to the api: JSON (`{ "observations": [...] }` or a bare array of
 * `{ periodStart, granularity?, siteCode, serviceLine, queue?, kpiCode, numerator, denominator? }`,
 * snake_case and short names accepted) or CSV text in the long layout. Numbers must be JSON numbers;
 * `periodStart` may be any date `parseDate` reads. A missing denominator is null (fine for backlog, an
 * error for rates). Unknown fields are warnings (with a "did you mean").
 */
export async function parsePushBatch(
  body: unknown,
  options: ParsePushBatchOptions,
): Promise<IngestResult<ObservationRecord>> {
  assertTimeZone(options.timeZone);
  if (typeof body === 'string') {
    const trimmed = body.trimStart();
    if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
      const parsed = parseJsonText(body);
      if (!parsed.ok) {
        const issues = new IssueCollector();
        issues.error(parsed.error);
        return finishResult([], issues, emptyStats());
      }
      return parsePushJson(parsed.value, options);
    }
    return parsePushCsv(body, options);
  }
  if (body instanceof Uint8Array) return parsePushCsv(new TextDecoder().decode(body), options);
  return parsePushJson(body, options);
}

async function parsePushCsv(
  text: string,
  options: ParsePushBatchOptions,
): Promise<IngestResult<ObservationRecord>> {
  let mapping = options.mapping;
  if (mapping === undefined) {
    const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
    const delimiter =
      firstLine.includes(';') && !firstLine.includes(',') ? ';' : firstLine.includes('\t') ? '\t' : ',';
    mapping = suggestColumnMapping(
      firstLine.split(delimiter).map((h) => h.trim().replace(/^"|"$/g, '')),
      'long',
    ).mapping;
  }
  return parseObservationsFile(new TextEncoder().encode(text), { ...options, format: 'csv', mapping });
}

function parsePushJson(body: unknown, options: ParsePushBatchOptions): IngestResult<ObservationRecord> {
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  let items: unknown;
  let base = '';
  if (Array.isArray(body)) items = body;
  else if (isObject(body) && Array.isArray(body['observations'])) {
    items = body['observations'];
    base = 'observations';
  } else {
    issues.error({
      code: 'malformed_file',
      line: null,
      path: 'observations',
      column: null,
      value: null,
      reason: 'is missing: send { "observations": [ ... ] } or a list of observations',
    });
    return finishResult([], issues, emptyStats());
  }
  const list = items as unknown[];
  const maxRecords = options.maxRecords ?? 100_000;
  if (list.length > maxRecords) {
    issues.error({
      code: 'too_large',
      line: null,
      path: base || '$',
      column: null,
      value: null,
      reason: `holds ${list.length} observations; one push accepts at most ${maxRecords}, split the batch`,
    });
    return finishResult([], issues, { ...emptyStats(), rowsRead: list.length });
  }
  const inputs: ObservationInput[] = [];
  const unknownFields = new Map<string, string>();
  let rowsRejected = 0;
  list.forEach((item, i) => {
    const path = base ? `${base}[${i}]` : `[${i}]`;
    if (!isObject(item)) {
      issues.error({
        code: 'invalid_value',
        line: null,
        path,
        column: null,
        value: null,
        reason: 'must be an object',
      });
      rowsRejected++;
      return;
    }
    const fields: Partial<Record<keyof ObservationInput, unknown>> = {};
    for (const [key, value] of Object.entries(item)) {
      const field = PUSH_FIELDS[key];
      if (field === undefined) {
        if (!unknownFields.has(key)) unknownFields.set(key, `${path}.${key}`);
        continue;
      }
      fields[field] = value;
    }
    let periodStart = fields.periodStart;
    if (typeof periodStart === 'string') {
      const parsed = parseDate(periodStart, { timeZone: options.timeZone });
      if (parsed.ok) periodStart = parsed.value;
    }
    const denominator = fields.denominator === undefined ? null : fields.denominator;
    inputs.push({
      periodStart: periodStart as string,
      granularity: fields.granularity === undefined ? 'day' : (fields.granularity as string),
      siteCode: fields.siteCode as string,
      serviceLine: fields.serviceLine as string,
      queue: fields.queue === undefined || fields.queue === null ? '' : (fields.queue as string),
      kpiCode: fields.kpiCode as string,
      numerator: fields.numerator as number,
      denominator: denominator as number | null,
      source: { line: null, path },
    });
  });
  for (const [key, path] of unknownFields) {
    issues.warning({
      code: 'mapping',
      line: null,
      path,
      column: key,
      value: null,
      reason: 'is not an observation field and is ignored',
      suggestion: suggestClosest(key, FIELD_CANDIDATES),
    });
  }
  const validator = new ObservationValidator(options.catalog, { today: options.today }, issues, true);
  validator.validate(inputs);
  return finishResult(validator.results(), issues, {
    ...emptyStats(),
    rowsRead: list.length,
    rowsRejected,
    recordsRejected: validator.rejected,
    duplicates: validator.duplicates,
  });
}
