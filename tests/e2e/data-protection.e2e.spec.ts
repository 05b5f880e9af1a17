import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

/** Admin → Data protection: retention policy and purge, erasing one agent, a provider's full export. */
describe('data protection page in Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1280, height: 900 }, acceptDownloads: true });
    await page.goto(product.baseUrl);
    await page.getByTestId('sign-in-email').fill('admin@demo.kpigov.mx');
    await page.getByTestId('sign-in-password').fill('demo-password');
    await page.getByTestId('sign-in-submit').click();
    await page.getByTestId('current-user').waitFor();
  });
  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('shows the retention policy and runs the purge on demand', async () => {
    await page.getByTestId('nav-admin').click();
    await page.getByTestId('admin-data-protection-tab').click();
    const policy = page.getByTestId('retention-policy');
    await policy.waitFor();
    expect(await policy.locator('[data-kind="qa_evaluations"]').innerText()).toContain('18 months');
    expect(await policy.locator('[data-kind="aggregates"]').innerText()).toContain('Kept');
    await page.getByTestId('purge-now').click();
    expect(await page.getByTestId('purge-result').innerText()).toMatch(/^Purge finished: \d+ × Evaluation-level QA data/);
    await screenshot(page, 'admin-data-protection');
  });

  it('erases one agent only after confirmation', async () => {
    const form = page.getByTestId('erase-agent-form');
    await form.locator('select').selectOption({ label: 'Norte Contact Solutions' });
    await form.locator('input[type="text"], input:not([type])').fill('AG-DOES-NOT-EXIST');
    expect(await page.getByTestId('erase-agent').isDisabled()).toBe(true);
    await form.locator('input[type="checkbox"]').check();
    await page.getByTestId('erase-agent').click();
    expect(await page.getByTestId('erase-result').innerText()).toBe('Removed 0 evaluations and 0 rejected rows.');
  });

  it('downloads everything held for a provider as a ZIP', async () => {
    await page.locator('#export-provider').selectOption({ label: 'Norte Contact Solutions' });
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('export-provider').click()]);
    expect(download.suggestedFilename()).toMatch(/\.zip$/);
    const path = await download.path();
    const { readFile } = await import('node:fs/promises');
    const bytes = await readFile(path!);
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(await page.getByTestId('export-result').innerText()).toContain(download.suggestedFilename());
  });
});
