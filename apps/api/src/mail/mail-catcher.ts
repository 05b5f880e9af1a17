import { createHash } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer, SMTPServerDataStream, SMTPServerSession } from 'smtp-server';

/** A message as the catcher received it: the envelope, the headers that identify it, and the raw bytes. */
export interface ReceivedMail {
  messageId: string;
  envelopeFrom: string | null;
  envelopeTo: string[];
  from: string | null;
  to: string[];
  subject: string | null;
  imageCount: number;
  raw: Buffer;
}

export type ReceivedMailSink = (mail: ReceivedMail) => Promise<void>;

const MAX_MESSAGE_BYTES = 20 * 1024 * 1024;

/**
 * The built-in local mail catcher: an SMTP server on 127.0.0.1 (smtp-server) that accepts every message
 * and hands it to a sink (the api stores it for the Mailbox page). Used when SMTP_URL is not set, so a new
 * install shows its alert mail without any mail server. A message is acknowledged only after the sink has
 * stored it, so the sender marks it sent only when it is really kept.
 */
export class MailCatcher {
  private server: SMTPServer | null = null;
  private port: number | null = null;

  constructor(
    private readonly sink: ReceivedMailSink,
    private readonly log: (message: string) => void = () => undefined,
  ) {}

  /** Listens on host:port; when the port is taken, on a free port instead (several instances on one machine). */
  async start(port: number, host = '127.0.0.1'): Promise<number> {
    try {
      this.port = await this.listen(port, host);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw error;
      this.port = await this.listen(0, host);
      this.log(`Port ${port} is in use; the local mail catcher listens on ${host}:${this.port} instead`);
    }
    return this.port;
  }

  get listeningPort(): number | null {
    return this.port;
  }

  async stop(): Promise<void> {
    const server = this.server;
    this.server = null;
    this.port = null;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private listen(port: number, host: string): Promise<number> {
    const server = new SMTPServer({
      name: 'kpi-governance-mail-catcher',
      banner: 'KPI Governance local mail catcher',
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      size: MAX_MESSAGE_BYTES,
      logger: false,
      onData: (stream, session, callback) => {
        this.receive(stream, session).then(
          () => callback(),
          (error: Error) => callback(Object.assign(new Error(`451 Could not store the message: ${error.message}`), { responseCode: 451 })),
        );
      },
    });
    return new Promise<number>((resolve, reject) => {
      let listening = false;
      // smtp-server re-emits its net server's errors on itself: before listening they mean "could not listen".
      server.on('error', (error: Error) => {
        if (!listening) reject(error);
        else this.log(`Mail catcher: ${error.message}`);
      });
      server.listen(port, host, () => {
        listening = true;
        this.server = server;
        resolve((server.server.address() as AddressInfo).port);
      });
    });
  }

  private async receive(stream: SMTPServerDataStream, session: SMTPServerSession): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    if (stream.sizeExceeded) throw new Error('message too large');
    const raw = Buffer.concat(chunks);
    await this.sink(await describeReceivedMail(raw, session));
  }
}

/** Reads the identifying headers of a raw message (and its SMTP envelope). */
export async function describeReceivedMail(raw: Buffer, session?: Pick<SMTPServerSession, 'envelope'>): Promise<ReceivedMail> {
  const parsed = await PostalMime.parse(raw);
  const envelopeFrom = session?.envelope.mailFrom ? session.envelope.mailFrom.address : null;
  return {
    messageId: parsed.messageId?.trim() || `<${createHash('sha256').update(raw).digest('hex')}@mail-catcher>`,
    envelopeFrom,
    envelopeTo: (session?.envelope.rcptTo ?? []).map((r) => r.address),
    from: parsed.from ? (formatAddresses([parsed.from])[0] ?? null) : null,
    to: formatAddresses(parsed.to ?? []),
    subject: parsed.subject ?? null,
    imageCount: parsed.attachments.filter((a) => a.mimeType.startsWith('image/')).length,
    raw,
  };
}

type ParsedAddress = { name: string; address?: string; group?: { name: string; address: string }[] };

function formatAddresses(list: ParsedAddress[]): string[] {
  return list.flatMap((entry) => (entry.group ? entry.group : [entry])).map((mailbox) => {
    const email = mailbox.address ?? '';
    return mailbox.name ? `${mailbox.name} <${email}>` : email;
  });
}
