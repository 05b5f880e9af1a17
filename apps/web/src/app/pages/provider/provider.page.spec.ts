import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter } from '@angular/router';
import { KpiTrendDto, ProviderDetailDto } from '@kpi/contracts';
import { ProviderPage } from './provider.page';
import { ProviderSlaComponent } from './provider-sla.component';

@Component({ selector: 'kpi-provider-sla', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProviderSlaStubComponent {
  readonly providerId = input<string>();
}

// jsdom cannot draw on a canvas; the chart's own behaviour is covered in libs/web-ui.
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

const provider: ProviderDetailDto = {
  id: 'p-1',
  code: 'NORTE',
  name: 'Norte Contact',
  sites: [
    { id: 's-1', code: 'MTY', city: 'Monterrey', country: 'MX', timeZone: 'America/Monterrey' },
    { id: 's-2', code: 'GDL', city: 'Guadalajara', country: 'MX', timeZone: 'America/Mexico_City' },
  ],
  serviceLines: [{ code: 'voice', name: 'Voice' }],
  latest: [
    { kpiCode: 'service_level', value: 0.82, previousValue: 0.8, from: '2025-03-25', to: '2025-03-31' },
    { kpiCode: 'aht', value: 300, previousValue: 310, from: '2025-03-25', to: '2025-03-31' },
  ],
  lastDataDate: '2025-03-31',
};

function trend(kpiCode: string, granularity: KpiTrendDto['granularity'] = 'day'): KpiTrendDto {
  return {
    providerId: 'p-1',
    kpiCode,
    granularity,
    from: '2025-03-30',
    to: '2025-03-31',
    siteId: null,
    serviceLine: null,
    points: [
      { periodStart: '2025-03-30', value: 0.81, numerator: 81, denominator: 100 },
      { periodStart: '2025-03-31', value: 0.82, numerator: 82, denominator: 100 },
    ],
  };
}

describe('ProviderPage', () => {
  let fixture: ComponentFixture<ProviderPage>;
  let backend: HttpTestingController;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [ProviderPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])],
    });
    // The SLA sections have their own spec; here they are a placeholder that asks the api nothing.
    TestBed.overrideComponent(ProviderPage, {
      remove: { imports: [ProviderSlaComponent] },
      add: { imports: [ProviderSlaStubComponent] },
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProviderPage);
    fixture.componentRef.setInput('id', 'p-1');
    await fixture.whenStable();
    backend.expectOne('/api/kpis').flush([]);
  });

  // Each trend is followed by its drift overlay (control limits and event markers); answer those with nothing.
  const overlayRequests = () => backend.match((r) => r.url.endsWith('/drift-overlay'));
  afterEach(() => {
    for (const r of overlayRequests()) if (!r.cancelled) r.flush(null);
    backend.verify();
  });

  const page = () => fixture.nativeElement as HTMLElement;
  const byTestId = <T extends HTMLElement>(id: string) => page().querySelector<T>(`[data-testid="${id}"]`);
  const trendRequest = () =>
    backend.expectOne((r) => r.url.startsWith('/api/providers/p-1/kpis/') && r.url.endsWith('/trend'));

  it('shows the provider, its filters and the trend of the first KPI', async () => {
    expect(byTestId('loading')).not.toBeNull();
    backend.expectOne('/api/providers/p-1').flush(provider);
    await fixture.whenStable();

    expect(byTestId('provider-title')?.textContent?.trim()).toBe('Norte Contact');
    expect(page().textContent).toContain('Monterrey, MX');
    const kpiOptions = Array.from(byTestId<HTMLSelectElement>('kpi-select')!.options).map((o) => o.value);
    expect(kpiOptions).toEqual(['service_level', 'aht']);
    const granularities = Array.from(byTestId<HTMLSelectElement>('granularity-select')!.options).map((o) => o.value);
    expect(granularities).toEqual(['day', 'week', 'month', 'quarter']);
    expect(byTestId('loading')?.textContent).toContain('Loading trend');

    const request = trendRequest();
    expect(request.request.url).toBe('/api/providers/p-1/kpis/service_level/trend');
    request.flush(trend('service_level'));
    await fixture.whenStable();

    expect(byTestId('kpi-trend-chart')).not.toBeNull();
    expect(byTestId('latest-table')?.querySelectorAll('tbody tr')).toHaveLength(2);
  });

  it('reloads the trend when the granularity or KPI changes', async () => {
    backend.expectOne('/api/providers/p-1').flush(provider);
    trendRequest().flush(trend('service_level'));
    await fixture.whenStable();

    const granularity = byTestId<HTMLSelectElement>('granularity-select')!;
    granularity.value = 'week';
    granularity.dispatchEvent(new Event('change'));
    const weekly = trendRequest();
    expect(weekly.request.params.get('granularity')).toBe('week');
    weekly.flush(trend('service_level', 'week'));

    const kpi = byTestId<HTMLSelectElement>('kpi-select')!;
    kpi.value = 'aht';
    kpi.dispatchEvent(new Event('change'));
    const aht = trendRequest();
    expect(aht.request.url).toBe('/api/providers/p-1/kpis/aht/trend');
    expect(aht.request.params.get('granularity')).toBe('week');
    aht.flush(trend('aht', 'week'));
    await fixture.whenStable();

    expect(page().querySelector('#trend-heading')?.textContent).toContain('Average handle time trend');
  });

  it('asks for the drift overlay of exactly the trend on screen and lists its events', async () => {
    backend.expectOne('/api/providers/p-1').flush(provider);
    trendRequest().flush(trend('service_level'));
    await fixture.whenStable();

    const [overlay] = overlayRequests();
    expect(overlay.request.url).toBe('/api/providers/p-1/kpis/service_level/drift-overlay');
    expect(overlay.request.params.get('from')).toBe('2025-03-30');
    expect(overlay.request.params.get('to')).toBe('2025-03-31');
    expect(overlay.request.params.get('granularity')).toBe('day');
    const event = { id: 'e1', startDate: '2025-03-30', siteCity: 'Monterrey', serviceLine: 'voice', direction: 'adverse', explanation: 'Service level at Monterrey voice has fallen 10 %.' };
    overlay.flush({
      kpiCode: 'service_level',
      siteId: null,
      granularity: 'day',
      from: '2025-03-30',
      to: '2025-03-31',
      band: [],
      bandNote: null,
      markers: [],
      events: [event],
    });
    await fixture.whenStable();

    expect(byTestId('trend-drift-events')?.textContent).toContain('Monterrey · Voice: since 30 Mar 2025');
  });

  it('explains an empty trend', async () => {
    backend.expectOne('/api/providers/p-1').flush(provider);
    trendRequest().flush({ ...trend('service_level'), points: [] });
    await fixture.whenStable();

    expect(byTestId('kpi-trend-chart')).toBeNull();
    expect(page().textContent).toContain('No data for this selection');
  });

  it('shows a friendly page when the provider is not found or not accessible', async () => {
    backend.expectOne('/api/providers/p-1').flush({ message: 'Provider not found' }, { status: 404, statusText: 'Not Found' });
    await fixture.whenStable();

    expect(byTestId('provider-not-found')?.textContent).toContain('Provider not found or not accessible');
    expect(byTestId('provider-title')).toBeNull();
  });
});
