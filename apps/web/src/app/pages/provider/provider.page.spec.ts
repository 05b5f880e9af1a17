import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ChangeDetectionStrategy, Component, input } from '@angular/core';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import { KpiTrendDto, ProviderDetailDto } from '@kpi/contracts';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';
import { ProviderPage } from './provider.page';
import { ProviderFreshnessComponent } from './provider-freshness.component';
import { ProviderQaComponent } from './provider-qa.component';
import { ProviderSiteMultiplesComponent } from './provider-site-multiples.component';
import { ProviderSlaComponent } from './provider-sla.component';

@Component({ selector: 'kpi-provider-sla', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProviderSlaStubComponent {
  readonly providerId = input<string>();
}

@Component({ selector: 'kpi-provider-freshness', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProviderFreshnessStubComponent {
  readonly providerId = input<string>();
}

@Component({ selector: 'kpi-provider-qa', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProviderQaStubComponent {
  readonly providerId = input<string>();
  readonly sites = input<unknown>();
  readonly serviceLines = input<unknown>();
  readonly granularity = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
}

@Component({ selector: 'kpi-provider-site-multiples', template: '', changeDetection: ChangeDetectionStrategy.OnPush })
class ProviderSiteMultiplesStubComponent {
  readonly providerId = input<string>();
  readonly sites = input<unknown>();
  readonly kpi = input<unknown>();
  readonly granularity = input<string>();
  readonly from = input<string>();
  readonly to = input<string>();
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
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en })],
    });
    // The SLA, site and freshness sections have their own specs; here they are placeholders that ask the api nothing.
    TestBed.overrideComponent(ProviderPage, {
      remove: { imports: [ProviderSlaComponent, ProviderFreshnessComponent, ProviderSiteMultiplesComponent, ProviderQaComponent] },
      add: { imports: [ProviderSlaStubComponent, ProviderFreshnessStubComponent, ProviderSiteMultiplesStubComponent, ProviderQaStubComponent] },
    });
    backend = TestBed.inject(HttpTestingController);
    fixture = TestBed.createComponent(ProviderPage);
    fixture.componentRef.setInput('id', 'p-1');
    await fixture.whenStable();
    backend.expectOne('/api/kpis').flush([]);
  });

  // Each trend is followed by its drift overlay (control limits and event markers); answer those with nothing.
  const overlayRequests = () => backend.match((r) => r.url.endsWith('/drift-overlay'));
  const escalationRequests = () => backend.match((r) => r.url === '/api/escalations');
  afterEach(() => {
    for (const r of overlayRequests()) if (!r.cancelled) r.flush(null);
    for (const r of escalationRequests()) if (!r.cancelled) r.flush({ items: [], total: 0 });
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
    await fixture.whenStable();
    expect(TestBed.inject(Router).url).toBe('/?kpi=service_level&granularity=week');
    const weekly = trendRequest();
    expect(weekly.request.params.get('granularity')).toBe('week');
    weekly.flush(trend('service_level', 'week'));

    const kpi = byTestId<HTMLSelectElement>('kpi-select')!;
    kpi.value = 'aht';
    kpi.dispatchEvent(new Event('change'));
    await fixture.whenStable();
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

  it('restores the trend selection from the URL and links to the KPI drill-down', async () => {
    await TestBed.inject(Router).navigateByUrl('/?kpi=aht&granularity=week&from=2025-01-06&to=2025-03-30&city=Guadalajara');
    backend.expectOne('/api/providers/p-1').flush(provider);
    await fixture.whenStable();

    const requests = backend.match((r) => r.url.endsWith('/trend'));
    const last = requests[requests.length - 1];
    expect(requests.slice(0, -1).every((r) => r.cancelled)).toBe(true);
    expect(last.request.url).toBe('/api/providers/p-1/kpis/aht/trend');
    expect(last.request.params.get('granularity')).toBe('week');
    expect(last.request.params.get('siteId')).toBe('s-2');
    expect(last.request.params.get('from')).toBe('2025-01-06');
    expect(last.request.params.get('to')).toBe('2025-03-30');
    last.flush({ ...trend('aht', 'week'), siteId: 's-2', from: '2025-01-06', to: '2025-03-30' });
    await fixture.whenStable();

    expect(byTestId<HTMLSelectElement>('range-select')?.value).toBe('custom');
    expect(byTestId<HTMLInputElement>('trend-from')?.value).toBe('2025-01-06');
    expect(byTestId<HTMLSelectElement>('site-select')?.value).toBe('s-2');
    expect(byTestId<HTMLAnchorElement>('kpi-drill-down-link')?.getAttribute('href')).toBe(
      '/kpis/aht?city=Guadalajara&from=2025-01-06&to=2025-03-30',
    );
  });

  it('lists the escalations of the KPI on screen under the chart, as links', async () => {
    backend.expectOne('/api/providers/p-1').flush(provider);
    trendRequest().flush(trend('service_level'));
    const [escalations] = escalationRequests();
    expect(escalations.request.params.get('providerId')).toBe('p-1');
    const escalation = (id: string, kpiCode: string, openedAt: string) => ({
      id,
      reference: `ESC-${id}`,
      title: `Escalation ${id}`,
      openedAt,
      scope: { siteId: null, siteCity: null, serviceLine: null, queue: null, kpiCode, feedId: null, label: '' },
    });
    escalations.flush({
      items: [escalation('1', 'service_level', '2025-03-31T09:00:00Z'), escalation('2', 'aht', '2025-03-31T09:00:00Z'), escalation('3', 'service_level', '2024-01-01T09:00:00Z')],
      total: 3,
    });
    await fixture.whenStable();

    const links = Array.from(byTestId('trend-escalations')?.querySelectorAll('a') ?? []);
    expect(links.map((a) => a.textContent?.trim())).toEqual(['ESC-1 · Escalation 1']);
    expect(links[0].getAttribute('href')).toBe('/escalations/1');
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
