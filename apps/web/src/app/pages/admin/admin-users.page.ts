import { ChangeDetectionStrategy, Component, computed, inject, OnInit } from '@angular/core';
import { TranslocoPipe } from '@jsverse/transloco';
import { UserSummary } from '@kpi/contracts';
import { ProvidersStore, UsersStore } from '@kpi/web-data-access';
import {
  CsvExportComponent,
  EmptyStateComponent,
  ErrorPanelComponent,
  formatIsoDate,
  LoadingIndicatorComponent,
  roleLabel,
  SortableTable,
  SortHeaderComponent,
  Translate,
  Translator,
} from '@kpi/web-ui';
import { AdminTabsComponent } from './admin-tabs.component';

interface UserRow {
  readonly id: string;
  readonly email: string;
  readonly displayName: string;
  readonly role: string;
  readonly providers: string;
  readonly created: string;
  readonly createdAt: string;
}

/** Admins only: every user account with its role and the providers it may see. */
@Component({
  selector: 'kpi-admin-users-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [AdminTabsComponent, TranslocoPipe, CsvExportComponent, EmptyStateComponent, ErrorPanelComponent, LoadingIndicatorComponent, SortHeaderComponent],
  providers: [UsersStore],
  templateUrl: './admin-users.page.html',
})
export class AdminUsersPage implements OnInit {
  private readonly usersStore = inject(UsersStore);
  private readonly providersStore = inject(ProvidersStore);
  private readonly translator = inject(Translator);
  private readonly t: Translate = (key, params) => this.translator.t(key, params);

  protected readonly status = this.usersStore.status;
  protected readonly error = this.usersStore.error;
  protected readonly rows = computed<UserRow[]>(() => {
    const providers = this.providersStore.byId();
    return this.usersStore.users().map((user) => ({
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      role: roleLabel(user.role, this.t),
      providers: providerNames(user, providers, this.t),
      created: user.createdAt,
      createdAt: formatIsoDate(user.createdAt),
    }));
  });

  protected readonly table = new SortableTable<UserRow>(
    [
      { key: 'email', header: () => this.t('admin.users.columns.email'), value: (u) => u.email },
      { key: 'name', header: () => this.t('admin.users.columns.name'), value: (u) => u.displayName },
      { key: 'role', header: () => this.t('admin.users.columns.role'), value: (u) => u.role },
      { key: 'providers', header: () => this.t('admin.users.columns.providers'), value: (u) => u.providers },
      { key: 'created', header: () => this.t('admin.users.columns.created'), value: (u) => u.created },
    ],
    this.rows,
  );

  ngOnInit(): void {
    this.reload();
  }

  protected reload(): void {
    this.usersStore.load();
    this.providersStore.load();
  }
}

/** Provider names for a user; admins and executives see every provider. Unknown ids are shown as they are. */
function providerNames(user: UserSummary, providers: ReadonlyMap<string, { name: string }>, t: Translate): string {
  if (user.providerIds.length === 0) {
    return user.role === 'admin' || user.role === 'executive' ? t('admin.users.allProviders') : t('admin.users.none');
  }
  return user.providerIds.map((id) => providers.get(id)?.name ?? id).join(', ');
}
