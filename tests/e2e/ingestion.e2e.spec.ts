import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

const GOOD_CSV = [
  'Fecha;Sitio;Línea;Cola;KPI;Numerador;Denominador',
  '04/03/2024;Monterrey;voice;ventas;service_level;412;520',
  '04/03/2024;MTY;voice;ventas;abandonment_rate;31;520',
  '05/03/2024;CDMX;chat;soporte;fcr;188;240',
].join('\n');

const BAD_CSV = [
  'date,site,service_line,queue,kpi,numerator,denominator',
  '2024-03-06,Monterey,voice,ventas,service_level,412,520',
  '2024-03-06,MTY,voice,ventas,abandonment_rate,-12,520',
  '2024-03-06,MTY,voice,ventas,fcr,100,200',
].join('\n');

describe('ingestion page in Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(product.baseUrl);
    await page.getByTestId('sign-in-email').fill('maria.lopez@demo.kpigov.mx');
    await page.getByTestId('sign-in-password').fill('demo-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('current-user').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('shows the feeds of a provider with their freshness', async () => {
    await page.goto(`${product.baseUrl}/ingestion`);
    await page.getByTestId('feeds-table').waitFor();
    const select = page.getByTestId('ingestion-provider');
    await select.selectOption({ label: 'Norte Contact Solutions' });
    await expectText(page.getByTestId('feeds-table'), 'Reporting API (demo)');
    await expectText(page.getByTestId('feeds-table'), 'File uploads');
    await screenshot(page, 'ingestion-01-feeds');
  });

  it('uploads a CSV: preview, mapping, import, and the run with its counts', async () => {
    await page.getByTestId('upload-file').setInputFiles({ name: 'norte-marzo.csv', mimeType: 'text/csv', buffer: Buffer.from(GOOD_CSV, 'latin1') });
    await expectText(page.getByTestId('upload-preview'), 'Monterrey');
    const mapping = await page.getByTestId('upload-mapping').inputValue();
    expect(JSON.parse(mapping)).toMatchObject({ layout: 'long', columns: { date: 'Fecha', site: 'Sitio', kpi: 'KPI' } });
    await screenshot(page, 'ingestion-02-preview');
    await page.getByTestId('upload-import').click();
    await expectText(page.getByTestId('upload-result'), 'Run succeeded: 3 rows received, 3 inserted, 0 updated, 0 unchanged, 0 rejected');
    await expectText(page.getByTestId('upload-progress').locator('..'), '100 %');
    await expectText(page.getByTestId('runs-table'), 'File uploads');
    const firstRun = page.getByTestId('run-row').first();
    await expectText(firstRun, 'upload');
    await expectText(firstRun.getByTestId('run-status'), 'succeeded');
    await screenshot(page, 'ingestion-03-imported');
  });

  it('a file with errors shows each error with line, column and reason, and a fixed row can be re-submitted', async () => {
    await page.getByTestId('upload-file').setInputFiles({ name: 'errores.csv', mimeType: 'text/csv', buffer: Buffer.from(BAD_CSV) });
    await expectText(page.getByTestId('upload-preview'), 'Monterey');
    // The mapping saved with the previous file does not fit this header: use the suggestion.
    const mapping = {
      version: 1,
      layout: 'long',
      columns: { date: 'date', site: 'site', service_line: 'service_line', queue: 'queue', kpi: 'kpi', numerator: 'numerator', denominator: 'denominator' },
    };
    await page.getByTestId('upload-mapping').fill(JSON.stringify(mapping));
    await page.getByTestId('upload-save-mapping').uncheck();
    await page.getByTestId('upload-import').click();
    // The demo upload feed quarantines invalid rows: one stored, two kept for fixing.
    await expectText(page.getByTestId('upload-result'), 'Run partial: 3 rows received, 1 inserted');
    const errors = page.getByTestId('run-errors');
    await expectText(errors, 'is not a known site of this provider');
    await expectText(errors, 'Monterrey'); // did you mean
    await expectText(errors, 'is negative');
    const rows = page.getByTestId('run-error-row');
    expect(await rows.count()).toBe(2);
    const first = await rows.nth(0).innerText();
    expect(first).toMatch(/^2\s+site\s+Monterey/);
    const second = await rows.nth(1).innerText();
    expect(second).toMatch(/^3\s+numerator\s+-12/);
    await screenshot(page, 'ingestion-04-errors');

    await rows.nth(0).getByTestId('run-error-fix').fill('MTY');
    await page.getByTestId('run-resubmit').click();
    await expectText(page.getByTestId('ingestion-message'), 'run succeeded');
    await expectText(page.getByTestId('run-detail-counts'), 'inserted 1');
    await screenshot(page, 'ingestion-05-resubmitted');
    expect(pageErrors).toEqual([]);
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.waitFor();
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await locator.innerText();
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected "${text}" in element text, got "${last}"`);
}
