import type { Browser, Locator, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

const PLAN = 'Coach the new Monterrey hires on CRM shortcuts, cap after-call work at 60 s, daily AHT huddle for four weeks.';

describe('escalations in Chromium: the provider acknowledges and proposes an action plan', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];
  let escalationUrl = '';

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

  async function signIn(email: string): Promise<void> {
    await page.goto(product.baseUrl);
    await page.getByTestId('sign-in-email').waitFor();
    await page.getByTestId('sign-in-email').fill(email);
    await page.getByTestId('sign-in-password').fill('demo-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('current-user').waitFor();
  }

  it('shows the provider lead only Norte escalations in the queue', async () => {
    await signIn('lead@norte.demo.kpigov.mx');
    await page.getByTestId('nav-escalations').click();
    const rows = page.getByTestId('escalation-row');
    await rows.first().waitFor();
    const providers = await page.locator('[data-testid="escalation-row"] td:nth-child(2)').allInnerTexts();
    expect(new Set(providers)).toEqual(new Set(['Norte Contact Solutions']));
    await screenshot(page, 'escalations-01-queue');
  });

  it('acknowledges the AHT escalation', async () => {
    await page.getByTestId('escalation-link').filter({ hasText: 'Average handle time drift at Monterrey' }).first().click();
    await expectText(page.getByTestId('escalation-title'), 'Average handle time drift at Monterrey');
    escalationUrl = page.url();
    await expectText(page.getByTestId('escalation-status'), 'Open');
    await page.getByTestId('action-acknowledge').click();
    await expectText(page.getByTestId('escalation-status'), 'Acknowledged');
    await page.locator('[data-testid="timeline-entry"][data-action="acknowledge"]').waitFor();
    expect(await page.getByTestId('action-acknowledge').count()).toBe(0);
    // Provider staff cannot resolve or agree their own plan: the buttons are not there.
    expect(await page.getByTestId('action-resolve-open').count()).toBe(0);
  });

  it('adds an action plan and sees it on the timeline', async () => {
    await page.getByTestId('action-plan-open').click();
    await page.getByTestId('action-plan-text').fill(PLAN);
    await page.getByTestId('action-plan-due').fill('2026-12-15');
    await page.getByTestId('action-plan-submit').click();
    const entry = page.locator('[data-testid="timeline-entry"][data-action="propose_action_plan"]');
    await entry.waitFor();
    await expectText(entry, 'Luis Norte (provider lead) proposed an action plan');
    await expectText(entry.getByTestId('timeline-text'), PLAN);
    await expectText(page.getByTestId('action-plan-current'), PLAN);
    const actions = await page.locator('[data-testid="timeline-entry"]').evaluateAll((items) => items.map((i) => i.getAttribute('data-action')));
    expect(actions.indexOf('acknowledge')).toBeGreaterThan(actions.indexOf('opened'));
    expect(actions.indexOf('propose_action_plan')).toBeGreaterThan(actions.indexOf('acknowledge'));
    await screenshot(page, 'escalations-02-timeline');
    expect(pageErrors).toEqual([]);
  });

  it('lets the account manager agree the plan', async () => {
    await page.getByTestId('sign-out').click();
    await signIn('maria.lopez@demo.kpigov.mx');
    await page.goto(escalationUrl);
    await page.getByTestId('action-agree').click();
    await expectText(page.getByTestId('escalation-status'), 'Action plan agreed');
    await page.locator('[data-testid="timeline-entry"][data-action="agree_action_plan"]').waitFor();
    await screenshot(page, 'escalations-03-agreed');
  });

  it('shows the alert mail in the mailbox', async () => {
    await page.getByTestId('nav-alerts').click();
    await page.getByTestId('subscription').first().waitFor();
    await page.getByTestId('send-digest-now').first().click();
    await page.getByTestId('alerts-notice').waitFor();
    await screenshot(page, 'escalations-04-alerts');
    await page.getByTestId('nav-mail').click();
    const digest = page.getByTestId('mailbox-item').filter({ hasText: /digest/ });
    const deadline = Date.now() + 60_000;
    while ((await digest.count()) === 0) {
      if (Date.now() > deadline) throw new Error('No digest arrived in the mailbox');
      await page.waitForTimeout(1000);
      await page.getByTestId('mail-refresh').click();
    }
    await digest.first().click();
    await expectText(page.getByTestId('mail-message-subject'), 'digest');
    const frame = page.frameLocator('[data-testid="mail-frame"]');
    await frame.locator('[data-alert-item="true"]').first().waitFor();
    expect(await frame.locator('img[src^="data:image/png"]').count()).toBeGreaterThan(0);
    await screenshot(page, 'escalations-05-mailbox');
    expect(pageErrors).toEqual([]);
  });

  it('edits a provider escalation matrix', async () => {
    await page.getByTestId('nav-escalations').click();
    await page.getByTestId('matrix-link').click();
    const norte = page.getByTestId('matrix-card').filter({ hasText: 'Norte Contact Solutions' });
    await norte.getByTestId('matrix-edit').click();
    await norte.locator('input[name="ack-0"]').fill('2');
    await norte.locator('textarea[name="contacts-1"]').fill('lead@norte.demo.kpigov.mx\nops.desk@norte.example.com');
    await norte.getByTestId('matrix-save').click();
    await expectText(norte, 'acknowledge within 2 h, resolve within 5 days');
    await expectText(norte, 'ops.desk@norte.example.com');
    await expectText(norte, 'Roberto Garza (Norte executive sponsor)'); // an outside contact kept its name
    await screenshot(page, 'escalations-06-matrix');
    expect(pageErrors).toEqual([]);
  });

  it('has no serious accessibility violations on the escalation and mail screens (axe-core)', async () => {
    // axe is injected as an inline script, which the product's CSP forbids: a separate context bypasses CSP for the audit.
    const context = await browser.newContext({ bypassCSP: true, viewport: { width: 1280, height: 900 } });
    const audited = await context.newPage();
    try {
      await audited.goto(product.baseUrl);
      await audited.getByTestId('sign-in-email').fill('maria.lopez@demo.kpigov.mx');
      await audited.getByTestId('sign-in-password').fill('demo-password');
      await audited.getByTestId('sign-in-submit').click();
      await audited.getByTestId('current-user').waitFor();
      const screens: [string, string][] = [
        [new URL(escalationUrl).pathname, '[data-testid="escalation-timeline"]'],
        ['/escalations/matrix', '[data-testid="matrix-card"]'],
        ['/alerts', '[data-testid="subscription"]'],
        ['/mail?tab=sent', '[data-testid="outbox-table"]'],
        ['/mail?tab=mailbox', '[data-testid="mailbox-item"]'],
      ];
      for (const [path, ready] of screens) {
        await audited.goto(`${product.baseUrl}${path}`);
        await audited.locator(ready).first().waitFor({ timeout: 30_000 });
        await audited.addScriptTag({ path: require.resolve('axe-core/axe.min.js') });
        const violations = await audited.evaluate(async () => {
          const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] }> } }).axe;
          const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
          return result.violations
            .filter((v) => v.impact === 'serious' || v.impact === 'critical')
            .map((v) => `${v.id} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
        });
        expect([path, violations]).toEqual([path, []]);
      }
    } finally {
      await context.close();
    }
  });
});

async function expectText(locator: Locator, text: string): Promise<void> {
  await locator.first().waitFor();
  const deadline = Date.now() + 15_000;
  let last = '';
  while (Date.now() < deadline) {
    last = await locator.first().innerText();
    if (last.includes(text)) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Expected "${text}" in element text, got "${last}"`);
}
