import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Granularity, KpiTrendDto, ProviderDetailDto } from '@kpi/contracts';
import { tap } from 'rxjs';
import { Loadable } from '../core/loadable';
import { ProvidersApi } from './providers.api';
import { TrendRange, trendRangeDates } from './trend-range';

/**
 * One provider's page: its detail and the KPI trend for the current selection (KPI, granularity, site, range).
 * Provide it in the page component, so each visit starts clean.
 */
@Injectable()
export class ProviderDetailStore {
  private readonly api = inject(ProvidersApi);
  private readonly detail = new Loadable<ProviderDetailDto>();
  private readonly trendState = new Loadable<KpiTrendDto>();
  private readonly providerId = signal<string | null>(null);

  readonly provider = this.detail.data;
  readonly providerStatus = this.detail.status;
  readonly providerError = this.detail.error;
  readonly notFound = computed(() => {
    const status = this.detail.error()?.status;
    return status === 400 || status === 403 || status === 404;
  });

  readonly kpiCode = signal<string | null>(null);
  readonly granularity = signal<Granularity>('day');
  readonly siteId = signal<string | null>(null);
  readonly range = signal<TrendRange>('default');

  /** KPIs the provider reports (those in `latest`), in the api's order. */
  readonly kpiCodes = computed(() => this.provider()?.latest.map((snapshot) => snapshot.kpiCode) ?? []);
  readonly trend = this.trendState.data;
  readonly trendStatus = this.trendState.status;
  readonly trendError = this.trendState.error;
  readonly trendLoading = this.trendState.loading;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.detail.cancel();
      this.trendState.cancel();
    });
  }

  open(providerId: string): void {
    this.providerId.set(providerId);
    this.kpiCode.set(null);
    this.siteId.set(null);
    this.trendState.reset();
    const provider$ = this.api.get(providerId).pipe(tap((provider) => this.selectDefaultKpi(provider)));
    this.detail.load(provider$, { clearData: true });
  }

  /** Re-fetches the provider (after an error). */
  reload(): void {
    const providerId = this.providerId();
    if (providerId) this.open(providerId);
  }

  selectKpi(kpiCode: string): void {
    this.kpiCode.set(kpiCode);
    this.loadTrend();
  }

  selectGranularity(granularity: Granularity): void {
    this.granularity.set(granularity);
    this.loadTrend();
  }

  selectSite(siteId: string | null): void {
    this.siteId.set(siteId);
    this.loadTrend();
  }

  selectRange(range: TrendRange): void {
    this.range.set(range);
    this.loadTrend();
  }

  loadTrend(provider: ProviderDetailDto | null = this.provider()): void {
    const providerId = this.providerId();
    const kpiCode = this.kpiCode();
    if (!providerId || !kpiCode) return;
    const query = {
      granularity: this.granularity(),
      siteId: this.siteId() ?? undefined,
      ...trendRangeDates(this.range(), provider?.lastDataDate ?? null),
    };
    this.trendState.load(this.api.getKpiTrend(providerId, kpiCode, query), { clearData: true });
  }

  /** Picks the first KPI that has a value (else the first reported) and loads its trend. */
  private selectDefaultKpi(provider: ProviderDetailDto): void {
    const first = provider.latest.find((snapshot) => snapshot.value !== null) ?? provider.latest[0];
    if (!first) return;
    this.kpiCode.set(first.kpiCode);
    this.loadTrend(provider);
  }
}
