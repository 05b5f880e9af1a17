import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { ActivatedRoute, Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { KpiRollupDto, KpiRollupSeriesDto, ProviderSummaryDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { KpisStore, Loadable, MetricsApi, ProvidersStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  KpiTrendChartComponent,
  KpiValueComponent,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  TableColumn,
  Translator,
} from '@kpi/web-ui';
import {
  defaultPeriod,
  DRILL_DOWN_GRANULARITIES,
  DRILL_DOWN_GROUPINGS,
  DrillDownFilters,
  DrillDownGrouping,
  parseDrillDownQuery,
  toDrillDownQuery,
  toRollupQuery,
} from './kpi-drill-down.filters';

/** One row of the table: a group of the selection and the KPI the api recomputed for it. */
export interface DrillDownRow {
  readonly key: string;
  readonly provider: string;
  readonly site: string;
  readonly city: string;
  readonly serviceLine: string;
  readonly value: number | null;
  readonly observations: number;
}

/** The columns shown for each grouping (besides the value and the observation count). */
const GROUP_COLUMNS: Record<DrillDownGrouping, readonly (keyof DrillDownRow)[]> = {
  site: ['provider', 'site', 'city'],
  provider: ['provider'],
  city: ['city'],
  serviceLine: ['serviceLine'],
};

/**
 * One KPI across providers and sites (`/kpis/:code`): filters kept in the URL query (a link restores the view),
 * a sortable, exportable table per group and a trend of the selection, all recomputed by the api's rollup.
 */
@Component({
  selector: 'kpi-drill-down-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    TranslocoPipe,
    CsvExportComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    KpiTrendChartComponent,
    KpiValueComponent,
    LoadingIndicatorComponent,
    SortHeaderComponent,
  ],
  templateUrl: './kpi-drill-down.page.html',
  styleUrl: './kpi-drill-down.page.css',
})
export class KpiDrillDownPage {
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly metrics = inject(MetricsApi);
  private readonly translator = inject(Translator);
  protected readonly providersStore = inject(ProvidersStore);
  protected readonly kpis = inject(KpisStore);

  /** Bound from the `:code` route parameter. */
  readonly code = input.required<string>();

  protected readonly granularities = DRILL_DOWN_GRANULARITIES;
  protected readonly groupings = DRILL_DOWN_GROUPINGS;
  protected readonly tableData = new Loadable<KpiRollupDto>();
  protected readonly trendData = new Loadable<KpiRollupDto>();

  private readonly queryParams = toSignal(this.route.queryParams, { initialValue: {} });
  protected readonly filters = computed(() => parseDrillDownQuery(this.queryParams()));
  protected readonly hasFilters = computed(() => Object.keys(this.queryParams()).length > 0);
  protected readonly kpi = computed(() => this.kpis.definitionFor(this.code()));
  protected readonly kpiOptions = computed(() => {
    const options = this.kpis.definitions().map((kpi) => ({ code: kpi.code, name: kpi.name }));
    return options.some((option) => option.code === this.code()) ? options : [{ code: this.code(), name: this.kpi().name }, ...options];
  });

  private readonly providers = this.providersStore.providers;
  private readonly providersById = this.providersStore.byId;
  private readonly sitesById = computed(
    () => new Map(this.providers().flatMap((provider) => provider.sites.map((site) => [site.id, { site, provider }] as const))),
  );
  /** Providers in the selection (all visible ones when none is picked). */
  private readonly selectedProviders = computed<readonly ProviderSummaryDto[]>(() => {
    const ids = this.filters().providerIds;
    return ids.length === 0 ? this.providers() : this.providers().filter((provider) => ids.includes(provider.id));
  });
  protected readonly cityOptions = computed(() =>
    [...new Set(this.selectedProviders().flatMap((provider) => provider.sites.map((site) => site.city)))].sort((a, b) => a.localeCompare(b)),
  );
  protected readonly siteOptions = computed(() => {
    const city = this.filters().city;
    return this.selectedProviders().flatMap((provider) =>
      provider.sites
        .filter((site) => !city || site.city === city)
        .map((site) => ({ id: site.id, label: `${provider.name} · ${site.city} (${site.code})` })),
    );
  });
  protected readonly serviceLineOptions = computed(() =>
    [...new Set(this.selectedProviders().flatMap((provider) => provider.serviceLines.map((line) => line.code)))].sort(),
  );

  /** The period asked for, or three months up to the latest data of the visible providers. */
  protected readonly period = computed(() => {
    const { from, to } = this.filters();
    if (from && to) return { from, to };
    const latest = this.providers()
      .map((provider) => provider.lastDataDate)
      .filter((date): date is string => !!date)
      .sort()
      .at(-1);
    const fallback = defaultPeriod(latest ?? null, new Date());
    return { from: from ?? (to && to < fallback.from ? to : fallback.from), to: to ?? (from && from > fallback.to ? from : fallback.to) };
  });
  protected readonly periodDates = computed(() => ({
    from: formatIsoDate(this.period().from),
    to: formatIsoDate(this.period().to),
  }));
  protected readonly periodLabel = computed(() => this.translator.t('kpiDrillDown.period', this.periodDates()));
  protected readonly groupingLabel = computed(() => this.translator.t('kpiDrillDown.groupings.' + this.filters().groupBy));

  protected readonly rows = computed<readonly DrillDownRow[]>(() =>
    (this.tableData.data()?.series ?? []).map((series) => this.toRow(series)),
  );
  protected readonly groupColumns = computed(() => GROUP_COLUMNS[this.filters().groupBy]);
  /** A new table (and sort) per grouping, since the columns differ. */
  protected readonly table = computed(() => new SortableTable<DrillDownRow>(this.columnsFor(this.filters().groupBy), this.rows));
  protected readonly trendPoints = computed(() => this.trendData.data()?.series[0]?.points ?? []);
  protected readonly trendHasData = computed(() => this.trendPoints().some((point) => point.value !== null));

  constructor() {
    this.kpis.ensureLoaded();
    this.providersStore.load();
    inject(DestroyRef).onDestroy(() => {
      this.tableData.cancel();
      this.trendData.cancel();
    });
    effect(() => {
      const code = this.code();
      const filters = this.filters();
      if (this.providersStore.status() !== 'success') return;
      const period = this.period();
      untracked(() => this.load(code, filters, period));
    });
  }

  protected reload(): void {
    this.load(this.code(), this.filters(), this.period());
  }

  protected onKpiChange(event: Event): void {
    void this.router.navigate(['/kpis', inputValue(event)], { queryParamsHandling: 'preserve' });
  }

  protected toggleProvider(providerId: string, checked: boolean): void {
    const current = this.filters().providerIds.filter((id) => id !== providerId);
    // A site of a provider no longer selected would empty the table: drop it with the provider.
    const siteProvider = this.sitesById().get(this.filters().siteId ?? '')?.provider.id;
    const providerIds = checked ? [...current, providerId] : current;
    const keepSite = !siteProvider || providerIds.length === 0 || providerIds.includes(siteProvider);
    this.applyFilters({ providerIds, siteId: keepSite ? this.filters().siteId : null });
  }

  protected onCityChange(event: Event): void {
    const city = inputValue(event) || null;
    const site = this.sitesById().get(this.filters().siteId ?? '')?.site;
    this.applyFilters({ city, siteId: city && site && site.city !== city ? null : this.filters().siteId });
  }

  protected onFilterChange(key: 'siteId' | 'serviceLine' | 'from' | 'to' | 'granularity' | 'groupBy', event: Event): void {
    this.applyFilters({ [key]: inputValue(event) || null } as Partial<DrillDownFilters>);
  }

  protected clearFilters(): void {
    void this.router.navigate([], { relativeTo: this.route, queryParams: {} });
  }


  private applyFilters(patch: Partial<DrillDownFilters>): void {
    // Through the same validation as a URL, so the page never writes a query it would not read back.
    const next = parseDrillDownQuery(toDrillDownQuery({ ...this.filters(), ...patch }));
    void this.router.navigate([], { relativeTo: this.route, queryParams: toDrillDownQuery(next) });
  }

  private load(code: string, filters: DrillDownFilters, period: { from: string; to: string }): void {
    this.tableData.load(this.metrics.rollup(toRollupQuery(code, filters, period, 'table')), { clearData: true });
    this.trendData.load(this.metrics.rollup(toRollupQuery(code, filters, period, 'trend')), { clearData: true });
  }

  private toRow(series: KpiRollupSeriesDto): DrillDownRow {
    const { providerId, siteId, city, serviceLine } = series.group;
    const site = siteId ? this.sitesById().get(siteId)?.site : undefined;
    const point = series.points[0];
    return {
      key: series.groupKey,
      provider: providerId ? (this.providersById().get(providerId)?.name ?? providerId) : '',
      site: site ? `${site.city} (${site.code})` : (siteId ?? ''),
      city: city ?? site?.city ?? '',
      serviceLine: serviceLine ? this.translator.t('kpiDrillDown.serviceLines.' + serviceLine) : '',
      value: point?.value ?? null,
      observations: point?.observationCount ?? 0,
    };
  }

  private columnsFor(grouping: DrillDownGrouping): TableColumn<DrillDownRow>[] {
    const t = (key: string) => () => this.translator.t(key);
    const text: Record<string, TableColumn<DrillDownRow>> = {
      provider: { key: 'provider', header: t('kpiDrillDown.columns.provider'), value: (row) => row.provider },
      site: { key: 'site', header: t('kpiDrillDown.columns.site'), value: (row) => row.site },
      city: { key: 'city', header: t('kpiDrillDown.columns.city'), value: (row) => row.city },
      serviceLine: { key: 'serviceLine', header: t('kpiDrillDown.columns.serviceLine'), value: (row) => row.serviceLine },
    };
    return [
      ...GROUP_COLUMNS[grouping].map((key) => text[key]),
      {
        key: 'value',
        header: t('kpiDrillDown.columns.value'),
        value: (row) => formatKpiValue(this.kpi(), row.value),
        sortValue: (row) => row.value,
      },
      { key: 'observations', header: t('kpiDrillDown.columns.observations'), value: (row) => row.observations },
    ];
  }
}

function inputValue(event: Event): string {
  return (event.target as HTMLInputElement | HTMLSelectElement).value;
}
