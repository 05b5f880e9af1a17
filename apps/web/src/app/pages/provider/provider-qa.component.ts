import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { Granularity, KpiRollupDto, KpiRollupQuery, ServiceLineDto, SiteDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { KpisStore, Loadable, MetricsApi } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  KpiTrendChartComponent,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translator,
} from '@kpi/web-ui';

/** The built-in QA KPIs (see the kpi-domain catalog). */
export const QA_SCORE = 'qa_score';
export const QA_AUTO_FAIL_RATE = 'qa_autofail_rate';

interface QaSpreadRow {
  readonly key: string;
  readonly site: string;
  readonly serviceLine: string;
  readonly score: number | null;
  readonly autoFailRate: number | null;
}

/**
 * QA of one provider: the QA score and auto-fail rate over time, and the spread of the score across sites and
 * service lines (each recomputed by the api from points earned / possible and auto-fails / evaluations).
 */
@Component({
  selector: 'kpi-provider-qa',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    CsvExportComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    KpiTrendChartComponent,
    LoadingIndicatorComponent,
    SortHeaderComponent,
  ],
  templateUrl: './provider-qa.component.html',
  styles: `
    .qa-charts {
      display: grid;
      grid-template-columns: repeat(auto-fit, minmax(20rem, 1fr));
      gap: 1rem 1.5rem;
      --kpi-chart-height: 220px;
    }
    .qa-block__title {
      margin: 0 0 0.25rem;
      font-size: 1rem;
    }
    .qa-spread__header {
      display: flex;
      flex-wrap: wrap;
      align-items: baseline;
      justify-content: space-between;
      gap: 0.5rem 1rem;
      margin-top: 1.25rem;
    }
    .qa-bar {
      display: inline-block;
      height: 0.6rem;
      margin-right: 0.5rem;
      border-radius: 2px;
      background: var(--kpi-color-primary, #1d4ed8);
      vertical-align: middle;
    }
    .table-wrap--flat {
      border: 0;
      box-shadow: none;
    }
  `,
})
export class ProviderQaComponent {
  private readonly metrics = inject(MetricsApi);
  private readonly kpis = inject(KpisStore);
  private readonly translator = inject(Translator);

  readonly providerId = input.required<string>();
  readonly sites = input.required<readonly SiteDto[]>();
  readonly serviceLines = input.required<readonly ServiceLineDto[]>();
  readonly granularity = input.required<Granularity>();
  readonly from = input.required<string>();
  readonly to = input.required<string>();

  protected readonly scoreKpi = computed(() => this.kpis.definitionFor(QA_SCORE));
  protected readonly autoFailKpi = computed(() => this.kpis.definitionFor(QA_AUTO_FAIL_RATE));
  protected readonly scoreTrend = new Loadable<KpiRollupDto>();
  protected readonly autoFailTrend = new Loadable<KpiRollupDto>();
  protected readonly scoreSpread = new Loadable<KpiRollupDto>();
  protected readonly autoFailSpread = new Loadable<KpiRollupDto>();

  protected readonly scorePoints = computed(() => this.scoreTrend.data()?.series[0]?.points ?? []);
  protected readonly autoFailPoints = computed(() => this.autoFailTrend.data()?.series[0]?.points ?? []);
  protected readonly status = computed(() => {
    const all = [this.scoreTrend, this.autoFailTrend, this.scoreSpread, this.autoFailSpread];
    if (all.some((loadable) => loadable.status() === 'error')) return 'error';
    return all.every((loadable) => loadable.status() === 'success') ? 'success' : 'loading';
  });
  protected readonly error = computed(() => [this.scoreTrend, this.autoFailTrend, this.scoreSpread, this.autoFailSpread].find((l) => l.error())?.error());
  protected readonly hasData = computed(() => this.scorePoints().some((point) => point.value !== null));

  private readonly spreadRows = computed<readonly QaSpreadRow[]>(() => {
    const autoFail = new Map((this.autoFailSpread.data()?.series ?? []).map((series) => [series.groupKey, series.points[0]?.value ?? null]));
    const sites = new Map(this.sites().map((site) => [site.id, `${site.city} (${site.code})`]));
    const lines = new Map(this.serviceLines().map((line) => [line.code as string, line.name]));
    return (this.scoreSpread.data()?.series ?? []).map((series) => ({
      key: series.groupKey,
      site: sites.get(series.group.siteId ?? '') ?? series.group.siteId ?? '',
      serviceLine: lines.get(series.group.serviceLine ?? '') ?? series.group.serviceLine ?? '',
      score: series.points[0]?.value ?? null,
      autoFailRate: autoFail.get(series.groupKey) ?? null,
    }));
  });
  protected readonly spreadTable = new SortableTable<QaSpreadRow>(
    [
      { key: 'site', header: () => this.translator.t('provider.qa.site'), value: (row) => row.site },
      { key: 'serviceLine', header: () => this.translator.t('provider.qa.serviceLine'), value: (row) => row.serviceLine },
      {
        key: 'score',
        header: () => this.translator.t('provider.qa.score'),
        value: (row) => formatKpiValue(this.scoreKpi(), row.score),
        sortValue: (row) => row.score,
      },
      {
        key: 'autoFailRate',
        header: () => this.translator.t('provider.qa.autoFailRate'),
        value: (row) => formatKpiValue(this.autoFailKpi(), row.autoFailRate),
        sortValue: (row) => row.autoFailRate,
      },
    ],
    this.spreadRows,
    { key: 'score', direction: 'asc' },
  );
  /** Bar widths of the score spread, from the lowest to the highest score shown (0-100 %). */
  protected readonly barWidth = (score: number | null): number => (score === null ? 0 : Math.max(0, Math.min(1, score)) * 100);

  private readonly period = computed(() => ({
    providerIds: [this.providerId()],
    from: this.from(),
    to: this.to(),
    granularity: this.granularity(),
  }));

  constructor() {
    const loadables = [this.scoreTrend, this.autoFailTrend, this.scoreSpread, this.autoFailSpread];
    inject(DestroyRef).onDestroy(() => loadables.forEach((loadable) => loadable.cancel()));
    effect(() => {
      const period = this.period();
      untracked(() => this.load(period));
    });
  }

  protected reload(): void {
    this.load(this.period());
  }

  private load(period: { providerIds: string[]; from: string; to: string; granularity: Granularity }): void {
    const query = (kpi: string, shape: 'trend' | 'spread'): KpiRollupQuery => ({
      kpi,
      providerIds: period.providerIds,
      from: period.from,
      to: period.to,
      granularity: shape === 'trend' ? period.granularity : 'range',
      groupBy: shape === 'spread' ? ['siteId', 'serviceLine'] : undefined,
    });
    this.scoreTrend.load(this.metrics.rollup(query(QA_SCORE, 'trend')), { clearData: true });
    this.autoFailTrend.load(this.metrics.rollup(query(QA_AUTO_FAIL_RATE, 'trend')), { clearData: true });
    this.scoreSpread.load(this.metrics.rollup(query(QA_SCORE, 'spread')), { clearData: true });
    this.autoFailSpread.load(this.metrics.rollup(query(QA_AUTO_FAIL_RATE, 'spread')), { clearData: true });
  }
}
