import type { FeedSourceKind, PayloadFormat } from '@kpi/contracts';
import {
  ColumnMapping,
  IngestCatalog,
  IngestIssue,
  IngestResult,
  IngestStats,
  IssueCollector,
  MappingLayout,
  ObservationRecord,
  QaEvaluationRecord,
  QueueTarget,
  RawRow,
  parseAmazonConnectJson,
  parseContactsFile,
  parseGenesysJson,
  parseObservationsFile,
  parsePushBatch,
  parseQaEvaluationsFile,
  readTabularFile,
  rollupQaEvaluations,
  suggestColumnMapping,
} from '@kpi/ingest-formats';

export interface ParseRequest {
  sourceKind: FeedSourceKind;
  format: PayloadFormat;
  body: Uint8Array | unknown;
  mapping: ColumnMapping | null;
  catalog: IngestCatalog;
  today: string;
  timeZone: string;
  queues?: Record<string, QueueTarget>;
  slThresholdSeconds?: number;
  shortAbandonSeconds?: number;
  pseudonymise: (agentId: string) => string;
}

export interface ParsedBatch {
  observations: ObservationRecord[];
  qaEvaluations: QaEvaluationRecord[];
  errors: IngestIssue[];
  warnings: IngestIssue[];
  stats: IngestStats;
  /** The mapping used for a tabular file (the feed's, or the one suggested from the header). */
  mapping: ColumnMapping | null;
}

const LAYOUT_OF: Record<FeedSourceKind, MappingLayout | undefined> = {
  observations: undefined,
  contacts: 'contacts',
  qa_evaluations: 'qa_evaluations',
};

/** Any payload of any feed -> validated observation (and QA evaluation) records, through @kpi/ingest-formats. */
export async function parsePayload(request: ParseRequest): Promise<ParsedBatch> {
  const { format, catalog, today, timeZone } = request;
  const bytes = request.body instanceof Uint8Array ? request.body : null;
  if (format === 'genesys' || format === 'amazon_connect') {
    const text = bytes ? new TextDecoder().decode(bytes) : JSON.stringify(request.body);
    const options = { queues: request.queues ?? {}, timeZone, granularity: 'day' as const, catalog, today };
    const result =
      format === 'genesys'
        ? parseGenesysJson(text, options)
        : parseAmazonConnectJson(text, { ...options, slThresholdSeconds: request.slThresholdSeconds });
    return observationsOnly(result, null);
  }
  if (format === 'json' || (format === 'csv' && request.sourceKind === 'observations' && !bytes)) {
    const body = bytes ? new TextDecoder().decode(bytes) : request.body;
    const result = await parsePushBatch(body, { catalog, today, timeZone, mapping: request.mapping ?? undefined });
    return observationsOnly(result, request.mapping);
  }
  const file = bytes ?? new TextEncoder().encode(String(request.body ?? ''));
  const fileFormat = format === 'xlsx' ? 'xlsx' : 'csv';
  const mapping = request.mapping ?? (await suggestMappingFor(file, fileFormat, LAYOUT_OF[request.sourceKind]));
  if (request.sourceKind === 'qa_evaluations') {
    const result = await parseQaEvaluationsFile(file, { format: fileFormat, mapping, catalog, today, timeZone }, request.pseudonymise);
    return {
      observations: rollupQaEvaluations(result.records),
      qaEvaluations: result.records,
      errors: result.errors,
      warnings: result.warnings,
      stats: result.stats,
      mapping,
    };
  }
  if (request.sourceKind === 'contacts') {
    const result = await parseContactsFile(file, {
      format: fileFormat,
      mapping,
      catalog,
      today,
      timeZone,
      slThresholdSeconds: request.slThresholdSeconds ?? 20,
      shortAbandonSeconds: request.shortAbandonSeconds,
    });
    return observationsOnly(result, mapping);
  }
  return observationsOnly(await parseObservationsFile(file, { format: fileFormat, mapping, catalog, today, timeZone }), mapping);
}

function observationsOnly(result: IngestResult<ObservationRecord>, mapping: ColumnMapping | null): ParsedBatch {
  return { observations: result.records, qaEvaluations: [], errors: result.errors, warnings: result.warnings, stats: result.stats, mapping };
}

/** Header and first rows of a CSV/XLSX file (upload preview, and the raw rows kept with quarantined errors). */
export async function readTable(
  bytes: Uint8Array,
  format: 'csv' | 'xlsx',
  mapping: Partial<ColumnMapping> | null,
  wantRow: (line: number, index: number) => boolean,
): Promise<{ header: string[]; rows: RawRow[]; errors: IngestIssue[] }> {
  const issues = new IssueCollector(50, 0);
  let header: string[] = [];
  const rows: RawRow[] = [];
  let index = 0;
  await readTabularFile(
    bytes,
    format,
    { version: 1, layout: 'long', columns: {}, ...(mapping ?? {}) } as ColumnMapping,
    issues,
    (h) => (header = h),
    (batch) => {
      for (const row of batch) if (wantRow(row.line, index++)) rows.push(row);
    },
  );
  return { header, rows, errors: issues.errors };
}

export async function suggestMappingFor(bytes: Uint8Array, format: 'csv' | 'xlsx', layout?: MappingLayout): Promise<ColumnMapping> {
  const { header } = await readTable(bytes, format, null, () => false);
  return suggestColumnMapping(header, layout).mapping;
}
