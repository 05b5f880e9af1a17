import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { FeedDto, KpiRollupDto, RestatementDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { ProviderFreshnessComponent } from './provider-freshness.component';
import { ProviderQaComponent } from './provider-qa.component';
import { ProviderSiteMultiplesComponent } from './provider-site-multiples.component';

jest.mock('chart.js', () => {
  class FakeChart {
    static register = jest.fn();
    data: unknown;
    options: unknown;
    constructor(_canvas: unknown, config: { data: unknown; options: unknown }) {
      this.data = config.data;
      this.options = config.options;
    }
    update = jest.fn();
    destroy = jest.fn();
  }
  return { Chart: FakeChart };
});

const serviceLevel = { code: 'service_level', name: 'Service level', unit: 'percent', direction: 'higher_is_better', displayPrecision: 1 } as const;
const sites = [
  { id: 's-1', code: 'MTY', city: 'Monterrey', country: 'MX', timeZone: 'America/Monterrey' },
  { id: 's-2', code: 'GDL', city: 'Guadalajara', country: 'MX', timeZone: 'America/Mexico_City' },
];
const point = (periodStart: string, value: number) => ({
  periodStart,
  periodEnd: periodStart,
  label: periodStart,
  from: periodStart,
  to: periodStart,
  partial: false,
  value,
  numerator: value * 100,
  denominator: 100,
  observationCount: 1,
  stockAsOf: null,
  carriedForwardReadings: 0,
});

describe('provider page sections', () => {
  let http: HttpTestingController;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideTranslationsForTests({ en })] });
    http = TestBed.inject(HttpTestingController);
  });
  afterEach(() => http.verify());

  it('draws one chart per site from the rollup grouped by site', async () => {
    const fixture = TestBed.createComponent(ProviderSiteMultiplesComponent);
    fixture.componentRef.setInput('providerId', 'p-1');
    fixture.componentRef.setInput('sites', sites);
    fixture.componentRef.setInput('kpi', serviceLevel);
    fixture.componentRef.setInput('granularity', 'week');
    fixture.componentRef.setInput('from', '2025-01-06');
    fixture.componentRef.setInput('to', '2025-01-19');
    await fixture.whenStable();

    const request = http.expectOne((r) => r.url === '/api/metrics/rollup');
    expect(request.request.params.get('groupBy')).toBe('siteId');
    expect(request.request.params.get('providerIds')).toBe('p-1');
    expect(request.request.params.get('granularity')).toBe('week');
    const rollup: KpiRollupDto = {
      kpiCode: 'service_level',
      aggregation: 'ratio_of_sums',
      granularity: 'week',
      from: '2025-01-06',
      to: '2025-01-19',
      groupBy: ['siteId'],
      providerIds: ['p-1'],
      series: [
        { groupKey: 's-2', group: { siteId: 's-2' }, points: [point('2025-01-06', 0.7), point('2025-01-13', 0.75)] },
        { groupKey: 's-1', group: { siteId: 's-1' }, points: [point('2025-01-06', 0.85), point('2025-01-13', 0.9)] },
      ],
      stockMissingSlice: 'carry_forward',
    };
    request.flush(rollup);
    await fixture.whenStable();

    const items = Array.from((fixture.nativeElement as HTMLElement).querySelectorAll('[data-site-city]'));
    expect(items.map((item) => item.getAttribute('data-site-city'))).toEqual(['Monterrey', 'Guadalajara']);
    expect(items.every((item) => item.querySelector('[data-testid="site-trend-chart"]'))).toBe(true);
  });

  it('shows the QA score and auto-fail trends and the score spread per site and line, from the api rollups', async () => {
    const fixture = TestBed.createComponent(ProviderQaComponent);
    fixture.componentRef.setInput('providerId', 'p-1');
    fixture.componentRef.setInput('sites', sites);
    fixture.componentRef.setInput('serviceLines', [{ code: 'voice', name: 'Voice' }]);
    fixture.componentRef.setInput('granularity', 'week');
    fixture.componentRef.setInput('from', '2025-01-06');
    fixture.componentRef.setInput('to', '2025-01-19');
    await fixture.whenStable();

    const rollups = http.match((r) => r.url === '/api/metrics/rollup');
    expect(rollups.map((r) => [r.request.params.get('kpi'), r.request.params.get('granularity'), r.request.params.get('groupBy')])).toEqual([
      ['qa_score', 'week', null],
      ['qa_autofail_rate', 'week', null],
      ['qa_score', 'range', 'siteId,serviceLine'],
      ['qa_autofail_rate', 'range', 'siteId,serviceLine'],
    ]);
    const dto = (kpiCode: string, series: KpiRollupDto['series']): KpiRollupDto => ({
      kpiCode,
      aggregation: 'ratio_of_sums',
      granularity: 'week',
      from: '2025-01-06',
      to: '2025-01-19',
      groupBy: [],
      providerIds: ['p-1'],
      series,
      stockMissingSlice: 'carry_forward',
    });
    rollups[0].flush(dto('qa_score', [{ groupKey: '', group: {}, points: [point('2025-01-06', 0.9), point('2025-01-13', 0.88)] }]));
    rollups[1].flush(dto('qa_autofail_rate', [{ groupKey: '', group: {}, points: [point('2025-01-06', 0.02)] }]));
    rollups[2].flush(
      dto('qa_score', [
        { groupKey: 's-1|voice', group: { siteId: 's-1', serviceLine: 'voice' }, points: [point('2025-01-06', 0.91)] },
        { groupKey: 's-2|voice', group: { siteId: 's-2', serviceLine: 'voice' }, points: [point('2025-01-06', 0.83)] },
      ]),
    );
    rollups[3].flush(dto('qa_autofail_rate', [{ groupKey: 's-2|voice', group: { siteId: 's-2', serviceLine: 'voice' }, points: [point('2025-01-06', 0.05)] }]));
    await fixture.whenStable();

    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelectorAll('[data-testid="qa-trend-chart"]')).toHaveLength(2);
    const rows = Array.from(page.querySelectorAll('[data-testid="qa-spread-row"]')).map((row) =>
      Array.from(row.querySelectorAll('th, td')).map((cell) => cell.textContent?.trim()),
    );
    // Lowest score first: where QA needs attention.
    expect(rows).toEqual([
      ['Guadalajara (GDL)', 'Voice', '83.0 %', '5.0 %'],
      ['Monterrey (MTY)', 'Voice', '91.0 %', '–'],
    ]);
  });

  it('lists feeds with their last success and stale badge, and restatements with before and after values', async () => {
    const fixture = TestBed.createComponent(ProviderFreshnessComponent);
    fixture.componentRef.setInput('providerId', 'p-1');
    await fixture.whenStable();
    const feed = (id: string, name: string, status: FeedDto['freshness']['status'], lastSuccessAt: string | null) =>
      ({ id, name, lastSuccessAt, freshness: { status, staleSince: null, minutesLate: 0 } }) as FeedDto;
    http
      .expectOne((r) => r.url === '/api/ingestion/feeds' && r.params.get('providerId') === 'p-1')
      .flush([feed('f-1', 'Voice SFTP', 'stale', '2025-03-01T10:00:00Z'), feed('f-2', 'Chat API', 'fresh', '2025-03-31T10:00:00Z')]);
    const restatement: RestatementDto = {
      id: 'r-1',
      siteCode: 'GDL',
      serviceLine: 'voice',
      queue: 'general',
      kpiCode: 'service_level',
      granularity: 'day',
      periodStart: '2025-03-10',
      oldNumerator: 80,
      oldDenominator: 100,
      newNumerator: 75,
      newDenominator: 100,
      runId: null,
      restatedAt: '2025-03-12T09:00:00Z',
    };
    http.expectOne('/api/ingestion/providers/p-1/restatements').flush([restatement]);
    await fixture.whenStable();

    const page = fixture.nativeElement as HTMLElement;
    const feedRows = Array.from(page.querySelectorAll('[data-testid="feed-row"]')).map((row) => row.textContent ?? '');
    expect(feedRows[0]).toContain('Chat API');
    expect(feedRows[1]).toContain('Voice SFTP');
    expect(feedRows[1]).toContain('Stale');
    expect(page.querySelectorAll('[data-testid="feed-row"] .badge--warn')).toHaveLength(1);
    const restatementText = page.querySelector('[data-testid="restatement-row"]')?.textContent ?? '';
    expect(restatementText).toContain('80.0 %');
    expect(restatementText).toContain('75.0 %');
    expect(page.querySelector('[data-testid="export-restatements"]')).not.toBeNull();
  });
});
