/**
 * English strings of the shared components, under the `ui` key of the app's dictionary. They live with the
 * components (not in the app) so the components' own tests can render them.
 */
export const uiEn = {
  noData: 'No data',
  exportCsv: 'Export CSV',
  exportCsvOf: 'Export {{table}} as CSV',
  sortBy: 'Sort by {{column}}',
} as const;

export type UiStrings = typeof uiEn;
