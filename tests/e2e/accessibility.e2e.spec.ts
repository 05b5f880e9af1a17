import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

interface AxeViolation {
  id: string;
  impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  help: string;
  nodes: { target: string[] }[];
}

/** axe-core on every main page: no serious or critical WCAG 2.1 A/AA violations. */
describe('accessibility of the main pages (axe-core)', () => {
  let product: RunningProduct;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    // axe is injected as an inline script, which the product's CSP rightly forbids: bypass CSP for the audit only.
    context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  async function audit(name: string): Promise<AxeViolation[]> {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations;
    });
    await screenshot(page, `a11y-${name}`);
    return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  }

  const describeViolations = (violations: AxeViolation[]) =>
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);

  it('sign-in page', async () => {
    await page.goto(product.baseUrl);
    await page.getByTestId('sign-in-email').waitFor();
    expect(describeViolations(await audit('sign-in'))).toEqual([]);
    await page.getByTestId('sign-in-email').fill('admin@demo.kpigov.mx');
    await page.getByTestId('sign-in-password').fill('demo-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('current-user').waitFor();
  });

  it.each([
    ['portfolio', '/', '[data-testid="portfolio-provider-row"]'],
    ['providers', '/providers', '[data-testid="provider-row"]'],
    ['escalations', '/escalations', 'main h1'],
    ['ingestion', '/ingestion', 'main h1'],
    ['reports', '/reports', 'main h1'],
    ['admin', '/admin', 'main h1'],
    ['drift', '/drift', 'main h1'],
    ['alerts', '/alerts', 'main h1'],
    ['mail', '/mail', 'main h1'],
    ['contracts', '/contracts', 'main h1'],
    ['scorecards', '/scorecards', 'main h1'],
    ['audit', '/admin/audit', 'main h1'],
    ['data-protection', '/admin/data-protection', '[data-testid="retention-policy"]'],
    ['kpi-catalog', '/admin/kpis', 'main h1'],
    ['kpi-drill-down', '/kpis/service_level?city=Guadalajara', '[data-testid="drill-down-row"]'],
  ])('%s page', async (name, path, ready) => {
    await page.goto(`${product.baseUrl}${path}`);
    await page.locator(ready).first().waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(describeViolations(await audit(name))).toEqual([]);
  });

  it('provider page with its chart', async () => {
    await page.goto(`${product.baseUrl}/providers`);
    await page.getByTestId('provider-link').first().click();
    await page.locator('[data-testid="kpi-trend-chart"][data-rendered="true"]').waitFor({ timeout: 30_000 });
    // Every section loaded (site charts, QA, freshness and restatements), not only the main chart.
    await page.getByTestId('feeds-table').waitFor({ timeout: 30_000 });
    await page.waitForLoadState('networkidle');
    expect(describeViolations(await audit('provider'))).toEqual([]);
  });
});
