import { IsoDate } from '@kpi/domain';
import { ColumnMapping, effectiveDecimalSeparator, resolveColumns } from './column-mapping';
import { StreamingTextDecoder } from './decode-text';
import { Delimiter, DelimitedReader, DelimitedSink, RawRow } from './delimited';
import { IngestCatalog, prepareCatalog } from './ingest-catalog';
import {
  IngestError,
  IngestResult,
  IngestStats,
  IngestWarning,
  IssueCollector,
  emptyStats,
  finishResult,
} from './ingest-issue';
import { assertTimeZone } from './local-time';
import { ObservationInput, ObservationRecord } from './observation-record';
import { LongRowMapper, ObservationRowMapper, WideRowMapper } from './observation-rows';
import { RowReader } from './row-reading';
import { ObservationValidator } from './validate-observations';
import { FileFormat, readTabularFile } from './tabular-file';

export interface ParseObservationsOptions {
  readonly format: FileFormat;
  readonly mapping: ColumnMapping;
  readonly catalog: IngestCatalog;
  /** Today's local date in the provider's time zone (periods after it are rejected). */
  readonly today: IsoDate;
  /** The provider's IANA time zone: timestamps with an offset are turned into local dates in it. */
  readonly timeZone: string;
  readonly maxErrors?: number;
  readonly maxWarnings?: number;
}

/**
 * Header -> mapper -> validator, fed row batches by the CSV reader or the XLSX reader. In retroactive
 * mode all valid records are kept until `results()`; in streaming mode `drain()` hands them out per batch.
 */
class ObservationsPipeline implements DelimitedSink {
  private mapper: ObservationRowMapper | null = null;
  private readonly validator: ObservationValidator;
  private readonly pending: ObservationRecord[] = [];
  private readonly inputs: ObservationInput[] = [];
  rowsRead = 0;
  rowsRejected = 0;

  constructor(
    private readonly options: Omit<ParseObservationsOptions, 'format'>,
    readonly issues: IssueCollector,
    private readonly retroactive: boolean,
  ) {
    this.validator = new ObservationValidator(options.catalog, { today: options.today }, issues, retroactive);
  }

  header(header: string[], delimiter: Delimiter | null, line: number | null): void {
    const { mapping } = this.options;
    if (mapping.layout !== 'long' && mapping.layout !== 'wide') {
      this.issues.error({
        code: 'mapping',
        line,
        column: null,
        value: mapping.layout,
        reason: 'is not an observations layout (use long or wide)',
      });
      return;
    }
    const columns = resolveColumns(mapping, header, line, this.issues);
    if (columns === null) return;
    const formats = mapping.formats ?? {};
    const reader = new RowReader(columns, this.issues, {
      format: formats.date,
      timeZone: this.options.timeZone,
    });
    const ctx = {
      reader,
      catalog: prepareCatalog(this.options.catalog),
      formats,
      decimalSeparator: effectiveDecimalSeparator(formats, delimiter),
    };
    if (mapping.layout === 'long') this.mapper = new LongRowMapper(ctx);
    else {
      const wide = new WideRowMapper(ctx, mapping, this.issues, line);
      if (wide.usable) this.mapper = wide;
    }
  }

  rows(batch: RawRow[]): void {
    this.rowsRead += batch.length;
    const mapper = this.mapper;
    if (mapper === null) return;
    const inputs = this.inputs;
    inputs.length = 0;
    for (const row of batch) if (!mapper.map(row, inputs)) this.rowsRejected++;
    const accepted = this.validator.validate(inputs);
    inputs.length = 0;
    for (const record of accepted) this.pending.push(record);
  }

  /** Streaming mode: the records accepted since the last call. */
  drain(): ObservationRecord[] {
    return this.pending.splice(0, this.pending.length);
  }

  finish(): void {
    this.mapper?.finish(this.issues);
  }

  stats(): IngestStats {
    return {
      ...emptyStats(),
      rowsRead: this.rowsRead,
      rowsRejected: this.rowsRejected,
      recordsRejected: this.validator.rejected,
      duplicates: this.validator.duplicates,
    };
  }

  results(): ObservationRecord[] {
    return this.retroactive ? this.validator.results() : this.drain();
  }
}

/**
 * A provider's observations file (long or wide CSV/XLSX, see the README) -> validated records.
 * Never throws on bad data; throws a RangeError for an unknown time zone or a malformed `today`.
 */
export async function parseObservationsFile(
  bytes: Uint8Array,
  options: ParseObservationsOptions,
): Promise<IngestResult<ObservationRecord>> {
  assertTimeZone(options.timeZone);
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  const pipeline = new ObservationsPipeline(options, issues, true);
  await readTabularFile(
    bytes,
    options.format,
    options.mapping,
    issues,
    (header, delimiter, line) => pipeline.header(header, delimiter, line),
    (rows) => pipeline.rows(rows),
  );
  pipeline.finish();
  return finishResult(pipeline.results(), issues, pipeline.stats());
}

/** One batch of the chunked reader. Errors and warnings are the ones found since the previous batch. */
export interface ObservationBatch {
  readonly records: ObservationRecord[];
  readonly errors: IngestError[];
  readonly warnings: IngestWarning[];
  /** Running totals (errors/warnings beyond the caps are counted, not listed). */
  readonly stats: IngestStats;
  /** True on the last batch (which may have no records). */
  readonly final: boolean;
}

export interface ChunkedObservationsOptions extends Omit<ParseObservationsOptions, 'format'> {
  /** Records per yielded batch (default 10,000). */
  readonly batchSize?: number;
  /** Bytes decoded per step when `input` is one buffer (default 1 MiB). */
  readonly chunkBytes?: number;
}

/**
 * Streaming variant for big CSV files (long or wide layout): reads `input` piece by piece and yields
 * validated records in batches, so memory stays flat (except one entry per natural key for the
 * duplicate check). Differences from `parseObservationsFile`: a conflicting duplicate rejects only the
 * later record (the earlier one was already yielded), and the encoding is decided at the first non-ASCII
 * byte (see `StreamingTextDecoder`). The api should treat a run that ends with errors as failed.
 */
export async function* parseObservationsCsvChunks(
  input: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  options: ChunkedObservationsOptions,
): AsyncGenerator<ObservationBatch> {
  assertTimeZone(options.timeZone);
  const batchSize = options.batchSize ?? 10_000;
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  const pipeline = new ObservationsPipeline(options, issues, false);
  const reader = new DelimitedReader(pipeline, issues, { delimiter: options.mapping.delimiter });
  const decoder = new StreamingTextDecoder();
  let listedErrors = 0;
  let listedWarnings = 0;
  let buffered: ObservationRecord[] = [];
  let recordsOut = 0;
  let derivedRecords = 0;
  const batch = (records: ObservationRecord[], final: boolean): ObservationBatch => {
    const errors = issues.errors.slice(listedErrors);
    const warnings = issues.warnings.slice(listedWarnings);
    listedErrors = issues.errors.length;
    listedWarnings = issues.warnings.length;
    recordsOut += records.length;
    for (const r of records) if (r.derived) derivedRecords++;
    const running = finishResult([], issues, pipeline.stats()).stats;
    return { records, errors, warnings, stats: { ...running, recordsOut, derivedRecords }, final };
  };
  const pieces = splitInput(input, options.chunkBytes ?? 1 << 20);
  for await (const piece of pieces) {
    reader.write(decoder.write(piece));
    for (const record of pipeline.drain()) buffered.push(record);
    while (buffered.length >= batchSize) {
      yield batch(buffered.slice(0, batchSize), false);
      buffered = buffered.slice(batchSize);
    }
  }
  reader.write(decoder.end());
  reader.end();
  if (decoder.invalidSequences > 0) {
    issues.error({
      code: 'malformed_file',
      line: null,
      column: null,
      value: null,
      reason:
        'the file mixes encodings: it starts as UTF-8 but has bytes that are not valid UTF-8 further on (shown as �)',
    });
  }
  if (!reader.hasHeader)
    issues.error({
      code: 'malformed_file',
      line: null,
      column: null,
      value: null,
      reason: 'the file is empty',
    });
  pipeline.finish();
  for (const record of pipeline.drain()) buffered.push(record);
  while (buffered.length > batchSize) {
    yield batch(buffered.slice(0, batchSize), false);
    buffered = buffered.slice(batchSize);
  }
  yield batch(buffered, true);
}

async function* splitInput(
  input: Uint8Array | AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  size: number,
): AsyncIterable<Uint8Array> {
  if (input instanceof Uint8Array) {
    for (let offset = 0; offset < input.length; offset += size)
      yield input.subarray(offset, Math.min(offset + size, input.length));
    return;
  }
  for await (const piece of input as AsyncIterable<Uint8Array>) yield piece;
}
