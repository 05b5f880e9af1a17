import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { UserSummary } from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { UsersApi } from './users.api';

/** The user accounts for the admin page. Provide it in the page component; every visit loads fresh data. */
@Injectable()
export class UsersStore {
  private readonly api = inject(UsersApi);
  private readonly list = new Loadable<UserSummary[]>();

  readonly users = computed(() => this.list.data() ?? []);
  readonly status = this.list.status;
  readonly error = this.list.error;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.list.cancel());
  }

  load(): void {
    this.list.load(this.api.list());
  }
}
