import type { MailerAccepted, MailerPort, OutgoingMail } from './mailer.port';

/** In-memory mailer for unit tests: records what was sent, and can be told to fail. */
export class FakeMailer implements MailerPort {
  readonly sent: OutgoingMail[] = [];
  private failures: Error[] = [];

  /** The next `count` sends reject with `error`. */
  failNext(count: number, error = new Error('connect ECONNREFUSED 127.0.0.1:25')): void {
    for (let i = 0; i < count; i++) this.failures.push(error);
  }

  async send(mail: OutgoingMail): Promise<MailerAccepted> {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.sent.push(mail);
    return { response: `250 OK fake ${this.sent.length}` };
  }

  describe(): string {
    return 'fake mailer';
  }
}
