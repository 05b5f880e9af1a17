import { randomUUID } from 'node:crypto';
import { JOB_NAMES } from '../../apps/api/src/jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../apps/api/src/jobs/job-queue.port';
import { EscalationTriggerService } from '../../apps/api/src/modules/escalations/escalation-trigger.service';
import { DigestService } from '../../apps/api/src/modules/notifications/digest.service';
import { OutboxService } from '../../apps/api/src/modules/notifications/outbox.service';
import { SmtpTestServer } from './support/smtp-test-server';
import { startTestApp, TestApp } from './support/test-app';

const MESSAGES = 12;

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

describe('email delivery that loses nothing', () => {
  describe('the SMTP server is down for a while, then broken, then refusing, then back', () => {
    let smtp: SmtpTestServer;
    let t: TestApp;

    beforeAll(async () => {
      smtp = await SmtpTestServer.start('down');
      // "Minutes" of outage in seconds: the first retry after ~1-2 s, doubling each time.
      t = await startTestApp({
        SMTP_URL: smtp.url,
        ENABLE_SCHEDULER: 'false',
        EMAIL_RETRY_DELAY_SECONDS: '1',
        EMAIL_RETRY_LIMIT: '20',
        EMAIL_TIMEOUT_SECONDS: '3',
      });
    });
    afterAll(async () => {
      await t?.close();
      await smtp?.stop();
    });

    it('delivers every queued message exactly once when the server comes back', async () => {
      const outbox = t.app.get(OutboxService);
      const ids: string[] = [];
      await t.dataSource.transaction(async (db) => {
        for (let i = 0; i < MESSAGES; i++) {
          const id = await outbox.write(db, {
            id: randomUUID(),
            kind: 'alert',
            dedupeKey: `outage-test:${i}`,
            toAddress: `person${i}@example.test`,
            toName: `Person ${i}`,
            toUserId: null,
            providerId: null,
            escalationId: null,
            alertEventId: null,
            subject: `Outage test ${i}`,
            html: `<p>Message ${i}</p>`,
            text: `Message ${i}`,
            headers: {},
            notBefore: null,
            images: [],
          });
          ids.push(id!);
        }
        // The same producer writing the same message again (a retried transaction) adds nothing.
        expect(
          await outbox.write(db, {
            id: randomUUID(),
            kind: 'alert',
            dedupeKey: 'outage-test:0',
            toAddress: 'person0@example.test',
            toName: null,
            toUserId: null,
            providerId: null,
            escalationId: null,
            alertEventId: null,
            subject: 'dup',
            html: 'dup',
            text: 'dup',
            headers: {},
            notBefore: null,
            images: [],
          }),
        ).toBeNull();
      });
      await outbox.dispatch(ids);
      // One message's job is "lost" before it was ever enqueued: the sweeper must find it.
      const orphan = await t.dataSource.transaction((db) =>
        outbox.write(db, {
          id: randomUUID(),
          kind: 'alert',
          dedupeKey: 'outage-test:orphan',
          toAddress: 'orphan@example.test',
          toName: null,
          toUserId: null,
          providerId: null,
          escalationId: null,
          alertEventId: null,
          subject: 'Outage test orphan',
          html: '<p>orphan</p>',
          text: 'orphan',
          headers: {},
          notBefore: new Date(Date.now() - 10 * 60_000),
          images: [],
        }),
      );
      const status = async () =>
        Object.fromEntries(
          (await t.dataSource.query(`SELECT status, count(*)::int AS n FROM email_outbox GROUP BY status`)).map((r: { status: string; n: number }) => [r.status, r.n]),
        );

      // Down: connection refused.
      await new Promise((r) => setTimeout(r, 4000));
      expect(smtp.received).toHaveLength(0);
      // A broken server: accepts the connection and drops it.
      await smtp.setMode('close');
      await new Promise((r) => setTimeout(r, 4000));
      // A server that answers "421 try again later".
      await smtp.setMode('temp-fail');
      await new Promise((r) => setTimeout(r, 4000));
      expect(smtp.received).toHaveLength(0);
      const during = await status();
      expect(during['sent'] ?? 0).toBe(0);
      expect(during['failed'] ?? 0).toBe(0); // retried, not given up
      // The outage was felt: messages were tried and kept for a retry (the send jobs work a couple at a time).
      const [{ attempted }] = await t.dataSource.query(
        `SELECT count(*)::int AS attempted FROM email_outbox WHERE status = 'queued' AND attempts > 0 AND last_error IS NOT NULL`,
      );
      expect(attempted).toBeGreaterThanOrEqual(MESSAGES / 2);

      // Back.
      await smtp.setMode('accept');
      await t.app.get(OutboxService).sweep('test-tick');
      await waitUntil(async () => (await status())['sent'] === MESSAGES + 1, 90_000, 'every message to be sent');

      const deliveries = smtp.deliveries();
      expect(deliveries.size).toBe(MESSAGES + 1);
      for (const [, count] of deliveries) expect(count).toBe(1);
      const expected = [...ids, orphan!].map((id) => `<${id}@kpi-governance>`).sort();
      expect([...deliveries.keys()].sort()).toEqual(expected);
      const rows = await t.dataSource.query(`SELECT attempts, last_error, sent_at FROM email_outbox WHERE id = ANY($1::uuid[])`, [ids]);
      for (const row of rows) {
        expect(row.last_error).toBeNull();
        expect(row.sent_at).not.toBeNull();
      }
      expect(rows.filter((row: { attempts: number }) => row.attempts > 1).length).toBeGreaterThanOrEqual(attempted);
      // Nothing more arrives later (no duplicate from a late retry).
      await new Promise((r) => setTimeout(r, 3000));
      expect(smtp.received).toHaveLength(MESSAGES + 1);
    });

    it('gives up on a permanent refusal and shows the reason', async () => {
      const outbox = t.app.get(OutboxService);
      const id = await t.dataSource.transaction((db) =>
        outbox.write(db, {
          id: randomUUID(),
          kind: 'alert',
          dedupeKey: 'permanent-failure',
          toAddress: 'nobody@example.test',
          toName: null,
          toUserId: null,
          providerId: null,
          escalationId: null,
          alertEventId: null,
          subject: 'Will be refused',
          html: '<p>x</p>',
          text: 'x',
          headers: {},
          notBefore: null,
          images: [],
        }),
      );
      await smtp.stop();
      const refusing = await import('smtp-server').then(
        ({ SMTPServer }) =>
          new SMTPServer({
            authOptional: true,
            disabledCommands: ['AUTH', 'STARTTLS'],
            logger: false,
            onRcptTo: (_address, _session, callback) => callback(Object.assign(new Error('No such user here'), { responseCode: 550 })),
          }),
      );
      await new Promise<void>((resolve) => refusing.listen(smtp.port, '127.0.0.1', () => resolve()));
      try {
        await outbox.dispatch([id!]);
        await waitUntil(
          async () => (await t.dataSource.query(`SELECT status FROM email_outbox WHERE id = $1`, [id]))[0].status === 'failed',
          30_000,
          'the message to fail',
        );
        const [row] = await t.dataSource.query(`SELECT attempts, last_error FROM email_outbox WHERE id = $1`, [id]);
        expect(row.attempts).toBe(1);
        expect(row.last_error).toMatch(/No such user here/);
      } finally {
        await new Promise<void>((resolve) => refusing.close(() => resolve()));
      }
    });
  });

  describe('two api instances on one database', () => {
    let smtp: SmtpTestServer;
    let first: TestApp;
    let second: TestApp;

    beforeAll(async () => {
      smtp = await SmtpTestServer.start('accept');
      const env = { SMTP_URL: smtp.url, ENABLE_SCHEDULER: 'false', EMAIL_RETRY_DELAY_SECONDS: '1' };
      first = await startTestApp(env);
      const url = (first.dataSource.options as { url: string }).url;
      second = await startTestApp({ ...env, DATABASE_URL: url });
    });
    afterAll(async () => {
      await second?.close();
      await first?.close();
      await smtp?.stop();
    });

    it('sends each digest once, however many instances and ticks run it at the same time', async () => {
      // Something new for Jorge (Altiplano) too, so both seeded subscriptions have a digest to send.
      const [altiplano] = await first.dataSource.query(`SELECT id FROM providers WHERE code = 'ALTIPLANO'`);
      await first.app.get(EscalationTriggerService).raise({
        kind: 'drift',
        providerId: altiplano.id,
        scope: { kpiCode: 'invoice_cycle_time' },
        severity: 'medium',
        sourceRef: 'drift-event:two-instances',
        title: 'Invoice cycle time drift at Altiplano',
      });
      const now = new Date();
      const runs = await Promise.all([
        first.app.get(DigestService).runDue(now),
        second.app.get(DigestService).runDue(now),
        first.app.get(DigestService).runDue(now),
        second.app.get(DigestService).runDue(now),
      ]);
      expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(2);
      // And through the job queue: both instances work it; ticks enqueued by both.
      const jobsA = first.app.get<JobQueue>(JOB_QUEUE);
      const jobsB = second.app.get<JobQueue>(JOB_QUEUE);
      await Promise.all([
        jobsA.enqueue(JOB_NAMES.sendDigests, { tick: 't1' }, { key: 'two-instances-t1' }),
        jobsB.enqueue(JOB_NAMES.sendDigests, { tick: 't1' }, { key: 'two-instances-t1' }),
        jobsB.enqueue(JOB_NAMES.sendDigests, { tick: 't2' }, { key: 'two-instances-t2' }),
      ]);
      await smtp.waitFor(() => smtp.received.length >= 2, 30_000, 'the digests');
      await new Promise((r) => setTimeout(r, 5000)); // time for a duplicate to show up
      const digests = smtp.received.filter((m) => m.subject.startsWith('KPI Governance daily digest'));
      expect(digests.map((m) => m.envelopeTo[0]).sort()).toEqual(['jorge.ramirez@demo.kpigov.mx', 'maria.lopez@demo.kpigov.mx']);
      expect(new Set(digests.map((m) => m.messageId)).size).toBe(2);
      const [{ n }] = await first.dataSource.query(`SELECT count(*)::int AS n FROM email_outbox WHERE kind = 'digest'`);
      expect(n).toBe(2);
      const [{ runsRecorded }] = await first.dataSource.query(`SELECT count(*)::int AS "runsRecorded" FROM alert_digest_runs WHERE outbox_id IS NOT NULL`);
      expect(runsRecorded).toBe(2);
    });
  });
});
