/** Strings of the "who accessed this provider" page. */
export const providerAccess = {
  title: 'Who accessed {{provider}}',
  thisProvider: 'this provider',
  lead: 'Views of this provider\'s pages, report downloads and exports, newest first.',
  back: 'Back to the provider',
  loadError: 'The access log could not be loaded',
  tableName: 'Accesses to this provider\'s data',
  total: '{{count}} accesses recorded.',
  emptyHeading: 'No accesses recorded',
  emptyMessage: 'Nobody has viewed or downloaded this provider\'s data yet.',
  loading: 'Loading the access log…',
  allowed: 'Allowed',
  refused: 'Refused ({{status}})',
  columns: {
    when: 'When',
    who: 'Who',
    what: 'What',
    outcome: 'Outcome',
  },
  actions: {
    provider_view: 'Viewed the provider page',
    provider_kpi_trend_view: 'Viewed a KPI trend',
    provider_sla_view: 'Viewed SLA attainment',
    provider_scorecard_view: 'Viewed the scorecard',
    report_download: 'Downloaded a report',
    provider_export: 'Exported data',
  },
} as const;
