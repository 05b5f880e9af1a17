import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';

/** Navigation between the admin pages. */
@Component({
  selector: 'kpi-admin-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive, TranslocoPipe],
  template: `
    <nav class="admin-tabs" [attr.aria-label]="'admin.tabs.label' | transloco">
      <a routerLink="/admin" routerLinkActive="is-active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">{{ 'admin.tabs.users' | transloco }}</a>
      <a routerLink="/admin/kpis" routerLinkActive="is-active" ariaCurrentWhenActive="page" data-testid="admin-kpis-tab">{{ 'admin.tabs.kpis' | transloco }}</a>
      <a routerLink="/admin/audit" routerLinkActive="is-active" ariaCurrentWhenActive="page" data-testid="admin-audit-tab">{{ 'admin.tabs.audit' | transloco }}</a>
      <a routerLink="/admin/data-protection" routerLinkActive="is-active" ariaCurrentWhenActive="page" data-testid="admin-data-protection-tab">{{ 'dataProtection.tab' | transloco }}</a>
      <a routerLink="/contracts">{{ 'admin.tabs.contracts' | transloco }}</a>
      <a routerLink="/scorecards">{{ 'admin.tabs.scorecards' | transloco }}</a>
    </nav>
  `,
  styles: `
    .admin-tabs {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1.25rem;
      margin-bottom: 1rem;
      padding-bottom: 0.5rem;
      border-bottom: 1px solid var(--kpi-color-border);
    }
    .admin-tabs a {
      text-decoration: none;
      font-weight: 600;
    }
    .admin-tabs a.is-active {
      color: var(--kpi-color-text);
      text-decoration: underline;
      text-underline-offset: 0.4em;
    }
  `,
})
export class AdminTabsComponent {}
