import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

/** The KPI drill-down: filters kept in the URL (a shared link restores the view) and the table as CSV. */
describe('KPI drill-down in Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let contexts: BrowserContext[] = [];
  let page: Page;
  let sharedUrl: string;
  let filteredRows: string[][];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    page = await signedInPage('maria.lopez@demo.kpigov.mx');
  });
  afterAll(async () => {
    for (const context of contexts) await context.close();
    contexts = [];
    await browser?.close();
    await product?.stop();
  });

  async function signedInPage(email: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    contexts.push(context);
    const newPage = await context.newPage();
    newPage.on('pageerror', (error) => pageErrors.push(error.message));
    await newPage.goto(product.baseUrl);
    await newPage.getByTestId('sign-in-email').fill(email);
    await newPage.getByTestId('sign-in-password').fill('demo-password');
    await newPage.getByTestId('sign-in-submit').click();
    await newPage.getByTestId('current-user').waitFor();
    return newPage;
  }

  /** The cells of every table row, as shown. */
  async function shownRows(target: Page): Promise<string[][]> {
    await target.getByTestId('drill-down-row').first().waitFor({ timeout: 30_000 });
    return target
      .getByTestId('drill-down-row')
      .evaluateAll((rows) => rows.map((row) => Array.from(row.querySelectorAll('th, td')).map((cell) => (cell.textContent ?? '').trim())));
  }

  async function waitForChart(target: Page): Promise<void> {
    await target.locator('[data-testid="kpi-trend-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
  }

  it('shows one KPI per provider and site, reached from the navigation', async () => {
    await page.getByTestId('nav-kpis').click();
    await page.waitForURL(/\/kpis\/service_level$/);
    await expect(page.getByTestId('drill-down-title').innerText()).resolves.toBe('Service level');
    const rows = await shownRows(page);
    const providers = new Set(rows.map((cells) => cells[0]));
    expect([...providers].sort()).toEqual(['Norte Contact Solutions', 'Pacífico BPO'].sort());
    expect(rows.every((cells) => /^\d+(\.\d+)? %$/.test(cells[3]))).toBe(true);
    await waitForChart(page);
    await screenshot(page, 'kpi-drill-down-01-all');
  });

  it('filters by city and keeps the filter in the URL', async () => {
    const before = await shownRows(page);
    expect(before.some((cells) => cells[2] !== 'Guadalajara')).toBe(true);
    await page.getByTestId('drill-city').selectOption('Guadalajara');
    await page.waitForURL(/[?&]city=Guadalajara(&|$)/);
    await page.waitForFunction(() => {
      const rows = Array.from(document.querySelectorAll('[data-testid="drill-down-row"]'));
      return rows.length > 0 && rows.every((row) => row.querySelectorAll('th, td')[2]?.textContent?.trim() === 'Guadalajara');
    });
    filteredRows = await shownRows(page);
    expect(filteredRows.length).toBeGreaterThan(0);
    expect(filteredRows.length).toBeLessThan(before.length);
    await waitForChart(page);
    sharedUrl = page.url();
    await screenshot(page, 'kpi-drill-down-02-guadalajara');
  });

  it('restores the same view from the shared URL in a new signed-in session', async () => {
    const other = await signedInPage('maria.lopez@demo.kpigov.mx');
    await other.goto(sharedUrl);
    await expect(other.getByTestId('drill-city').inputValue()).resolves.toBe('Guadalajara');
    expect(await shownRows(other)).toEqual(filteredRows);
    await waitForChart(other);
    await screenshot(other, 'kpi-drill-down-03-shared-url');
  });

  it('exports the rows shown as CSV', async () => {
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-drill-down').click()]);
    expect(download.suggestedFilename()).toMatch(/^service-level-drill-down-\d{4}-\d{2}-\d{2}\.csv$/);
    const path = await download.path();
    const records: string[][] = parse(await readFile(path, 'utf8'), { bom: true });
    expect(records[0]).toEqual(['Provider', 'Site', 'City', 'Value', 'Observations']);
    expect(records.slice(1)).toEqual(filteredRows);
  });

  it('links from the provider page, whose trend selection is in its URL too', async () => {
    await page.getByTestId('nav-providers').click();
    await page.locator('[data-provider-code="PACIFICO"]').getByTestId('provider-link').first().click();
    await waitForChart(page);
    await page.getByTestId('granularity-select').selectOption('week');
    await page.waitForURL(/[?&]granularity=week(&|$)/);
    await page.getByTestId('site-select').selectOption({ label: 'Guadalajara' });
    await page.waitForURL(/[?&]city=Guadalajara(&|$)/);
    await page.locator('[data-testid="site-multiples"] [data-testid="site-trend-chart"][data-rendered="true"]').nth(1).waitFor({ timeout: 30_000 });
    await page.getByTestId('feeds-table').waitFor({ timeout: 30_000 });
    const providerUrl = page.url();
    await screenshot(page, 'kpi-drill-down-04-provider-page');

    const other = await signedInPage('maria.lopez@demo.kpigov.mx');
    await other.goto(providerUrl);
    await waitForChart(other);
    await expect(other.getByTestId('granularity-select').inputValue()).resolves.toBe('week');
    await expect(other.locator('#trend-heading').innerText()).resolves.toContain('Guadalajara');

    await page.getByTestId('kpi-drill-down-link').click();
    await page.waitForURL(/\/kpis\/[a-z_]+\?.*city=Guadalajara/);
    await expect(page.getByTestId('drill-city').inputValue()).resolves.toBe('Guadalajara');
    await page.getByTestId('drill-down-row').first().waitFor();
  });

  it('raised no page errors', () => {
    expect(pageErrors).toEqual([]);
  });
});
