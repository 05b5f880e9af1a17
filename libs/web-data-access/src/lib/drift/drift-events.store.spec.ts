import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { DriftEventListDto, DriftOverlayDto } from '@kpi/contracts';
import { DriftEventsStore } from './drift-events.store';
import { DriftOverlayStore } from './drift-overlay.store';

const empty: DriftEventListDto = { items: [], total: 0 };

describe('DriftEventsStore', () => {
  let store: DriftEventsStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), DriftEventsStore, DriftOverlayStore],
    });
    store = TestBed.inject(DriftEventsStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the open events by default', () => {
    store.load();
    const req = http.expectOne((r) => r.url === '/api/drift/events');
    expect(req.request.params.get('status')).toBe('open');
    expect(req.request.params.has('providerId')).toBe(false);
    req.flush({ items: [{ id: 'e1' }], total: 1 });
    expect(store.total()).toBe(1);
    expect(store.events().map((e) => e.id)).toEqual(['e1']);
  });

  it('sends the filters, and a new provider clears the site', () => {
    store.setFilters({ providerId: 'p1', siteId: 's1', kpiCode: 'aht', kind: 'drift', status: null });
    let req = http.expectOne((r) => r.url === '/api/drift/events');
    expect(req.request.params.get('providerId')).toBe('p1');
    expect(req.request.params.get('siteId')).toBe('s1');
    expect(req.request.params.get('kpiCode')).toBe('aht');
    expect(req.request.params.get('kind')).toBe('drift');
    expect(req.request.params.has('status')).toBe(false);
    req.flush(empty);

    store.setFilters({ providerId: 'p2' });
    req = http.expectOne((r) => r.url === '/api/drift/events');
    expect(req.request.params.get('providerId')).toBe('p2');
    expect(req.request.params.has('siteId')).toBe(false);
    expect(store.filters().siteId).toBeNull();
    req.flush(empty);
  });

  it('reports a failure as an error', () => {
    store.load();
    http
      .expectOne((r) => r.url === '/api/drift/events')
      .flush({ message: 'Down' }, { status: 500, statusText: 'Error' });
    expect(store.status()).toBe('error');
    expect(store.error()?.message).toBe('Down');
  });
});

describe('DriftOverlayStore', () => {
  it('requests the overlay of exactly the trend on screen', () => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), DriftOverlayStore],
    });
    const store = TestBed.inject(DriftOverlayStore);
    const http = TestBed.inject(HttpTestingController);
    store.load('p1', 'aht', { siteId: 's1', from: '2026-08-01', to: '2026-10-31', granularity: 'day' });
    const req = http.expectOne((r) => r.url === '/api/providers/p1/kpis/aht/drift-overlay');
    expect(req.request.params.get('siteId')).toBe('s1');
    expect(req.request.params.get('from')).toBe('2026-08-01');
    expect(req.request.params.get('granularity')).toBe('day');
    req.flush({ kpiCode: 'aht', markers: [], band: [] } as unknown as DriftOverlayDto);
    expect(store.overlay()?.kpiCode).toBe('aht');
    store.clear();
    expect(store.overlay()).toBeNull();
    http.verify();
  });
});
