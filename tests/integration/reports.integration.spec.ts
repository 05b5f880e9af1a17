import ExcelJS from 'exceljs';
import { createHash } from 'node:crypto';
import type {
  EscalationResponsivenessDto,
  ProviderAttainmentDto,
  ProviderCreditsDto,
  ProviderScorecardDto,
  ProviderSummaryDto,
  QuarterlyReviewDto,
  QuarterlyReviewListDto,
  ScorecardRankingDto,
  SiteComparisonDto,
} from '@kpi/contracts';
import { pdfText } from '../../apps/api/src/modules/reports/exporters/pdf-text.testing';
import { readZip } from '../../apps/api/src/modules/reports/exporters/zip-writer';
import { SECTION_TITLES } from '../../apps/api/src/modules/reports/quarterly-review.service';
import { ReportsService } from '../../apps/api/src/modules/reports/reports.service';
import { SchedulerService } from '../../apps/api/src/scheduling/scheduler.service';
import { SmtpTestServer } from './support/smtp-test-server';
import { startTestApp, TestApp } from './support/test-app';

const QUARTER = '2026-Q3';
const PERIOD = 'from=2026-07&to=2026-09&asOf=2026-10-01';
const EVIL = '=HYPERLINK("http://evil","x")';

describe('quarterly business reviews', () => {
  let t: TestApp;
  let smtp: SmtpTestServer;
  let token: string;
  let pacifico: ProviderSummaryDto;
  let norte: ProviderSummaryDto;
  let review: QuarterlyReviewDto;

  async function download(id: string, query: string, as = token): Promise<{ status: number; bytes: Buffer; headers: Headers }> {
    const res = await fetch(`${t.baseUrl}/api/reports/${id}/download?${query}`, { headers: { authorization: `Bearer ${as}` } });
    return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()), headers: res.headers };
  }

  async function waitIssued(id: string): Promise<QuarterlyReviewDto> {
    const progress: number[] = [];
    for (let i = 0; i < 240; i++) {
      // Rendering runs in this process: on a loaded machine a poll may time out while a page is drawn.
      const res = await t.request<QuarterlyReviewDto>('GET', `/reports/${id}`, { token }).catch(() => null);
      if (res) {
        progress.push(res.body.progress);
        if (res.body.status === 'succeeded' || res.body.status === 'failed') return res.body;
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`Pack ${id} not issued; progress ${progress.join(',')}`);
  }

  beforeAll(async () => {
    smtp = await SmtpTestServer.start('accept');
    t = await startTestApp({ ENABLE_SCHEDULER: 'false', SMTP_URL: smtp.url });
    token = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
    const providers = (await t.request<ProviderSummaryDto[]>('GET', '/providers', { token })).body;
    pacifico = providers.find((p) => p.code === 'PACIFICO')!;
    norte = providers.find((p) => p.code === 'NORTE')!;
    // A provider-sent queue name that looks like a formula, on a drift event of the quarter (not a later one;
    // a detector event, the same one picked before SLA rule events existed on the demo data).
    await t.dataSource.query(
      `UPDATE drift_events SET queue = '+cmd' WHERE id = (SELECT id FROM drift_events WHERE provider_id = $1 AND kind = 'drift' AND start_date <= '2026-09-30' ORDER BY start_date DESC, id LIMIT 1)`,
      [pacifico.id],
    );
    const saved = await t.request('PUT', `/providers/${pacifico.id}/quarterly-commentary?quarter=${QUARTER}`, {
      token,
      body: { commentary: `${EVIL}\n\nGuadalajara recovered in September.`, actions: [{ action: 'Hire 12 agents in Guadalajara', owner: '+cmd', dueDate: '2026-11-30' }] },
    });
    expect(saved.status).toBe(200);
    const started = await t.request<QuarterlyReviewDto>('POST', '/reports', { token, body: { providerId: pacifico.id, quarter: QUARTER } });
    expect(started.status).toBe(202);
    expect(started.body.status).toBe('queued');
    review = await waitIssued(started.body.id);
  }, 180_000);

  afterAll(async () => {
    await t?.close();
    await smtp?.stop();
  });

  it('issues the pack with checksummed files', () => {
    expect(review.status).toBe('succeeded');
    expect(review.progress).toBe(100);
    expect(review.asOf).toBe('2026-10-01');
    expect(review.requestedBy).toBe('María López');
    const formats = review.files.map((f) => f.format);
    expect(formats.slice(0, 3)).toEqual(['pdf', 'xlsx', 'csv-zip']);
    expect(formats).toContain('csv:attainment');
    for (const file of review.files) expect(file.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('serves the archived bytes unchanged (checksum) and keeps them immutable', async () => {
    const pdf = await download(review.id, 'format=pdf');
    expect(pdf.status).toBe(200);
    expect(pdf.headers.get('content-type')).toContain('application/pdf');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(review.files.find((f) => f.format === 'pdf')!.sha256);
    await expect(t.dataSource.query(`UPDATE quarterly_review_files SET content = 'x' WHERE review_id = $1`, [review.id])).rejects.toThrow(/archived/);
    await expect(t.dataSource.query(`UPDATE quarterly_reviews SET quarter = '2026-Q2' WHERE id = $1`, [review.id])).rejects.toThrow(/archived/);
    await expect(t.dataSource.query(`DELETE FROM quarterly_reviews WHERE id = $1`, [review.id])).rejects.toThrow(/archived/);
  });

  it('restricts packs to the caller’s providers (404 outside)', async () => {
    const lead = (await t.signIn('lead@norte.demo.kpigov.mx')).accessToken;
    expect((await t.request('GET', `/reports/${review.id}`, { token: lead })).status).toBe(404);
    expect((await download(review.id, 'format=pdf', lead)).status).toBe(404);
    const list = await t.request<QuarterlyReviewListDto>('GET', '/reports', { token: lead });
    expect(list.body.items.map((i) => i.id)).not.toContain(review.id);
    const jorge = (await t.signIn('jorge.ramirez@demo.kpigov.mx')).accessToken;
    expect((await t.request('POST', '/reports', { token: jorge, body: { providerId: pacifico.id, quarter: QUARTER } })).status).toBe(404);
    expect((await t.request('PUT', `/providers/${norte.id}/quarterly-commentary?quarter=${QUARTER}`, { token: lead, body: { commentary: 'x', actions: [] } })).status).toBe(403);
  });

  it('PDF: every section, the figures the api returns, page numbers and contents', async () => {
    const { text, total } = pdfText((await download(review.id, 'format=pdf')).bytes);
    expect(total).toBeGreaterThan(10);
    expect(text).toContain('Table of contents');
    for (const title of Object.values(SECTION_TITLES)) expect(text).toContain(title);
    expect(text).toContain(`Page ${total} of ${total}`);
    const card = (await t.request<ProviderScorecardDto>('GET', `/providers/${pacifico.id}/scorecard?${PERIOD}`, { token })).body;
    expect(text).toContain(`scored ${card.score!.toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 })} of 100`);
    const attainment = (await t.request<ProviderAttainmentDto>('GET', `/providers/${pacifico.id}/sla/attainment?${PERIOD}`, { token })).body;
    const monthly = attainment.contracts[0].serviceLevels.find((l) => l.measurementPeriod === 'monthly')!.results[0];
    expect(text).toMatch(new RegExp(`${(monthly.value! * 100).toFixed(1).replace('.', '\\.')}\\s*%`));
    expect(text.replace(/\s+/g, ' ')).toContain(monthly.periodLabel);
    expect(text).toContain(EVIL); // printed as text in the PDF
  });

  it('workbook: sheets, the api figures as numbers with formats, frozen headers, injection samples as text', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await download(review.id, 'format=xlsx')).bytes as never);
    const names = workbook.worksheets.map((s) => s.name);
    expect(names).toEqual([
      'Overview',
      'Headline figures',
      'Scorecard components',
      'Service level attainment',
      'Drift events',
      'QA regressions',
      'Responsiveness',
      'Escalations opened',
      'Credits by month',
      'Credit lines',
      'Site and city comparison',
      'Restatements',
      'Data feeds',
      'Commentary',
      'Agreed actions',
    ]);

    const sheet = workbook.getWorksheet('Service level attainment')!;
    expect(sheet.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    const header = (sheet.getRow(1).values as unknown[]).slice(1);
    const col = (name: string) => header.indexOf(name) + 1;
    const attainment = (await t.request<ProviderAttainmentDto>('GET', `/providers/${pacifico.id}/sla/attainment?${PERIOD}`, { token })).body;
    const results = attainment.contracts.flatMap((c) => c.serviceLevels.flatMap((l) => l.results.map((r) => ({ level: l, r }))));
    expect(sheet.rowCount - 1).toBe(results.length);
    results.forEach(({ r }, i) => {
      const row = sheet.getRow(i + 2);
      const value = row.getCell(col('Value'));
      if (r.value === null) expect(value.value).toBeNull();
      else {
        expect(value.value as number).toBeCloseTo(r.value, 6);
        expect(['0.0%', '0.0']).toContain(value.numFmt);
      }
      expect(row.getCell(col('Observations')).value).toBe(r.observationCount);
      expect(row.getCell(col('From')).value).toEqual(new Date(`${r.period.from}T00:00:00.000Z`));
      expect(row.getCell(col('From')).numFmt).toBe('yyyy-mm-dd');
    });

    const credits = (await t.request<ProviderCreditsDto>('GET', `/providers/${pacifico.id}/sla/credits?${PERIOD}`, { token })).body;
    const creditSheet = workbook.getWorksheet('Credits by month')!;
    const creditHeader = (creditSheet.getRow(1).values as unknown[]).slice(1);
    const months = credits.contracts.flatMap((c) => c.months);
    months.forEach((m, i) => {
      const payable = creditSheet.getRow(i + 2).getCell(creditHeader.indexOf('Payable') + 1);
      expect(payable.value as number).toBeCloseTo(m.totalPayable, 2);
      expect(payable.numFmt).toBe('#,##0.00');
    });
    expect(months.some((m) => m.totalPayable > 0)).toBe(true);

    const commentarySheet = workbook.getWorksheet('Agreed actions')!;
    const owner = commentarySheet.getRow(2).getCell(3);
    expect(owner.value).toBe('+cmd');
    expect(owner.type).toBe(ExcelJS.ValueType.String);
    const commentary = workbook.getWorksheet('Commentary')!;
    expect(commentary.getRow(2).getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(commentary.getRow(2).getCell(1).formula).toBeUndefined();
  });

  it('CSV: BOM, columns, the api figures and neutralised provider text', async () => {
    const files = readZip((await download(review.id, 'format=csv-zip')).bytes);
    expect([...files.keys()]).toEqual(expect.arrayContaining(['headline.csv', 'attainment.csv', 'credits_by_month.csv', 'site_comparison.csv', 'drift_events.csv', 'agreed_actions.csv']));
    const single = await download(review.id, 'format=csv&table=site_comparison');
    expect(single.status).toBe(200);
    expect(single.bytes.equals(files.get('site_comparison.csv')!)).toBe(true);
    const text = single.bytes.toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe('KPI,Site,City,Value,All sites,vs all sites,Rank,Observations');
    const sites = (await t.request<SiteComparisonDto>('GET', `/providers/${pacifico.id}/site-comparison?${PERIOD}&by=site`, { token })).body;
    expect(lines.length - 1).toBe(sites.kpis.reduce((n, k) => n + k.cells.length, 0));
    const first = sites.kpis[0].cells[0];
    expect(Number(lines[1].split(',')[3])).toBeCloseTo(first.value!, 6);

    const actions = files.get('agreed_actions.csv')!.toString('utf8').slice(1).split('\r\n');
    expect(actions[1]).toBe(`1,Hire 12 agents in Guadalajara,'+cmd,2026-11-30`);
    const commentary = files.get('commentary.csv')!.toString('utf8');
    expect(commentary).toContain(`"'=HYPERLINK(""http://evil"",""x"")`);
    const drift = files.get('drift_events.csv')!.toString('utf8');
    expect(drift).toContain(`,'+cmd,`);
    expect(drift).not.toMatch(/(^|,)\+cmd/m);
  });

  it('the pack figures equal the api figures for the same provider and quarter', async () => {
    const service = t.app.get(ReportsService, { strict: false });
    void service;
    const headline = readZip((await download(review.id, 'format=csv-zip')).bytes).get('headline.csv')!.toString('utf8').slice(1).split('\r\n');
    const card = (await t.request<ProviderScorecardDto>('GET', `/providers/${pacifico.id}/scorecard?${PERIOD}`, { token })).body;
    const previous = (await t.request<ProviderScorecardDto>('GET', `/providers/${pacifico.id}/scorecard?from=2026-04&to=2026-06&asOf=2026-07-01`, { token })).body;
    const admin = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
    const ranking = (await t.request<ScorecardRankingDto>('GET', `/scorecards?${PERIOD}`, { token: admin })).body;
    const [, score, prev, change] = headline[1].split(',');
    expect(Number(score)).toBeCloseTo(card.score!, 6);
    expect(Number(prev)).toBeCloseTo(previous.score!, 6);
    expect(Number(change)).toBeCloseTo(card.score! - previous.score!, 6);
    expect(Number(headline[2].split(',')[1])).toBe(ranking.providers.find((p) => p.providerId === pacifico.id)!.rank);

    const responsiveness = (await t.request<EscalationResponsivenessDto[]>('GET', `/escalations/responsiveness?from=2026-07-01&to=2026-09-30&providerId=${pacifico.id}`, { token })).body[0];
    const escalation = readZip((await download(review.id, 'format=csv-zip')).bytes).get('escalation_summary.csv')!.toString('utf8');
    expect(escalation).toContain(`Opened,${responsiveness?.escalations ?? 0}\r\n`);
    expect(escalation).toContain(`Resolved,${responsiveness?.resolved ?? 0}\r\n`);
  });

  it('flags an archived pack out of date when a restatement changes a figure, and says what changed', async () => {
    const before = await t.request<QuarterlyReviewListDto>('GET', `/reports?providerId=${pacifico.id}`, { token });
    expect(before.body.items.find((i) => i.id === review.id)).toMatchObject({ outOfDate: false, restatementsSinceIssue: 0 });
    // The provider restates one day of service level at Guadalajara (fewer answered in 20 s).
    const [obs] = await t.dataSource.query(
      `SELECT o.id, o.site_id, o.service_line_code, o.queue, o.period_start, o.numerator, o.denominator
         FROM metric_observations o JOIN sites s ON s.id = o.site_id
        WHERE o.provider_id = $1 AND o.kpi_code = 'service_level' AND s.city = 'Guadalajara' AND o.period_start = '2026-08-12' LIMIT 1`,
      [pacifico.id],
    );
    await t.dataSource.query(`UPDATE metric_observations SET numerator = numerator * 0.5 WHERE id = $1`, [obs.id]);
    await t.dataSource.query(
      `INSERT INTO metric_restatements (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start, old_numerator, old_denominator, new_numerator, new_denominator)
       VALUES ($1, $2, $3, $4, 'service_level', 'day', $5, $6, $7, $8, $7)`,
      [pacifico.id, obs.site_id, obs.service_line_code, obs.queue, obs.period_start, obs.numerator, obs.denominator, obs.numerator * 0.5],
    );
    const { MetricsRollupService } = await import('../../apps/api/src/modules/metrics/metrics-rollup.service');
    await t.app.get(MetricsRollupService, { strict: false }).refreshRange(pacifico.id, '2026-08-12', '2026-08-12');
    const after = await t.request<QuarterlyReviewDto>('GET', `/reports/${review.id}`, { token });
    expect(after.body.restatementsSinceIssue).toBe(1);
    expect(after.body.outOfDate).toBe(true);
    const change = after.body.changes.find((c) => c.table === 'attainment' && c.column === 'value');
    expect(change).toBeDefined();
    expect(Number(change!.current)).toBeLessThan(Number(change!.issued));
    // the archived bytes did not change
    const pdf = await download(review.id, 'format=pdf');
    const { createHash } = await import('node:crypto');
    expect(createHash('sha256').update(pdf.bytes).digest('hex')).toBe(review.files[0].sha256);
  });

  it('scheduled delivery: the cron enqueues the quarter on the delivery day; packs are e-mailed to the stakeholders', async () => {
    const scheduler = t.app.get(SchedulerService, { strict: false });
    // ENABLE_SCHEDULER=false in this app: the cron does nothing.
    expect(await scheduler.enqueueQuarterlyReviews('2026-10-10')).toBeNull();
    const reports = t.app.get(ReportsService, { strict: false });
    const ids = await reports.fanOutSchedule(QUARTER);
    expect(ids).toHaveLength(3);
    expect(await reports.fanOutSchedule(QUARTER)).toEqual(ids); // one scheduled pack per provider and quarter
    const norteId = (await t.dataSource.query(`SELECT id FROM quarterly_reviews WHERE provider_id = $1 AND trigger = 'schedule'`, [norte.id]))[0].id;
    let status = '';
    for (let i = 0; i < 240 && status !== 'succeeded' && status !== 'failed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      status = (await t.dataSource.query(`SELECT status FROM quarterly_reviews WHERE id = $1`, [norteId]))[0].status;
    }
    expect(status).toBe('succeeded');
    let mail: { to_address: string; subject: string; text: string }[] = [];
    for (let i = 0; i < 40 && mail.length === 0; i++) {
      mail = await t.dataSource.query(`SELECT to_address, subject, text FROM email_outbox WHERE kind = 'report' AND provider_id = $1 ORDER BY to_address`, [norte.id]);
      if (mail.length === 0) await new Promise((resolve) => setTimeout(resolve, 250));
    }
    expect(mail.map((m) => m.to_address)).toEqual(expect.arrayContaining(['lead@norte.demo.kpigov.mx', 'maria.lopez@demo.kpigov.mx']));
    expect(mail[0].subject).toContain('2026-Q3');
    expect(mail[0].text).toContain(`/api/reports/${norteId}/download?format=pdf`);
    await reports.deliver(norteId); // idempotent per recipient
    const again = await t.dataSource.query(`SELECT count(*)::int AS n FROM email_outbox WHERE kind = 'report' AND provider_id = $1`, [norte.id]);
    expect(again[0].n).toBe(mail.length);

    // The mail as received by a real SMTP server: the archived PDF is attached, byte for byte.
    const archived = (
      await t.dataSource.query(`SELECT file_name, content, sha256 FROM quarterly_review_files WHERE review_id = $1 AND format = 'pdf'`, [norteId])
    )[0] as { file_name: string; content: Buffer; sha256: string };
    const packMail = () => smtp.received.filter((m) => m.headers['x-kpi-quarterly-review'] === norteId);
    await smtp.waitFor(() => packMail().length >= mail.length, 60_000, 'the NORTE pack mail');
    await new Promise((resolve) => setTimeout(resolve, 1000)); // a duplicate would arrive now
    const received = packMail();
    expect(received.map((m) => m.envelopeTo[0]).sort()).toEqual(mail.map((m) => m.to_address.toLowerCase()).sort()); // once per recipient
    for (const m of received) {
      const pdfs = m.attachments.filter((a) => a.mimeType === 'application/pdf');
      expect(pdfs).toHaveLength(1);
      expect(pdfs[0].filename).toBe(archived.file_name);
      expect(pdfs[0].contentId).toBeNull();
      expect(pdfs[0].content.subarray(0, 5).toString('latin1')).toBe('%PDF-');
      expect(createHash('sha256').update(pdfs[0].content).digest('hex')).toBe(archived.sha256);
      expect(createHash('sha256').update(archived.content).digest('hex')).toBe(archived.sha256);
      expect(m.text).toContain(`Attached: ${archived.file_name}`);
    }
    // Referenced, not copied: the outbox keeps no bytes of the pack.
    const copies = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM email_outbox_attachments a JOIN email_outbox o ON o.id = a.outbox_id WHERE o.kind = 'report'`,
    );
    expect(copies[0].n).toBe(0);
  }, 180_000);

  it('portfolio pack across the caller’s providers', async () => {
    const started = await t.request<QuarterlyReviewDto>('POST', '/reports', { token, body: { quarter: QUARTER } });
    expect(started.status).toBe(202);
    const done = await waitIssued(started.body.id);
    expect(done.status).toBe('succeeded');
    const files = readZip((await download(done.id, 'format=csv-zip')).bytes);
    const headline = files.get('headline.csv')!.toString('utf8');
    expect(headline.split('\r\n')[0]).toBe('\uFEFFProvider,Measure,This quarter,Previous quarter,Change');
    expect(headline).toContain('Pacífico BPO');
    expect(headline).toContain('Norte');
    const lead = (await t.signIn('lead@norte.demo.kpigov.mx')).accessToken;
    expect((await t.request('GET', `/reports/${done.id}`, { token: lead })).status).toBe(404);
  }, 180_000);
});
