import { addDays } from '@kpi/domain';
import {
  detectQaRegressions,
  HysteresisSignal,
  QaDailyTotals,
  QaGroupInput,
  QaGroupResult,
  qaSampleFromDailyTotals,
  QaRegressionSettings,
} from '@kpi/drift';
import type { DriftSeriesLevel } from '@kpi/contracts';
import { QA_BASELINE_DAYS, QA_CLEAR_Q, QA_HYSTERESIS, QA_RECENT_DAYS } from '../drift.constants';
import { SeriesFingerprint, SeriesScope } from './series-model';
import { Episode, TrackRunner, TrackStates } from './tracks';

/** One QA slice-day from metric_observations (qa_score and qa_autofail_rate components of one slice). */
export interface QaSliceDay {
  readonly siteId: string;
  readonly serviceLine: string;
  readonly queue: string;
  readonly date: string;
  readonly totals: QaDailyTotals;
}

export interface QaGroupData {
  readonly key: string;
  readonly scope: SeriesScope;
  readonly level: DriftSeriesLevel;
  /** Sorted by date. */
  readonly dates: string[];
  readonly days: QaDailyTotals[];
}

export interface StoredQaGroup {
  readonly lastDate: string | null;
  readonly firstDate: string | null;
  readonly fingerprint: SeriesFingerprint | null;
  readonly tracks: TrackStates;
}

export interface QaEpisodeInfo {
  readonly result: QaGroupResult;
  readonly date: string;
}

export interface QaGroupRun {
  readonly key: string;
  readonly mode: 'full' | 'incremental';
  readonly next: StoredQaGroup;
  readonly episodes: Episode<QaEpisodeInfo>[];
  /** The test result of the last evaluated day. */
  readonly last: QaEpisodeInfo | null;
}

/** The QA groups of a provider: the provider, each site, and each team (site x service line x queue). */
export function buildQaGroups(
  providerId: string,
  rows: readonly QaSliceDay[],
  keyOf: (scope: SeriesScope) => string,
  levelOf: (scope: SeriesScope) => DriftSeriesLevel,
): QaGroupData[] {
  const groups = new Map<string, { scope: SeriesScope; days: Map<string, QaDailyTotals> }>();
  const add = (scope: SeriesScope, row: QaSliceDay) => {
    const key = keyOf(scope);
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { scope, days: new Map() }));
    const d = g.days.get(row.date);
    g.days.set(
      row.date,
      d
        ? {
            pointsEarned: d.pointsEarned + row.totals.pointsEarned,
            pointsPossible: d.pointsPossible + row.totals.pointsPossible,
            evaluations: d.evaluations + row.totals.evaluations,
            autoFails: d.autoFails + row.totals.autoFails,
          }
        : row.totals,
    );
  };
  for (const row of rows) {
    add({ providerId, siteId: null, serviceLine: null, queue: null }, row);
    add({ providerId, siteId: row.siteId, serviceLine: null, queue: null }, row);
    add(
      {
        providerId,
        siteId: row.siteId,
        serviceLine: row.serviceLine,
        queue: row.queue === '' ? null : row.queue,
      },
      row,
    );
  }
  return [...groups.entries()].map(([key, g]) => {
    const dates = [...g.days.keys()].sort();
    return {
      key,
      scope: g.scope,
      level: levelOf(g.scope),
      dates,
      days: dates.map((d) => g.days.get(d) as QaDailyTotals),
    };
  });
}

export function qaFingerprint(group: QaGroupData, upTo: string): SeriesFingerprint {
  let count = 0;
  let sumNumerator = 0;
  let sumDenominator = 0;
  let weighted = 0;
  group.dates.forEach((date, i) => {
    if (date > upTo) return;
    const d = group.days[i];
    count += 1;
    sumNumerator += d.pointsEarned + d.autoFails;
    sumDenominator += d.pointsPossible + d.evaluations;
    weighted += (d.pointsEarned + d.autoFails * 7) * ((i % 97) + 1);
  });
  return { count, sumNumerator, sumDenominator, weighted };
}

/**
 * The QA regression test of one provider, replayed day by day: on every data day d, each group's last
 * QA_RECENT_DAYS (28) days are compared with the QA_BASELINE_DAYS (91) before them by
 * detectQaRegressions (Welch on the score of non-auto-failed evaluations with days as clusters,
 * two-proportion / Fisher on the auto-fail rate, Benjamini-Hochberg over every test of the provider
 * that day). Each group's tracks step once per data day it has not seen yet: groups in `fullKeys`
 * from their first complete window, the others after their stored last date.
 */
export function runQaEvaluation(
  groups: readonly QaGroupData[],
  stored: ReadonlyMap<string, StoredQaGroup>,
  fullKeys: ReadonlySet<string>,
  settings: Partial<QaRegressionSettings>,
): QaGroupRun[] {
  const allDates = [...new Set(groups.flatMap((g) => g.dates))].sort();
  const runners = new Map<string, TrackRunner<QaEpisodeInfo>>();
  const lastResult = new Map<string, QaEpisodeInfo>();
  const needsFrom = new Map<string, string>();
  for (const g of groups) {
    const full = fullKeys.has(g.key) || !stored.get(g.key)?.lastDate;
    runners.set(g.key, new TrackRunner<QaEpisodeInfo>(full ? null : stored.get(g.key)?.tracks));
    const firstWindowEnd =
      g.dates.length > 0 ? addDays(g.dates[0], QA_BASELINE_DAYS + QA_RECENT_DAYS - 1) : '9999-12-31';
    const after = full ? null : (stored.get(g.key)?.lastDate as string);
    needsFrom.set(g.key, after === null ? firstWindowEnd : maxDate(addDays(after, 1), firstWindowEnd));
  }
  const earliest = [...needsFrom.values()].sort()[0];
  const cursors = new Map(groups.map((g) => [g.key, { start: 0, end: 0 }]));
  for (const date of allDates) {
    if (earliest === undefined || date < earliest) continue;
    const recentFrom = addDays(date, -(QA_RECENT_DAYS - 1));
    const baselineFrom = addDays(recentFrom, -QA_BASELINE_DAYS);
    const family: QaGroupInput[] = [];
    for (const g of groups) {
      const c = cursors.get(g.key) as { start: number; end: number };
      while (c.start < g.dates.length && g.dates[c.start] < baselineFrom) c.start++;
      while (c.end < g.dates.length && g.dates[c.end] <= date) c.end++;
      const baseline: QaDailyTotals[] = [];
      const recent: QaDailyTotals[] = [];
      for (let i = c.start; i < c.end; i++) (g.dates[i] < recentFrom ? baseline : recent).push(g.days[i]);
      if (baseline.length === 0 && recent.length === 0) continue;
      family.push({
        key: g.key,
        baseline: qaSampleFromDailyTotals(baseline),
        recent: qaSampleFromDailyTotals(recent),
      });
    }
    if (family.length === 0) continue;
    const result = detectQaRegressions(family, settings);
    for (const r of result.groups) {
      if (date < (needsFrom.get(r.key) as string)) continue;
      const runner = runners.get(r.key) as TrackRunner<QaEpisodeInfo>;
      const info = { result: r, date };
      lastResult.set(r.key, info);
      const tested = r.score.status !== 'insufficient_data' || r.autoFail.status !== 'insufficient_data';
      // Two thresholds: a regression (q <= the FDR) breaches; only a test that is not even marginal (q above
      // QA_CLEAR_Q) counts as clear, so a result hovering at the limit neither opens nor resolves anything.
      const marginal = (q: 'qValueAdverse' | 'qValueFavourable') =>
        [r.score, r.autoFail].some((t) => t[q] !== null && (t[q] as number) <= QA_CLEAR_Q);
      const signal = (breaching: boolean, q: 'qValueAdverse' | 'qValueFavourable'): HysteresisSignal =>
        !tested ? 'unknown' : breaching ? 'breaching' : marginal(q) ? 'unknown' : 'clear';
      runner.step(
        'qa_regression',
        'adverse',
        signal(r.regressed, 'qValueAdverse'),
        date,
        info,
        () => 'back_in_control',
        QA_HYSTERESIS,
      );
      runner.step(
        'qa_regression',
        'favourable',
        signal(r.improved && !r.regressed, 'qValueFavourable'),
        date,
        info,
        () => 'back_in_control',
        QA_HYSTERESIS,
      );
    }
  }
  return groups.map((g) => {
    const runner = runners.get(g.key) as TrackRunner<QaEpisodeInfo>;
    const full = fullKeys.has(g.key) || !stored.get(g.key)?.lastDate;
    const lastDate = g.dates.length > 0 ? g.dates[g.dates.length - 1] : (stored.get(g.key)?.lastDate ?? null);
    return {
      key: g.key,
      mode: full ? 'full' : 'incremental',
      next: {
        lastDate,
        firstDate: g.dates[0] ?? stored.get(g.key)?.firstDate ?? null,
        fingerprint: lastDate ? qaFingerprint(g, lastDate) : null,
        tracks: runner.snapshot(),
      },
      episodes: runner.episodes,
      last: lastResult.get(g.key) ?? null,
    };
  });
}

function maxDate(a: string, b: string): string {
  return a > b ? a : b;
}
