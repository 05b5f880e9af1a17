import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { UserSummary } from '@kpi/contracts';
import { ProvidersStore, UsersStore } from '@kpi/web-data-access';
import {
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  LoadingIndicatorComponent,
  roleLabel,
} from '@kpi/web-ui';
import { AdminTabsComponent } from './admin-tabs.component';

/** Admins only: every user account with its role and the providers it may see. */
@Component({
  selector: 'kpi-admin-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminTabsComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent],
  providers: [UsersStore],
  templateUrl: './admin-users.page.html',
})
export class AdminUsersPage implements OnInit {
  private readonly usersStore = inject(UsersStore);
  private readonly providersStore = inject(ProvidersStore);

  protected readonly status = this.usersStore.status;
  protected readonly error = this.usersStore.error;
  protected readonly rows = computed(() => {
    const providers = this.providersStore.byId();
    return this.usersStore.users().map((user) => ({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: roleLabel(user.role),
      providers: providerNames(user, providers),
      createdAt: formatIsoDate(user.createdAt),
    }));
  });

  ngOnInit(): void {
    this.reload();
  }

  protected reload(): void {
    this.usersStore.load();
    this.providersStore.load();
  }
}

/** Provider names for a user; admins and executives see every provider. Unknown ids are shown as they are. */
function providerNames(user: UserSummary, providers: ReadonlyMap<string, { name: string }>): string {
  if (user.providerIds.length === 0) {
    return user.role === 'admin' || user.role === 'executive' ? 'All providers' : 'None';
  }
  return user.providerIds.map((id) => providers.get(id)?.name ?? id).join(', ');
}
