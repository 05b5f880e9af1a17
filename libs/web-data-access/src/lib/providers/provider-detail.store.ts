import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { Granularity, KpiTrendDto, ProviderDetailDto } from '@kpi/contracts';
import { tap } from 'rxjs';
import { Loadable } from '../core/loadable';
import { ProvidersApi } from './providers.api';
import { TrendRange, trendRangeDates } from './trend-range';

/** Everything that decides which trend is shown (a page can keep it in its URL). */
export interface TrendSelection {
  readonly kpiCode: string | null;
  readonly granularity: Granularity;
  readonly siteId: string | null;
  readonly range: TrendRange;
  /** A custom range (inclusive ISO dates); when both are set they win over `range`. */
  readonly from: string | null;
  readonly to: string | null;
}

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
  readonly customFrom = signal<string | null>(null);
  readonly customTo = signal<string | null>(null);

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

  /** Sets the whole selection at once; the trend reloads only when something changed. */
  applySelection(selection: TrendSelection): void {
    const changed =
      selection.kpiCode !== this.kpiCode() ||
      selection.granularity !== this.granularity() ||
      selection.siteId !== this.siteId() ||
      selection.range !== this.range() ||
      selection.from !== this.customFrom() ||
      selection.to !== this.customTo();
    if (!changed) return;
    this.kpiCode.set(selection.kpiCode);
    this.granularity.set(selection.granularity);
    this.siteId.set(selection.siteId);
    this.range.set(selection.range);
    this.customFrom.set(selection.from);
    this.customTo.set(selection.to);
    this.loadTrend();
  }

  loadTrend(provider: ProviderDetailDto | null = this.provider()): void {
    const providerId = this.providerId();
    const kpiCode = this.kpiCode();
    if (!providerId || !kpiCode) return;
    const query = {
      granularity: this.granularity(),
      siteId: this.siteId() ?? undefined,
      ...this.trendDates(provider),
    };
    this.trendState.load(this.api.getKpiTrend(providerId, kpiCode, query), { clearData: true });
  }

  private trendDates(provider: ProviderDetailDto | null): { from?: string; to?: string } {
    const from = this.customFrom();
    const to = this.customTo();
    if (from && to) return { from, to };
    return trendRangeDates(this.range(), provider?.lastDataDate ?? null);
  }

  /** Picks the first KPI that has a value (else the first reported) and loads its trend. */
  private selectDefaultKpi(provider: ProviderDetailDto): void {
    const first = provider.latest.find((snapshot) => snapshot.value !== null) ?? provider.latest[0];
    if (!first) return;
    this.kpiCode.set(first.kpiCode);
    this.loadTrend(provider);
  }
}
