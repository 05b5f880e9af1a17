import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { ProviderSummaryDto } from '@kpi/contracts';
import { PortfolioPage } from './portfolio.page';

const providers: ProviderSummaryDto[] = [
  {
    id: 'p-1',
    code: 'NORTE',
    name: 'Norte Contact',
    sites: [
      { id: 's-1', code: 'MTY', city: 'Monterrey', country: 'MX', timeZone: 'America/Monterrey' },
      { id: 's-2', code: 'GDL', city: 'Guadalajara', country: 'MX', timeZone: 'America/Mexico_City' },
    ],
    serviceLines: [{ code: 'voice', name: 'Voice' }],
    latest: [
      { kpiCode: 'service_level', value: 0.8234, previousValue: 0.8, from: '2025-03-25', to: '2025-03-31' },
      { kpiCode: 'aht', value: 330, previousValue: 310, from: '2025-03-25', to: '2025-03-31' },
      { kpiCode: 'occupancy', value: 0.93, previousValue: 0.88, from: '2025-03-25', to: '2025-03-31' },
    ],
    lastDataDate: '2025-03-31',
  },
  {
    id: 'p-2',
    code: 'BAJIO',
    name: 'Bajío Back Office',
    sites: [{ id: 's-3', code: 'QRO', city: 'Querétaro', country: 'MX', timeZone: 'America/Mexico_City' }],
    serviceLines: [{ code: 'back_office', name: 'Back office' }],
    latest: [],
    lastDataDate: null,
  },
];

describe('PortfolioPage', () => {
  let fixture: ComponentFixture<PortfolioPage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [PortfolioPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(PortfolioPage);
    await fixture.whenStable();
  });

  afterEach(() => backend.verify());

  const page = () => fixture.nativeElement as HTMLElement;
  const cards = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="portfolio-provider-card"]'));

  async function respond(body: ProviderSummaryDto[] | null, status = 200): Promise<void> {
    backend.expectOne('/api/kpis').flush([]);
    const request = backend.expectOne('/api/providers');
    if (status === 200) request.flush(body);
    else request.flush({ message: 'Database unavailable' }, { status, statusText: 'Error' });
    await fixture.whenStable();
  }

  it('shows a "Stale data" badge with the feed name on the card of a provider whose feed missed its cadence', async () => {
    const lastSuccessAt = new Date(Date.now() - 3 * 3600_000 - 60_000).toISOString();
    await respond([
      { ...providers[0], staleFeeds: [{ feedId: 'f-1', name: 'Hourly WFM pull', lastSuccessAt, expectedCadenceMinutes: 60 }] },
      { ...providers[1], staleFeeds: [] },
    ]);
    const badge = cards()[0].querySelector('[data-testid="stale-data-badge"]');
    expect(badge?.textContent).toContain('Stale data');
    expect(badge?.textContent).toContain('Hourly WFM pull');
    expect(badge?.textContent).toContain('last data 3 hours ago');
    expect(cards()[1].querySelector('[data-testid="stale-data-badge"]')).toBeNull();
  });

  it('shows a loading state until the providers arrive', async () => {
    expect(page().querySelector('[data-testid="loading"]')?.textContent).toContain('Loading your providers');
    await respond(providers);
    expect(page().querySelector('[data-testid="loading"]')).toBeNull();
  });

  it('renders one card per provider with its code, link, cities and last data date', async () => {
    await respond(providers);

    expect(cards().map((card) => card.getAttribute('data-provider-code'))).toEqual(['NORTE', 'BAJIO']);
    const norte = cards()[0];
    const link = norte.querySelector<HTMLAnchorElement>('[data-testid="provider-link"]');
    expect(link?.textContent?.trim()).toBe('Norte Contact');
    expect(link?.getAttribute('href')).toBe('/providers/p-1');
    expect(norte.textContent).toContain('Monterrey · Guadalajara');
    expect(norte.textContent).toContain('31 Mar 2025');
    expect(cards()[1].textContent).toContain('No data received yet');
    expect(cards()[1].textContent).toContain('No KPI values yet');
  });

  it('shows the latest KPI values formatted with units and judged by direction', async () => {
    await respond(providers);

    const values = Array.from(cards()[0].querySelectorAll<HTMLElement>('kpi-value'));
    expect(values.map((value) => value.querySelector('.kpi-value__number')?.textContent?.trim())).toEqual([
      '82.3 %',
      '330 s',
      '93.0 %',
    ]);
    expect(values.map((value) => value.getAttribute('data-tone'))).toEqual(['good', 'bad', 'neutral']);
    expect(values.map((value) => value.getAttribute('data-trend'))).toEqual(['up', 'up', 'up']);
    expect(cards()[0].querySelector('tbody th')?.textContent).toContain('Service level');
  });

  it('shows an empty state when the user has no providers', async () => {
    await respond([]);

    expect(cards()).toHaveLength(0);
    expect(page().querySelector('[data-testid="empty-state"]')?.textContent).toContain('No providers to show');
  });

  it('shows the api error with a retry button', async () => {
    await respond(null, 503);

    const error = page().querySelector('[data-testid="error-panel"]');
    expect(error?.textContent).toContain('Database unavailable');

    error?.querySelector('button')?.click();
    backend.expectOne('/api/providers').flush(providers);
    await fixture.whenStable();
    expect(cards()).toHaveLength(2);
  });
});
