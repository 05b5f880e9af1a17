import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Granularity, KpiRollupDto, KpiRollupQuery, SiteDto } from '@kpi/contracts';
import { Loadable, MetricsApi } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  KpiDisplay,
  KpiTrendChartComponent,
  LoadingIndicatorComponent,
  sharedYRange,
} from '@kpi/web-ui';

/**
 * Small multiples: the selected KPI of one provider, one small chart per site over the same period and one shared
 * y-scale, so the sites compare by eye. Values come from the api's rollup grouped by site.
 */
@Component({
  selector: 'kpi-provider-site-multiples',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [TranslocoPipe, EmptyStateComponent, ErrorPanelComponent, KpiTrendChartComponent, LoadingIndicatorComponent],
  template: `
    @if (rollup.status() === 'error') {
      <kpi-error-panel
        [heading]="'provider.multiples.error' | transloco"
        [message]="rollup.error()?.message ?? ''"
        [retryable]="true"
        (retry)="load()"
      />
    } @else if (rollup.status() !== 'success') {
      <kpi-loading-indicator [label]="'provider.multiples.loading' | transloco" />
    } @else if (charts().length === 0) {
      <kpi-empty-state [heading]="'provider.multiples.empty' | transloco" />
    } @else {
      <ul class="site-multiples" data-testid="site-multiples">
        @for (chart of charts(); track chart.siteId) {
          <li class="site-multiples__item" [attr.data-site-city]="chart.city">
            <h3 class="site-multiples__title">{{ chart.label }}</h3>
            <kpi-trend-chart
              [kpi]="kpi()"
              [points]="chart.points"
              [granularity]="granularity()"
              [from]="from()"
              [to]="to()"
              [yRange]="yRange()"
              testId="site-trend-chart"
            />
          </li>
        }
      </ul>
    }
  `,
  styles: `
    .site-multiples {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(18rem, 1fr));
      gap: 1rem;
      margin: 0;
      padding: 0;
      list-style: none;
      --kpi-chart-height: 180px;
    }
    .site-multiples__title {
      margin: 0 0 0.25rem;
      font-size: 0.95rem;
    }
  `,
})
export class ProviderSiteMultiplesComponent {
  private readonly metrics = inject(MetricsApi);

  readonly providerId = input.required<string>();
  readonly sites = input.required<readonly SiteDto[]>();
  readonly kpi = input.required<KpiDisplay>();
  readonly granularity = input.required<Granularity>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();

  protected readonly rollup = new Loadable<KpiRollupDto>();
  protected readonly charts = computed(() => {
    const bySite = new Map((this.rollup.data()?.series ?? []).map((series) => [series.group.siteId, series.points]));
    return this.sites()
      .filter((site) => bySite.has(site.id))
      .map((site) => ({ siteId: site.id, city: site.city, label: `${site.city} (${site.code})`, points: bySite.get(site.id) ?? [] }));
  });
  protected readonly yRange = computed(() => sharedYRange(this.charts().map((chart) => chart.points)));

  constructor() {
    inject(DestroyRef).onDestroy(() => this.rollup.cancel());
    effect(() => {
      const query = this.query();
      untracked(() => this.rollup.load(this.metrics.rollup(query), { clearData: true }));
    });
  }

  private readonly query = computed<KpiRollupQuery>(() => ({
    kpi: this.kpi().code,
    granularity: this.granularity(),
    from: this.from(),
    to: this.to(),
    providerIds: [this.providerId()],
    groupBy: ['siteId'],
  }));

  protected load(): void {
    this.rollup.load(this.metrics.rollup(this.query()), { clearData: true });
  }
}
