import { createServer, Server, Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import PostalMime from 'postal-mime';
import { SMTPServer } from 'smtp-server';

export interface ReceivedTestMail {
  messageId: string;
  envelopeTo: string[];
  from: string;
  to: string[];
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  attachments: { filename: string | null; mimeType: string; contentId: string | null; content: Buffer }[];
}

/**
 * How the server on the port behaves:
 * - accept: a real SMTP server (smtp-server) that accepts and keeps every message;
 * - temp-fail: a real SMTP server answering "421 try again later" to every message;
 * - close: a plain TCP server that closes each connection at once (a broken server);
 * - down: nothing listens (connection refused).
 */
export type SmtpTestMode = 'accept' | 'temp-fail' | 'close' | 'down';

/** A real SMTP server for tests, on a fixed port whose behaviour can change while the api keeps sending to it. */
export class SmtpTestServer {
  readonly received: ReceivedTestMail[] = [];
  private smtp: SMTPServer | null = null;
  private raw: Server | null = null;
  private readonly sockets = new Set<Socket>();
  mode: SmtpTestMode = 'down';

  private constructor(readonly port: number) {}

  static async start(mode: SmtpTestMode = 'accept', port = 0): Promise<SmtpTestServer> {
    const chosen = port || (await freeTcpPort());
    const server = new SmtpTestServer(chosen);
    await server.setMode(mode);
    return server;
  }

  get url(): string {
    return `smtp://127.0.0.1:${this.port}`;
  }

  async setMode(mode: SmtpTestMode): Promise<void> {
    await this.closeListeners();
    this.mode = mode;
    if (mode === 'down') return;
    if (mode === 'close') {
      const raw = createServer((socket) => socket.destroy());
      await listen(raw, this.port);
      this.raw = raw;
      return;
    }
    const smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ['AUTH', 'STARTTLS'],
      logger: false,
      onData: (stream, session, callback) => {
        const chunks: Buffer[] = [];
        stream.on('data', (c: Buffer) => chunks.push(c));
        stream.on('end', () => {
          if (this.mode === 'temp-fail') {
            callback(Object.assign(new Error('Try again later'), { responseCode: 421 }));
            return;
          }
          void this.keep(Buffer.concat(chunks), session.envelope.rcptTo.map((r) => r.address)).then(
            () => callback(),
            (error: Error) => callback(error),
          );
        });
      },
    });
    smtp.on('error', () => undefined); // connection errors of a test server do not matter
    smtp.server.on('connection', (socket: Socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await listen(smtp.server, this.port);
    this.smtp = smtp;
  }

  /** Distinct Message-IDs received, and how often each arrived. */
  deliveries(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const mail of this.received) counts.set(mail.messageId, (counts.get(mail.messageId) ?? 0) + 1);
    return counts;
  }

  to(address: string): ReceivedTestMail[] {
    return this.received.filter((m) => m.envelopeTo.includes(address.toLowerCase()));
  }

  async waitFor(predicate: () => boolean, timeoutMs = 30_000, what = 'mail'): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate()) {
      if (Date.now() > deadline) {
        throw new Error(`Timed out waiting for ${what}; received so far: ${this.received.map((m) => `${m.envelopeTo.join(',')}: ${m.subject}`).join(' | ')}`);
      }
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  async stop(): Promise<void> {
    await this.closeListeners();
    this.mode = 'down';
  }

  private async keep(raw: Buffer, envelopeTo: string[]): Promise<void> {
    const parsed = await PostalMime.parse(raw);
    const address = (a: { name?: string; address?: string } | undefined) => a?.address ?? '';
    this.received.push({
      messageId: parsed.messageId ?? '',
      envelopeTo: envelopeTo.map((a) => a.toLowerCase()),
      from: address(parsed.from as { address?: string } | undefined),
      to: (parsed.to ?? []).map((a) => address(a as { address?: string })),
      subject: parsed.subject ?? '',
      html: parsed.html ?? '',
      text: parsed.text ?? '',
      headers: Object.fromEntries(parsed.headers.map((h) => [h.key, h.value])),
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename,
        mimeType: a.mimeType,
        contentId: a.contentId ? a.contentId.replace(/^<|>$/g, '') : null,
        content: Buffer.from(a.content instanceof ArrayBuffer ? new Uint8Array(a.content) : (a.content as Uint8Array)),
      })),
    });
  }

  private async closeListeners(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    this.sockets.clear();
    const smtp = this.smtp;
    const raw = this.raw;
    this.smtp = null;
    this.raw = null;
    if (smtp) await new Promise<void>((resolve) => smtp.close(() => resolve()));
    if (raw) await new Promise<void>((resolve) => raw.close(() => resolve()));
  }
}

function listen(server: Server, port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
}

function freeTcpPort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const port = (s.address() as AddressInfo).port;
      s.close(() => resolve(port));
    });
  });
}

/** Width and height of a PNG from its IHDR chunk (and whether the bytes are a PNG at all). */
export function pngSize(bytes: Buffer): { width: number; height: number } | null {
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  if (bytes.length < 24 || !bytes.subarray(0, 8).equals(signature)) return null;
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}
