import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KpiDefinitionDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { esMx } from '../../../i18n/es-MX';
import { AdminKpisPage } from './admin-kpis.page';

const kpi = (code: string, name: string, builtIn: boolean): KpiDefinitionDto =>
  ({
    code,
    name,
    description: '',
    unit: 'percent',
    direction: 'higher_is_better',
    aggregation: 'ratio_of_sums',
    numeratorLabel: 'a',
    denominatorLabel: 'b',
    displayPrecision: 1,
    band: null,
    builtIn,
    serviceLines: [],
    customKind: builtIn ? null : 'ratio_of_sums',
    valueLabel: null,
    weightLabel: null,
  }) as KpiDefinitionDto;

async function render(language: string) {
  TestBed.configureTestingModule({
    providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en, 'es-MX': esMx }, language)],
  });
  const fixture = TestBed.createComponent(AdminKpisPage);
  await fixture.whenStable();
  TestBed.inject(HttpTestingController).expectOne('/api/kpis').flush([kpi('fcr', 'First contact resolution', true), kpi('claims_ok', 'Claims right', false)]);
  await fixture.whenStable();
  const page = fixture.nativeElement as HTMLElement;
  const codes = () => Array.from(page.querySelectorAll<HTMLElement>('[data-testid="kpi-row"]')).map((row) => row.dataset['code']);
  return { fixture, page, codes };
}

describe('AdminKpisPage', () => {
  it('lists custom KPIs first and sorts the catalog by code', async () => {
    const { fixture, page, codes } = await render('en');
    expect(codes()).toEqual(['claims_ok', 'fcr']);
    expect(page.textContent).toContain('sum / sum');
    const sortByCode = page.querySelector<HTMLButtonElement>('[data-testid="sort-code"]')!;
    sortByCode.click();
    sortByCode.click();
    await fixture.whenStable();
    expect(codes()).toEqual(['fcr', 'claims_ok']);
    expect(page.querySelector('th[aria-sort="descending"]')?.textContent).toContain('Code');
  });

  it('shows the catalog and the KPI form in Spanish', async () => {
    const { fixture, page } = await render('es-MX');
    expect(page.querySelector('h1')?.textContent).toContain('Catálogo de KPI');
    expect(page.textContent).toContain('suma / suma');
    page.querySelector<HTMLButtonElement>('[data-testid="new-kpi"]')!.click();
    await fixture.whenStable();
    expect(page.querySelector('[data-testid="kpi-form"]')?.textContent).toContain('Construido a partir de');
  });
});
