import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

describe('account manager journey in Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('signs in as the demo account manager', async () => {
    await page.goto(product.baseUrl);
    await page.getByTestId('sign-in-email').waitFor();
    await screenshot(page, '01-sign-in');
    await page.getByTestId('sign-in-email').fill('maria.lopez@demo.kpigov.mx');
    await page.getByTestId('sign-in-password').fill('wrong');
    await page.getByTestId('sign-in-submit').click();
    await expectText(page.getByTestId('sign-in-error'), 'Email or password is incorrect');
    await page.getByTestId('sign-in-password').fill('demo-password');
    await page.getByTestId('sign-in-submit').click();
    await expectText(page.getByTestId('current-user'), 'María López');
  });

  it('shows only her providers, with data, on the portfolio heatmap', async () => {
    const rows = page.getByTestId('portfolio-provider-row');
    await rows.first().waitFor();
    const codes = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-provider-code')).sort());
    expect(codes).toEqual(['NORTE', 'PACIFICO']);
    const text = await rows.first().innerText();
    expect(text).toMatch(/\d+(\.\d)? %/); // formatted KPI values, i.e. real data
    for (const tile of ['count-escalations', 'count-drift', 'count-stale-feeds']) {
      expect(Number(await page.getByTestId(tile).getAttribute('data-count'))).toBeGreaterThanOrEqual(0);
    }
    await page.getByTestId('ranking-row').first().waitFor();
    await screenshot(page, '02-portfolio');
  });

  it('shows the seeded Pacífico service-level breach in red on the heatmap', async () => {
    const cell = page.getByTestId('heatmap-cell-PACIFICO-service_level');
    expect(await cell.getAttribute('data-status')).toBe('breached');
    expect(await cell.innerText()).toContain('Breached');
    const background = await cell.evaluate((el) => getComputedStyle(el).backgroundColor);
    expect(background).toBe('rgb(179, 38, 30)'); // --kpi-color-bad
    const met = page.locator('[data-testid^="heatmap-cell-"][data-status="met"]').first();
    expect(await met.evaluate((el) => getComputedStyle(el).backgroundColor)).not.toBe(background);
    await page.setViewportSize({ width: 768, height: 1024 });
    await screenshot(page, '02b-portfolio-tablet');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0); // the heatmap scrolls inside its own region on a tablet
    await page.setViewportSize({ width: 1280, height: 900 });
  });

  it('opens the provider from the heatmap cell', async () => {
    await page.getByTestId('heatmap-cell-PACIFICO-service_level').locator('a').click();
    await expectText(page.getByTestId('provider-title'), 'Pacífico BPO');
    expect(new URL(page.url()).searchParams.get('kpi')).toBe('service_level');
    await page.goBack();
    await page.getByTestId('portfolio-provider-row').first().waitFor();
  });

  it('opens a provider and draws the trend chart from the api', async () => {
    await page.locator('[data-provider-code="PACIFICO"]').getByTestId('provider-link').first().click();
    await expectText(page.getByTestId('provider-title'), 'Pacífico BPO');
    // The provider's own trend chart comes first; the small multiples per site follow it.
    const chart = page.locator('[data-testid="kpi-trend-chart"][data-rendered="true"]').first();
    await chart.waitFor({ timeout: 30_000 });
    const points = Number(await chart.getAttribute('data-point-count'));
    expect(points).toBeGreaterThan(30);
    // Pixels, not only attributes: the canvas must hold a drawn line.
    const inkedPixels = await page.locator('[data-testid="kpi-trend-chart"] canvas').first().evaluate((canvas: HTMLCanvasElement) => {
      const ctx = canvas.getContext('2d');
      if (!ctx) return 0;
      const { data } = ctx.getImageData(0, 0, canvas.width, canvas.height);
      let inked = 0;
      for (let i = 3; i < data.length; i += 4) if (data[i] > 0) inked++;
      return inked;
    });
    expect(inkedPixels).toBeGreaterThan(1000);
    await screenshot(page, '03-provider-chart');

    await page.getByTestId('granularity-select').selectOption('week');
    await page.locator('[data-testid="kpi-trend-chart"][data-rendered="true"]').first().waitFor({ timeout: 30_000 });
    const weekly = Number(await page.getByTestId('kpi-trend-chart').first().getAttribute('data-point-count'));
    expect(weekly).toBeLessThan(points);
    expect(pageErrors).toEqual([]);
  });

  it('shows a not-found page for a provider that is not hers', async () => {
    await page.goto(`${product.baseUrl}/providers/7d5e0c4a-8c57-4b8e-9f3e-0f1f2a3b4c5d`);
    await page.getByTestId('provider-not-found').waitFor();
  });
});

async function expectText(locator: import('playwright-core').Locator, text: string): Promise<void> {
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
