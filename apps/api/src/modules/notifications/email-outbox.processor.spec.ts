import { FakeMailer } from '../../mail/fake.mailer';
import type { AppConfig } from '../../config/app-config.service';
import type { JobQueue } from '../../jobs/job-queue.port';
import { EmailOutboxProcessor, isPermanentSmtpError } from './email-outbox.processor';
import type { OutboxRepository } from './outbox.repository';
import type { OutboxService } from './outbox.service';
import type { LoadedFileAttachment, OutboxRow } from './outbox.types';

/** An in-memory outbox with the repository methods the processor uses. */
function fakeOutbox(rows: OutboxRow[], optedOut: string[] = [], files: LoadedFileAttachment[] = []) {
  const byId = new Map(rows.map((r) => [r.id, { ...r, lastError: null as string | null, smtpResponse: null as string | null }]));
  const repo = {
    lockForSend: async (_db: unknown, id: string) => {
      const row = byId.get(id);
      return row ? { ...row } : null;
    },
    images: async () => [{ contentId: 'chart-1@kpi-governance', filename: 'c.png', contentType: 'image/png', content: Buffer.from([1, 2, 3]) }],
    fileAttachments: async () => files.map((f) => ({ ...f })),
    markSent: async (_db: unknown, id: string, response: string) => {
      const row = byId.get(id)!;
      row.status = 'sent';
      row.attempts++;
      row.smtpResponse = response;
    },
    markAttemptFailed: async (_db: unknown, id: string, reason: string, final: boolean) => {
      const row = byId.get(id)!;
      row.attempts++;
      row.lastError = reason;
      row.status = final ? 'failed' : 'queued';
    },
    markSkipped: async (_db: unknown, id: string, reason: string) => {
      const row = byId.get(id)!;
      row.status = 'skipped';
      row.lastError = reason;
    },
    isOptedOut: async (_db: unknown, email: string) => optedOut.includes(email),
  };
  return { repo: repo as unknown as OutboxRepository, byId };
}

function row(id: string, extra: Partial<OutboxRow> = {}): OutboxRow {
  return {
    id,
    kind: 'digest',
    toAddress: 'maria@example.test',
    toName: 'María',
    toUserId: null,
    subject: 'Digest',
    html: '<p>x</p>',
    text: 'x',
    headers: { 'List-Unsubscribe': '<https://x/unsubscribe>' },
    status: 'queued',
    attempts: 0,
    notBefore: new Date(0),
    ...extra,
  };
}

function processor(repo: OutboxRepository, mailer: FakeMailer, retryLimit = 3) {
  const dataSource = { transaction: async <T>(work: (db: unknown) => Promise<T>) => work({}) };
  const config = { emailEnabled: true, emailRetryLimit: retryLimit, mailFrom: 'KPI <alerts@kpi.test>' } as AppConfig;
  return new EmailOutboxProcessor(
    dataSource as never,
    {} as JobQueue,
    mailer,
    repo,
    {} as OutboxService,
    config,
  );
}

describe('EmailOutboxProcessor', () => {
  it('sends a queued message once, with the outbox id as Message-ID and its inline images', async () => {
    const { repo, byId } = fakeOutbox([row('m1')]);
    const mailer = new FakeMailer();
    const p = processor(repo, mailer);
    expect(await p.deliver('m1', false)).toEqual({ outcome: 'sent' });
    expect(await p.deliver('m1', false)).toEqual({ outcome: 'already_done' });
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0]).toMatchObject({
      messageId: '<m1@kpi-governance>',
      from: 'KPI <alerts@kpi.test>',
      to: { address: 'maria@example.test', name: 'María' },
      headers: { 'List-Unsubscribe': '<https://x/unsubscribe>', 'X-KPI-Outbox-Id': 'm1' },
    });
    expect(mailer.sent[0].inlineImages?.[0].contentId).toBe('chart-1@kpi-governance');
    expect(byId.get('m1')).toMatchObject({ status: 'sent', attempts: 1, smtpResponse: '250 OK fake 1' });
  });

  it('keeps a failed attempt queued and makes the job retry, until the last attempt', async () => {
    const { repo, byId } = fakeOutbox([row('m2')]);
    const mailer = new FakeMailer();
    mailer.failNext(3);
    const p = processor(repo, mailer, 2);
    await expect(p.handle({ outboxId: 'm2' }, { id: 'j', retryCount: 0 })).rejects.toThrow(/ECONNREFUSED/);
    expect(byId.get('m2')).toMatchObject({ status: 'queued', attempts: 1 });
    await expect(p.handle({ outboxId: 'm2' }, { id: 'j', retryCount: 1 })).rejects.toThrow();
    // retryCount 2 = the last attempt allowed by a retry limit of 2: a failure is final, the job does not throw again.
    await expect(p.handle({ outboxId: 'm2' }, { id: 'j', retryCount: 2 })).resolves.toBeUndefined();
    expect(byId.get('m2')).toMatchObject({ status: 'failed', attempts: 3 });
    expect(byId.get('m2')?.lastError).toContain('ECONNREFUSED');
    expect(mailer.sent).toHaveLength(0);
  });

  it('succeeds on a retry after failures', async () => {
    const { repo, byId } = fakeOutbox([row('m3')]);
    const mailer = new FakeMailer();
    mailer.failNext(1);
    const p = processor(repo, mailer);
    await expect(p.handle({ outboxId: 'm3' }, { id: 'j', retryCount: 0 })).rejects.toThrow();
    await p.handle({ outboxId: 'm3' }, { id: 'j', retryCount: 1 });
    expect(byId.get('m3')).toMatchObject({ status: 'sent', attempts: 2 });
    expect(mailer.sent).toHaveLength(1);
  });

  it('sends the file attachments with every attempt, the same bytes on a retry, and the message once', async () => {
    const pdf = { filename: 'qbr-norte-2026-q3.pdf', contentType: 'application/pdf', content: Buffer.from('%PDF-1.7 test') };
    const { repo, byId } = fakeOutbox([row('m6', { kind: 'report' })], [], [pdf]);
    const mailer = new FakeMailer();
    mailer.failNext(1);
    const p = processor(repo, mailer);
    await expect(p.handle({ outboxId: 'm6' }, { id: 'j', retryCount: 0 })).rejects.toThrow();
    await p.handle({ outboxId: 'm6' }, { id: 'j', retryCount: 1 });
    await p.handle({ outboxId: 'm6' }, { id: 'j', retryCount: 2 }); // a duplicate job: already sent
    expect(mailer.sent).toHaveLength(1);
    expect(mailer.sent[0].messageId).toBe('<m6@kpi-governance>');
    expect(mailer.sent[0].attachments).toEqual([pdf]);
    expect(byId.get('m6')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('gives up at once on a permanent (5xx) refusal', async () => {
    const { repo, byId } = fakeOutbox([row('m4')]);
    const mailer = new FakeMailer();
    mailer.failNext(1, Object.assign(new Error('550 No such user'), { responseCode: 550 }));
    expect(await processor(repo, mailer).deliver('m4', false)).toMatchObject({ outcome: 'failed' });
    expect(byId.get('m4')).toMatchObject({ status: 'failed', attempts: 1, lastError: '550 No such user' });
  });

  it('skips escalation mail to an address that unsubscribed, and ignores unknown ids', async () => {
    const { repo, byId } = fakeOutbox([row('m5', { kind: 'escalation', toAddress: 'gone@example.test' })], ['gone@example.test']);
    const mailer = new FakeMailer();
    const p = processor(repo, mailer);
    expect(await p.deliver('m5', false)).toEqual({ outcome: 'skipped' });
    expect(byId.get('m5')?.status).toBe('skipped');
    expect(await p.deliver('nope', false)).toEqual({ outcome: 'missing' });
    expect(mailer.sent).toHaveLength(0);
  });

  it.each([
    [{ responseCode: 550 }, true],
    [{ responseCode: 554 }, true],
    [{ responseCode: 421 }, false],
    [{ responseCode: 451 }, false],
    [{ code: 'ECONNREFUSED' }, false],
  ])('isPermanentSmtpError(%p) = %p', (props, permanent) => {
    expect(isPermanentSmtpError(Object.assign(new Error('x'), props))).toBe(permanent);
  });
});
