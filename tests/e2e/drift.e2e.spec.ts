import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

/** The demo's three planted problems, as rows of the drift events page (open, adverse). */
const PLANTED = [
  { provider: 'NORTE', kpi: 'aht', city: 'Monterrey', line: 'voice', kind: 'drift' },
  { provider: 'PACIFICO', kpi: 'service_level', city: 'Guadalajara', line: 'voice', kind: 'drift' },
  {
    provider: 'ALTIPLANO',
    kpi: 'qa_score',
    city: 'Ciudad de México',
    line: 'finance_accounting',
    kind: 'qa_regression',
  },
];

const rowSelector = (p: (typeof PLANTED)[number]) =>
  `[data-testid="drift-event-row"][data-provider-code="${p.provider}"][data-kpi-code="${p.kpi}"]` +
  `[data-site-city="${p.city}"][data-service-line="${p.line}"][data-kind="${p.kind}"][data-status="open"][data-direction="adverse"]`;

describe('drift events in Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let monterreyStart = '';

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    // axe-core is injected as an inline script, which the product's CSP forbids: bypass CSP in this context.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('signs in as the demo admin and opens the Drift page from the navigation', async () => {
    await page.goto(product.baseUrl);
    await page.getByTestId('sign-in-email').fill('admin@demo.kpigov.mx');
    await page.getByTestId('sign-in-password').fill('demo-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('current-user').waitFor();
    await page.getByTestId('nav-drift').click();
    await page.getByTestId('drift-events-table').waitFor({ timeout: 30_000 });
  });

  it('lists the three planted problems as open events, each with its start date and explanation', async () => {
    for (const planted of PLANTED) {
      const row = page.locator(rowSelector(planted));
      await row.first().waitFor({ timeout: 15_000 });
      expect(await row.count()).toBe(1);
      expect(await row.getAttribute('data-start-date')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      expect(await row.locator('.drift-explanation').innerText()).toContain(planted.city);
    }
    monterreyStart = (await page.locator(rowSelector(PLANTED[0])).getAttribute('data-start-date')) ?? '';
    await screenshot(page, '10-drift-events');
  });

  it('has no serious accessibility problems on the list (axe-core)', async () => {
    expect(await seriousViolations(page)).toEqual([]);
  });

  it('filters by kind and provider', async () => {
    await page.getByTestId('drift-filter-kind').selectOption('qa_regression');
    await waitForRows(
      page,
      async (rows) =>
        (await rows.evaluateAll((els) =>
          els.every((el) => el.getAttribute('data-kind') === 'qa_regression'),
        )) && (await rows.count()) > 0,
    );
    await page.getByTestId('drift-filter-kind').selectOption('');
    await page.getByTestId('drift-filter-provider').selectOption({ label: 'Norte Contact Solutions' });
    await waitForRows(
      page,
      async (rows) =>
        (await rows.evaluateAll((els) =>
          els.every((el) => el.getAttribute('data-provider-code') === 'NORTE'),
        )) && (await rows.count()) > 0,
    );
    await page.getByTestId('drift-filter-site').selectOption({ label: 'Monterrey' });
    await waitForRows(
      page,
      async (rows) =>
        (await rows.evaluateAll((els) =>
          els.every((el) => el.getAttribute('data-site-city') === 'Monterrey'),
        )) && (await rows.count()) > 0,
    );
  });

  it('opens the Monterrey AHT event: explanation, since when and the evidence chart with its start marker', async () => {
    await page.locator(rowSelector(PLANTED[0])).getByTestId('drift-event-link').click();
    await expectText(
      page.getByTestId('drift-event-explanation'),
      'Average handle time at Monterrey voice has',
    );
    const chart = page.locator(
      '[data-testid="drift-evidence"] [data-testid="kpi-trend-chart"][data-rendered="true"]',
    );
    await chart.waitFor({ timeout: 30_000 });
    expect(await chart.getAttribute('data-start-dates')).toBe(monterreyStart);
    await screenshot(page, '11-drift-event');
    expect(await seriousViolations(page)).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('attributes the provider-level AHT drift of Norte to Monterrey voice in the detail', async () => {
    await page.getByTestId('nav-drift').click();
    const provider = page.locator(
      '[data-testid="drift-event-row"][data-provider-code="NORTE"][data-kpi-code="aht"][data-status="open"]:not([data-site-city])',
    );
    await provider.first().waitFor({ timeout: 15_000 });
    await provider.first().getByTestId('drift-event-link').click();
    const top = page.locator('[data-testid="drift-attribution-site_line"] tr.is-top th');
    await expectText(top, 'Monterrey voice');
    await expectText(page.getByTestId('drift-event-explanation'), 'Monterrey voice');
    await screenshot(page, '12-drift-attribution');
    await page.getByRole('link', { name: 'Norte Contact Solutions' }).click();
  });

  it('shows the drift start marker and the control limits on the Norte provider chart for AHT at Monterrey', async () => {
    await expectText(page.getByTestId('provider-title'), 'Norte Contact Solutions');
    await page.locator('[data-testid="kpi-trend-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    await page.getByTestId('kpi-select').selectOption('aht');
    await page.getByTestId('site-select').selectOption({ label: 'Monterrey' });
    const chart = page.locator(
      '[data-testid="kpi-trend-chart"][data-kpi-code="aht"][data-rendered="true"][data-band="true"]',
    );
    await chart.waitFor({ timeout: 30_000 });
    await waitForAttribute(chart, 'data-start-dates', (v) => (v ?? '').split(',').includes(monterreyStart));
    expect(Number(await chart.getAttribute('data-event-count'))).toBeGreaterThanOrEqual(1);
    await expectText(page.getByTestId('trend-drift-events'), 'Monterrey');
    await screenshot(page, '13-provider-drift-overlay');

    // Over 6 months the start lies inside the chart, at the same date.
    await page.getByTestId('range-select').selectOption('6m');
    const longer = page.locator('[data-testid="kpi-trend-chart"][data-rendered="true"][data-band="true"]');
    await longer.waitFor({ timeout: 30_000 });
    await waitForAttribute(longer, 'data-start-dates', (v) => (v ?? '').split(',').includes(monterreyStart));
    expect(Number(await longer.getAttribute('data-point-count'))).toBeGreaterThan(150);
    await screenshot(page, '14-provider-drift-overlay-6m');
    expect(pageErrors).toEqual([]);
  });
});

/** Serious or critical WCAG 2.1 A/AA violations found by axe-core on the current page. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
  const violations = await page.evaluate(async () => {
    type Violation = { id: string; impact: string | null; nodes: { target: string[] }[] };
    const axe = (
      window as unknown as {
        axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> };
      }
    ).axe;
    const result = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] },
    });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}) at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function waitForRows(page: Page, ok: (rows: Locator) => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 15_000;
  const rows = page.getByTestId('drift-event-row');
  while (Date.now() < deadline) {
    if (await ok(rows)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error('The drift events table did not show the expected rows');
}

async function waitForAttribute(
  locator: Locator,
  name: string,
  ok: (value: string | null) => boolean,
): Promise<void> {
  const deadline = Date.now() + 15_000;
  let last: string | null = null;
  while (Date.now() < deadline) {
    last = await locator.getAttribute(name);
    if (ok(last)) return;
    await new Promise((r) => setTimeout(r, 150));
  }
  throw new Error(`Attribute ${name} never matched; last value "${last}"`);
}

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
