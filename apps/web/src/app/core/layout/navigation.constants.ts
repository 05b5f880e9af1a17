export interface NavItem {
  /** Translation key of the link text. */
  readonly labelKey: string;
  readonly path: string;
  readonly testId: string;
  /** Active only on this exact path (the portfolio at "/"), not on paths below it. */
  readonly exact: boolean;
}

export const NAV_ITEMS: readonly NavItem[] = [
  { labelKey: 'nav.portfolio', path: '/', testId: 'nav-portfolio', exact: true },
  { labelKey: 'nav.drift', path: '/drift', testId: 'nav-drift', exact: false },
  { labelKey: 'nav.providers', path: '/providers', testId: 'nav-providers', exact: false },
  { labelKey: 'nav.kpis', path: '/kpis', testId: 'nav-kpis', exact: false },
  { labelKey: 'nav.contracts', path: '/contracts', testId: 'nav-contracts', exact: false },
  { labelKey: 'nav.scorecards', path: '/scorecards', testId: 'nav-scorecards', exact: false },
  { labelKey: 'nav.escalations', path: '/escalations', testId: 'nav-escalations', exact: false },
  { labelKey: 'nav.alerts', path: '/alerts', testId: 'nav-alerts', exact: false },
  { labelKey: 'nav.mail', path: '/mail', testId: 'nav-mail', exact: false },
  { labelKey: 'nav.ingestion', path: '/ingestion', testId: 'nav-ingestion', exact: false },
  { labelKey: 'nav.reports', path: '/reports', testId: 'nav-reports', exact: false },
];

/** Shown to admins only. */
export const ADMIN_NAV_ITEM: NavItem = { labelKey: 'nav.admin', path: '/admin', testId: 'nav-admin', exact: false };
