import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

const GDL_SERVICE_LEVEL = 'Voice service level 80/20 – Guadalajara';

describe('SLA attainment, credits and contract editing in Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    // CSP bypassed only so the accessibility audit (axe-core, an inline script) can run in the same pages.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1440, height: 1000 } });
    page = await context.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  /** Serious or critical WCAG 2.1 A/AA violations (axe-core) on the page as it is. */
  async function accessibilityProblems(): Promise<string[]> {
    await page.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
    const violations = await page.evaluate(async () => {
      type Violation = { id: string; impact: string | null; help: string; nodes: { target: string[] }[] };
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Violation[] }> } }).axe;
      const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
      return result.violations;
    });
    return violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => `${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }

  async function signIn(email: string, navigate = true): Promise<void> {
    if (navigate) await page.goto(product.baseUrl);
    await page.getByTestId('sign-in-email').waitFor();
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill('demo-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('current-user').waitFor();
  }

  it('shows the Guadalajara service-level breach and the credit it owes on the provider page', async () => {
    await signIn('maria.lopez@demo.kpigov.mx');
    await page.locator('[data-provider-code="PACIFICO"]').getByTestId('provider-link').first().click();
    await expectText(page.getByTestId('provider-title'), 'Pacífico BPO');
    // The existing provider page is still there.
    await page.getByTestId('latest-table').waitFor();

    const section = page.getByTestId('sla-attainment-section');
    const row = section.locator(`[data-testid="sla-attainment-row"][data-service-level="${GDL_SERVICE_LEVEL}"]`);
    await row.waitFor({ timeout: 30_000 });
    const breached = row.locator('[data-testid="sla-attainment-cell"][data-status="breached"]');
    expect(await breached.count()).toBeGreaterThanOrEqual(1);
    const cellText = await breached.first().innerText();
    expect(cellText).toContain('Breached');
    expect(cellText).toMatch(/7\d\.\d %/); // the measured value, e.g. "73.6 %"
    expect(cellText).toContain('target 80.0 %');
    expect(cellText).toContain('min 75.0 %');
    // Querétaro was not hit by the drop.
    const qro = section.locator('[data-testid="sla-attainment-row"][data-service-level="Voice service level 80/20 – Querétaro"]');
    expect(await qro.locator('[data-status="breached"]').count()).toBe(0);
    // The approved outage day is shown as an exclusion.
    expect(await section.getByTestId('sla-exclusion-flag').count()).toBeGreaterThanOrEqual(1);

    const credits = page.getByTestId('sla-credits-section');
    const owed = credits.locator('[data-testid="credits-row"]').filter({ has: page.locator('[data-testid="credits-payable"]', { hasText: 'MXN' }) });
    await owed.first().waitFor();
    const owedText = await owed.first().innerText();
    expect(owedText).toContain(GDL_SERVICE_LEVEL);
    expect(owedText).toMatch(/MXN [\d,]+\.\d\d/);
    await owed.first().locator('summary').click();
    const explanation = await owed.first().getByTestId('credits-explanation').innerText();
    expect(explanation).toMatch(/MXN x 12 % x 30 % = /);
    expect(await page.getByTestId('credits-total').first().innerText()).toContain('MXN');

    await page.getByTestId('burn-rate-item').first().waitFor();
    await page.getByTestId('scorecard-score').waitFor();
    expect(Number(await page.getByTestId('scorecard-score').getAttribute('data-score'))).toBeGreaterThan(0);
    await page.getByTestId('site-comparison-table').waitFor();
    await section.scrollIntoViewIfNeeded();
    await screenshot(page, 'sla-01-provider-attainment');
    expect(await accessibilityProblems()).toEqual([]);
    expect(pageErrors).toEqual([]);
  });

  it('ranks the account manager’s providers on the scorecards page', async () => {
    await page.getByTestId('nav-scorecards').click();
    const rows = page.getByTestId('ranking-row');
    await rows.first().waitFor();
    const codes = await rows.evaluateAll((els) => els.map((el) => el.getAttribute('data-provider-code')).sort());
    expect(codes).toEqual(['NORTE', 'PACIFICO']);
    await screenshot(page, 'sla-02-scorecards');
    expect(await accessibilityProblems()).toEqual([]);
    await page.getByTestId('nav-contracts').click();
    await page.getByTestId('contract-row').first().waitFor();
    expect(await accessibilityProblems()).toEqual([]);
  });

  it('lets an admin add a service level through the form, with validation messages', async () => {
    await page.getByTestId('sign-out').click();
    // Signing out lands on the sign-in page once the session is revoked.
    await signIn('admin@demo.kpigov.mx', false);
    await page.getByTestId('nav-contracts').click();
    await page.locator('[data-testid="contract-row"][data-provider="Pacífico BPO"]').getByTestId('contract-link').click();
    await expectText(page.getByTestId('contract-title'), 'Pacífico BPO');
    const latest = page.locator('[data-testid="contract-version"][data-version="2"]');
    await latest.getByTestId('add-service-level').click();

    const form = page.getByTestId('service-level-form');
    await form.waitFor();
    await form.getByTestId('sl-submit').click();
    await expectText(form.getByTestId('sl-error-name'), 'Give the service level a name.');
    await expectText(form.getByTestId('sl-error-kpiCode'), 'Choose the KPI');

    await form.getByTestId('sl-name').fill('Average speed of answer – Guadalajara voice');
    await form.getByTestId('sl-kpi').selectOption('asa');
    await form.getByTestId('sl-site').selectOption({ label: 'Guadalajara (GDL)' });
    await form.getByTestId('sl-line').selectOption('voice');
    await form.getByTestId('sl-target').fill('30');
    await form.getByTestId('sl-minimum').fill('20'); // wrong way round for a lower-is-better KPI
    await form.getByTestId('sl-kind').selectOption('key_measurement');
    await form.getByTestId('sl-pool').fill('0');
    await form.getByTestId('sl-submit').click();
    await expectText(form.getByTestId('sl-error-levels'), 'Lower is better: the minimum cannot be below the target');
    await screenshot(page, 'sla-03-service-level-form-error');
    expect(await accessibilityProblems()).toEqual([]);

    await form.getByTestId('sl-minimum').fill('45');
    await form.getByTestId('sl-submit').click();
    const added = latest.locator('[data-testid="service-level-row"][data-name="Average speed of answer – Guadalajara voice"]');
    await added.waitFor();
    const text = await added.innerText();
    expect(text).toContain('Guadalajara · Voice');
    expect(text).toContain('30 s');
    expect(text).toContain('45 s');
    await expectText(page.getByTestId('contract-notice'), 'added');
    await screenshot(page, 'sla-04-service-level-added');

    // It is measured right away on the provider page.
    await page.locator('a', { hasText: 'Pacífico BPO' }).first().click();
    const row = page.locator('[data-testid="sla-attainment-row"][data-service-level="Average speed of answer – Guadalajara voice"]');
    await row.waitFor({ timeout: 30_000 });
    expect(await row.locator('[data-testid="sla-attainment-cell"]:not([data-status="none"])').count()).toBeGreaterThan(0);

    // The KPI catalog screen, with a custom KPI defined through its form.
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-kpis-tab').click();
    await page.getByTestId('kpi-catalog-table').waitFor();
    await page.getByTestId('new-kpi').click();
    const kpiForm = page.getByTestId('kpi-form');
    await kpiForm.getByTestId('kpi-code').fill('Claims OK');
    await kpiForm.getByTestId('kpi-submit').click();
    await expectText(kpiForm.getByTestId('kpi-error-code'), 'lower snake case');
    await expectText(kpiForm.getByTestId('kpi-error-denominatorLabel'), 'The denominator label is required');
    await kpiForm.getByTestId('kpi-code').fill('claims_first_time_right');
    await kpiForm.getByTestId('kpi-name').fill('Claims first-time right');
    await kpiForm.getByTestId('kpi-numerator').fill('claims settled without rework');
    await kpiForm.getByTestId('kpi-denominator').fill('claims settled');
    await kpiForm.locator('label', { hasText: 'Back office' }).locator('input').check();
    await kpiForm.getByTestId('kpi-submit').click();
    await page.locator('[data-testid="kpi-row"][data-code="claims_first_time_right"]').waitFor();
    expect(await accessibilityProblems()).toEqual([]);
    await screenshot(page, 'sla-05-kpi-catalog');
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
