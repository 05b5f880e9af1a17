import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import type { SlaContractSummaryDto } from '@kpi/contracts';
import { provideTranslationsForTests, Translator } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { esMx } from '../../../i18n/es-MX';
import { Language, LANGUAGE_LOCALES } from '../../../i18n/translation';
import { ContractsPage } from './contracts.page';

const contract = (name: string, monthlyFee: number, versionCount: number, pendingExclusions: number): SlaContractSummaryDto => ({
  id: name.toLowerCase(),
  providerId: 'p-' + name,
  providerName: name + ' Provider',
  name,
  reference: null,
  currentVersion: {
    id: 'v-' + name,
    contractId: name.toLowerCase(),
    version: versionCount,
    currency: 'MXN',
    monthlyFee,
    atRiskPct: 12,
    atRiskAmount: monthlyFee * 0.12,
    effectiveFrom: '2025-09-05',
    effectiveTo: null,
    notes: '',
    createdAt: '2025-09-01T12:00:00Z',
  },
  versionCount,
  serviceLevelCount: 3,
  pendingExclusions,
});

async function render(language: Language) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en, 'es-MX': esMx }, language)],
  });
  // Also sets the date locale, as the language switcher does.
  await TestBed.inject(Translator).use(language, LANGUAGE_LOCALES[language]);
  const fixture = TestBed.createComponent(ContractsPage);
  await fixture.whenStable();
  const http = TestBed.inject(HttpTestingController);
  http.expectOne((r) => r.url === '/api/sla/contracts').flush([contract('Alpha', 900000, 1, 0), contract('Beta', 1200000, 2, 1)]);
  http.match(() => true).forEach((request) => request.flush([]));
  await fixture.whenStable();
  const page = fixture.nativeElement as HTMLElement;
  const names = () => Array.from(page.querySelectorAll('[data-testid="contract-link"]')).map((link) => link.textContent?.trim());
  return { fixture, page, names };
}

describe('ContractsPage', () => {
  it('lists contracts in English and re-sorts them by monthly fee', async () => {
    const { fixture, page, names } = await render('en');
    expect(names()).toEqual(['Alpha', 'Beta']);
    const table = page.querySelector('[data-testid="contracts-table"]')!;
    expect(table.textContent).toContain('v2 since 5 Sep 2025');
    expect(table.textContent).toContain('(1 version)');
    expect(table.textContent).toContain('(2 versions)');
    expect(table.textContent).toContain('1 pending approval');
    page.querySelector<HTMLButtonElement>('[data-testid="sort-monthlyFee"]')!.click();
    await fixture.whenStable();
    page.querySelector<HTMLButtonElement>('[data-testid="sort-monthlyFee"]')!.click();
    await fixture.whenStable();
    expect(names()).toEqual(['Beta', 'Alpha']);
    expect(page.querySelector('[data-testid="export-contracts"]')).not.toBeNull();
  });

  it('speaks Mexican Spanish, dates included', async () => {
    const { page } = await render('es-MX');
    expect(page.querySelector('h1')?.textContent).toContain('Contratos de SLA');
    const table = page.querySelector('[data-testid="contracts-table"]')!;
    expect(table.querySelector('thead')?.textContent).toContain('Tarifa mensual');
    expect(table.textContent).toContain('v2 desde el 5 sep 2025');
    expect(table.textContent).toContain('1 por aprobar');
  });
});
