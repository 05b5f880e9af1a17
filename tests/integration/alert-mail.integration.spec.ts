import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { AlertSubscriptionDto, EscalationDetailDto, OutboxListDto } from '@kpi/contracts';
import { EscalationCheckService } from '../../apps/api/src/modules/escalations/escalation-check.service';
import { EscalationTriggerService } from '../../apps/api/src/modules/escalations/escalation-trigger.service';
import { AlertMailService } from '../../apps/api/src/modules/notifications/alert-mail.service';
import { DigestService } from '../../apps/api/src/modules/notifications/digest.service';
import { pngSize, ReceivedTestMail, SmtpTestServer } from './support/smtp-test-server';
import { startTestApp, TestApp } from './support/test-app';

const WEB_DIST = join(__dirname, '..', '..', 'dist', 'apps', 'web', 'browser');
const PUBLIC_URL = 'https://kpi.example.test';
const MARIA = 'maria.lopez@demo.kpigov.mx';
const JORGE = 'jorge.ramirez@demo.kpigov.mx';

/** Links of a given kind in a mail's HTML. */
function links(mail: ReceivedTestMail, marker: string): string[] {
  return [...mail.html.matchAll(new RegExp(`<a href="([^"]+)"[^>]*${marker}`, 'g'))].map((m) => m[1].replace(/&amp;/g, '&'));
}

describe('alert mail through a real SMTP server: digests, immediate alerts, escalation to the next level', () => {
  let smtp: SmtpTestServer;
  let t: TestApp;
  const providers: Record<string, string> = {};
  let sites: Record<string, string> = {};

  beforeAll(async () => {
    if (!existsSync(join(WEB_DIST, 'index.html'))) throw new Error(`${WEB_DIST} is missing: run "npm run build" first`);
    smtp = await SmtpTestServer.start('accept');
    t = await startTestApp({
      SMTP_URL: smtp.url,
      PUBLIC_URL,
      WEB_DIST_DIR: WEB_DIST,
      ENABLE_SCHEDULER: 'false',
      EMAIL_RETRY_DELAY_SECONDS: '1',
    });
    for (const row of await t.dataSource.query(`SELECT id, code FROM providers`)) providers[row.code] = row.id;
    sites = Object.fromEntries(
      (await t.dataSource.query(`SELECT p.code || '/' || s.code AS key, s.id FROM sites s JOIN providers p ON p.id = s.provider_id`)).map(
        (r: { key: string; id: string }) => [r.key, r.id],
      ),
    );
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  /** Follows a link from an email against the test app (its origin is PUBLIC_URL). */
  async function follow(link: string): Promise<Response> {
    const url = new URL(link);
    expect(url.origin).toBe(PUBLIC_URL);
    return fetch(`${t.baseUrl}${url.pathname}${url.search}`);
  }

  it('sends a digest with the right items grouped by provider, a trend image and working links', async () => {
    const trigger = t.app.get(EscalationTriggerService);
    // New since the seeded subscriptions were made: a Norte drift (medium: no escalation), an Altiplano one.
    await trigger.raise({
      kind: 'drift',
      providerId: providers['NORTE'],
      scope: { siteId: sites['NORTE/CDMX'], serviceLine: 'chat', kpiCode: 'csat' },
      severity: 'medium',
      sourceRef: 'drift-event:digest-csat',
      title: 'Customer satisfaction drift at Ciudad de México',
      detail: {
        since: '2026-09-14',
        magnitude: -0.041,
        baselineValue: 0.86,
        currentValue: 0.825,
        explanation: 'CSAT at Ciudad de México chat has fallen 4.1 % since 14 September; Monterrey is stable.',
      },
    });
    await trigger.raise({
      kind: 'qa_regression',
      providerId: providers['ALTIPLANO'],
      scope: { siteId: sites['ALTIPLANO/CDMX'], serviceLine: 'finance_accounting', kpiCode: 'qa_score' },
      severity: 'medium',
      sourceRef: 'qa:digest-altiplano',
      title: 'QA score regression at Ciudad de México',
    });

    const result = await t.app.get(DigestService).runDue(new Date());
    expect(result.sent).toBe(2); // María and Jorge, each one digest
    await smtp.waitFor(() => smtp.to(MARIA).length >= 1 && smtp.to(JORGE).length >= 1, 30_000, 'the two digests');

    const [digest] = smtp.to(MARIA);
    expect(smtp.to(MARIA)).toHaveLength(1);
    expect(digest.subject).toMatch(/^KPI Governance daily digest: 3 new \(Norte Contact Solutions, Pacífico BPO\)$/);
    // Items since the last digest, from her providers only: the seeded open Norte and Pacífico escalations and the new CSAT drift.
    const titles = [...digest.text.matchAll(/^\[[A-Za-z]+\] \[[A-Za-z ]+\] (.+)$/gm)].map((m) => m[1]);
    expect(titles.sort()).toEqual(
      ['Average handle time drift at Monterrey', 'Customer satisfaction drift at Ciudad de México', 'Email backlog growing at Guadalajara'].sort(),
    );
    expect(digest.text).not.toContain('Altiplano');
    expect(digest.text).not.toContain('Service level drift at Guadalajara'); // opened 8 days ago, before the subscription
    // Grouped by provider, in order.
    expect([...digest.html.matchAll(/data-provider-group="true">([^<]+)</g)].map((m) => m[1])).toEqual(['Norte Contact Solutions', 'Pacífico BPO']);
    // What drifted, since when, how much, the explanation.
    expect(digest.text).toContain('Since 14 Sep 2026 · −4.1 % (86.0 % → 82.5 %)');
    expect(digest.text).toContain('CSAT at Ciudad de México chat has fallen 4.1 % since 14 September');
    // Trend images: inline PNGs referenced by cid from the HTML.
    const images = digest.attachments.filter((a) => a.mimeType === 'image/png');
    expect(images.length).toBeGreaterThanOrEqual(2);
    for (const image of images) {
      expect(image.contentId).toBeTruthy();
      expect(digest.html).toContain(`cid:${image.contentId}`);
      const size = pngSize(image.content);
      expect(size).toEqual({ width: 1040, height: 360 });
    }
    // Links into the dashboard work: the web app answers, and the escalation behind the link is hers.
    const dashboardLinks = links(digest, 'data-dashboard-link="true"');
    expect(dashboardLinks).toHaveLength(3);
    const { accessToken } = await t.signIn(MARIA);
    for (const link of dashboardLinks) {
      const page = await follow(link);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<kpi-root');
      const path = new URL(link).pathname;
      const api = await t.request('GET', path, { token: accessToken });
      expect([path, api.status]).toEqual([path, 200]);
    }
    // Every email says which filters applied and how to unsubscribe.
    expect(digest.text).toContain('because of your alert subscription "My providers" (providers: all yours; sites: all; KPIs: all; kinds: all; severity: medium or higher)');
    expect(digest.headers['list-unsubscribe']).toMatch(/^<https:\/\/kpi\.example\.test\/api\/notifications\/unsubscribe\?token=/);

    const [jorgeDigest] = smtp.to(JORGE);
    expect(jorgeDigest.text).toContain('QA score regression at Ciudad de México');
    expect(jorgeDigest.text).not.toContain('Norte');

    // The same slot again, on any instance: nothing more.
    expect((await t.app.get(DigestService).runDue(new Date())).sent).toBe(0);
    await new Promise((r) => setTimeout(r, 1500));
    expect(smtp.to(MARIA)).toHaveLength(1);

    // The unsubscribe link: GET asks, POST unsubscribes.
    const unsubscribe = links(digest, 'data-unsubscribe="true"')[0];
    const confirm = await follow(unsubscribe);
    expect(confirm.status).toBe(200);
    expect(await confirm.text()).toContain('Stop this alert subscription?');
    const url = new URL(unsubscribe);
    const done = await fetch(`${t.baseUrl}${url.pathname}${url.search}`, { method: 'POST' });
    expect(done.status).toBe(200);
    expect(await done.text()).toContain('You will no longer get mail from the subscription "My providers"');
    const subs = await t.request<AlertSubscriptionDto[]>('GET', '/notifications/subscriptions', { token: accessToken });
    expect(subs.body.find((s) => s.name === 'My providers')?.enabled).toBe(false);
    const forged = await fetch(`${t.baseUrl}${url.pathname}?token=${encodeURIComponent(url.searchParams.get('token')!.slice(0, -2) + 'xx')}`, { method: 'POST' });
    expect(forged.status).toBe(400);
    // Turn it back on for the next tests.
    const mine = subs.body.find((s) => s.name === 'My providers')!;
    await t.request('PUT', `/notifications/subscriptions/${mine.id}`, { token: accessToken, body: { name: mine.name, enabled: true } });
  });

  it('mails a critical alert at once, once; again only when it worsens; its resolution once', async () => {
    const trigger = t.app.get(EscalationTriggerService);
    const alertMails = () => smtp.to(MARIA).filter((m) => /^\[Critical\]|^Resolved:/.test(m.subject));
    const before = alertMails().length;
    const input = {
      kind: 'drift' as const,
      providerId: providers['PACIFICO'],
      scope: { siteId: sites['PACIFICO/QRO'], serviceLine: 'voice', kpiCode: 'asa' },
      severity: 'critical' as const,
      sourceRef: 'drift-event:immediate-asa',
      title: 'Average speed of answer drift at Querétaro',
      detail: { since: '2026-10-20', magnitude: 0.42, baselineValue: 14, currentValue: 19.9, explanation: 'ASA at Querétaro voice is 42 % longer since 20 October.' },
    };
    const opened = await trigger.raise(input);
    expect(opened.escalationOpened).toBe(true);
    await smtp.waitFor(() => alertMails().length === before + 1, 30_000, 'the immediate alert');
    const alert = alertMails().at(-1)!;
    expect(alert.subject).toBe('[Critical] New: Average speed of answer drift at Querétaro (Pacífico BPO)');
    expect(alert.attachments.filter((a) => a.mimeType === 'image/png')).toHaveLength(1);
    expect(links(alert, 'data-dashboard-link="true"')).toEqual([`${PUBLIC_URL}/escalations/${opened.escalationId}`]);

    // Reported again (same state, then a small update): no repeat.
    await trigger.raise(input);
    await trigger.raise({ ...input, detail: { ...input.detail, magnitude: 0.45 } });
    await new Promise((r) => setTimeout(r, 2500));
    expect(alertMails()).toHaveLength(before + 1);

    // Worse: mailed again.
    await trigger.raise({ ...input, detail: { ...input.detail, magnitude: 0.9 } });
    await smtp.waitFor(() => alertMails().length === before + 2, 30_000, 'the worse alert');
    expect(alertMails().at(-1)!.subject).toBe('[Critical] Worse: Average speed of answer drift at Querétaro (Pacífico BPO)');

    // Resolved: announced once.
    await trigger.resolve({ kind: 'drift', sourceRef: input.sourceRef });
    await trigger.resolve({ kind: 'drift', sourceRef: input.sourceRef });
    await smtp.waitFor(() => alertMails().length === before + 3, 30_000, 'the resolution');
    await new Promise((r) => setTimeout(r, 2000));
    expect(alertMails()).toHaveLength(before + 3);
    expect(alertMails().at(-1)!.subject).toBe('Resolved: Average speed of answer drift at Querétaro (Pacífico BPO)');

    // Each message arrived once (distinct Message-IDs = the outbox ids).
    for (const [id, count] of smtp.deliveries()) expect([id, count]).toEqual([id, 1]);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM email_outbox WHERE kind = 'alert' AND alert_event_id = $1 AND to_address = $2`,
      [opened.alertId, MARIA],
    );
    expect(n).toBe(3);
  });

  it('holds immediate alerts in quiet hours and skips muted ones', async () => {
    const { accessToken } = await t.signIn(MARIA);
    const trigger = t.app.get(EscalationTriggerService);
    const now = new Date();
    const localHour = Number(new Intl.DateTimeFormat('en-GB', { timeZone: 'America/Mexico_City', hour: '2-digit', hourCycle: 'h23' }).format(now));
    await t.request('PUT', '/notifications/settings', {
      token: accessToken,
      body: { timeZone: 'America/Mexico_City', quietHoursStart: localHour, quietHoursEnd: (localHour + 2) % 24 },
    });
    const quiet = await trigger.raise({
      kind: 'drift',
      providerId: providers['NORTE'],
      scope: { siteId: sites['NORTE/MTY'], serviceLine: 'chat', kpiCode: 'fcr' },
      severity: 'critical',
      sourceRef: 'drift-event:quiet',
      title: 'First contact resolution drift at Monterrey',
    });
    const [held] = await t.dataSource.query(
      `SELECT status, not_before FROM email_outbox WHERE kind = 'alert' AND alert_event_id = $1`,
      [quiet.alertId],
    );
    expect(held.status).toBe('queued');
    expect(new Date(held.not_before).getTime()).toBeGreaterThan(now.getTime() + 60 * 60_000);
    await t.request('PUT', '/notifications/settings', { token: accessToken, body: { timeZone: 'America/Mexico_City', quietHoursStart: null, quietHoursEnd: null } });

    const mute = await t.request('POST', '/notifications/mute-windows', {
      token: accessToken,
      body: {
        providerId: providers['NORTE'],
        startsAt: new Date(now.getTime() - 60_000).toISOString(),
        endsAt: new Date(now.getTime() + 3_600_000).toISOString(),
        reason: 'Planned outage of the Monterrey site',
      },
    });
    expect(mute.status).toBe(201);
    const muted = await trigger.raise({
      kind: 'drift',
      providerId: providers['NORTE'],
      scope: { siteId: sites['NORTE/MTY'], serviceLine: 'it_helpdesk', kpiCode: 'tat_compliance' },
      severity: 'critical',
      sourceRef: 'drift-event:muted',
      title: 'TAT compliance drift at Monterrey',
    });
    const rows = await t.dataSource.query(`SELECT 1 FROM email_outbox WHERE kind = 'alert' AND alert_event_id = $1 AND to_address = $2`, [muted.alertId, MARIA]);
    expect(rows).toHaveLength(0);
  });

  it('reminds about a critical alert still open after the renotify interval, once per interval', async () => {
    const alertMail = t.app.get(AlertMailService);
    const [fcr] = await t.dataSource.query(`SELECT id FROM alert_events WHERE source_ref = 'drift-event:quiet'`);
    expect(await alertMail.sendReminders(new Date())).toBe(0); // mailed a moment ago
    const later = new Date(Date.now() + 25 * 3_600_000);
    expect(await alertMail.sendReminders(later)).toBe(1);
    expect(await alertMail.sendReminders(later)).toBe(0);
    await smtp.waitFor(() => smtp.to(MARIA).some((m) => m.subject.startsWith('[Critical] Still open: First contact resolution drift')), 30_000, 'the reminder');
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM email_outbox WHERE alert_event_id = $1 AND kind = 'alert'`, [fcr.id]);
    expect(n).toBe(2); // the first alert (held in quiet hours) and one reminder
  });

  it('moves an overdue escalation to the next level and mails that level', async () => {
    const check = t.app.get(EscalationCheckService);
    const [backlog] = await t.dataSource.query(`SELECT id, number FROM escalations WHERE title = 'Email backlog growing at Guadalajara'`);
    const result = await check.run(new Date());
    expect(result.escalated).toBeGreaterThanOrEqual(1);
    const { accessToken } = await t.signIn(MARIA);
    const detail = await t.request<EscalationDetailDto>('GET', `/escalations/${backlog.id}`, { token: accessToken });
    expect(detail.body).toMatchObject({ level: 2, levelName: 'Provider operations lead', overdue: false });
    expect(detail.body.timeline.at(-1)).toMatchObject({
      action: 'escalate',
      actorName: 'System',
      level: 2,
      text: 'Escalated to level 2 (Provider operations lead): not acknowledged within 4 hours at level 1.',
    });
    // Level 2 of Pacífico's matrix is an outside address: the provider's operations lead.
    const contact = 'ops.lead@pacifico.demo.kpigov.mx';
    await smtp.waitFor(() => smtp.to(contact).some((m) => m.subject.includes('Escalated to you')), 30_000, 'the level-2 mail');
    const mail = smtp.to(contact).find((m) => m.subject.includes('Escalated to you'))!;
    expect(mail.subject).toBe(`[ESC-${String(backlog.number).padStart(4, '0')}] Escalated to you: Email backlog growing at Guadalajara (Pacífico BPO)`);
    expect(mail.text).toContain('reached level 2 (Provider operations lead) because it was not acknowledged within 4 hours at level 1');
    expect(links(mail, 'data-dashboard-link="true"')).toEqual([`${PUBLIC_URL}/escalations/${backlog.id}`]);
    expect(mail.headers['list-unsubscribe']).toBeTruthy();

    // Checked again right away: nothing moves twice.
    expect((await check.run(new Date())).escalated).toBe(0);
    // Later, at level 2's deadline (2 hours to acknowledge), it reaches level 3.
    const later = await check.run(new Date(Date.now() + 2 * 3_600_000 + 60_000));
    expect(later.escalated).toBeGreaterThanOrEqual(1);
    await smtp.waitFor(() => smtp.to('sponsor@pacifico.demo.kpigov.mx').length > 0, 30_000, 'the level-3 mail');

    // The sent-mail log shows every message with its status.
    const log = await t.request<OutboxListDto>('GET', '/notifications/outbox?limit=200', { token: (await t.signIn('admin@demo.kpigov.mx')).accessToken });
    expect(log.status).toBe(200);
    expect(log.body.items.find((m) => m.toAddress === contact)).toMatchObject({ kind: 'escalation', status: 'sent', attempts: 1 });
    expect(log.body.counts.sent).toBeGreaterThanOrEqual(5);
    // María sees her own mail and mail about her providers, not Altiplano's.
    const hers = await t.request<OutboxListDto>('GET', '/notifications/outbox?limit=200', { token: accessToken });
    expect(hers.body.items.some((m) => m.toAddress === JORGE)).toBe(false);
    expect(hers.body.items.some((m) => m.toAddress === contact)).toBe(true);
  });
});
