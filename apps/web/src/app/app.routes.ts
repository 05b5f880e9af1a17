import { Route } from '@angular/router';
import { adminGuard, signedInGuard, signedOutGuard } from './core/auth.guards';
import { ShellComponent } from './core/layout/shell.component';

export const appRoutes: Route[] = [
  {
    path: 'sign-in',
    title: 'Sign in',
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
        title: 'Portfolio',
        loadComponent: () => import('./pages/portfolio/portfolio.page').then((m) => m.PortfolioPage),
      },
      {
        path: 'providers',
        title: 'Providers',
        loadComponent: () => import('./pages/providers/providers.page').then((m) => m.ProvidersPage),
      },
      {
        path: 'providers/:id',
        title: 'Provider',
        loadComponent: () => import('./pages/provider/provider.page').then((m) => m.ProviderPage),
      },
      {
        path: 'escalations',
        title: 'Escalations',
        loadComponent: () => import('./pages/escalations/escalations.page').then((m) => m.EscalationsPage),
      },
      {
        path: 'ingestion',
        title: 'Ingestion',
        loadComponent: () => import('./pages/ingestion/ingestion.page').then((m) => m.IngestionPage),
      },
      {
        path: 'reports',
        title: 'Reports',
        loadComponent: () => import('./pages/reports/reports.page').then((m) => m.ReportsPage),
      },
      {
        path: 'admin',
        title: 'Admin',
        canActivate: [adminGuard],
        loadComponent: () => import('./pages/admin/admin-users.page').then((m) => m.AdminUsersPage),
      },
      {
        path: '**',
        title: 'Page not found',
        loadComponent: () => import('./pages/not-found/not-found.page').then((m) => m.NotFoundPage),
      },
    ],
  },
];
