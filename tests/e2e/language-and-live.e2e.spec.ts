import type { Browser, Page } from 'playwright-core';
import { launchChromium, screenshot } from './support/browser';
import { RunningProduct, startProduct } from './support/product';

/** Switching the interface to Mexican Spanish, and a dashboard that updates itself when data changes. */
describe('language switch and live updates in Chromium', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
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

  it('switches to es-MX everywhere at once, and keeps the choice after a reload', async () => {
    expect(await page.getByTestId('nav-portfolio').innerText()).toBe('Portfolio');
    await page.getByTestId('language-switcher').selectOption('es-MX');
    await page.waitForFunction(() => document.documentElement.lang === 'es-MX');
    expect(await page.getByTestId('nav-portfolio').innerText()).toBe('Portafolio');
    expect(await page.getByTestId('sign-out').innerText()).toBe('Cerrar sesión');
    await page.waitForFunction(() => document.title.startsWith('Portafolio ·'));
    await screenshot(page, 'i18n-01-portfolio-es-MX');

    await page.reload();
    await page.getByTestId('current-user').waitFor();
    expect(await page.getByTestId('nav-portfolio').innerText()).toBe('Portafolio');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('es-MX');

    await page.getByTestId('language-switcher').selectOption('en');
    await page.waitForFunction(() => document.documentElement.lang === 'en');
    expect(await page.getByTestId('nav-portfolio').innerText()).toBe('Portfolio');
  });

  it('shows an escalation opened elsewhere without a reload', async () => {
    await page.getByTestId('nav-escalations').click();
    await page.getByTestId('escalation-queue').waitFor();
    const before = await page.getByTestId('escalation-row').count();

    // Someone else (here: the api, as the same account manager) opens an escalation.
    const login = await fetch(`${product.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'maria.lopez@demo.kpigov.mx', password: 'demo-password' }),
    });
    const { accessToken } = (await login.json()) as { accessToken: string };
    const providers = (await (await fetch(`${product.baseUrl}/api/providers`, { headers: { authorization: `Bearer ${accessToken}` } })).json()) as {
      id: string;
      code: string;
    }[];
    const created = await fetch(`${product.baseUrl}/api/escalations`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${accessToken}` },
      body: JSON.stringify({ providerId: providers.find((p) => p.code === 'NORTE')!.id, title: 'Opened while the page was open', severity: 'medium' }),
    });
    expect(created.status).toBe(201);

    await page.getByText('Opened while the page was open').waitFor({ timeout: 30_000 });
    expect(await page.getByTestId('escalation-row').count()).toBe(before + 1);
    expect(await page.getByTestId('live-status').innerText()).toMatch(/^Updated \d{1,2} \w{3} \d{4}, \d{2}:\d{2}$/);
    await screenshot(page, 'live-01-escalation-appeared');
  });
});
