export const MAILER = Symbol('MAILER');

export interface InlineImage {
  /** Referenced from the HTML as `cid:<contentId>`. */
  contentId: string;
  filename: string;
  contentType: string;
  content: Buffer;
}

/** A file attached to the message (Content-Disposition: attachment). */
export interface MailAttachment {
  filename: string;
  contentType: string;
  content: Buffer;
}

/** One message, fully rendered. The transport adds nothing but the envelope. */
export interface OutgoingMail {
  /** `<id@host>`: the outbox id, so a resend after a lost acknowledgement is recognisable as the same message. */
  messageId: string;
  from: string;
  to: { address: string; name?: string | null };
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
  inlineImages?: InlineImage[];
  attachments?: MailAttachment[];
}

export interface MailerAccepted {
  /** The server's final answer to the message (e.g. "250 OK: queued as ..."). */
  response: string;
}

/**
 * Outgoing mail transport. Resolves once the receiving server has accepted the message; rejects with the
 * reason otherwise (connection refused, timeout, 4xx/5xx answer).
 */
export interface MailerPort {
  send(mail: OutgoingMail): Promise<MailerAccepted>;
  /** Where mail goes, for logs and the web app ("smtp.example.com:587", "local mail catcher 127.0.0.1:2525"). */
  describe(): string;
}
