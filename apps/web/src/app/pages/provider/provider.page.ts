import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { Granularity, GRANULARITIES } from '@kpi/contracts';
import { KpisStore, ProviderDetailStore, TREND_RANGES, TrendRange } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  KpiTrendChartComponent,
  KpiValueComponent,
  LoadingIndicatorComponent,
} from '@kpi/web-ui';
import { APP_NAME } from '../../core/page-title.strategy';
import { GRANULARITY_LABELS } from './provider.constants';

/** One provider: sites and service lines, a KPI trend chart with its filters, and the latest value of every KPI. */
@Component({
  selector: 'kpi-provider-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    EmptyStateComponent,
    ErrorPanelComponent,
    KpiTrendChartComponent,
    KpiValueComponent,
    LoadingIndicatorComponent,
  ],
  providers: [ProviderDetailStore],
  templateUrl: './provider.page.html',
  styleUrl: './provider.page.css',
})
export class ProviderPage {
  protected readonly store = inject(ProviderDetailStore);
  private readonly kpis = inject(KpisStore);
  private readonly title = inject(Title);

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly provider = this.store.provider;
  protected readonly granularityOptions = GRANULARITIES.map((value) => ({ value, label: GRANULARITY_LABELS[value] }));
  protected readonly rangeOptions = TREND_RANGES;
  protected readonly formatDate = formatIsoDate;

  protected readonly kpiOptions = computed(() =>
    this.store.kpiCodes().map((code) => ({ code, name: this.kpis.definitionFor(code).name })),
  );
  protected readonly selectedKpi = computed(() => {
    const code = this.store.kpiCode();
    return code ? this.kpis.definitionFor(code) : null;
  });
  protected readonly latestRows = computed(() =>
    (this.provider()?.latest ?? []).map((snapshot) => ({
      ...snapshot,
      definition: this.kpis.definitionFor(snapshot.kpiCode),
      window: `${formatIsoDate(snapshot.from)} – ${formatIsoDate(snapshot.to)}`,
    })),
  );
  protected readonly trendHasData = computed(() => (this.store.trend()?.points ?? []).some((p) => p.value !== null));
  protected readonly selectedSiteName = computed(() => {
    const siteId = this.store.siteId();
    return this.provider()?.sites.find((site) => site.id === siteId)?.city ?? 'all sites';
  });

  constructor() {
    this.kpis.ensureLoaded();
    effect(() => {
      const id = this.id();
      untracked(() => this.store.open(id));
    });
    effect(() => this.updateDocumentTitle());
  }

  protected onKpiChange(event: Event): void {
    this.store.selectKpi(selectValue(event));
  }

  protected onGranularityChange(event: Event): void {
    this.store.selectGranularity(selectValue(event) as Granularity);
  }

  protected onSiteChange(event: Event): void {
    this.store.selectSite(selectValue(event) || null);
  }

  protected onRangeChange(event: Event): void {
    this.store.selectRange(selectValue(event) as TrendRange);
  }

  private updateDocumentTitle(): void {
    const name = this.provider()?.name;
    if (name) this.title.setTitle(`${name} · ${APP_NAME}`);
  }
}

function selectValue(event: Event): string {
  return (event.target as HTMLSelectElement).value;
}
