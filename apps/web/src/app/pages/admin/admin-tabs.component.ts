import { ChangeDetectionStrategy, Component } from '@angular/core';
import { RouterLink, RouterLinkActive } from '@angular/router';

/** Navigation between the admin pages. */
@Component({
  selector: 'kpi-admin-tabs',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [RouterLink, RouterLinkActive],
  template: `
    <nav class="admin-tabs" aria-label="Administration">
      <a routerLink="/admin" routerLinkActive="is-active" [routerLinkActiveOptions]="{ exact: true }" ariaCurrentWhenActive="page">Users</a>
      <a routerLink="/admin/kpis" routerLinkActive="is-active" ariaCurrentWhenActive="page" data-testid="admin-kpis-tab">KPI catalog</a>
      <a routerLink="/admin/audit" routerLinkActive="is-active" ariaCurrentWhenActive="page" data-testid="admin-audit-tab">Audit trail</a>
      <a routerLink="/contracts">SLA contracts</a>
      <a routerLink="/scorecards">Scorecard weights</a>
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
