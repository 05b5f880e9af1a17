/** "At risk" when within 2 % of the minimum level (relative to |minimum|) unless a margin is given. */
export const DEFAULT_AT_RISK_MARGIN_RATIO = 0.02;
/**
 * Burn rate at or above which the error budget burns fast: 2 means the period's budget is gone by
 * the middle of the period (SRE practice pages at 14.4 over 1 h for a 30-day window; for daily KPI
 * data a factor of 2 over the period so far is the comparable early warning).
 */
export const DEFAULT_FAST_BURN_RATE = 2;
