import { createTransport, Transporter, TransportOptions } from 'nodemailer';
import type { Attachment } from 'nodemailer/lib/mailer';
import type { MailerAccepted, MailerPort, OutgoingMail } from './mailer.port';

export interface SmtpMailerOptions {
  /** smtp://user:password@host:587 or smtps://host:465 */
  url: string;
  timeoutSeconds: number;
  /** Label for logs; defaults to host:port of the URL. */
  label?: string;
}

/**
 * The only SMTP code of the api (nodemailer). One connection per message, no pool: a server that restarts
 * between messages costs nothing, and a failed message leaves no half-open connection behind.
 */
export class SmtpMailer implements MailerPort {
  private readonly transport: Transporter;
  private readonly label: string;

  constructor(options: SmtpMailerOptions) {
    const timeout = options.timeoutSeconds * 1000;
    this.transport = createTransport(options.url, {
      connectionTimeout: timeout,
      greetingTimeout: timeout,
      socketTimeout: timeout,
    } as TransportOptions);
    this.label = options.label ?? describeSmtpUrl(options.url);
  }

  async send(mail: OutgoingMail): Promise<MailerAccepted> {
    const info = await this.transport.sendMail({
      messageId: mail.messageId,
      from: mail.from,
      to: mail.to.name ? { name: mail.to.name, address: mail.to.address } : mail.to.address,
      subject: mail.subject,
      text: mail.text,
      html: mail.html,
      headers: mail.headers,
      attachments: [
        ...(mail.inlineImages ?? []).map((image): Attachment => ({
          cid: image.contentId,
          filename: image.filename,
          contentType: image.contentType,
          content: image.content,
          contentDisposition: 'inline',
        })),
        ...(mail.attachments ?? []).map((file): Attachment => ({
          filename: file.filename,
          contentType: file.contentType,
          content: file.content,
          contentDisposition: 'attachment',
        })),
      ],
    });
    const rejected = (info.rejected ?? []).map(String);
    if (rejected.length > 0) throw new Error(`Recipient refused by the mail server: ${rejected.join(', ')}`);
    return { response: String(info.response ?? 'accepted') };
  }

  describe(): string {
    return this.label;
  }
}

/** host:port of an SMTP URL, without credentials. */
export function describeSmtpUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.hostname}:${u.port || (u.protocol === 'smtps:' ? 465 : 587)}`;
  } catch {
    return 'the configured SMTP server';
  }
}
