import { MailCatcher, ReceivedMail } from './mail-catcher';
import { SmtpMailer } from './smtp.mailer';

describe('MailCatcher + SmtpMailer', () => {
  const received: ReceivedMail[] = [];
  const catcher = new MailCatcher(async (mail) => {
    received.push(mail);
  });
  let port: number;
  beforeAll(async () => {
    port = await catcher.start(0);
  });
  afterAll(() => catcher.stop());

  it('receives a message sent over SMTP, with its Message-ID, envelope and inline image', async () => {
    const mailer = new SmtpMailer({ url: `smtp://127.0.0.1:${port}`, timeoutSeconds: 5 });
    const accepted = await mailer.send({
      messageId: '<abc-123@kpi-governance>',
      from: 'KPI Governance <alerts@kpi.test>',
      to: { address: 'maria@example.test', name: 'María López' },
      subject: 'Digest ñ',
      text: 'Hello',
      html: '<p>Hello <img src="cid:chart-1@kpi-governance"></p>',
      inlineImages: [{ contentId: 'chart-1@kpi-governance', filename: 'c.png', contentType: 'image/png', content: Buffer.from('png') }],
    });
    expect(accepted.response).toMatch(/^250/);
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({
      messageId: '<abc-123@kpi-governance>',
      envelopeTo: ['maria@example.test'],
      to: ['María López <maria@example.test>'],
      subject: 'Digest ñ',
      imageCount: 1,
    });
    expect(mailer.describe()).toBe(`127.0.0.1:${port}`);
  });

  it('moves to a free port when the wanted one is taken', async () => {
    const second = new MailCatcher(async () => undefined, () => undefined);
    const other = await second.start(port);
    expect(other).not.toBe(port);
    expect(second.listeningPort).toBe(other);
    await second.stop();
    expect(second.listeningPort).toBeNull();
  });
});
