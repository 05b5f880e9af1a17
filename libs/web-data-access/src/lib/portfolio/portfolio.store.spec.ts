import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { PortfolioOverviewDto } from '@kpi/contracts';
import { PortfolioStore } from './portfolio.store';

const overview = (kpiCodes: string[]): PortfolioOverviewDto => ({
  kpiCodes,
  heatmap: [],
  counts: { openEscalations: 1, openDriftEvents: 2, staleFeeds: 0 },
  ranking: { from: '2025-02', to: '2025-02', previousFrom: '2025-01', previousTo: '2025-01', providers: [] },
  worstChanges: [],
});

describe('PortfolioStore', () => {
  let store: PortfolioStore;
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(PortfolioStore);
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('loads GET /api/portfolio/overview', () => {
    store.load();
    expect(store.status()).toBe('loading');
    http.expectOne({ method: 'GET', url: '/api/portfolio/overview' }).flush(overview(['aht']));
    expect(store.status()).toBe('success');
    expect(store.overview()?.kpiCodes).toEqual(['aht']);
  });

  it('reload() fetches again and keeps the current overview visible meanwhile', () => {
    store.load();
    http.expectOne('/api/portfolio/overview').flush(overview(['aht']));
    store.reload();
    expect(store.status()).toBe('loading');
    expect(store.overview()?.kpiCodes).toEqual(['aht']);
    http.expectOne('/api/portfolio/overview').flush(overview(['aht', 'csat']));
    expect(store.overview()?.kpiCodes).toEqual(['aht', 'csat']);
  });

  it('reports an api error', () => {
    store.load();
    http.expectOne('/api/portfolio/overview').flush({ message: 'Database unavailable' }, { status: 503, statusText: 'Error' });
    expect(store.status()).toBe('error');
    expect(store.error()?.message).toContain('Database unavailable');
  });
});
