import { DEFAULT_DRIFT_SETTINGS } from '../drift.constants';
import { DriftSettings, DriftSettingsOverrides } from '../drift.types';

/** Merges overrides (one level deep) into the defaults. */
export function resolveDriftSettings(overrides?: DriftSettingsOverrides): DriftSettings {
  if (!overrides) return DEFAULT_DRIFT_SETTINGS;
  const d = DEFAULT_DRIFT_SETTINGS;
  const o = overrides;
  return {
    detectors: o.detectors ?? d.detectors,
    locateStart: o.locateStart ?? d.locateStart,
    baselineSeasons: o.baselineSeasons ?? d.baselineSeasons,
    baselinePointsWithoutSeason: o.baselinePointsWithoutSeason ?? d.baselinePointsWithoutSeason,
    minBaselinePoints: o.minBaselinePoints ?? d.minBaselinePoints,
    cusum: { ...d.cusum, ...o.cusum },
    ewma: { ...d.ewma, ...o.ewma },
    controlChart: { ...d.controlChart, ...o.controlChart },
    mannKendall: { ...d.mannKendall, ...o.mannKendall },
    variance: { ...d.variance, ...o.variance },
    outliers: { ...d.outliers, ...o.outliers },
    confirmation: { ...d.confirmation, ...o.confirmation },
    levelShiftSigma: o.levelShiftSigma ?? d.levelShiftSigma,
    regimeWarmup: o.regimeWarmup ?? d.regimeWarmup,
    minTrendPoints: o.minTrendPoints ?? d.minTrendPoints,
    statusHorizon: o.statusHorizon ?? d.statusHorizon,
    historyLength: o.historyLength ?? d.historyLength,
    sigmaRefinePointsPerSlot: o.sigmaRefinePointsPerSlot ?? d.sigmaRefinePointsPerSlot,
  };
}
