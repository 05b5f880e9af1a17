import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { DriftEventSummaryDto, ProviderSummaryDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { DriftEventsPage } from './drift-events.page';

const providers: ProviderSummaryDto[] = [
  {
    id: 'p-1',
    code: 'NORTE',
    name: 'Norte Contact',
    sites: [{ id: 's-1', code: 'MTY', city: 'Monterrey', country: 'MX', timeZone: 'America/Monterrey' }],
    serviceLines: [{ code: 'voice', name: 'Voice' }],
    latest: [],
    lastDataDate: '2026-10-31',
  },
];

const event: DriftEventSummaryDto = {
  id: 'e-1',
  providerId: 'p-1',
  providerCode: 'NORTE',
  providerName: 'Norte Contact',
  siteId: 's-1',
  siteCity: 'Monterrey',
  serviceLine: 'voice',
  queue: null,
  level: 'site_line',
  kpiCode: 'aht',
  kind: 'drift',
  direction: 'adverse',
  status: 'open',
  detector: 'cusum',
  findingKind: 'trend',
  startDate: '2026-07-18',
  openedOn: '2026-08-10',
  resolvedOn: null,
  resolution: null,
  lastDataDate: '2026-10-31',
  magnitude: 0.129,
  baselineValue: 355,
  currentValue: 401,
  explanation:
    'Average handle time at Monterrey voice has gradually risen 13 % since 18 July; the other sites are stable.',
  alerted: true,
};

describe('DriftEventsPage', () => {
  let fixture: ComponentFixture<DriftEventsPage>;
  let backend: HttpTestingController;

  async function open(url = '/drift'): Promise<void> {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'drift', component: DriftEventsPage }]),
        provideTranslationsForTests({ en }),
      ],
    });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
    await router.navigateByUrl(url);
    fixture = TestBed.createComponent(DriftEventsPage);
    await fixture.whenStable();
    backend.expectOne('/api/providers').flush(providers);
    backend.expectOne('/api/kpis').flush([]);
  }

  let router: Router;
  beforeEach(() => open());

  afterEach(() => backend.verify());

  const page = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string) => page().querySelector<T>(`[data-testid="${id}"]`);
  const eventsRequest = () => backend.expectOne((r) => r.url === '/api/drift/events');

  it('lists the open events with where, since when, the change and the explanation', async () => {
    expect(page().textContent).toContain('Loading drift events');
    eventsRequest().flush({ items: [event], total: 1 });
    await fixture.whenStable();

    const rows = page().querySelectorAll<HTMLElement>('[data-testid="drift-event-row"]');
    expect(rows).toHaveLength(1);
    expect(rows[0].dataset['providerCode']).toBe('NORTE');
    expect(rows[0].dataset['startDate']).toBe('2026-07-18');
    expect(rows[0].textContent).toContain('Monterrey · Voice');
    expect(rows[0].textContent).toContain('18 Jul 2026');
    expect(rows[0].textContent).toContain('+13 %');
    expect(rows[0].textContent).toContain('Gradual trend');
    expect(byTestId('drift-events-count')?.textContent).toContain('1 event');
  });

  it('reloads with the chosen provider, then its sites become selectable', async () => {
    eventsRequest().flush({ items: [], total: 0 });
    await fixture.whenStable();
    expect(byTestId<HTMLSelectElement>('drift-filter-site')?.disabled).toBe(true);

    const select = byTestId<HTMLSelectElement>('drift-filter-provider')!;
    select.value = 'p-1';
    select.dispatchEvent(new Event('change'));
    const request = eventsRequest();
    expect(request.request.params.get('providerId')).toBe('p-1');
    expect(request.request.params.get('status')).toBe('open');
    request.flush({ items: [], total: 0 });
    await fixture.whenStable();

    expect(byTestId<HTMLSelectElement>('drift-filter-site')?.disabled).toBe(false);
    expect(page().textContent).toContain('No event matches these filters');
    expect(router.url).toBe('/drift?providerId=p-1');
  });

  it('sorts the events by the size of the change and exports them', async () => {
    const small = { ...event, id: 'e-2', magnitude: -0.02, kpiCode: 'csat' };
    eventsRequest().flush({ items: [event, small], total: 2 });
    await fixture.whenStable();
    const ids = () => Array.from(page().querySelectorAll<HTMLElement>('[data-testid="drift-event-row"]')).map((row) => row.dataset['kpiCode']);
    expect(ids()).toEqual(['aht', 'csat']);

    byTestId<HTMLButtonElement>('sort-change')!.click();
    await fixture.whenStable();
    expect(ids()).toEqual(['aht', 'csat']);
    expect(page().querySelector('th[aria-sort="descending"]')?.textContent).toContain('Change');
    byTestId<HTMLButtonElement>('sort-change')!.click();
    await fixture.whenStable();
    expect(ids()).toEqual(['csat', 'aht']);
    expect(byTestId<HTMLButtonElement>('export-drift-events')?.disabled).toBe(false);
  });

  it('shows an error with a retry', async () => {
    eventsRequest().flush({ message: 'Database unavailable' }, { status: 503, statusText: 'Unavailable' });
    await fixture.whenStable();
    expect(page().textContent).toContain('The drift events could not be loaded');
    expect(page().textContent).toContain('Database unavailable');
  });
});

describe('DriftEventsPage opened from a shared URL', () => {
  it('restores the filters from the query string and loads with them', async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(),
        provideHttpClientTesting(),
        provideRouter([{ path: 'drift', component: DriftEventsPage }]),
        provideTranslationsForTests({ en }),
      ],
    });
    const backend = TestBed.inject(HttpTestingController);
    await TestBed.inject(Router).navigateByUrl('/drift?providerId=p-1&kind=sla&status=all');
    const fixture = TestBed.createComponent(DriftEventsPage);
    await fixture.whenStable();
    backend.expectOne('/api/providers').flush(providers);
    backend.expectOne('/api/kpis').flush([]);

    const request = backend.expectOne((r) => r.url === '/api/drift/events');
    expect(request.request.params.get('providerId')).toBe('p-1');
    expect(request.request.params.get('kind')).toBe('sla');
    expect(request.request.params.has('status')).toBe(false);
    request.flush({ items: [], total: 0 });
    await fixture.whenStable();
    const select = (fixture.nativeElement as HTMLElement).querySelector<HTMLSelectElement>('[data-testid="drift-filter-status"]')!;
    expect(select.value).toBe('');
    backend.verify();
  });
});
