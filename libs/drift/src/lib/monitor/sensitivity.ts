import { DriftSettingsOverrides } from '../drift.types';

/** A user-facing knob over the screening threshold, so nobody has to tune CUSUM parameters by hand. */
export type DriftSensitivity = 'low' | 'default' | 'high';

export const DRIFT_SENSITIVITIES: readonly DriftSensitivity[] = ['low', 'default', 'high'];

/**
 * Overrides of DEFAULT_DRIFT_SETTINGS per sensitivity. Only the CUSUM screening threshold h and the
 * confirmation level move (k = 0.5 stays, optimal for a 1 sigma shift). In-control run lengths per side
 * from Siegmund's approximation with known parameters, ARL0 = (e^(2 k b) - 2 k b - 1) / (2 k^2),
 * b = h + 1.166 (the default h = 8 gives ~19,000 per side, matching the simulation):
 *   low:     h = 10, confirmation at 2 standard errors    (~140,000 per side; fewer, later alarms)
 *   default: h = 8,  confirmation at 1.5 standard errors  (~19,000 per side)
 *   high:    h = 6,  confirmation at 1.2 standard errors  (~2,600 per side; earlier, more false alarms)
 * Real series have estimated parameters and autocorrelation, so the observed false-alarm rates are
 * higher; the confirmation stage removes most of the difference (see tests/bench/drift).
 */
export const DRIFT_SENSITIVITY_PRESETS: Readonly<Record<DriftSensitivity, DriftSettingsOverrides>> = {
  low: { cusum: { h: 10 }, confirmation: { z: 2 } },
  default: {},
  high: { cusum: { h: 6 }, confirmation: { z: 1.2 } },
};
