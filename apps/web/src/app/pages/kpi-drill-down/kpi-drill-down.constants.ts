/** The KPI `/kpis` opens on (a built-in KPI every provider reports); the page lets the user pick another. */
export const DEFAULT_DRILL_DOWN_KPI = 'service_level';
