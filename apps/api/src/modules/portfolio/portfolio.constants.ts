/** How many provider x KPI cells the "worst changes since last week" list shows. */
export const WORST_CHANGES_LIMIT = 5;
