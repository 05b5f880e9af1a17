import { ChangeDetectionStrategy, Component, computed, effect, inject, input, untracked } from '@angular/core';
import { Title } from '@angular/platform-browser';
import { RouterLink } from '@angular/router';
import { DriftOverlayDto, Granularity, GRANULARITIES } from '@kpi/contracts';
import { DriftOverlayStore, KpisStore, ProviderDetailStore, TREND_RANGES, TrendRange } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  KpiTrendChartComponent,
  KpiValueComponent,
  LoadingIndicatorComponent,
  StaleDataBadgeComponent,
} from '@kpi/web-ui';
import { APP_NAME } from '../../core/page-title.strategy';
import { GRANULARITY_LABELS } from './provider.constants';
import { ProviderSlaComponent } from './provider-sla.component';

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
    ProviderSlaComponent,
    StaleDataBadgeComponent,
  ],
  providers: [ProviderDetailStore, DriftOverlayStore],
  templateUrl: './provider.page.html',
  styleUrl: './provider.page.css',
})
export class ProviderPage {
  protected readonly store = inject(ProviderDetailStore);
  protected readonly drift = inject(DriftOverlayStore);
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
  /** The drift overlay (control limits, event markers) when it belongs to the trend on screen. */
  protected readonly driftOverlay = computed<DriftOverlayDto | null>(() => {
    const trend = this.store.trend();
    const overlay = this.drift.overlay();
    if (!trend || !overlay) return null;
    const same =
      overlay.kpiCode === trend.kpiCode &&
      overlay.siteId === trend.siteId &&
      overlay.granularity === trend.granularity &&
      overlay.from === trend.from &&
      overlay.to === trend.to;
    return same ? overlay : null;
  });
  protected readonly driftEvents = computed(() =>
    (this.drift.overlay()?.events ?? []).map((e) => ({
      ...e,
      since: formatIsoDate(e.startDate),
      where: e.siteCity ? [e.siteCity, this.provider()?.serviceLines.find((l) => l.code === e.serviceLine)?.name].filter(Boolean).join(' · ') : 'All sites',
    })),
  );
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
    effect(() => this.loadDriftOverlay());
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

  /** Each trend that arrives gets its drift overlay for exactly the same selection and range. */
  private loadDriftOverlay(): void {
    const trend = this.store.trend();
    untracked(() => {
      if (!trend) return this.drift.clear();
      this.drift.load(trend.providerId, trend.kpiCode, {
        siteId: trend.siteId ?? undefined,
        serviceLine: trend.serviceLine ?? undefined,
        from: trend.from,
        to: trend.to,
        granularity: trend.granularity,
      });
    });
  }

  private updateDocumentTitle(): void {
    const name = this.provider()?.name;
    if (name) this.title.setTitle(`${name} · ${APP_NAME}`);
  }
}

function selectValue(event: Event): string {
  return (event.target as HTMLSelectElement).value;
}
