import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  ApiKeyDto,
  CreatedApiKeyDto,
  IngestionRunDetailDto,
  IngestionRunDto,
  PushAcceptedDto,
  RestatementDto,
  UploadPreviewDto,
} from '@kpi/contracts';
import { ColumnMapping, MappingLayout, parseColumnMapping, suggestColumnMapping } from '@kpi/ingest-formats';
import { ProviderScope } from '../auth/provider-scope';
import { FeedsService, iso } from './feeds.service';
import { FeedRow, IngestionRepository, RunRow } from './ingestion.repository';
import { BatchOutcome, IngestionService } from './ingestion.service';
import { readTable } from './pipeline/payload-parser';
import { hashApiKey, newApiKey } from './secrets/credentials-cipher';

export interface UploadedFile {
  originalname: string;
  buffer: Buffer;
  size: number;
}

const PREVIEW_ROWS = 20;

/** A file name without folders (/ or \), parent references or control characters (NUL included). */
function isPlainFileName(name: string): boolean {
  // eslint-disable-next-line no-control-regex
  return name.length <= 255 && name !== '.' && name !== '..' && !/[/\\\u0000-\u001f\u007f]/.test(name);
}

/** Uploads (preview, mapping, import), re-submitted rows, pushes, run history, restatements, API keys. */
@Injectable()
export class IngestionRequestsService {
  constructor(
    private readonly repository: IngestionRepository,
    private readonly feeds: FeedsService,
    private readonly ingestion: IngestionService,
  ) {}

  // Upload -------------------------------------------------------------------------------------------------

  async preview(scope: ProviderScope, feedId: string, file: UploadedFile | undefined): Promise<UploadPreviewDto> {
    const feed = await this.uploadFeed(scope, feedId);
    const upload = this.checkFile(file);
    const table = await readTable(new Uint8Array(upload.buffer), upload.format, null, (_line, index) => index < PREVIEW_ROWS);
    const layout: MappingLayout | undefined = feed.sourceKind === 'contacts' ? 'contacts' : feed.sourceKind === 'qa_evaluations' ? 'qa_evaluations' : undefined;
    return {
      fileName: upload.name,
      format: upload.format,
      header: table.header,
      rows: table.rows.map((r) => r.values),
      suggestedMapping: suggestColumnMapping(table.header, layout).mapping as unknown as Record<string, unknown>,
      savedMapping: feed.mapping,
      errors: table.errors.map((e) => (e.line ? `line ${e.line}: ${e.reason}` : e.reason)),
    };
  }

  async upload(scope: ProviderScope, feedId: string, file: UploadedFile | undefined, mappingText?: string, saveMapping?: boolean): Promise<IngestionRunDto> {
    const feed = await this.uploadFeed(scope, feedId);
    const upload = this.checkFile(file);
    let mapping: ColumnMapping | null = null;
    if (mappingText) {
      let json: unknown;
      try {
        json = JSON.parse(mappingText);
      } catch {
        throw new BadRequestException('mapping is not valid JSON');
      }
      const parsed = parseColumnMapping(json);
      if (!parsed.ok) throw new BadRequestException(`mapping: ${parsed.problems.join('; ')}`);
      mapping = parsed.value;
      if (saveMapping) await this.feeds.saveMapping(feed.id, mapping as unknown as Record<string, unknown>);
    }
    const outcome = await this.ingestion.runBatch({
      providerId: feed.providerId,
      feed,
      trigger: 'upload',
      connector: 'file_upload',
      sourceKind: feed.sourceKind,
      fileName: upload.name,
      mapping: mapping ?? undefined,
      payload: async () => ({ format: upload.format, body: new Uint8Array(upload.buffer), fileName: upload.name, notes: [`uploaded ${upload.name} (${upload.buffer.length} bytes)`] }),
    });
    return this.getRun(scope, (outcome as BatchOutcome).runId);
  }

  private async uploadFeed(scope: ProviderScope, feedId: string): Promise<FeedRow> {
    const feed = await this.feeds.visibleFeed(scope, feedId);
    if (feed.connector !== 'file_upload') throw new BadRequestException('Files can only be uploaded to a file-upload feed');
    return feed;
  }

  private checkFile(file: UploadedFile | undefined): { name: string; buffer: Buffer; format: 'csv' | 'xlsx' } {
    if (!file || !file.buffer || file.buffer.length === 0) throw new BadRequestException('Attach a CSV or XLSX file in the "file" field');
    const name = file.originalname || 'upload';
    if (!isPlainFileName(name)) throw new BadRequestException('The file name must be a plain name like observations.csv, without folders or control characters');
    const isZip = file.buffer[0] === 0x50 && file.buffer[1] === 0x4b;
    const format = /\.xlsx$/i.test(name) || isZip ? 'xlsx' : 'csv';
    return { name, buffer: file.buffer, format };
  }

  // Re-submitting quarantined rows ---------------------------------------------------------------------------

  async resubmit(scope: ProviderScope, runId: string, rows: { errorId: string; values: Record<string, string> }[]): Promise<IngestionRunDto> {
    const run = await this.visibleRun(scope, runId);
    if (rows.length === 0) throw new BadRequestException('Nothing to re-submit');
    const errors = await this.repository.rowErrors(runId, rows.map((r) => r.errorId));
    const byId = new Map(errors.map((e) => [e.id, e]));
    const header: string[] = [];
    for (const row of rows) {
      const error = byId.get(row.errorId);
      if (!error) throw new NotFoundException(`Row error ${row.errorId} not found in this run`);
      if (!error.raw) throw new BadRequestException(`Row error ${row.errorId} has no row to re-submit (JSON source)`);
      for (const key of Object.keys(error.raw)) if (!header.includes(key)) header.push(key);
    }
    // One line per distinct source line (several errors may point at the same row).
    const lines = new Map<string, Record<string, string>>();
    for (const row of rows) {
      const error = byId.get(row.errorId)!;
      const key = String(error.line ?? row.errorId);
      lines.set(key, { ...(lines.get(key) ?? error.raw!), ...row.values });
    }
    const csv = [header, ...[...lines.values()].map((values) => header.map((h) => values[h] ?? ''))].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
    const feed = run.feedId ? await this.repository.findFeed(run.feedId) : null;
    const used = run.warnings?.mapping ? parseColumnMapping(run.warnings.mapping) : null;
    const mapping = used?.ok ? ({ ...used.value, delimiter: ',', sheet: undefined, headerRow: undefined } as ColumnMapping) : null;
    const outcome = (await this.ingestion.runBatch({
      providerId: run.providerId,
      feed,
      trigger: 'resubmit',
      connector: run.connector,
      sourceKind: feed?.sourceKind ?? 'observations',
      fileName: `resubmitted rows of run ${run.id.slice(0, 8)}`,
      mapping,
      batchPolicy: 'reject_batch',
      payload: async () => ({ format: 'csv', body: new TextEncoder().encode(csv), notes: [`re-submitted ${lines.size} row(s) of run ${run.id}`] }),
    }))!;
    if (outcome.status === 'succeeded') await this.repository.setRowErrorStatus(run.id, rows.map((r) => r.errorId), 'resubmitted');
    return this.getRun(scope, outcome.runId);
  }

  async discard(scope: ProviderScope, runId: string, errorIds: string[]): Promise<void> {
    await this.visibleRun(scope, runId);
    await this.repository.setRowErrorStatus(runId, errorIds, 'discarded');
  }

  // Push ---------------------------------------------------------------------------------------------------

  async providerOfKey(key: string | undefined): Promise<string> {
    const providerId = key ? await this.repository.providerOfApiKey(hashApiKey(key.trim())) : null;
    if (!providerId) throw new UnauthorizedPush();
    return providerId;
  }

  async push(key: string | undefined, body: unknown, contentType: string): Promise<PushAcceptedDto> {
    const providerId = await this.providerOfKey(key);
    const feeds = await this.repository.listFeeds(ProviderScope.of({ providerIds: [providerId] }), providerId);
    const feed = feeds.find((f) => f.connector === 'push' && f.enabled) ?? null;
    const isBytes = body instanceof Uint8Array;
    const isCsv = typeof body === 'string' || isBytes || /csv|text\/plain/i.test(contentType);
    const format = feed?.config['format'] === 'genesys' || feed?.config['format'] === 'amazon_connect' ? (feed.config['format'] as 'genesys') : isCsv ? 'csv' : 'json';
    if (body === undefined || body === null || body === '' || (isBytes && body.length === 0)) throw new BadRequestException('The body is empty');
    // JSON text sent without a JSON content type is still JSON; CSV stays bytes (streamed by the bulk path).
    const text = isBytes && format !== 'csv' ? new TextDecoder().decode(body) : null;
    const outcome = (await this.ingestion.runBatch({
      providerId,
      feed,
      trigger: 'push',
      connector: 'push',
      sourceKind: feed?.sourceKind ?? 'observations',
      payload: async () => ({
        format,
        body: text !== null ? JSON.parse(text) : typeof body === 'string' ? (format === 'csv' ? new TextEncoder().encode(body) : JSON.parse(body)) : body,
        notes: isBytes ? [`pushed ${(body as Uint8Array).length} bytes`] : [],
      }),
    }))!;
    return { runId: outcome.runId, status: outcome.status, counts: outcome.counts };
  }

  async pushedRun(key: string | undefined, runId: string): Promise<IngestionRunDetailDto> {
    const providerId = await this.providerOfKey(key);
    return this.getRun(ProviderScope.of({ providerIds: [providerId] }), runId);
  }

  // Runs -------------------------------------------------------------------------------------------------

  async listRuns(scope: ProviderScope, filter: { providerId?: string; feedId?: string; limit?: number }): Promise<IngestionRunDto[]> {
    if (filter.providerId) scope.assertVisible(filter.providerId);
    const rows = await this.repository.listRuns(scope, { ...filter, limit: filter.limit ?? 100 });
    return rows.map(toRunDto);
  }

  async getRun(scope: ProviderScope, runId: string): Promise<IngestionRunDetailDto> {
    const run = await this.visibleRun(scope, runId);
    const errors = await this.repository.rowErrors(runId);
    return { ...toRunDto(run), rowErrors: errors };
  }

  private async visibleRun(scope: ProviderScope, runId: string): Promise<RunRow> {
    const run = await this.repository.findRun(runId);
    if (!run || !scope.includes(run.providerId)) throw new NotFoundException('Run not found');
    return run;
  }

  async restatements(scope: ProviderScope, providerId: string, limit = 200): Promise<RestatementDto[]> {
    scope.assertVisible(providerId);
    const rows = (await this.repository.restatements(providerId, limit)) as (RestatementDto & { restatedAt: Date | string })[];
    return rows.map((r) => ({ ...r, restatedAt: iso(r.restatedAt) as string }));
  }

  // API keys ---------------------------------------------------------------------------------------------

  async createKey(scope: ProviderScope, providerId: string, label: string | null): Promise<CreatedApiKeyDto> {
    scope.assertVisible(providerId);
    if (!(await this.repository.providerExists(providerId))) throw new NotFoundException('Provider not found');
    const { key, prefix } = newApiKey();
    const row = (await this.repository.insertApiKey(providerId, prefix, hashApiKey(key), label)) as ApiKeyDto;
    return { ...keyDto(row), key };
  }

  async listKeys(scope: ProviderScope, providerId: string): Promise<ApiKeyDto[]> {
    scope.assertVisible(providerId);
    return ((await this.repository.listApiKeys(providerId)) as ApiKeyDto[]).map(keyDto);
  }

  async revokeKey(scope: ProviderScope, providerId: string, keyId: string): Promise<void> {
    scope.assertVisible(providerId);
    if (!(await this.repository.revokeApiKey(providerId, keyId))) throw new NotFoundException('API key not found');
  }

  /** A new key with the same label; the old one stops working at once. */
  async rotateKey(scope: ProviderScope, providerId: string, keyId: string): Promise<CreatedApiKeyDto> {
    scope.assertVisible(providerId);
    const old = await this.repository.revokeApiKey(providerId, keyId);
    if (!old) throw new NotFoundException('API key not found');
    return this.createKey(scope, providerId, old.label);
  }
}

export class UnauthorizedPush extends Error {}

function keyDto(row: ApiKeyDto): ApiKeyDto {
  return {
    id: row.id,
    providerId: row.providerId,
    prefix: row.prefix,
    label: row.label,
    createdAt: iso(row.createdAt) as string,
    lastUsedAt: iso(row.lastUsedAt),
    revokedAt: iso(row.revokedAt),
  };
}

function toRunDto(row: RunRow): IngestionRunDto {
  return {
    id: row.id,
    providerId: row.providerId,
    feedId: row.feedId,
    feedName: row.feedName,
    trigger: row.trigger,
    connector: row.connector,
    status: row.status,
    fileName: row.fileName,
    windowFrom: row.windowFrom,
    windowTo: row.windowTo,
    startedAt: iso(row.startedAt) as string,
    finishedAt: iso(row.finishedAt),
    counts: { received: row.received, inserted: row.inserted, updated: row.updated, unchanged: row.unchanged, rejected: row.rejected },
    attempt: row.attempt,
    error: row.error,
    errorCount: row.errorCount,
    warnings: row.warnings?.messages ?? [],
  };
}

function csvCell(value: string): string {
  return /[",\n\r]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}
