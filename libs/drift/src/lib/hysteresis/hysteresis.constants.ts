import type { HysteresisSettings } from './hysteresis';

/**
 * Open after 2 consecutive drifting evaluations (the detectors already confirm changes, one more
 * evaluation guards against a change revised away the next day); resolve after 3 consecutive clear
 * ones, so a recovering KPI has to stay recovered for a few periods before the alert closes.
 */
export const DEFAULT_HYSTERESIS_SETTINGS: HysteresisSettings = {
  minBreachingToOpen: 2,
  minClearToResolve: 3,
};
