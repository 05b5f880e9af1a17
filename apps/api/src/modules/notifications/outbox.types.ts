import type { OutboxKind, OutboxStatus } from '@kpi/contracts';

export interface NewInlineImage {
  contentId: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/**
 * A file attached by reference to an archived, immutable pack file (`quarterly_review_files`): the outbox keeps
 * the reference only; the sender loads the bytes (with the archived file name and content type) when it sends.
 */
export interface NewFileAttachment {
  reviewId: string;
  format: string;
}

/** A file to attach, loaded for sending. */
export interface LoadedFileAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A rendered message ready for the outbox. */
export interface NewOutboxMessage {
  id: string;
  kind: OutboxKind;
  /** One message per key: writing the same key again is a no-op (idempotent producers). */
  dedupeKey: string;
  toAddress: string;
  toName: string | null;
  toUserId: string | null;
  providerId: string | null;
  escalationId: string | null;
  alertEventId: string | null;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  notBefore: Date | null;
  images: NewInlineImage[];
  /** Attachments by reference (in this order); none when omitted. */
  fileAttachments?: NewFileAttachment[];
}

export interface OutboxRow {
  id: string;
  kind: OutboxKind;
  toAddress: string;
  toName: string | null;
  toUserId: string | null;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  status: OutboxStatus;
  attempts: number;
  notBefore: Date;
}
