import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ProviderSummaryDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { esMx } from '../../../i18n/es-MX';
import { ProvidersPage } from './providers.page';

const provider = (code: string, name: string, sites: number, lastDataDate: string | null): ProviderSummaryDto => ({
  id: code.toLowerCase(),
  code,
  name,
  sites: Array.from({ length: sites }, (_, i) => ({ id: `${code}-${i}`, code: `S${i}`, city: `City ${i}`, country: 'MX', timeZone: 'America/Mexico_City' })),
  serviceLines: [{ code: 'voice', name: 'Voice' }],
  latest: [],
  lastDataDate,
});

async function render(language = 'en') {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en, 'es-MX': esMx }, language)],
  });
  const fixture = TestBed.createComponent(ProvidersPage);
  await fixture.whenStable();
  TestBed.inject(HttpTestingController)
    .expectOne('/api/providers')
    .flush([provider('NORTE', 'Norte Contact', 1, '2026-10-31'), provider('ALTI', 'Altiplano BPO', 3, null)]);
  await fixture.whenStable();
  const page = fixture.nativeElement as HTMLElement;
  const codes = () => Array.from(page.querySelectorAll<HTMLElement>('[data-testid="provider-row"]')).map((row) => row.dataset['providerCode']);
  return { fixture, page, codes };
}

describe('ProvidersPage', () => {
  it('lists the providers and sorts them by name or by number of sites', async () => {
    const { fixture, page, codes } = await render();
    expect(codes()).toEqual(['NORTE', 'ALTI']);
    expect(page.textContent).toContain('31 Oct 2026');
    expect(page.textContent).toContain('No data yet');

    page.querySelector<HTMLButtonElement>('[data-testid="sort-name"]')!.click();
    await fixture.whenStable();
    expect(codes()).toEqual(['ALTI', 'NORTE']);
    expect(page.querySelector('th[aria-sort="ascending"]')?.textContent).toContain('Provider');

    page.querySelector<HTMLButtonElement>('[data-testid="sort-sites"]')!.click();
    await fixture.whenStable();
    expect(codes()).toEqual(['ALTI', 'NORTE']);
    expect(page.querySelector<HTMLButtonElement>('[data-testid="export-providers"]')?.disabled).toBe(false);
  });

  it('speaks Spanish when the interface is in Spanish', async () => {
    const { page } = await render('es-MX');
    expect(page.querySelector('h1')?.textContent).toContain('Proveedores');
    expect(page.textContent).toContain('Aún sin datos');
    expect(page.querySelector('[data-testid="export-providers"]')?.getAttribute('aria-label')).toBe('Exportar CSV: Proveedores');
  });
});
