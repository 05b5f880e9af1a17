import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { DriftEventKind, DriftEventListDto, DriftEventQuery, DriftEventStatus } from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { LiveUpdates } from '../live/live-updates';
import { DriftApi } from './drift.api';

/** The filters of the drift events list; null = any. */
export interface DriftEventFilters {
  readonly providerId: string | null;
  readonly siteId: string | null;
  readonly kpiCode: string | null;
  readonly kind: DriftEventKind | null;
  readonly status: DriftEventStatus | null;
}

export const NO_DRIFT_FILTERS: DriftEventFilters = {
  providerId: null,
  siteId: null,
  kpiCode: null,
  kind: null,
  status: 'open',
};

/** The drift events page: the filters and the matching events. Provide it in the page component. */
@Injectable()
export class DriftEventsStore {
  private readonly api = inject(DriftApi);
  private readonly list = new Loadable<DriftEventListDto>();

  readonly filters = signal<DriftEventFilters>(NO_DRIFT_FILTERS);
  readonly events = computed(() => this.list.data()?.items ?? []);
  readonly total = computed(() => this.list.data()?.total ?? 0);
  readonly status = this.list.status;
  readonly error = this.list.error;
  readonly loading = this.list.loading;

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => this.list.cancel());
    inject(LiveUpdates).onChange(['drift'], () => this.load(), destroyRef);
  }

  /** Changes some filters and reloads; a new provider clears the site (sites belong to a provider). */
  setFilters(change: Partial<DriftEventFilters>): void {
    const current = this.filters();
    const next = { ...current, ...change };
    if (
      change.providerId !== undefined &&
      change.providerId !== current.providerId &&
      change.siteId === undefined
    ) {
      next.siteId = null;
    }
    this.filters.set(next);
    this.load();
  }

  load(): void {
    const f = this.filters();
    const query: DriftEventQuery = {
      providerId: f.providerId ?? undefined,
      siteId: f.siteId ?? undefined,
      kpiCode: f.kpiCode ?? undefined,
      kind: f.kind ?? undefined,
      status: f.status ?? undefined,
      limit: 500,
    };
    this.list.load(this.api.listEvents(query));
  }
}
