import { DestroyRef, inject, Injectable } from '@angular/core';
import { DriftOverlayDto, DriftOverlayQuery } from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { DriftApi } from './drift.api';

/**
 * The drift overlay (control limits and event markers) of the trend a page shows. A failed overlay leaves the
 * chart as it is: the trend stays readable without it. Provide it in the page component.
 */
@Injectable()
export class DriftOverlayStore {
  private readonly api = inject(DriftApi);
  private readonly state = new Loadable<DriftOverlayDto>();

  readonly overlay = this.state.data;
  readonly status = this.state.status;
  readonly error = this.state.error;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.state.cancel());
  }

  load(providerId: string, kpiCode: string, query: DriftOverlayQuery): void {
    this.state.load(this.api.getOverlay(providerId, kpiCode, query), { clearData: true });
  }

  clear(): void {
    this.state.reset();
  }
}
