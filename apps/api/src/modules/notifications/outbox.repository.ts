import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { OutboxMessageDto, OutboxStatus } from '@kpi/contracts';
import type { SqlExecutor } from '../alerts/alert.types';
import type { LoadedFileAttachment, NewInlineImage, NewOutboxMessage, OutboxRow } from './outbox.types';

/** Who may read which outbox rows: admins all; others the mail sent to them, plus mail about their providers. */
export interface OutboxVisibility {
  all: boolean;
  userId: string;
  /** Providers whose mail the caller may read; null = none beyond their own mail. */
  providerIds: string[] | null;
}

@Injectable()
export class OutboxRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Writes a message in the caller's transaction; false when a message with the same dedupe key exists. */
  async insert(db: SqlExecutor, m: NewOutboxMessage): Promise<boolean> {
    const rows = await db.query(
      `INSERT INTO email_outbox (id, kind, dedupe_key, to_address, to_name, to_user_id, provider_id, escalation_id,
         alert_event_id, subject, html, text, headers, not_before)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, COALESCE($14, now()))
       ON CONFLICT (dedupe_key) DO NOTHING RETURNING id`,
      [
        m.id,
        m.kind,
        m.dedupeKey.slice(0, 300),
        m.toAddress,
        m.toName,
        m.toUserId,
        m.providerId,
        m.escalationId,
        m.alertEventId,
        m.subject.slice(0, 400),
        m.html,
        m.text,
        JSON.stringify(m.headers),
        m.notBefore,
      ],
    );
    if (rows.length === 0) return false;
    if (m.images.length > 0) {
      await db.query(
        `INSERT INTO email_outbox_attachments (outbox_id, content_id, filename, content_type, content)
         SELECT $1, c, f, t, d FROM unnest($2::text[], $3::text[], $4::text[], $5::bytea[]) AS x(c, f, t, d)`,
        [
          m.id,
          m.images.map((i) => i.contentId),
          m.images.map((i) => i.filename),
          m.images.map((i) => i.contentType),
          m.images.map((i) => i.content),
        ],
      );
    }
    const files = m.fileAttachments ?? [];
    if (files.length > 0) {
      await db.query(
        `INSERT INTO email_outbox_file_attachments (outbox_id, position, review_id, review_format)
         SELECT $1, (x.n - 1)::smallint, x.r, x.f FROM unnest($2::uuid[], $3::text[]) WITH ORDINALITY AS x(r, f, n)`,
        [m.id, files.map((f) => f.reviewId), files.map((f) => f.format)],
      );
    }
    return true;
  }

  /** Locks one message for sending (the row lock is held until the caller's transaction ends). */
  async lockForSend(db: SqlExecutor, id: string): Promise<OutboxRow | null> {
    const rows = await db.query(
      `SELECT id, kind, to_address, to_name, to_user_id, subject, html, text, headers, status, attempts, not_before
       FROM email_outbox WHERE id = $1 FOR UPDATE`,
      [id],
    );
    const r = rows[0];
    if (!r) return null;
    return {
      id: r.id,
      kind: r.kind,
      toAddress: r.to_address,
      toName: r.to_name,
      toUserId: r.to_user_id,
      subject: r.subject,
      html: r.html,
      text: r.text,
      headers: r.headers ?? {},
      status: r.status,
      attempts: r.attempts,
      notBefore: r.not_before,
    };
  }

  async images(db: SqlExecutor, id: string): Promise<NewInlineImage[]> {
    const rows = await db.query(
      `SELECT content_id, filename, content_type, content FROM email_outbox_attachments WHERE outbox_id = $1 ORDER BY content_id`,
      [id],
    );
    return rows.map((r: Record<string, unknown>) => ({
      contentId: r['content_id'] as string,
      filename: r['filename'] as string,
      contentType: r['content_type'] as string,
      content: r['content'] as Buffer,
    }));
  }

  /** The attached files of a message, loaded from the archive (immutable, so every attempt sends the same bytes). */
  async fileAttachments(db: SqlExecutor, id: string): Promise<LoadedFileAttachment[]> {
    const rows = await db.query(
      `SELECT f.file_name, f.content_type, f.content
       FROM email_outbox_file_attachments a
       JOIN quarterly_review_files f ON f.review_id = a.review_id AND f.format = a.review_format
       WHERE a.outbox_id = $1 ORDER BY a.position`,
      [id],
    );
    return rows.map((r: Record<string, unknown>) => ({
      filename: r['file_name'] as string,
      contentType: r['content_type'] as string,
      content: r['content'] as Buffer,
    }));
  }

  async markSent(db: SqlExecutor, id: string, response: string): Promise<void> {
    await db.query(
      `UPDATE email_outbox SET status = 'sent', sent_at = now(), last_attempt_at = now(), attempts = attempts + 1,
         smtp_response = $2, last_error = NULL WHERE id = $1`,
      [id, response.slice(0, 1000)],
    );
  }

  async markAttemptFailed(db: SqlExecutor, id: string, reason: string, final: boolean): Promise<void> {
    await db.query(
      `UPDATE email_outbox SET attempts = attempts + 1, last_attempt_at = now(), last_error = $2,
         status = CASE WHEN $3 THEN 'failed' ELSE 'queued' END WHERE id = $1`,
      [id, reason.slice(0, 2000), final],
    );
  }

  async markSkipped(db: SqlExecutor, id: string, reason: string): Promise<void> {
    await db.query(`UPDATE email_outbox SET status = 'skipped', last_error = $2, last_attempt_at = now() WHERE id = $1`, [
      id,
      reason,
    ]);
  }

  async isOptedOut(db: SqlExecutor, email: string): Promise<boolean> {
    const rows = await db.query(`SELECT 1 FROM email_opt_outs WHERE email = lower($1)`, [email]);
    return rows.length > 0;
  }

  async addOptOut(email: string): Promise<void> {
    await this.dataSource.query(`INSERT INTO email_opt_outs (email) VALUES (lower($1)) ON CONFLICT DO NOTHING`, [email]);
  }

  /** Queued, due, and never attempted a while after becoming due: its job was lost (or never enqueued). */
  async orphanIds(olderThanSeconds: number, limit: number): Promise<string[]> {
    const rows = await this.dataSource.query(
      `SELECT id FROM email_outbox
       WHERE status = 'queued' AND attempts = 0 AND not_before <= now() - make_interval(secs => $1)
       ORDER BY not_before LIMIT $2`,
      [olderThanSeconds, limit],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async dueTimes(ids: string[]): Promise<{ id: string; notBefore: Date }[]> {
    if (ids.length === 0) return [];
    const rows = await this.dataSource.query(
      `SELECT id, not_before FROM email_outbox WHERE id = ANY($1::uuid[]) AND status = 'queued'`,
      [ids],
    );
    return rows.map((r: { id: string; not_before: Date }) => ({ id: r.id, notBefore: r.not_before }));
  }

  /** A failed message goes back to the queue for one more round of attempts. */
  async requeue(id: string, visibility: OutboxVisibility): Promise<number | null> {
    const params: unknown[] = [id];
    const rows = await this.dataSource.query(
      `WITH r AS (
         UPDATE email_outbox o SET status = 'queued', last_error = NULL
         WHERE id = $1 AND status = 'failed' AND ${this.visibleSql(visibility, params)}
         RETURNING attempts
       ) SELECT attempts FROM r`,
      params,
    );
    return rows[0] ? Number(rows[0].attempts) : null;
  }

  async list(
    visibility: OutboxVisibility,
    status: OutboxStatus | undefined,
    page: { limit: number; offset: number },
  ): Promise<{ items: OutboxMessageDto[]; total: number; counts: Record<OutboxStatus, number> }> {
    const params: unknown[] = [];
    const visible = this.visibleSql(visibility, params);
    const countRows: { status: OutboxStatus; n: number }[] = await this.dataSource.query(
      `SELECT status, count(*)::int AS n FROM email_outbox o WHERE ${visible} GROUP BY status`,
      params,
    );
    const counts: Record<OutboxStatus, number> = { queued: 0, sent: 0, failed: 0, skipped: 0 };
    for (const row of countRows) counts[row.status] = row.n;
    const listParams = [...params];
    const statusSql = status ? ` AND o.status = $${listParams.push(status)}` : '';
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT o.id, o.kind, o.to_address, o.to_name, o.subject, o.status, o.attempts, o.last_error, o.created_at,
              o.not_before, o.last_attempt_at, o.sent_at, o.provider_id, p.name AS provider_name, o.escalation_id
       FROM email_outbox o LEFT JOIN providers p ON p.id = o.provider_id
       WHERE ${visible}${statusSql}
       ORDER BY o.created_at DESC, o.id
       LIMIT $${listParams.push(page.limit)} OFFSET $${listParams.push(page.offset)}`,
      listParams,
    );
    const total = status ? counts[status] : Object.values(counts).reduce((a, b) => a + b, 0);
    return {
      total,
      counts,
      items: rows.map((r) => ({
        id: r['id'] as string,
        kind: r['kind'] as OutboxMessageDto['kind'],
        toAddress: r['to_address'] as string,
        toName: (r['to_name'] as string | null) ?? null,
        subject: r['subject'] as string,
        status: r['status'] as OutboxStatus,
        attempts: r['attempts'] as number,
        lastError: (r['last_error'] as string | null) ?? null,
        createdAt: (r['created_at'] as Date).toISOString(),
        notBefore: (r['not_before'] as Date).toISOString(),
        lastAttemptAt: r['last_attempt_at'] ? (r['last_attempt_at'] as Date).toISOString() : null,
        sentAt: r['sent_at'] ? (r['sent_at'] as Date).toISOString() : null,
        providerId: (r['provider_id'] as string | null) ?? null,
        providerName: (r['provider_name'] as string | null) ?? null,
        escalationId: (r['escalation_id'] as string | null) ?? null,
      })),
    };
  }

  private visibleSql(v: OutboxVisibility, params: unknown[]): string {
    if (v.all) return 'TRUE';
    const own = `o.to_user_id = $${params.push(v.userId)}`;
    if (!v.providerIds || v.providerIds.length === 0) return own;
    return `(${own} OR o.provider_id = ANY($${params.push(v.providerIds)}::uuid[]))`;
  }
}
