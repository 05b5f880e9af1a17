export interface NavItem {
  readonly label: string;
  readonly path: string;
  readonly testId: string;
  /** Active only on this exact path (the portfolio at "/"), not on paths below it. */
  readonly exact: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { label: 'Portfolio', path: '/', testId: 'nav-portfolio', exact: true },
  { label: 'Drift', path: '/drift', testId: 'nav-drift', exact: false },
  { label: 'Providers', path: '/providers', testId: 'nav-providers', exact: false },
  { label: 'Contracts', path: '/contracts', testId: 'nav-contracts', exact: false },
  { label: 'Scorecards', path: '/scorecards', testId: 'nav-scorecards', exact: false },
  { label: 'Escalations', path: '/escalations', testId: 'nav-escalations', exact: false },
  { label: 'Alerts', path: '/alerts', testId: 'nav-alerts', exact: false },
  { label: 'Mail', path: '/mail', testId: 'nav-mail', exact: false },
  { label: 'Ingestion', path: '/ingestion', testId: 'nav-ingestion', exact: false },
  { label: 'Reports', path: '/reports', testId: 'nav-reports', exact: false },
];

/** Shown to admins only. */
export const ADMIN_NAV_ITEM: NavItem = { label: 'Admin', path: '/admin', testId: 'nav-admin', exact: false };
