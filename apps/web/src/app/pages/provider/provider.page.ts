import { ChangeDetectionStrategy, Component, computed, DestroyRef, effect, inject, input, untracked } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { Title } from '@angular/platform-browser';
import { ActivatedRoute, Router, RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { DriftOverlayDto, EscalationListDto, Granularity, GRANULARITIES } from '@kpi/contracts';
import { DriftOverlayStore, EscalationsApi, KpiDisplayDefinition, KpisStore, Loadable, ProviderDetailStore, TREND_RANGES, TrendRange } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  KpiChartEventMarker,
  KpiTrendChartComponent,
  KpiValueComponent,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  StaleDataBadgeComponent,
  Translator,
} from '@kpi/web-ui';
import { formatKpiValue } from '@kpi/domain';
import { APP_NAME } from '../../core/page-title.strategy';
import { ProviderFreshnessComponent } from './provider-freshness.component';
import { ProviderQaComponent, QA_SCORE } from './provider-qa.component';
import { ProviderSiteMultiplesComponent } from './provider-site-multiples.component';
import { ProviderSlaComponent } from './provider-sla.component';
import { parseProviderTrendQuery, ProviderTrendQuery, toProviderTrendQuery, toTrendSelection } from './provider-trend.query';

/** A row of "Latest values": one KPI's last 7 days with data and the 7 before. */
interface LatestRow {
  readonly kpiCode: string;
  readonly value: number | null;
  readonly previousValue: number | null;
  readonly definition: KpiDisplayDefinition;
  readonly window: string;
}

/** One provider: sites and service lines, a KPI trend chart with its filters, and the latest value of every KPI. */
@Component({
  selector: 'kpi-provider-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    CsvExportComponent,
    SortHeaderComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    KpiTrendChartComponent,
    KpiValueComponent,
    LoadingIndicatorComponent,
    ProviderFreshnessComponent,
    ProviderQaComponent,
    ProviderSiteMultiplesComponent,
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
  private readonly translator = inject(Translator);
  private readonly route = inject(ActivatedRoute);
  private readonly router = inject(Router);
  private readonly escalationsApi = inject(EscalationsApi);
  private readonly escalations = new Loadable<EscalationListDto>();

  /** Bound from the `:id` route parameter. */
  readonly id = input.required<string>();

  protected readonly provider = this.store.provider;
  protected readonly granularityOptions = GRANULARITIES;
  protected readonly rangeOptions = TREND_RANGES;
  protected readonly formatDate = formatIsoDate;

  /** The trend selection kept in the URL query (`?kpi=&granularity=&range=&from=&to=&city=`). */
  private readonly queryParams = toSignal(this.route.queryParams, { initialValue: {} });
  protected readonly trendQuery = computed(() => parseProviderTrendQuery(this.queryParams()));
  protected readonly customRange = computed(() => !!(this.store.customFrom() && this.store.customTo()));
  /** The drill-down of the selected KPI across providers, for the same city and period. */
  protected readonly compareQuery = computed(() => {
    const trend = this.store.trend();
    const siteId = this.store.siteId();
    const city = this.provider()?.sites.find((site) => site.id === siteId)?.city;
    return { city: city ?? null, from: trend?.from ?? null, to: trend?.to ?? null };
  });

  protected readonly kpiOptions = computed(() =>
    this.store.kpiCodes().map((code) => ({ code, name: this.kpis.definitionFor(code).name })),
  );
  protected readonly selectedKpi = computed(() => {
    const code = this.store.kpiCode();
    return code ? this.kpis.definitionFor(code) : null;
  });
  protected readonly latestRows = computed<LatestRow[]>(() =>
    (this.provider()?.latest ?? []).map((snapshot) => ({
      ...snapshot,
      definition: this.kpis.definitionFor(snapshot.kpiCode),
      window: `${formatIsoDate(snapshot.from)} – ${formatIsoDate(snapshot.to)}`,
    })),
  );
  protected readonly latestTable = new SortableTable<LatestRow>(
    [
      { key: 'kpi', header: () => this.translator.t('provider.latest.kpi'), value: (row) => row.definition.name },
      { key: 'window', header: () => this.translator.t('provider.latest.window'), value: (row) => row.window },
      {
        key: 'latest',
        header: () => this.translator.t('provider.latest.latest'),
        value: (row) => formatKpiValue(row.definition, row.value),
        sortValue: (row) => row.value,
      },
      {
        key: 'previous',
        header: () => this.translator.t('provider.latest.previous'),
        value: (row) => formatKpiValue(row.definition, row.previousValue),
        sortValue: (row) => row.previousValue,
      },
    ],
    this.latestRows,
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
      where: e.siteCity ? [e.siteCity, this.provider()?.serviceLines.find((l) => l.code === e.serviceLine)?.name].filter(Boolean).join(' · ') : this.translator.t('provider.trend.allSites'),
    })),
  );
  /** Escalations about the KPI on screen (this site, or the whole provider) opened within the trend's range. */
  protected readonly trendEscalations = computed(() => {
    const trend = this.store.trend();
    if (!trend) return [];
    return (this.escalations.data()?.items ?? [])
      .filter((escalation) => escalation.scope.kpiCode === trend.kpiCode)
      .filter((escalation) => !trend.siteId || !escalation.scope.siteId || escalation.scope.siteId === trend.siteId)
      .filter((escalation) => escalation.openedAt.slice(0, 10) >= trend.from && escalation.openedAt.slice(0, 10) <= trend.to)
      .map((escalation) => ({ ...escalation, opened: formatIsoDate(escalation.openedAt.slice(0, 10)) }));
  });
  protected readonly escalationMarkers = computed<KpiChartEventMarker[]>(() =>
    this.trendEscalations().map((escalation) => ({ id: escalation.id, date: escalation.openedAt, label: escalation.reference })),
  );
  /** QA is shown for providers that report a QA score. */
  protected readonly reportsQa = computed(() => this.store.kpiCodes().includes(QA_SCORE));
  protected readonly selectedSiteName = computed(() => {
    const siteId = this.store.siteId();
    return this.provider()?.sites.find((site) => site.id === siteId)?.city ?? this.translator.t('provider.trend.allSitesLower');
  });

  constructor() {
    this.kpis.ensureLoaded();
    effect(() => {
      const id = this.id();
      untracked(() => {
        this.store.open(id);
        this.escalations.load(this.escalationsApi.list({ providerId: id, status: 'all', limit: 200 }), { clearData: true });
      });
    });
    inject(DestroyRef).onDestroy(() => this.escalations.cancel());
    effect(() => this.updateDocumentTitle());
    effect(() => this.loadDriftOverlay());
    effect(() => this.applyUrlSelection());
  }

  protected openEscalation(marker: KpiChartEventMarker): void {
    void this.router.navigate(['/escalations', marker.id]);
  }

  protected onKpiChange(event: Event): void {
    this.showKpi(selectValue(event));
  }

  protected showKpi(kpiCode: string): void {
    this.updateQuery({ kpi: kpiCode });
  }

  protected onGranularityChange(event: Event): void {
    this.updateQuery({ granularity: selectValue(event) as Granularity });
  }

  protected onSiteChange(event: Event): void {
    const site = this.provider()?.sites.find((candidate) => candidate.id === selectValue(event));
    this.updateQuery({ city: site?.city ?? null });
  }

  /** A preset replaces a custom range; "custom" starts from the range on screen. */
  protected onRangeChange(event: Event): void {
    const value = selectValue(event);
    if (value === 'custom') {
      const trend = this.store.trend();
      if (trend) this.updateQuery({ from: trend.from, to: trend.to });
      return;
    }
    this.updateQuery({ range: value as TrendRange, from: null, to: null });
  }

  protected onCustomDateChange(bound: 'from' | 'to', event: Event): void {
    const value = selectValue(event);
    if (value) this.updateQuery({ [bound]: value });
  }

  private updateQuery(patch: Partial<ProviderTrendQuery>): void {
    const current = this.currentQuery();
    // Through the parser, so the page never writes a query it would not read back (e.g. from after to).
    const next = parseProviderTrendQuery(toProviderTrendQuery({ ...current, ...patch }));
    void this.router.navigate([], { relativeTo: this.route, queryParams: toProviderTrendQuery(next), queryParamsHandling: 'merge' });
  }

  /** What is on screen, as a query (the URL may not name everything yet, e.g. the default KPI). */
  private currentQuery(): ProviderTrendQuery {
    const siteId = this.store.siteId();
    return {
      kpi: this.store.kpiCode(),
      granularity: this.store.granularity(),
      range: this.store.range(),
      from: this.store.customFrom(),
      to: this.store.customTo(),
      city: this.provider()?.sites.find((site) => site.id === siteId)?.city ?? null,
    };
  }

  /** The URL drives the trend: opening a shared link or going back restores the selection. */
  private applyUrlSelection(): void {
    const provider = this.provider();
    const query = this.trendQuery();
    if (!provider || provider.id !== this.id()) return;
    const fallback = provider.latest.find((snapshot) => snapshot.value !== null) ?? provider.latest[0];
    untracked(() => this.store.applySelection(toTrendSelection(query, provider, fallback?.kpiCode ?? null)));
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
