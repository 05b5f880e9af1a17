import type { DriftResolution } from '@kpi/contracts';
import { computeKpiValue, KpiAggregation, SlaContractVersion } from '@kpi/domain';
import {
  appendPoint,
  BetterWhen,
  chooseEvaluationGranularity,
  createSeriesStateWithTimeline,
  currentStatus,
  DailyComponents,
  DriftFinding,
  DriftSettingsOverrides,
  EvaluationGranularity,
  HysteresisSignal,
  SeriesState,
  SeriesStatus,
  SeriesTimelinePoint,
  sumCompleteWeeks,
  WEEKLY_BASELINE_POINTS,
} from '@kpi/drift';
import { addDays } from '@kpi/domain';
import {
  addToFingerprint,
  EMPTY_FINGERPRINT,
  sameFingerprint,
  SeriesData,
  SeriesFingerprint,
} from './series-model';
import { evaluateSlaDay, PeriodAccumulators, SlaDayResult } from './sla-rules';
import { Episode, TrackRunner, TrackStates } from './tracks';

/** What the engine needs to know about a KPI series to evaluate it. */
export interface SeriesConfig {
  readonly kpi: { readonly code: string; readonly aggregation: KpiAggregation; readonly unit: string };
  readonly betterWhen: BetterWhen;
  /** Shares of a count (percent ratios): subject to the low-volume rule (chooseEvaluationGranularity). */
  readonly proportion: boolean;
  /** Run the detectors on complete weeks even when the daily volume would allow days (see ENGINE_WEEKLY_KPIS). */
  readonly weekly?: boolean;
  readonly enabled: boolean;
  readonly overrides: DriftSettingsOverrides;
  readonly baselineLength: number | null;
  /** Changes whenever anything above changes: a different hash forces a full re-evaluation. */
  readonly settingsHash: string;
  readonly slaVersions: readonly SlaContractVersion[];
}

/** What is kept per series between runs (the drift_series row). */
export interface StoredSeries {
  readonly granularity: EvaluationGranularity;
  readonly granularityReason: string;
  /** The library's incremental state (JSON), null when not monitored. */
  readonly state: SeriesState | null;
  /** Library status, or 'low_volume' / 'disabled'. */
  readonly status: SeriesStatus | 'low_volume' | 'disabled';
  /** Last day covered by the detectors' points (for a weekly series: the Sunday of the last week). */
  readonly detectorLastDate: string | null;
  /** Last data day read (fingerprint and SLA rules cover every day up to it). */
  readonly coveredTo: string | null;
  readonly firstDate: string | null;
  readonly points: number;
  readonly fingerprint: SeriesFingerprint | null;
  readonly tracks: TrackStates;
  readonly slaAccumulators: PeriodAccumulators;
  readonly settingsHash: string | null;
}

/** What decided an alert when it opened. */
export interface DriftEpisodeInfo {
  readonly finding?: DriftFinding;
  /** Index of the finding in the series state's findings (stable while the state is appended to). */
  readonly findingIndex?: number;
  readonly sla?: SlaDayResult;
}

export type SeriesRun =
  | { readonly outcome: 'needs_history' }
  | { readonly outcome: 'unchanged' }
  | {
      readonly outcome: 'evaluated';
      readonly mode: 'full' | 'incremental';
      readonly next: StoredSeries;
      readonly episodes: Episode<DriftEpisodeInfo>[];
      /** The finding that decides the status now (adverse when drifting, favourable when improving), and its index. */
      readonly current: DriftFinding | null;
      readonly currentIndex: number;
      /** The SLA rule result of the last day (null when met or no terms). */
      readonly sla: SlaDayResult | null;
      readonly lastDate: string;
    };

export interface SeriesRunInput {
  readonly data: SeriesData;
  readonly config: SeriesConfig;
  readonly stored: StoredSeries | null;
  /** The days given start at the first day of data (not only the new ones). */
  readonly historyLoaded: boolean;
  /** The earliest period an ingestion run touched: where it changed history, the series is re-evaluated in full. */
  readonly restatedFrom: string | null;
  /** Compare the stored fingerprint with the data (the nightly safety net); needs historyLoaded. */
  readonly checkFingerprint: boolean;
  readonly force: boolean;
}

/** The first day an incremental run of this stored series needs (null: everything). */
export function firstDayNeeded(stored: StoredSeries | null): string | null {
  if (!stored || stored.coveredTo === null) return null;
  const fromCovered = addDays(stored.coveredTo, 1);
  if (stored.granularity === 'week' && stored.detectorLastDate !== null) {
    const fromWeeks = addDays(stored.detectorLastDate, 1);
    return fromWeeks < fromCovered ? fromWeeks : fromCovered;
  }
  return fromCovered;
}

/**
 * Evaluates one series: a full pass (new series, changed settings, restated history, or forced) that
 * replays every point through the detectors and the alert tracks, or an incremental pass that appends
 * only the new points to the stored state. Both give the same tracks and findings for the same data,
 * because appendPoint is exactly equivalent to the full pass (see @kpi/drift).
 */
export function runSeries(input: SeriesRunInput): SeriesRun {
  const { data, config, stored } = input;
  const days = data.days;
  const lastDay = days.length > 0 ? days[days.length - 1].date : null;
  if (lastDay === null) return { outcome: 'unchanged' };

  if (!config.enabled) {
    if (stored?.status === 'disabled') return { outcome: 'unchanged' };
    const runner = new TrackRunner<DriftEpisodeInfo>(stored?.tracks);
    runner.closeAll(lastDay, 'disabled');
    return {
      outcome: 'evaluated',
      mode: 'full',
      next: {
        granularity: stored?.granularity ?? 'day',
        granularityReason: 'Drift detection is disabled for this KPI.',
        state: null,
        status: 'disabled',
        detectorLastDate: null,
        coveredTo: null,
        firstDate: days[0].date,
        points: 0,
        fingerprint: null,
        tracks: runner.snapshot(),
        slaAccumulators: {},
        settingsHash: config.settingsHash,
      },
      episodes: runner.episodes,
      current: null,
      currentIndex: -1,
      sla: null,
      lastDate: lastDay,
    };
  }

  const coveredTo = stored?.coveredTo ?? null;
  let full =
    input.force ||
    !stored ||
    stored.status === 'disabled' ||
    stored.settingsHash !== config.settingsHash ||
    coveredTo === null;
  // An ingestion run that touched days this series already covered (a restatement or late data), or the
  // nightly check: compare the stored fingerprint with the data, so only series whose history changed
  // are re-evaluated in full.
  const touched = input.restatedFrom !== null && coveredTo !== null && input.restatedFrom <= coveredTo;
  if (!full && (touched || input.checkFingerprint)) {
    if (!input.historyLoaded) return { outcome: 'needs_history' };
    const seen = addToFingerprint(
      EMPTY_FINGERPRINT,
      days.filter((d) => d.date <= (coveredTo as string)),
    );
    full = !sameFingerprint((stored as StoredSeries).fingerprint, seen);
  }
  if (full && !input.historyLoaded) return { outcome: 'needs_history' };
  return full ? runFull(input, lastDay) : runIncremental(input, stored as StoredSeries, lastDay);
}

function runFull(input: SeriesRunInput, lastDay: string): SeriesRun {
  const { data, config } = input;
  const days = data.days;
  const runner = new TrackRunner<DriftEpisodeInfo>(null);
  let choice = chooseEvaluationGranularity(days, { proportion: config.proportion });
  if (config.weekly && choice.granularity === 'day')
    choice = {
      ...choice,
      granularity: 'week',
      reason: 'A few sampled evaluations a day: evaluated by week.',
    };
  let state: SeriesState | null = null;
  let detectorLastDate: string | null = null;
  let points = 0;
  if (choice.granularity !== 'none') {
    const series = choice.granularity === 'day' ? days : sumCompleteWeeks(days, lastDay);
    const values = series.map((d) => computeKpiValue(config.kpi.aggregation, d));
    const dates = series.map((d) => d.date);
    const replay = createSeriesStateWithTimeline(
      {
        values,
        dates,
        betterWhen: config.betterWhen,
        baselineLength: baselineLengthFor(config, choice.granularity),
      },
      config.overrides,
    );
    state = replay.state;
    const findings = state.findings;
    replay.timeline.forEach((point, i) =>
      stepDriftTracks(runner, point, findings, i, pointEnd(dates[i], choice.granularity)),
    );
    points = series.length;
    detectorLastDate = series.length > 0 ? pointEnd(dates[series.length - 1], choice.granularity) : null;
  }
  const accumulators: PeriodAccumulators = {};
  const sla = stepSlaTracks(runner, input, days, accumulators);
  const status = state ? currentStatus(state) : null;
  return {
    outcome: 'evaluated',
    mode: 'full',
    next: {
      granularity: choice.granularity,
      granularityReason: choice.reason,
      state,
      status: status ? status.status : 'low_volume',
      detectorLastDate,
      coveredTo: lastDay,
      firstDate: days[0].date,
      points,
      fingerprint: addToFingerprint(EMPTY_FINGERPRINT, days),
      tracks: runner.snapshot(),
      slaAccumulators: accumulators,
      settingsHash: config.settingsHash,
    },
    episodes: runner.episodes,
    current: state && status && status.finding >= 0 ? state.findings[status.finding] : null,
    currentIndex: status ? status.finding : -1,
    sla,
    lastDate: lastDay,
  };
}

function runIncremental(input: SeriesRunInput, stored: StoredSeries, lastDay: string): SeriesRun {
  const { data, config } = input;
  const coveredTo = stored.coveredTo as string;
  const newDays = data.days.filter((d) => d.date > coveredTo);
  if (newDays.length === 0) return { outcome: 'unchanged' };
  const runner = new TrackRunner<DriftEpisodeInfo>(stored.tracks);
  let state = stored.state;
  let detectorLastDate = stored.detectorLastDate;
  let points = stored.points;
  if (state !== null && stored.granularity !== 'none') {
    const after = detectorLastDate;
    const candidates = data.days.filter((d) => after === null || d.date > after);
    const series =
      stored.granularity === 'day'
        ? candidates
        : sumCompleteWeeks(candidates, lastDay).filter((w) => after === null || w.date > after);
    for (const point of series) {
      const value = computeKpiValue(config.kpi.aggregation, point);
      const index = state.n;
      state = appendPoint(state, value, point.date).state;
      stepDriftTracks(
        runner,
        currentStatus(state),
        state.findings,
        index,
        pointEnd(point.date, stored.granularity),
      );
      points += 1;
      detectorLastDate = pointEnd(point.date, stored.granularity);
    }
  }
  const accumulators: PeriodAccumulators = { ...stored.slaAccumulators };
  const sla = stepSlaTracks(runner, input, newDays, accumulators);
  const status = state ? currentStatus(state) : null;
  return {
    outcome: 'evaluated',
    mode: 'incremental',
    next: {
      ...stored,
      state,
      status: status ? status.status : stored.status,
      detectorLastDate,
      coveredTo: lastDay,
      points,
      fingerprint: addToFingerprint(stored.fingerprint ?? EMPTY_FINGERPRINT, newDays),
      tracks: runner.snapshot(),
      slaAccumulators: accumulators,
    },
    episodes: runner.episodes,
    current: state && status && status.finding >= 0 ? state.findings[status.finding] : null,
    currentIndex: status ? status.finding : -1,
    sla,
    lastDate: lastDay,
  };
}

function baselineLengthFor(config: SeriesConfig, granularity: EvaluationGranularity): number | undefined {
  if (config.baselineLength !== null) return config.baselineLength;
  return granularity === 'week' ? WEEKLY_BASELINE_POINTS : undefined;
}

/** The last day a point covers: the day itself, or the Sunday of a week dated by its Monday. */
function pointEnd(date: string, granularity: EvaluationGranularity): string {
  return granularity === 'week' ? addDays(date, 6) : date;
}

/**
 * Drift tracks: drifting breaches the adverse track, improving the favourable one, in control clears
 * both, a still-learning baseline says nothing. An adverse alert that resolves is "back in control"
 * when a favourable change has been found since it opened, otherwise its level became the new normal
 * (no further change for statusHorizon points).
 */
function stepDriftTracks(
  runner: TrackRunner<DriftEpisodeInfo>,
  point: SeriesTimelinePoint,
  findings: readonly DriftFinding[],
  index: number,
  date: string,
): void {
  const learning = point.status === 'insufficient_data';
  const info = point.finding >= 0 ? { finding: findings[point.finding], findingIndex: point.finding } : null;
  for (const direction of ['adverse', 'favourable'] as const) {
    const breaching = direction === 'adverse' ? point.status === 'drifting' : point.status === 'improving';
    const signal: HysteresisSignal = learning ? 'unknown' : breaching ? 'breaching' : 'clear';
    runner.step('drift', direction, signal, date, breaching ? info : null, () =>
      resolutionOf(runner, direction, findings, index),
    );
  }
}

function resolutionOf(
  runner: TrackRunner<DriftEpisodeInfo>,
  direction: 'adverse' | 'favourable',
  findings: readonly DriftFinding[],
  index: number,
): DriftResolution {
  const opened = runner.openEpisode('drift', direction)?.info?.finding;
  const reversed = findings.some(
    (f) =>
      f.direction !== direction &&
      f.kind !== 'variance_change' &&
      f.alarmIndex <= index &&
      (opened === undefined || f.alarmIndex > opened.alarmIndex),
  );
  return reversed ? 'back_in_control' : 'new_normal';
}

function stepSlaTracks(
  runner: TrackRunner<DriftEpisodeInfo>,
  input: SeriesRunInput,
  days: readonly DailyComponents[],
  accumulators: PeriodAccumulators,
): SlaDayResult | null {
  const { config, data } = input;
  if (config.slaVersions.length === 0 && !runner.isOpen('sla', 'adverse')) return null;
  let last: SlaDayResult | null = null;
  for (const day of days) {
    last = evaluateSlaDay(
      config.slaVersions,
      data.scope,
      {
        code: config.kpi.code,
        aggregation: config.kpi.aggregation,
        betterWhen: config.betterWhen,
        unit: config.kpi.unit,
      },
      day,
      accumulators,
    );
    runner.step(
      'sla',
      'adverse',
      last ? 'breaching' : 'clear',
      day.date,
      last ? { sla: last } : null,
      () => 'back_in_control',
    );
  }
  return last;
}
