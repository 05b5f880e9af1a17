import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { EscalationListDto, EscalationQuery } from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { LiveUpdates } from '../live/live-updates';
import { EscalationsApi } from './escalations.api';

export type EscalationQueueFilters = Required<Pick<EscalationQuery, 'status'>> & Omit<EscalationQuery, 'status' | 'limit' | 'offset'>;

export const DEFAULT_QUEUE_FILTERS: EscalationQueueFilters = { status: 'active' };

/** The escalation queue with its filters (overdue first, as the api orders it). Provide it in the page. */
@Injectable()
export class EscalationQueueStore {
  private readonly api = inject(EscalationsApi);
  private readonly list = new Loadable<EscalationListDto>();

  readonly filters = signal<EscalationQueueFilters>(DEFAULT_QUEUE_FILTERS);
  readonly items = computed(() => this.list.data()?.items ?? []);
  readonly total = computed(() => this.list.data()?.total ?? 0);
  readonly overdueCount = computed(() => this.items().filter((e) => e.overdue).length);
  readonly status = this.list.status;
  readonly error = this.list.error;
  readonly loading = this.list.loading;

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => this.list.cancel());
    inject(LiveUpdates).onChange(['escalations'], () => this.load(), destroyRef);
  }

  load(): void {
    this.list.load(this.api.list({ ...this.filters(), limit: 200 }));
  }

  setFilters(filters: Partial<EscalationQueueFilters>): void {
    this.filters.update((current) => clean({ ...current, ...filters }));
    this.load();
  }

  resetFilters(): void {
    this.filters.set(DEFAULT_QUEUE_FILTERS);
    this.load();
  }
}

function clean(filters: EscalationQueueFilters): EscalationQueueFilters {
  return Object.fromEntries(Object.entries(filters).filter(([, v]) => v !== undefined && v !== null && v !== '' && v !== false)) as EscalationQueueFilters;
}
