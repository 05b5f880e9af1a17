import { createHash } from 'node:crypto';
import type { DriftKpiSettingsDto } from '@kpi/contracts';
import {
  DEFAULT_DRIFT_SETTINGS,
  DEFAULT_QA_REGRESSION_SETTINGS,
  DRIFT_SENSITIVITY_PRESETS,
  DriftSensitivity,
  DriftSettingsOverrides,
  MonitorDetectorName,
} from '@kpi/drift';
import type { StoredDriftSettings } from '../drift.repository';

export interface EffectiveDriftSettings {
  readonly kpiCode: string;
  readonly providerId: string | null;
  readonly enabled: boolean;
  readonly detectors: MonitorDetectorName[];
  readonly sensitivity: DriftSensitivity;
  readonly baselineLength: number | null;
  readonly minSamples: number | null;
  readonly source: DriftKpiSettingsDto['source'];
}

/**
 * KPIs whose series the engine evaluates by complete week rather than by day. A daily QA score or
 * auto-fail rate comes from a handful of sampled evaluations, and one auto-fail zeroes one of them: the
 * day-to-day scatter is sampling (how many evaluations, how many auto-failed), heavy-tailed and far from
 * the normal noise the detectors assume, so daily points produce spurious shifts and variance changes.
 * A week pools about a hundred evaluations. (The QA regression test, with tests built for counts, runs
 * every day on 4-week windows.)
 */
export const ENGINE_WEEKLY_KPIS: ReadonlySet<string> = new Set(['qa_score', 'qa_autofail_rate']);

/**
 * The settings of a KPI for a provider: each field from the provider override if set there, else from
 * the KPI's own settings, else the library default (which needs no tuning).
 */
export function effectiveSettings(
  kpiCode: string,
  providerId: string | null,
  rows: readonly StoredDriftSettings[],
): EffectiveDriftSettings {
  const kpiRow = rows.find((r) => r.kpiCode === kpiCode && r.providerId === null);
  const providerRow = providerId
    ? rows.find((r) => r.kpiCode === kpiCode && r.providerId === providerId)
    : undefined;
  const pick = <K extends keyof StoredDriftSettings>(key: K): StoredDriftSettings[K] | null =>
    providerRow?.[key] ?? kpiRow?.[key] ?? null;
  return {
    kpiCode,
    providerId,
    enabled: pick('enabled') ?? true,
    detectors: (pick('detectors') as MonitorDetectorName[] | null) ?? [...DEFAULT_DRIFT_SETTINGS.detectors],
    sensitivity: (pick('sensitivity') as DriftSensitivity | null) ?? 'default',
    baselineLength: pick('baselineLength') as number | null,
    minSamples: pick('minSamples') as number | null,
    source: providerRow ? 'provider' : kpiRow ? 'kpi' : 'default',
  };
}

/** The library overrides for these settings (detectors, sensitivity preset, minimum baseline points). */
export function toLibraryOverrides(s: EffectiveDriftSettings): DriftSettingsOverrides {
  const preset = DRIFT_SENSITIVITY_PRESETS[s.sensitivity];
  return {
    ...preset,
    detectors: s.detectors,
    ...(s.minSamples !== null ? { minBaselinePoints: s.minSamples } : {}),
  };
}

/** QA test settings: the minimum evaluations per window, with the engine's practical-significance thresholds. */
export function qaSettings(
  s: EffectiveDriftSettings,
  engine: { fdr: number; minScoreDrop: number; minAutoFailRise: number },
): { fdr: number; minEvaluations: number; minScoreDrop: number; minAutoFailRise: number } {
  return {
    minEvaluations: s.minSamples ?? DEFAULT_QA_REGRESSION_SETTINGS.minEvaluations,
    ...engine,
  };
}

/** A short stable hash of everything that changes a series' evaluation (settings, direction, engine version). */
export function settingsHash(parts: unknown): string {
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}
