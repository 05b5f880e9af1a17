/** Strings of the providers page. */
export const providers = {
  title: 'Providers',
  lead: 'The outsourcing providers you govern, where they deliver from and what they deliver.',
  loadError: 'The providers could not be loaded',
  loading: 'Loading providers…',
  emptyHeading: 'No providers to show',
  emptyMessage: 'Your account has no providers assigned yet. Ask an administrator to give you access to the providers you govern.',
  tableName: 'Providers',
  caption: 'Providers, their sites and service lines',
  columns: { provider: 'Provider', code: 'Code', sites: 'Sites', serviceLines: 'Service lines', lastData: 'Last data' },
  noSites: 'No sites',
  none: 'None',
  noDataYet: 'No data yet',
} as const;
