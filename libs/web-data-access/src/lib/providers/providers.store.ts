import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { ProviderSummaryDto } from '@kpi/contracts';
import { AuthStore } from '../auth/auth.store';
import { Loadable } from '../core/loadable';
import { LiveUpdates } from '../live/live-updates';
import { ProvidersApi } from './providers.api';

/**
 * The providers the signed-in user may see (portfolio, providers list, admin lookups). Each `load()` fetches
 * fresh data; what was loaded before stays visible meanwhile, but never across a change of user.
 */
@Injectable({ providedIn: 'root' })
export class ProvidersStore {
  private readonly api = inject(ProvidersApi);
  private readonly auth = inject(AuthStore);
  private readonly list = new Loadable<ProviderSummaryDto[]>();
  private loadedForUserId: string | null = null;

  readonly providers = computed(() => this.list.data() ?? []);
  readonly status = this.list.status;
  readonly error = this.list.error;
  readonly loading = this.list.loading;
  readonly byId = computed(() => new Map(this.providers().map((provider) => [provider.id, provider])));

  constructor() {
    const destroyRef = inject(DestroyRef);
    destroyRef.onDestroy(() => this.list.cancel());
    // Latest values, freshness and counts change with every run and event: refresh what is already shown.
    inject(LiveUpdates).onChange(['ingestion', 'drift', 'escalations'], () => this.refreshIfShown(), destroyRef);
  }

  private refreshIfShown(): void {
    if (this.list.status() !== 'idle' && this.auth.user()?.id === this.loadedForUserId) this.load();
  }

  load(): void {
    const userId = this.auth.user()?.id ?? null;
    const sameUser = userId === this.loadedForUserId;
    this.loadedForUserId = userId;
    this.list.load(this.api.list(), { clearData: !sameUser });
  }
}
