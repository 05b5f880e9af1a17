import type { AttainmentStatus } from '@kpi/domain';

/** A provider is flagged as stale when its newest data is at least this many days old. */
export const STALE_DATA_DAYS = 3;

/** Shown next to the status text in a heatmap cell, so the status never depends on colour alone. */
export const PORTFOLIO_STATUS_ICONS: Record<AttainmentStatus, string> = {
  met: '✓',
  at_risk: '!',
  breached: '✕',
  no_data: '–',
};

