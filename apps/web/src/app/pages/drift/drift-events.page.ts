import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import { DRIFT_EVENT_KINDS, DRIFT_EVENT_STATUSES, DriftEventKind, DriftEventStatus, DriftEventSummaryDto } from '@kpi/contracts';
import { DriftEventFilters, DriftEventsStore, KpisStore, ProvidersStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  LoadingIndicatorComponent,
  SortableTable,
  SortHeaderComponent,
  Translator,
} from '@kpi/web-ui';
import { choiceField, QueryFields, textField } from '../../core/query-filters';
import { injectUrlFilters } from '../../core/url-filters';
import { describeSlice, DRIFT_STATUS_OPTIONS, findingLabel, formatChange } from './drift.constants';

/** The drift filters in the URL (`?providerId=…&kind=sla&status=all`); open events by default. */
const DRIFT_FILTER_FIELDS: QueryFields<DriftEventFilters> = {
  providerId: textField(),
  siteId: textField(),
  kpiCode: textField(),
  kind: choiceField(DRIFT_EVENT_KINDS),
  status: choiceField(DRIFT_EVENT_STATUSES, 'open'),
};

interface DriftEventRow extends DriftEventSummaryDto {
  readonly kpiName: string;
  readonly slice: string;
  readonly kindLabel: string;
  readonly findingLabel: string;
  readonly since: string;
  readonly change: string;
  readonly statusLabel: string;
}

/** Drift events of the providers the user may see: filter by provider, site, KPI, kind and status. */
@Component({
  selector: 'kpi-drift-events-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [
    RouterLink,
    TranslocoPipe,
    CsvExportComponent,
    EmptyStateComponent,
    ErrorPanelComponent,
    LoadingIndicatorComponent,
    SortHeaderComponent,
  ],
  providers: [DriftEventsStore],
  templateUrl: './drift-events.page.html',
  styleUrl: './drift.page.css',
})
export class DriftEventsPage implements OnInit {
  protected readonly store = inject(DriftEventsStore);
  private readonly providers = inject(ProvidersStore);
  private readonly kpis = inject(KpisStore);
  private readonly translator = inject(Translator);
  private readonly urlFilters = injectUrlFilters(DRIFT_FILTER_FIELDS);

  protected readonly filters = this.store.filters;
  protected readonly providerOptions = this.providers.providers;
  protected readonly siteOptions = computed(() => {
    const id = this.filters().providerId;
    return id ? (this.providers.byId().get(id)?.sites ?? []) : [];
  });
  protected readonly kpiOptions = computed(() =>
    this.kpis
      .definitions()
      .filter((k) => k.direction !== 'target_band')
      .map((k) => ({ code: k.code, name: k.name })),
  );
  protected readonly kindOptions = DRIFT_EVENT_KINDS;
  protected readonly statusOptions = DRIFT_STATUS_OPTIONS;
  protected readonly rows = computed<DriftEventRow[]>(() => {
    const t = (key: string, params?: Record<string, unknown>) => this.translator.t(key, params);
    return this.store.events().map((e) => ({
      ...e,
      kpiName: this.kpis.definitionFor(e.kpiCode).name,
      slice: describeSlice(e, t),
      kindLabel: t('drift.kinds.' + e.kind),
      findingLabel: findingLabel(e.findingKind, t),
      since: formatIsoDate(e.startDate),
      change: formatChange(e.magnitude, e.findingKind),
      statusLabel:
        e.status === 'open'
          ? t(e.direction === 'adverse' ? 'drift.status.open' : 'drift.status.recorded')
          : t('drift.status.resolved'),
    }));
  });
  protected readonly table = new SortableTable<DriftEventRow>(
    [
      { key: 'kpi', header: () => this.translator.t('drift.list.columns.kpi'), value: (row) => row.kpiName },
      { key: 'provider', header: () => this.translator.t('drift.list.columns.provider'), value: (row) => row.providerCode },
      { key: 'where', header: () => this.translator.t('drift.list.columns.where'), value: (row) => row.slice },
      { key: 'what', header: () => this.translator.t('drift.list.columns.what'), value: (row) => row.kindLabel },
      { key: 'finding', header: () => this.translator.t('drift.list.columns.finding'), value: (row) => row.findingLabel },
      { key: 'since', header: () => this.translator.t('drift.list.columns.since'), value: (row) => row.startDate },
      {
        key: 'change',
        header: () => this.translator.t('drift.list.columns.change'),
        value: (row) => row.change,
        sortValue: (row) => (row.magnitude === null ? null : Math.abs(row.magnitude)),
      },
      { key: 'status', header: () => this.translator.t('drift.list.columns.status'), value: (row) => row.statusLabel },
      { key: 'explanation', header: () => this.translator.t('drift.list.columns.explanation'), value: (row) => row.explanation },
    ],
    this.rows,
  );
  protected readonly hasFilters = computed(() => {
    const f = this.filters();
    return f.providerId !== null || f.siteId !== null || f.kpiCode !== null || f.kind !== null;
  });

  ngOnInit(): void {
    this.providers.load();
    this.kpis.ensureLoaded();
    this.store.setFilters(this.urlFilters.read());
  }

  protected onProvider(event: Event): void {
    this.change({ providerId: value(event) });
  }

  protected onSite(event: Event): void {
    this.change({ siteId: value(event) });
  }

  protected onKpi(event: Event): void {
    this.change({ kpiCode: value(event) });
  }

  protected onKind(event: Event): void {
    this.change({ kind: value(event) as DriftEventKind | null });
  }

  protected onStatus(event: Event): void {
    this.change({ status: value(event) as DriftEventStatus | null });
  }

  protected clearFilters(): void {
    this.change({ providerId: null, siteId: null, kpiCode: null, kind: null });
  }

  private change(filters: Partial<DriftEventFilters>): void {
    this.store.setFilters(filters);
    this.urlFilters.write(this.store.filters());
  }
}

function value(event: Event): string | null {
  return (event.target as HTMLSelectElement).value || null;
}
