/** Strings of the kpi drill down page. */
export const kpiDrillDown = {} as const;
