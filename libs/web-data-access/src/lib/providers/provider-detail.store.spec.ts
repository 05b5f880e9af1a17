import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { KpiTrendDto, ProviderDetailDto } from '@kpi/contracts';
import { ProviderDetailStore } from './provider-detail.store';

const provider: ProviderDetailDto = {
  id: 'p-1',
  code: 'NORTE',
  name: 'Norte Contact',
  sites: [{ id: 's-1', code: 'MTY', city: 'Monterrey', country: 'MX', timeZone: 'America/Monterrey' }],
  serviceLines: [{ code: 'voice', name: 'Voice' }],
  latest: [
    { kpiCode: 'nps', value: null, previousValue: null, from: '2025-03-25', to: '2025-03-31' },
    { kpiCode: 'service_level', value: 0.82, previousValue: 0.8, from: '2025-03-25', to: '2025-03-31' },
  ],
  lastDataDate: '2025-03-31',
};

function trend(kpiCode: string): KpiTrendDto {
  return {
    providerId: 'p-1',
    kpiCode,
    granularity: 'day',
    from: '2025-01-01',
    to: '2025-03-31',
    siteId: null,
    serviceLine: null,
    points: [{ periodStart: '2025-03-31', value: 0.82, numerator: 82, denominator: 100 }],
  };
}

describe('ProviderDetailStore', () => {
  let store: ProviderDetailStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({
      providers: [provideHttpClient(), provideHttpClientTesting(), ProviderDetailStore],
    });
    store = TestBed.inject(ProviderDetailStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => http.verify());

  it('loads the provider, then the trend of the first KPI that has a value', () => {
    store.open('p-1');
    expect(store.providerStatus()).toBe('loading');
    http.expectOne('/api/providers/p-1').flush(provider);

    expect(store.provider()?.name).toBe('Norte Contact');
    expect(store.kpiCodes()).toEqual(['nps', 'service_level']);
    expect(store.kpiCode()).toBe('service_level');
    const request = http.expectOne((r) => r.url === '/api/providers/p-1/kpis/service_level/trend');
    expect(request.request.params.get('granularity')).toBe('day');
    expect(request.request.params.has('from')).toBe(false);
    request.flush(trend('service_level'));
    expect(store.trend()?.points).toHaveLength(1);
  });

  it('reloads the trend with the chosen granularity, site and range', () => {
    store.open('p-1');
    http.expectOne('/api/providers/p-1').flush(provider);
    http.expectOne((r) => r.url.endsWith('/trend')).flush(trend('service_level'));

    store.selectGranularity('month');
    store.selectSite('s-1');
    store.selectRange('12m');

    const requests = http.match((r) => r.url === '/api/providers/p-1/kpis/service_level/trend');
    expect(requests).toHaveLength(3);
    expect(requests.slice(0, 2).every((r) => r.cancelled)).toBe(true);
    const last = requests[2].request.params;
    expect(last.get('granularity')).toBe('month');
    expect(last.get('siteId')).toBe('s-1');
    expect(last.get('from')).toBe('2024-04-01');
    expect(last.get('to')).toBe('2025-03-31');
    expect(store.trendLoading()).toBe(true);
  });

  it('applies a whole selection with one request, a custom range winning over the preset', () => {
    store.open('p-1');
    http.expectOne('/api/providers/p-1').flush(provider);
    http.expectOne((r) => r.url.endsWith('/trend')).flush(trend('service_level'));

    const selection = { kpiCode: 'nps', granularity: 'week', siteId: 's-1', range: '6m', from: '2025-01-06', to: '2025-02-23' } as const;
    store.applySelection(selection);
    const request = http.expectOne((r) => r.url === '/api/providers/p-1/kpis/nps/trend');
    expect(request.request.params.get('granularity')).toBe('week');
    expect(request.request.params.get('siteId')).toBe('s-1');
    expect(request.request.params.get('from')).toBe('2025-01-06');
    expect(request.request.params.get('to')).toBe('2025-02-23');
    request.flush(trend('nps'));

    store.applySelection(selection);
    http.expectNone((r) => r.url.endsWith('/trend'));
  });

  it.each([404, 403])('treats %p as not found or not accessible', (status) => {
    store.open('p-9');
    http.expectOne('/api/providers/p-9').flush({ message: 'Not found' }, { status, statusText: 'Error' });

    expect(store.notFound()).toBe(true);
    expect(store.providerStatus()).toBe('error');
  });

  it('reports other failures as errors', () => {
    store.open('p-1');
    http.expectOne('/api/providers/p-1').flush(null, { status: 500, statusText: 'Server Error' });

    expect(store.notFound()).toBe(false);
    expect(store.providerError()?.status).toBe(500);
  });
});
