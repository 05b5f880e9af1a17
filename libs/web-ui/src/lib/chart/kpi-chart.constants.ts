/** Colours of the KPI charts (Chart.js draws on a canvas, so CSS variables do not reach it). */
export const KPI_CHART_COLORS = {
  line: '#1d4ed8',
  point: '#1d4ed8',
  band: 'rgba(19, 115, 51, 0.12)',
  bandBorder: 'rgba(19, 115, 51, 0.55)',
  grid: '#e4e7eb',
  limit: 'rgba(82, 96, 109, 0.10)',
  limitBorder: 'rgba(82, 96, 109, 0.55)',
  markerAdverse: '#b42318',
  markerFavourable: '#137333',
  markerResolved: '#7b8794',
  text: '#3e4c59',
} as const;

/** Hide point markers when a series has more points than this (they would only add noise). */
export const MAX_POINTS_WITH_MARKERS = 60;
