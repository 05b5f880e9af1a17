import { Route } from '@angular/router';
import { adminGuard, signedInGuard, signedOutGuard } from './core/auth.guards';
import { ShellComponent } from './core/layout/shell.component';
import { DEFAULT_DRILL_DOWN_KPI } from './pages/kpi-drill-down/kpi-drill-down.constants';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'titles.signIn',
    canActivate: [signedOutGuard],
    loadComponent: () => import('./pages/sign-in/sign-in.page').then((m) => m.SignInPage),
  },
  {
    path: '',
    component: ShellComponent,
    canActivate: [signedInGuard],
    canActivateChild: [signedInGuard],
    children: [
      {
        path: '',
        pathMatch: 'full',
        title: 'titles.portfolio',
        loadComponent: () => import('./pages/portfolio/portfolio.page').then((m) => m.PortfolioPage),
      },
      {
        path: 'drift',
        title: 'titles.drift',
        loadComponent: () => import('./pages/drift/drift-events.page').then((m) => m.DriftEventsPage),
      },
      {
        path: 'drift/:id',
        title: 'titles.driftEvent',
        loadComponent: () => import('./pages/drift/drift-event.page').then((m) => m.DriftEventPage),
      },
      {
        path: 'providers',
        title: 'titles.providers',
        loadComponent: () => import('./pages/providers/providers.page').then((m) => m.ProvidersPage),
      },
      {
        path: 'providers/:id',
        title: 'titles.provider',
        loadComponent: () => import('./pages/provider/provider.page').then((m) => m.ProviderPage),
      },
      {
        path: 'kpis',
        pathMatch: 'full',
        redirectTo: `kpis/${DEFAULT_DRILL_DOWN_KPI}`,
      },
      {
        path: 'kpis/:code',
        title: 'titles.kpiDrillDown',
        loadComponent: () => import('./pages/kpi-drill-down/kpi-drill-down.page').then((m) => m.KpiDrillDownPage),
      },
      {
        path: 'contracts',
        title: 'titles.contracts',
        loadComponent: () => import('./pages/contracts/contracts.page').then((m) => m.ContractsPage),
      },
      {
        path: 'contracts/:id',
        title: 'titles.contract',
        loadComponent: () => import('./pages/contracts/contract.page').then((m) => m.ContractPage),
      },
      {
        path: 'scorecards',
        title: 'titles.scorecards',
        loadComponent: () => import('./pages/scorecards/scorecards.page').then((m) => m.ScorecardsPage),
      },
      {
        path: 'escalations',
        title: 'titles.escalations',
        loadComponent: () => import('./pages/escalations/escalations.page').then((m) => m.EscalationsPage),
      },
      {
        path: 'escalations/matrix',
        title: 'titles.escalationMatrices',
        loadComponent: () => import('./pages/escalations/escalation-matrix.page').then((m) => m.EscalationMatrixPage),
      },
      {
        path: 'escalations/:id',
        title: 'titles.escalation',
        loadComponent: () => import('./pages/escalations/escalation-detail.page').then((m) => m.EscalationDetailPage),
      },
      {
        path: 'alerts',
        title: 'titles.alerts',
        loadComponent: () => import('./pages/alerts/alerts.page').then((m) => m.AlertsPage),
      },
      {
        path: 'mail',
        title: 'titles.mail',
        loadComponent: () => import('./pages/mail/mail.page').then((m) => m.MailPage),
      },
      {
        path: 'ingestion',
        title: 'titles.ingestion',
        loadComponent: () => import('./pages/ingestion/ingestion.page').then((m) => m.IngestionPage),
      },
      {
        path: 'reports',
        title: 'titles.reports',
        loadComponent: () => import('./pages/reports/reports.page').then((m) => m.ReportsPage),
      },
      {
        path: 'admin',
        title: 'titles.admin',
        canActivate: [adminGuard],
        loadComponent: () => import('./pages/admin/admin-users.page').then((m) => m.AdminUsersPage),
      },
      {
        path: 'admin/kpis',
        title: 'titles.kpiCatalog',
        canActivate: [adminGuard],
        loadComponent: () => import('./pages/admin/admin-kpis.page').then((m) => m.AdminKpisPage),
      },
      {
        path: 'admin/audit',
        title: 'titles.auditTrail',
        canActivate: [adminGuard],
        loadComponent: () => import('./pages/admin/admin-audit.page').then((m) => m.AdminAuditPage),
      },
      {
        path: 'admin/data-protection',
        title: 'titles.dataProtection',
        canActivate: [adminGuard],
        loadComponent: () => import('./pages/admin/admin-data-protection.page').then((m) => m.AdminDataProtectionPage),
      },
      {
        path: 'providers/:id/access',
        title: 'titles.providerAccess',
        loadComponent: () => import('./pages/provider-access/provider-access.page').then((m) => m.ProviderAccessPage),
      },
      {
        path: '**',
        title: 'titles.notFound',
        loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
