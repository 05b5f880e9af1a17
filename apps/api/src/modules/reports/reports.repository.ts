import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AgreedActionDto, QuarterlyReviewKind, QuarterlyReviewStatus, QuarterlyReviewTrigger } from '@kpi/contracts';
import type { ProviderScope } from '../auth/provider-scope';
import type { FiguresSnapshot } from './quarterly-review.model';

export interface CommentaryRecord {
  providerId: string;
  quarter: string;
  commentary: string;
  actions: AgreedActionDto[];
  updatedAt: Date | null;
  updatedBy: string | null;
}

export interface ReviewRecord {
  id: string;
  kind: QuarterlyReviewKind;
  providerId: string | null;
  providerName: string | null;
  providerIds: string[];
  quarter: string;
  asOf: string | null;
  status: QuarterlyReviewStatus;
  progress: number;
  stage: string | null;
  error: string | null;
  trigger: QuarterlyReviewTrigger;
  deliver: boolean;
  requestedBy: string | null;
  requestedByName: string | null;
  createdAt: Date;
  issuedAt: Date | null;
}

export interface StoredFile {
  format: string;
  fileName: string;
  contentType: string;
  sizeBytes: number;
  sha256: string;
}

export interface NewFile extends StoredFile {
  content: Buffer;
}

const REVIEW_COLUMNS = `r.id, r.kind, r.provider_id, p.name AS provider_name, r.provider_ids, r.quarter,
  to_char(r.as_of, 'YYYY-MM-DD') AS as_of, r.status, r.progress, r.stage, r.error, r.trigger, r.deliver,
  r.requested_by, r.requested_by_name, r.created_at, r.issued_at`;

function toReview(row: Record<string, unknown>): ReviewRecord {
  return {
    id: row['id'] as string,
    kind: row['kind'] as QuarterlyReviewKind,
    providerId: (row['provider_id'] as string | null) ?? null,
    providerName: (row['provider_name'] as string | null) ?? null,
    providerIds: (row['provider_ids'] as string[]) ?? [],
    quarter: row['quarter'] as string,
    asOf: (row['as_of'] as string | null) ?? null,
    status: row['status'] as QuarterlyReviewStatus,
    progress: Number(row['progress']),
    stage: (row['stage'] as string | null) ?? null,
    error: (row['error'] as string | null) ?? null,
    trigger: row['trigger'] as QuarterlyReviewTrigger,
    deliver: Boolean(row['deliver']),
    requestedBy: (row['requested_by'] as string | null) ?? null,
    requestedByName: (row['requested_by_name'] as string | null) ?? null,
    createdAt: new Date(row['created_at'] as string),
    issuedAt: row['issued_at'] ? new Date(row['issued_at'] as string) : null,
  };
}

/**
 * Commentary, generation jobs and the archive of quarterly reviews. Reads are restricted through
 * ProviderScope: a provider pack is visible with its provider, a portfolio pack when every provider it
 * covers is visible.
 */
@Injectable()
export class ReportsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async commentary(providerId: string, quarter: string): Promise<CommentaryRecord | null> {
    const [row] = await this.dataSource.query(
      `SELECT c.provider_id, c.quarter, c.commentary, c.actions, c.updated_at, u.display_name AS updated_by
         FROM quarterly_review_commentaries c LEFT JOIN users u ON u.id = c.updated_by
        WHERE c.provider_id = $1 AND c.quarter = $2`,
      [providerId, quarter],
    );
    if (!row) return null;
    return {
      providerId: row.provider_id,
      quarter: row.quarter,
      commentary: row.commentary,
      actions: row.actions ?? [],
      updatedAt: row.updated_at ? new Date(row.updated_at) : null,
      updatedBy: row.updated_by ?? null,
    };
  }

  async saveCommentary(providerId: string, quarter: string, commentary: string, actions: AgreedActionDto[], userId: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO quarterly_review_commentaries (provider_id, quarter, commentary, actions, updated_by, updated_at)
       VALUES ($1, $2, $3, $4::jsonb, $5, now())
       ON CONFLICT (provider_id, quarter) DO UPDATE
         SET commentary = EXCLUDED.commentary, actions = EXCLUDED.actions, updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [providerId, quarter, commentary, JSON.stringify(actions), userId],
    );
  }

  async create(input: {
    kind: QuarterlyReviewKind;
    providerId: string | null;
    providerIds: string[];
    quarter: string;
    trigger: QuarterlyReviewTrigger;
    deliver: boolean;
    requestedBy: string | null;
    requestedByName: string | null;
  }): Promise<string> {
    const [row] = await this.dataSource.query(
      `INSERT INTO quarterly_reviews (kind, provider_id, provider_ids, quarter, trigger, deliver, requested_by, requested_by_name, stage)
       VALUES ($1, $2, $3::uuid[], $4, $5, $6, $7, $8, 'Waiting in the queue') RETURNING id`,
      [input.kind, input.providerId, input.providerIds, input.quarter, input.trigger, input.deliver, input.requestedBy, input.requestedByName],
    );
    return row.id as string;
  }

  /** A scheduled pack of (provider, quarter) already created by an earlier run of the schedule, if any. */
  async scheduledReview(providerId: string, quarter: string): Promise<string | null> {
    const [row] = await this.dataSource.query(
      `SELECT id FROM quarterly_reviews WHERE provider_id = $1 AND quarter = $2 AND trigger = 'schedule' ORDER BY created_at LIMIT 1`,
      [providerId, quarter],
    );
    return (row?.id as string | undefined) ?? null;
  }

  async find(id: string, scope: ProviderScope | null): Promise<ReviewRecord | null> {
    const params: unknown[] = [id];
    const visible = scope ? this.visibility(scope, params) : 'TRUE';
    const [row] = await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} FROM quarterly_reviews r LEFT JOIN providers p ON p.id = r.provider_id WHERE r.id = $1 AND ${visible}`,
      params,
    );
    return row ? toReview(row) : null;
  }

  async list(scope: ProviderScope, filter: { providerId?: string; quarter?: string; limit: number }): Promise<ReviewRecord[]> {
    const params: unknown[] = [];
    const where = [this.visibility(scope, params)];
    if (filter.providerId) {
      params.push(filter.providerId);
      where.push(`r.provider_id = $${params.length}`);
    }
    if (filter.quarter) {
      params.push(filter.quarter);
      where.push(`r.quarter = $${params.length}`);
    }
    params.push(filter.limit);
    const rows = await this.dataSource.query(
      `SELECT ${REVIEW_COLUMNS} FROM quarterly_reviews r LEFT JOIN providers p ON p.id = r.provider_id
        WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC LIMIT $${params.length}`,
      params,
    );
    return rows.map(toReview);
  }

  async files(reviewIds: readonly string[]): Promise<Map<string, StoredFile[]>> {
    const out = new Map<string, StoredFile[]>();
    if (reviewIds.length === 0) return out;
    const rows = await this.dataSource.query(
      `SELECT review_id, format, file_name, content_type, size_bytes, sha256 FROM quarterly_review_files
        WHERE review_id = ANY($1::uuid[]) ORDER BY position, format`,
      [[...reviewIds]],
    );
    for (const row of rows) {
      const list = out.get(row.review_id) ?? [];
      list.push({ format: row.format, fileName: row.file_name, contentType: row.content_type, sizeBytes: Number(row.size_bytes), sha256: row.sha256 });
      out.set(row.review_id, list);
    }
    return out;
  }

  async fileContent(reviewId: string, format: string): Promise<(StoredFile & { content: Buffer }) | null> {
    const [row] = await this.dataSource.query(
      `SELECT format, file_name, content_type, size_bytes, sha256, content FROM quarterly_review_files WHERE review_id = $1 AND format = $2`,
      [reviewId, format],
    );
    if (!row) return null;
    return { format: row.format, fileName: row.file_name, contentType: row.content_type, sizeBytes: Number(row.size_bytes), sha256: row.sha256, content: row.content };
  }

  async figures(reviewId: string): Promise<FiguresSnapshot | null> {
    const [row] = await this.dataSource.query(`SELECT figures FROM quarterly_reviews WHERE id = $1`, [reviewId]);
    return (row?.figures as FiguresSnapshot | null) ?? null;
  }

  /** Claims a queued (or retried) review for generation; null when it is already issued. */
  async start(id: string): Promise<ReviewRecord | null> {
    const rows = await this.dataSource.query(
      `WITH x AS (
         UPDATE quarterly_reviews SET status = 'running', progress = 1, stage = 'Starting', error = NULL, started_at = now()
          WHERE id = $1 AND issued_at IS NULL RETURNING id)
       SELECT id FROM x`,
      [id],
    );
    return rows.length > 0 ? this.find(id, null) : null;
  }

  async progress(id: string, progress: number, stage: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE quarterly_reviews SET progress = GREATEST(progress, $2), stage = $3 WHERE id = $1 AND issued_at IS NULL`,
      [id, Math.max(0, Math.min(99, Math.round(progress))), stage],
    );
  }

  async fail(id: string, error: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE quarterly_reviews SET status = 'failed', stage = 'Failed', error = $2, finished_at = now() WHERE id = $1 AND issued_at IS NULL`,
      [id, error.slice(0, 2000)],
    );
  }

  /** Stores the files and the figures and issues the pack, in one transaction; afterwards it is immutable. */
  async issue(id: string, asOf: string, figures: FiguresSnapshot, files: readonly NewFile[]): Promise<void> {
    await this.dataSource.transaction(async (db) => {
      let position = 0;
      for (const file of files) {
        await db.query(
          `INSERT INTO quarterly_review_files (review_id, format, file_name, content_type, content, size_bytes, sha256, position)
           VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
          [id, file.format, file.fileName, file.contentType, file.content, file.sizeBytes, file.sha256, position++],
        );
      }
      await db.query(
        `UPDATE quarterly_reviews SET status = 'succeeded', progress = 100, stage = 'Issued', as_of = $2, figures = $3::jsonb,
                finished_at = now(), issued_at = now()
          WHERE id = $1 AND issued_at IS NULL`,
        [id, asOf, JSON.stringify(figures)],
      );
    });
  }

  /** Provider packs: visible with their provider; portfolio packs: when every provider they cover is visible. */
  private visibility(scope: ProviderScope, params: unknown[]): string {
    if (scope.isUnrestricted) return 'TRUE';
    const condition = scope.sqlCondition('x', params);
    const ref = condition.match(/\$\d+/)?.[0] as string;
    return `(r.provider_ids <@ ${ref}::uuid[])`;
  }
}
