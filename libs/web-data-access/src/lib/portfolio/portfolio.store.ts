import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { PortfolioOverviewDto } from '@kpi/contracts';
import { AuthStore } from '../auth/auth.store';
import { Loadable } from '../core/loadable';
import { PortfolioApi } from './portfolio.api';

/**
 * The portfolio overview of the signed-in user. `load()` fetches it, clearing what a previous user saw;
 * `reload()` re-fetches it (live updates) and keeps the current overview on screen meanwhile.
 */
@Injectable({ providedIn: 'root' })
export class PortfolioStore {
  private readonly api = inject(PortfolioApi);
  private readonly auth = inject(AuthStore);
  private readonly state = new Loadable<PortfolioOverviewDto>();
  private loadedForUserId: string | null = null;

  readonly overview = this.state.data;
  readonly status = this.state.status;
  readonly error = this.state.error;
  readonly loading = this.state.loading;
  readonly heatmap = computed(() => this.overview()?.heatmap ?? []);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.state.cancel());
  }

  load(): void {
    const userId = this.auth.user()?.id ?? null;
    const sameUser = userId === this.loadedForUserId;
    this.loadedForUserId = userId;
    this.state.load(this.api.overview(), { clearData: !sameUser });
  }

  reload(): void {
    this.load();
  }
}
