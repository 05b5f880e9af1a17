import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ProviderSlaStore } from './provider-sla.store';

describe('ProviderSlaStore', () => {
  let store: ProviderSlaStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), ProviderSlaStore] });
    store = TestBed.inject(ProviderSlaStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads every SLA section of the provider, each on its own', () => {
    store.open('p-1');
    const attainment = http.expectOne('/api/providers/p-1/sla/attainment');
    http.expectOne('/api/providers/p-1/sla/burn-rate').flush({ providerId: 'p-1', asOf: '2026-11-21', items: [] });
    http.expectOne('/api/providers/p-1/sla/credits').flush(null, { status: 500, statusText: 'Server Error' });
    http.expectOne('/api/providers/p-1/scorecard').flush(null, { status: 404, statusText: 'Not Found' });
    const comparison = http.expectOne((r) => r.url === '/api/providers/p-1/site-comparison');
    expect(comparison.request.params.get('by')).toBe('site');
    expect(store.attainmentStatus()).toBe('loading');
    expect(store.burnRate()?.items).toEqual([]);
    expect(store.creditsStatus()).toBe('error');
    expect(store.scorecardError()?.status).toBe(404);
    attainment.flush({ providerId: 'p-1', asOf: '2026-11-21', from: '2026-06', to: '2026-11', months: [], contracts: [] });
    expect(store.attainment()?.contracts).toEqual([]);
    comparison.flush({ providerId: 'p-1', from: '', to: '', by: 'site', columns: [], kpis: [] });
  });

  it('compares cities on request', () => {
    store.open('p-1');
    for (const url of ['attainment', 'burn-rate', 'credits']) http.expectOne(`/api/providers/p-1/sla/${url}`).flush({});
    http.expectOne('/api/providers/p-1/scorecard').flush({});
    http.expectOne((r) => r.url.endsWith('/site-comparison')).flush({});
    store.compareBy('city');
    expect(http.expectOne((r) => r.url.endsWith('/site-comparison')).request.params.get('by')).toBe('city');
    expect(store.comparisonBy()).toBe('city');
  });
});
