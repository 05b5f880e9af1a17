import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { RouterLink } from '@angular/router';
import { DRIFT_EVENT_KINDS, DriftEventKind, DriftEventStatus } from '@kpi/contracts';
import { DriftEventsStore, KpisStore, ProvidersStore } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  LoadingIndicatorComponent,
} from '@kpi/web-ui';
import {
  describeSlice,
  DRIFT_KIND_LABELS,
  DRIFT_STATUS_OPTIONS,
  findingLabel,
  formatChange,
} from './drift.constants';

/** Drift events of the providers the user may see: filter by provider, site, KPI, kind and status. */
@Component({
  selector: 'kpi-drift-events-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  providers: [DriftEventsStore],
  templateUrl: './drift-events.page.html',
  styleUrl: './drift.page.css',
})
export class DriftEventsPage implements OnInit {
  protected readonly store = inject(DriftEventsStore);
  private readonly providers = inject(ProvidersStore);
  private readonly kpis = inject(KpisStore);

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
  protected readonly kindOptions = DRIFT_EVENT_KINDS.map((value) => ({
    value,
    label: DRIFT_KIND_LABELS[value],
  }));
  protected readonly statusOptions = DRIFT_STATUS_OPTIONS;
  protected readonly rows = computed(() =>
    this.store.events().map((e) => ({
      ...e,
      kpiName: this.kpis.definitionFor(e.kpiCode).name,
      slice: describeSlice(e),
      kindLabel: DRIFT_KIND_LABELS[e.kind],
      findingLabel: findingLabel(e.findingKind),
      since: formatIsoDate(e.startDate),
      change: formatChange(e.magnitude, e.findingKind),
    })),
  );
  protected readonly hasFilters = computed(() => {
    const f = this.filters();
    return f.providerId !== null || f.siteId !== null || f.kpiCode !== null || f.kind !== null;
  });

  ngOnInit(): void {
    this.providers.load();
    this.kpis.ensureLoaded();
    this.store.load();
  }

  protected onProvider(event: Event): void {
    this.store.setFilters({ providerId: value(event) });
  }

  protected onSite(event: Event): void {
    this.store.setFilters({ siteId: value(event) });
  }

  protected onKpi(event: Event): void {
    this.store.setFilters({ kpiCode: value(event) });
  }

  protected onKind(event: Event): void {
    this.store.setFilters({ kind: value(event) as DriftEventKind | null });
  }

  protected onStatus(event: Event): void {
    this.store.setFilters({ status: value(event) as DriftEventStatus | null });
  }

  protected clearFilters(): void {
    this.store.setFilters({ providerId: null, siteId: null, kpiCode: null, kind: null });
  }
}

function value(event: Event): string | null {
  return (event.target as HTMLSelectElement).value || null;
}
