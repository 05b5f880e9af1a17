import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { DriftEventDetailDto } from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { DriftApi } from './drift.api';

/** One drift event with its evidence, attribution and history. Provide it in the page component. */
@Injectable()
export class DriftEventStore {
  private readonly api = inject(DriftApi);
  private readonly detail = new Loadable<DriftEventDetailDto>();
  private id: string | null = null;

  readonly event = this.detail.data;
  readonly status = this.detail.status;
  readonly error = this.detail.error;
  readonly notFound = computed(() => {
    const status = this.detail.error()?.status;
    return status === 400 || status === 403 || status === 404;
  });

  constructor() {
    inject(DestroyRef).onDestroy(() => this.detail.cancel());
  }

  open(id: string): void {
    this.id = id;
    this.detail.load(this.api.getEvent(id), { clearData: true });
  }

  reload(): void {
    if (this.id) this.open(this.id);
  }
}
