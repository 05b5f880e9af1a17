import type { OutboxKind, OutboxStatus } from '@kpi/contracts';

export interface NewInlineImage {
  contentId: string;
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
