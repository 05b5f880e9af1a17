import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PostalMime from 'postal-mime';
import { DataSource } from 'typeorm';
import type { ReceivedMail } from './mail-catcher';

export interface CaughtMailSummary {
  id: string;
  messageId: string;
  from: string;
  to: string[];
  subject: string;
  receivedAt: Date;
  deliveries: number;
  imageCount: number;
}

export interface CaughtMailMessage extends CaughtMailSummary {
  text: string;
  html: string | null;
  attachments: { filename: string | null; contentType: string; contentId: string | null; size: number }[];
}

interface Row {
  id: string;
  message_id: string;
  from_address: string | null;
  to_addresses: string[];
  subject: string | null;
  received_at: Date;
  deliveries: number;
  image_count: number;
  raw?: Buffer;
}

const SUMMARY_COLUMNS = `id, message_id, from_address, to_addresses, subject, received_at, deliveries, image_count`;

/**
 * What the local mail catcher received (table caught_emails). A message arriving again with the same
 * Message-ID is counted, not stored twice, so "delivered once" is visible as deliveries = 1.
 */
@Injectable()
export class CaughtMailStore {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async store(mail: ReceivedMail): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO caught_emails
         (message_id, envelope_from, envelope_to, from_address, to_addresses, subject, raw, size, image_count)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (message_id) DO UPDATE
         SET deliveries = caught_emails.deliveries + 1, last_received_at = now()`,
      [
        mail.messageId.slice(0, 400),
        mail.envelopeFrom?.slice(0, 254) ?? null,
        mail.envelopeTo.map((a) => a.toLowerCase().slice(0, 254)),
        mail.from?.slice(0, 400) ?? null,
        mail.to.map((a) => a.slice(0, 400)),
        mail.subject?.slice(0, 400) ?? null,
        mail.raw,
        mail.raw.length,
        mail.imageCount,
      ],
    );
  }

  /** Newest first. `recipients` (lower-case addresses) restricts to mail sent to them; null = all mail. */
  async list(
    recipients: string[] | null,
    page: { limit: number; offset: number },
  ): Promise<{ items: CaughtMailSummary[]; total: number }> {
    const params: unknown[] = [];
    const where = recipients === null ? 'TRUE' : `envelope_to && $${params.push(recipients)}::varchar[]`;
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM caught_emails WHERE ${where}`, params);
    const rows: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM caught_emails WHERE ${where}
       ORDER BY received_at DESC, id LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, page.limit, page.offset],
    );
    return { items: rows.map(toSummary), total };
  }

  async get(id: string, recipients: string[] | null): Promise<CaughtMailMessage | null> {
    const params: unknown[] = [id];
    const where = recipients === null ? '' : ` AND envelope_to && $${params.push(recipients)}::varchar[]`;
    const [row]: Row[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS}, raw FROM caught_emails WHERE id = $1${where}`,
      params,
    );
    if (!row?.raw) return null;
    const parsed = await PostalMime.parse(row.raw);
    const images = new Map<string, string>();
    const attachments = parsed.attachments.map((a) => {
      const bytes = toBuffer(a.content);
      const contentId = a.contentId ? a.contentId.replace(/^<|>$/g, '') : null;
      if (contentId && a.mimeType.startsWith('image/')) {
        images.set(contentId, `data:${a.mimeType};base64,${bytes.toString('base64')}`);
      }
      return { filename: a.filename, contentType: a.mimeType, contentId, size: bytes.length };
    });
    const html = parsed.html
      ? parsed.html.replace(/cid:([^"'\s)>]+)/g, (whole, cid: string) => images.get(cid) ?? whole)
      : null;
    return { ...toSummary(row), text: parsed.text ?? '', html, attachments };
  }

  /** Counts for tests and the status line: messages and total deliveries. */
  async counts(): Promise<{ messages: number; deliveries: number }> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS messages, COALESCE(sum(deliveries), 0)::int AS deliveries FROM caught_emails`,
    );
    return row;
  }
}

function toSummary(row: Row): CaughtMailSummary {
  return {
    id: row.id,
    messageId: row.message_id,
    from: row.from_address ?? '',
    to: row.to_addresses,
    subject: row.subject ?? '(no subject)',
    receivedAt: row.received_at,
    deliveries: row.deliveries,
    imageCount: row.image_count,
  };
}

function toBuffer(content: ArrayBuffer | Uint8Array | string): Buffer {
  if (typeof content === 'string') return Buffer.from(content, 'base64');
  return Buffer.from(content instanceof ArrayBuffer ? new Uint8Array(content) : content);
}
