import type {
  DriftAttributionDimension,
  DriftAttributionDto,
  DriftAttributionRowDto,
  DriftEventKind,
  DriftResolution,
  DriftSeriesLevel,
} from '@kpi/contracts';
import { addDays, computeKpiValue, SlaContractVersion } from '@kpi/domain';
import {
  attributeChange,
  AttributionMode,
  BetterWhen,
  DriftFinding,
  evaluateSeries,
  QaGroupResult,
  SliceWindows,
} from '@kpi/drift';
import {
  DRIFT_MAX_EVIDENCE_POINTS,
  DRIFT_WINDOW_DAYS,
  QA_AUTO_FAIL_KPI,
  QA_FDR,
  QA_MIN_AUTO_FAIL_RISE,
  QA_MIN_SCORE_DROP,
  QA_RECENT_DAYS,
  QA_SCORE_KPI,
  UPDATE_MIN_STEP,
  WORSEN_FACTOR,
  WORSEN_MIN_STEP,
} from './drift.constants';
import { DRIFT_TRANSITIONS, DriftTransition, DriftTransitionName } from './drift.events';
import { DriftEventBus } from './drift-event-bus';
import { describeWhere, explainDriftEvent, formatPercent, serviceLineName } from './drift-explanation';
import {
  DriftEventRow,
  DriftRepository,
  DriftStore,
  HistoryEntry,
  KpiDefinitionRow,
  NewDriftEvent,
  ProviderInfo,
  SeriesRow,
  SeriesWrite,
  SliceWindowRow,
  StoredDriftSettings,
} from './drift.repository';
import {
  buildQaGroups,
  QaEpisodeInfo,
  QaGroupData,
  qaFingerprint,
  runQaEvaluation,
} from './engine/qa-evaluator';
import {
  DriftEpisodeInfo,
  firstDayNeeded,
  runSeries,
  SeriesConfig,
  SeriesRun,
} from './engine/series-evaluator';
import {
  buildProviderSeries,
  levelOf,
  qaGroupKey,
  sameFingerprint,
  SeriesData,
  SeriesScope,
} from './engine/series-model';
import {
  effectiveSettings,
  ENGINE_WEEKLY_KPIS,
  qaSettings,
  settingsHash,
  toLibraryOverrides,
} from './engine/settings-resolution';
import { SlaDayResult } from './engine/sla-rules';
import { Episode } from './engine/tracks';
import { SlaTermsSource } from './sla-terms.port';

/** Bump when the engine's evaluation changes in a way that must rebuild every series. */
const ENGINE_VERSION = 1;

export interface EvaluateProviderOptions {
  readonly reason: string;
  /** Only these KPIs (after an ingestion run); default every KPI the provider reports. */
  readonly kpiCodes?: readonly string[] | null;
  /** The earliest period an ingestion run touched: series that already covered it are re-evaluated in full. */
  readonly fromDate?: string | null;
  /** Compare each series' fingerprint with its stored history (nightly): catches restatements nobody announced. */
  readonly checkRestatements?: boolean;
  /** Re-evaluate everything from scratch. */
  readonly force?: boolean;
}

export interface ProviderEvaluationSummary {
  readonly providerId: string;
  readonly reason: string;
  readonly series: { full: number; incremental: number; unchanged: number };
  readonly qaGroups: { full: number; incremental: number };
  readonly transitions: { opened: number; worsened: number; resolved: number };
  readonly ms: number;
}

/**
 * The drift engine: loads each provider's KPI series (values from summed components), runs the
 * @kpi/drift detectors incrementally from the stored state (or in full when history changed), the QA
 * regression test and the SLA rules, and keeps drift events in step: open -> updated -> resolved, one
 * open event per series and kind, with minimum durations from stepHysteresis. Transitions (opened,
 * worsened, resolved) of adverse events are published on the DriftEventBus after the commit.
 *
 * A plain class (not only a Nest provider) so the demo seeding can run it before the app starts.
 */
export class DriftEngine {
  constructor(
    private readonly repo: DriftRepository,
    private readonly bus: DriftEventBus | null,
    private readonly slaTerms: SlaTermsSource,
  ) {}

  async evaluateAll(options: { reason: string; force?: boolean }): Promise<ProviderEvaluationSummary[]> {
    const summaries: ProviderEvaluationSummary[] = [];
    for (const providerId of await this.repo.providerIds()) {
      summaries.push(
        await this.evaluateProvider(providerId, {
          reason: options.reason,
          force: options.force,
          checkRestatements: true,
        }),
      );
    }
    return summaries;
  }

  async evaluateProvider(
    providerId: string,
    options: EvaluateProviderOptions,
  ): Promise<ProviderEvaluationSummary> {
    const started = Date.now();
    const slaVersions = await this.slaTerms.versionsFor(providerId);
    const { summary, transitions } = await this.repo.transaction((store) =>
      new ProviderEvaluation(store, providerId, options, slaVersions).run(),
    );
    if (this.bus) await this.bus.publish(transitions);
    return { ...summary, ms: Date.now() - started };
  }
}

interface Touch {
  readonly eventId: string;
  readonly lastDate: string;
  readonly granularity: 'day' | 'week';
  /** Drift: the finding that decides the series now, and its index in the series state. */
  readonly current?: DriftFinding | null;
  readonly currentIndex?: number;
  readonly qa?: { info: QaEpisodeInfo | null; group: QaGroupData };
  readonly sla?: SlaDayResult | null;
  readonly betterWhen: BetterWhen;
}

interface TouchContext {
  readonly current?: DriftFinding | null;
  readonly currentIndex?: number;
  readonly sla?: SlaDayResult | null;
  readonly qa?: { info: QaEpisodeInfo | null; group: QaGroupData };
}

interface PendingTransition {
  readonly name: DriftTransitionName;
  readonly eventId: string;
  readonly dataDate: string;
}

const KINDS: readonly DriftEventKind[] = ['drift', 'qa_regression', 'sla'];

const RESOLUTION_NOTES: Record<DriftResolution, string> = {
  back_in_control: 'Resolved: back in control.',
  new_normal: 'Resolved: no further change; the new level is the normal now.',
  superseded: 'Resolved: superseded by a change the other way.',
  restated: 'Resolved: the restated data no longer shows it.',
  disabled: 'Resolved: drift detection was switched off for this KPI.',
};

/** One evaluation of one provider, inside one transaction. */
class ProviderEvaluation {
  private provider!: ProviderInfo;
  private defs = new Map<string, KpiDefinitionRow>();
  private settingsRows: StoredDriftSettings[] = [];
  private readonly events = new Map<string, DriftEventRow>();
  private readonly openByKey = new Map<string, string>();
  private readonly dirty = new Set<string>();
  private readonly touches = new Map<string, Touch>();
  private readonly history: HistoryEntry[] = [];
  private readonly pending: PendingTransition[] = [];
  private readonly affectedKpis = new Set<string>();
  private readonly counts = { full: 0, incremental: 0, unchanged: 0, qaFull: 0, qaIncremental: 0 };

  constructor(
    private readonly store: DriftStore,
    private readonly providerId: string,
    private readonly options: EvaluateProviderOptions,
    private readonly slaVersions: readonly SlaContractVersion[],
  ) {}

  async run(): Promise<{ summary: Omit<ProviderEvaluationSummary, 'ms'>; transitions: DriftTransition[] }> {
    await this.store.lockProvider(this.providerId);
    const provider = await this.store.providerInfo(this.providerId);
    if (!provider) return { summary: this.summary(), transitions: [] };
    this.provider = provider;
    this.defs = await this.store.kpiDefinitions();
    this.settingsRows = await this.store.settingsFor(this.providerId);
    for (const e of await this.store.openEvents(this.providerId)) {
      this.events.set(e.id, e);
      this.openByKey.set(`${e.seriesKey}|${e.kind}`, e.id);
    }
    const withData = await this.store.kpisWithData(this.providerId);
    const requested = this.options.kpiCodes ?? withData;
    const kpis = requested.filter((k) => withData.includes(k) && this.monitorable(k));
    await this.evaluateSeries(kpis);
    if (
      this.options.kpiCodes == null ||
      requested.some((k) => k === QA_SCORE_KPI || k === QA_AUTO_FAIL_KPI)
    ) {
      await this.evaluateQa();
    }
    await this.describeTouched();
    await this.composeExplanations();
    for (const id of this.dirty) await this.store.updateEvent(this.events.get(id) as DriftEventRow);
    await this.store.insertHistory(this.history);
    return { summary: this.summary(), transitions: this.transitions() };
  }

  // ---------------------------------------------------------------- series

  private monitorable(kpiCode: string): boolean {
    const def = this.defs.get(kpiCode);
    // Target-band KPIs (occupancy) have no "better" direction for a drift; they are judged by their band.
    return def !== undefined && def.direction !== 'target_band';
  }

  private configFor(kpiCode: string): SeriesConfig {
    const def = this.defs.get(kpiCode) as KpiDefinitionRow;
    const settings = effectiveSettings(kpiCode, this.providerId, this.settingsRows);
    const betterWhen: BetterWhen = def.direction === 'higher_is_better' ? 'higher' : 'lower';
    const overrides = toLibraryOverrides(settings);
    const weekly = ENGINE_WEEKLY_KPIS.has(kpiCode);
    return {
      kpi: { code: def.code, aggregation: def.aggregation, unit: def.unit },
      betterWhen,
      proportion: def.unit === 'percent' && def.aggregation === 'ratio_of_sums',
      weekly,
      enabled: settings.enabled,
      overrides,
      baselineLength: settings.baselineLength,
      settingsHash: settingsHash({
        v: ENGINE_VERSION,
        overrides,
        b: settings.baselineLength,
        betterWhen,
        a: def.aggregation,
        u: def.unit,
        weekly,
      }),
      slaVersions: this.slaVersions,
    };
  }

  private async evaluateSeries(kpis: readonly string[]): Promise<void> {
    if (kpis.length === 0) return;
    const stored = await this.store.seriesRows(this.providerId, kpis);
    const configs = new Map(kpis.map((k) => [k, this.configFor(k)]));
    const storedByKpi = new Map<string, SeriesRow[]>();
    for (const row of stored.values())
      storedByKpi.set(row.kpiCode, [...(storedByKpi.get(row.kpiCode) ?? []), row]);
    const fromDate = this.options.fromDate ?? null;
    const plan = kpis.map((kpiCode) => {
      const rows = storedByKpi.get(kpiCode) ?? [];
      const config = configs.get(kpiCode) as SeriesConfig;
      const needsAll =
        this.options.force ||
        this.options.checkRestatements ||
        rows.length === 0 ||
        rows.some(
          (r) =>
            r.series.settingsHash !== config.settingsHash ||
            r.series.coveredTo === null ||
            (fromDate !== null && fromDate <= r.series.coveredTo),
        );
      const starts = rows
        .map((r) => firstDayNeeded(r.series))
        .filter((d): d is string => d !== null)
        .sort();
      return { kpiCode, from: needsAll || starts.length === 0 ? null : starts[0] };
    });
    const writes: SeriesWrite[] = [];
    let todo = plan;
    for (let pass = 0; pass < 2 && todo.length > 0; pass++) {
      const series = buildProviderSeries(
        this.providerId,
        await this.store.dailyComponents(this.providerId, todo),
      );
      const historyLoaded = new Map(todo.map((p) => [p.kpiCode, p.from === null]));
      const reload = new Set<string>();
      const results: { data: SeriesData; run: SeriesRun }[] = [];
      for (const data of series.values()) {
        const run = runSeries({
          data,
          config: configs.get(data.kpiCode) as SeriesConfig,
          stored: stored.get(data.key)?.series ?? null,
          historyLoaded: historyLoaded.get(data.kpiCode) ?? false,
          restatedFrom: fromDate,
          checkFingerprint: this.options.checkRestatements ?? false,
          force: this.options.force ?? false,
        });
        if (run.outcome === 'needs_history') reload.add(data.kpiCode);
        else results.push({ data, run });
      }
      for (const { data, run } of results) {
        if (reload.has(data.kpiCode)) continue;
        if (run.outcome === 'unchanged') {
          this.counts.unchanged++;
          continue;
        }
        if (run.outcome !== 'evaluated') continue;
        this.counts[run.mode]++;
        this.affectedKpis.add(data.kpiCode);
        writes.push({
          seriesKey: data.key,
          providerId: this.providerId,
          siteId: data.scope.siteId,
          serviceLine: data.scope.serviceLine,
          queue: data.scope.queue,
          kpiCode: data.kpiCode,
          level: data.level,
          series: run.next,
          mode: run.mode,
        });
        await this.reconcile(
          {
            seriesKey: data.key,
            scope: data.scope,
            level: data.level,
            kpiCode: data.kpiCode,
            mode: run.mode,
            lastDate: run.lastDate,
            granularity: run.next.granularity === 'week' ? 'week' : 'day',
            betterWhen: (configs.get(data.kpiCode) as SeriesConfig).betterWhen,
          },
          run.episodes,
          { current: run.current, currentIndex: run.currentIndex, sla: run.sla },
        );
      }
      todo = [...reload].map((kpiCode) => ({ kpiCode, from: null }));
    }
    await this.store.upsertSeries(writes);
  }

  // ---------------------------------------------------------------- QA

  private async evaluateQa(): Promise<void> {
    const rows = await this.store.qaSliceDays(this.providerId, QA_SCORE_KPI, QA_AUTO_FAIL_KPI);
    if (rows.length === 0) return;
    const groups = buildQaGroups(this.providerId, rows, qaGroupKey, levelOf);
    const storedRows = await this.store.qaGroupRows(this.providerId);
    const stored = new Map([...storedRows.values()].map((r) => [r.groupKey, r.group]));
    const fromDate = this.options.fromDate ?? null;
    const fullKeys = new Set<string>();
    for (const g of groups) {
      const s = stored.get(g.key);
      if (
        !s ||
        !s.lastDate ||
        this.options.force ||
        (fromDate !== null && fromDate <= s.lastDate) ||
        (this.options.checkRestatements && !sameFingerprint(s.fingerprint, qaFingerprint(g, s.lastDate)))
      )
        fullKeys.add(g.key);
    }
    const settings = effectiveSettings(QA_SCORE_KPI, this.providerId, this.settingsRows);
    if (!settings.enabled) {
      // QA monitoring switched off (the qa_score settings): close what is open, evaluate nothing.
      for (const event of [...this.events.values()]) {
        if (event.kind !== 'qa_regression' || event.status !== 'open') continue;
        const group = groups.find((g) => g.key === event.seriesKey);
        await this.resolve(event, group?.dates[group.dates.length - 1] ?? event.lastDataDate, 'disabled', {
          seriesKey: event.seriesKey,
          scope: {
            providerId: this.providerId,
            siteId: event.siteId,
            serviceLine: event.serviceLine,
            queue: event.queue,
          },
          level: event.level,
          kpiCode: event.kpiCode,
          mode: 'full',
          lastDate: group?.dates[group.dates.length - 1] ?? event.lastDataDate,
          granularity: 'day',
          betterWhen: 'higher',
        });
      }
      return;
    }
    const runs = runQaEvaluation(
      groups,
      stored,
      fullKeys,
      qaSettings(settings, {
        fdr: QA_FDR,
        minScoreDrop: QA_MIN_SCORE_DROP,
        minAutoFailRise: QA_MIN_AUTO_FAIL_RISE,
      }),
    );
    const byKey = new Map(groups.map((g) => [g.key, g]));
    const writes = [];
    for (const run of runs) {
      const group = byKey.get(run.key) as QaGroupData;
      const previous = stored.get(run.key);
      if (run.mode === 'incremental' && previous?.lastDate === run.next.lastDate) continue;
      this.counts[run.mode === 'full' ? 'qaFull' : 'qaIncremental']++;
      writes.push({
        groupKey: run.key,
        providerId: this.providerId,
        siteId: group.scope.siteId,
        serviceLine: group.scope.serviceLine,
        queue: group.scope.queue,
        level: group.level,
        group: run.next,
        lastResult: run.last ? { date: run.last.date, ...run.last.result } : null,
      });
      await this.reconcile(
        {
          seriesKey: run.key,
          scope: group.scope,
          level: group.level,
          kpiCode: QA_SCORE_KPI,
          mode: run.mode,
          lastDate: run.next.lastDate ?? group.dates[group.dates.length - 1],
          granularity: 'day',
          betterWhen: 'higher',
        },
        run.episodes,
        { qa: { info: run.last, group } },
      );
      this.affectedKpis.add(QA_SCORE_KPI);
    }
    await this.store.upsertQaGroups(writes);
  }

  // ---------------------------------------------------------------- events

  /**
   * Brings the stored events of one series (or QA group) in line with the episodes of this run:
   * closed episodes are recorded (resolved), an alert still open continues the open event (or opens
   * one), and an open event the run no longer confirms is resolved.
   */
  private async reconcile(
    subject: Subject,
    episodes: readonly Episode<unknown>[],
    context: TouchContext,
  ): Promise<void> {
    for (const kind of KINDS) {
      const mine = episodes.filter((e) => e.kind === kind);
      const openId = this.openByKey.get(`${subject.seriesKey}|${kind}`);
      let open = openId ? (this.events.get(openId) as DriftEventRow) : null;
      let handled = false;
      if (mine.length === 0 && !open) continue;
      const ordered = [...mine].sort(
        (a, b) => Number(b.carried) - Number(a.carried) || a.openedOn.localeCompare(b.openedOn),
      );
      for (const ep of ordered) {
        const matchesOpen = open !== null && !handled && open.direction === ep.direction;
        if (ep.carried && matchesOpen) {
          handled = true;
          if (ep.resolvedOn)
            await this.resolve(
              open as DriftEventRow,
              ep.resolvedOn,
              ep.resolution ?? 'back_in_control',
              subject,
            );
          else this.touch(open as DriftEventRow, subject, context);
          continue;
        }
        if (ep.resolvedOn === null) {
          if (open !== null && !handled) {
            handled = true;
            if (open.direction === ep.direction) {
              // A full replay (restated history) found the same open problem: keep the event.
              this.touch(open, subject, context);
              continue;
            }
            await this.resolve(open, ep.openedOn, 'superseded', subject);
            open = null;
          }
          const id = await this.openEvent(subject, ep, context);
          if (id) this.touch(this.events.get(id) as DriftEventRow, subject, context);
          continue;
        }
        if (matchesOpen && open !== null && open.openedOn === ep.openedOn) {
          handled = true;
          await this.resolve(open, ep.resolvedOn, ep.resolution ?? 'back_in_control', subject);
          continue;
        }
        await this.recordClosedEpisode(subject, ep, subject.mode === 'incremental');
      }
      if (open !== null && !handled) {
        await this.resolve(
          open,
          subject.lastDate,
          subject.mode === 'full' ? 'restated' : 'back_in_control',
          subject,
        );
      }
    }
  }

  private initialContent(
    subject: Subject,
    ep: Episode<unknown>,
  ): Omit<NewDriftEvent, 'status' | 'resolvedOn' | 'resolution'> {
    const base = {
      seriesKey: subject.seriesKey,
      providerId: this.providerId,
      siteId: subject.scope.siteId,
      serviceLine: subject.scope.serviceLine,
      queue: subject.scope.queue,
      level: subject.level,
      kpiCode: subject.kpiCode,
      kind: ep.kind,
      direction: ep.direction,
      granularity: subject.granularity,
      openedOn: ep.openedOn,
      lastDataDate: subject.lastDate,
      baselineValue: null,
      currentValue: null,
      evidence: [],
      attribution: null,
      explanation: '',
      notifiedMagnitude: null,
    };
    if (ep.kind === 'drift') {
      const info = ep.info as DriftEpisodeInfo | null;
      const f = info?.finding;
      return {
        ...base,
        detector: f?.detector ?? 'cusum',
        findingKind: f?.kind ?? null,
        startDate: f?.startDate ?? ep.openedOn,
        magnitude: f?.magnitude ?? null,
        score: f?.score ?? null,
        pValue: f?.pValue ?? null,
        details: f ? { reason: f.reason, finding: f, findingIndex: info?.findingIndex ?? null } : {},
      };
    }
    if (ep.kind === 'qa_regression') {
      const info = ep.info as QaEpisodeInfo | null;
      const qa = info ? qaSummary(info.result, ep.direction) : null;
      return {
        ...base,
        detector: qa?.detector ?? 'welch_t',
        findingKind: qa?.findingKind ?? null,
        startDate: info ? addDays(info.date, -(QA_RECENT_DAYS - 1)) : ep.openedOn,
        magnitude: qa?.magnitude ?? null,
        score: qa?.statistic ?? null,
        pValue: qa?.qValue ?? null,
        details: info ? { reason: info.result.reason, test: info.result, testedOn: info.date } : {},
      };
    }
    const sla = (ep.info as DriftEpisodeInfo | null)?.sla ?? null;
    return {
      ...base,
      detector: sla?.kind === 'fast_burn' ? 'error_budget' : 'sla_minimum',
      findingKind: sla?.kind ?? null,
      startDate: ep.openedOn,
      magnitude: null,
      score: sla?.burnRate ?? null,
      pValue: null,
      details: sla ? { reason: sla.reason, sla } : {},
    };
  }

  private async openEvent(
    subject: Subject,
    ep: Episode<unknown>,
    context: { sla?: SlaDayResult | null },
  ): Promise<string | null> {
    void context;
    const content = {
      ...this.initialContent(subject, ep),
      status: 'open' as const,
      resolvedOn: null,
      resolution: null,
    };
    let id = await this.store.insertEvent(content);
    let note = `Opened: ${String((content.details as { reason?: string }).reason ?? 'change detected')}`;
    if (id === null) {
      // The same episode was recorded before (e.g. resolved, then history was restated back): reopen it.
      const existing = await this.store.findEpisode(subject.seriesKey, ep.kind, ep.direction, ep.openedOn);
      if (!existing) return null;
      id = existing.id;
      this.events.set(id, { ...existing, status: 'open', resolvedOn: null, resolution: null });
      this.dirty.add(id);
      note = `Reopened: ${note.slice('Opened: '.length)}`;
    } else {
      this.events.set(id, { ...content, id });
    }
    this.openByKey.set(`${subject.seriesKey}|${ep.kind}`, id);
    this.history.push({
      eventId: id,
      transition: 'opened',
      dataDate: ep.openedOn,
      magnitude: content.magnitude,
      note,
    });
    if (ep.direction === 'adverse')
      this.pending.push({ name: DRIFT_TRANSITIONS.opened, eventId: id, dataDate: ep.openedOn });
    return id;
  }

  private async recordClosedEpisode(subject: Subject, ep: Episode<unknown>, notify: boolean): Promise<void> {
    const content: NewDriftEvent = {
      ...this.initialContent(subject, ep),
      status: 'resolved',
      resolvedOn: ep.resolvedOn,
      resolution: ep.resolution ?? 'back_in_control',
    };
    const id = await this.store.insertEvent(content);
    if (!id) return;
    const row: DriftEventRow = { ...content, id };
    this.events.set(id, row);
    this.dirty.add(id);
    this.history.push(
      {
        eventId: id,
        transition: 'opened',
        dataDate: ep.openedOn,
        magnitude: content.magnitude,
        note: `Opened: ${String((content.details as { reason?: string }).reason ?? 'change detected')}`,
      },
      {
        eventId: id,
        transition: 'resolved',
        dataDate: ep.resolvedOn as string,
        magnitude: content.magnitude,
        note: RESOLUTION_NOTES[content.resolution as DriftResolution],
      },
    );
    if (notify && ep.direction === 'adverse') {
      this.pending.push({ name: DRIFT_TRANSITIONS.opened, eventId: id, dataDate: ep.openedOn });
      this.pending.push({ name: DRIFT_TRANSITIONS.resolved, eventId: id, dataDate: ep.resolvedOn as string });
    }
  }

  private async resolve(
    event: DriftEventRow,
    date: string,
    resolution: DriftResolution,
    subject: Subject,
  ): Promise<void> {
    const row: DriftEventRow = {
      ...event,
      status: 'resolved',
      resolvedOn: date,
      resolution,
      lastDataDate: subject.lastDate,
    };
    this.events.set(event.id, row);
    // Written at once: an event of the same series and kind may open in the same run (one open at a time).
    await this.store.updateEvent(row);
    this.openByKey.delete(`${event.seriesKey}|${event.kind}`);
    this.dirty.add(event.id);
    this.history.push({
      eventId: event.id,
      transition: 'resolved',
      dataDate: date,
      magnitude: event.magnitude,
      note: RESOLUTION_NOTES[resolution],
    });
    if (event.direction === 'adverse')
      this.pending.push({ name: DRIFT_TRANSITIONS.resolved, eventId: event.id, dataDate: date });
  }

  private touch(event: DriftEventRow, subject: Subject, context: TouchContext): void {
    this.touches.set(event.id, {
      eventId: event.id,
      lastDate: subject.lastDate,
      granularity: subject.granularity,
      current: context.current,
      currentIndex: context.currentIndex,
      qa: context.qa,
      sla: context.sla,
      betterWhen: subject.betterWhen,
    });
  }

  // ---------------------------------------------------------------- describing open events

  private async describeTouched(): Promise<void> {
    for (const touch of this.touches.values()) {
      const event = this.events.get(touch.eventId) as DriftEventRow;
      if (event.status !== 'open') continue;
      const before = { ...event };
      let next: DriftEventRow = { ...event, lastDataDate: touch.lastDate, granularity: touch.granularity };
      if (event.kind === 'drift') next = await this.describeDrift(next, touch);
      else if (event.kind === 'qa_regression') next = this.describeQa(next, touch);
      else next = this.describeSla(next, touch);
      this.noteChanges(before, next);
      this.events.set(event.id, next);
      this.dirty.add(event.id);
    }
  }

  private async describeDrift(event: DriftEventRow, touch: Touch): Promise<DriftEventRow> {
    const finding = touch.current && touch.current.direction === event.direction ? touch.current : null;
    let next = event;
    const opening = event.details['findingIndex'];
    if (finding && (opening === undefined || opening === null || opening === touch.currentIndex)) {
      // The finding that opened the event (possibly revised, e.g. a shift merged into a trend): its start is "since when".
      next = {
        ...next,
        detector: finding.detector,
        findingKind: finding.kind,
        startDate: finding.startDate ?? next.startDate,
        score: finding.score,
        pValue: finding.pValue ?? null,
        details: {
          ...next.details,
          reason: finding.reason,
          finding,
          findingIndex: touch.currentIndex ?? null,
        },
      };
    } else if (finding) {
      // A further change in the same direction while the event is open: the problem still started when the event
      // says; the magnitude (measured from before that start) grows.
      next = { ...next, details: { ...next.details, latestFinding: finding } };
    }
    const def = this.defs.get(event.kpiCode) as KpiDefinitionRow;
    const scope = { siteId: event.siteId, serviceLine: event.serviceLine, queue: event.queue };
    const windows = comparisonWindows(next.startDate, touch.lastDate);
    const slices = await this.store.sliceWindows(
      this.providerId,
      event.kpiCode,
      scope,
      windows.before,
      windows.after,
    );
    const attribution = this.attribution(
      event.level,
      def,
      slices,
      windows,
      touch.betterWhen,
      event.direction,
    );
    const magnitude =
      next.findingKind === 'variance_change'
        ? ((next.details['finding'] as DriftFinding | undefined)?.magnitude ?? next.magnitude)
        : attribution.relativeChange;
    const daily = await this.store.scopeDaily(
      this.providerId,
      event.kpiCode,
      scope,
      next.startDate,
      touch.lastDate,
    );
    const evidence = daily
      .map((d) => ({ date: d.date, value: computeKpiValue(def.aggregation, d) }))
      .slice(-DRIFT_MAX_EVIDENCE_POINTS);
    return {
      ...next,
      magnitude,
      baselineValue: attribution.beforeValue,
      currentValue: attribution.afterValue,
      evidence,
      attribution: attribution.dimensions.length > 0 ? attribution : null,
    };
  }

  private attribution(
    level: DriftSeriesLevel,
    def: KpiDefinitionRow,
    slices: readonly SliceWindowRow[],
    windows: {
      before: { from: string; to: string };
      after: { from: string; to: string };
      beforeDays: number;
      afterDays: number;
    },
    betterWhen: BetterWhen,
    direction: 'adverse' | 'favourable',
  ): DriftAttributionDto {
    const mode: AttributionMode = def.aggregation === 'sum' || def.aggregation === 'stock' ? 'sum' : 'ratio';
    // Sums over windows of different lengths are compared per day.
    const scale = (n: number, days: number) => (mode === 'sum' ? n / Math.max(1, days) : n);
    const toWindows = (key: (r: SliceWindowRow) => string): SliceWindows[] => {
      const groups = new Map<string, { bn: number; bd: number | null; an: number; ad: number | null }>();
      for (const r of slices) {
        const k = key(r);
        const g = groups.get(k) ?? { bn: 0, bd: null, an: 0, ad: null };
        g.bn += r.beforeNumerator;
        g.an += r.afterNumerator;
        if (r.beforeDenominator !== null) g.bd = (g.bd ?? 0) + r.beforeDenominator;
        if (r.afterDenominator !== null) g.ad = (g.ad ?? 0) + r.afterDenominator;
        groups.set(k, g);
      }
      return [...groups.entries()].map(([k, g]) => ({
        key: k,
        before: { numerator: scale(g.bn, windows.beforeDays), denominator: g.bd },
        after: { numerator: scale(g.an, windows.afterDays), denominator: g.ad },
      }));
    };
    const total = attributeChange(
      toWindows(() => 'all'),
      mode,
    );
    const dims: {
      dimension: DriftAttributionDimension;
      key: (r: SliceWindowRow) => string;
      label: (k: string) => string;
    }[] = [];
    const city = (siteId: string) => this.provider.sites.get(siteId)?.city ?? siteId;
    const queues = new Set(slices.map((r) => r.queue));
    if (level === 'provider') {
      dims.push(
        { dimension: 'site', key: (r) => r.siteId, label: city },
        { dimension: 'service_line', key: (r) => r.serviceLine, label: (k) => serviceLineName(k) ?? k },
        {
          dimension: 'site_line',
          key: (r) => `${r.siteId}/${r.serviceLine}`,
          label: (k) => {
            const [s, l] = k.split('/');
            return describeWhere({
              level: 'site_line',
              providerName: '',
              siteCity: city(s),
              serviceLine: l,
              queue: null,
            });
          },
        },
      );
    }
    if (
      (level === 'provider' || level === 'site_line') &&
      (queues.size > 1 || (queues.size === 1 && !queues.has('')))
    ) {
      dims.push({
        dimension: 'queue',
        key: (r) => `${r.siteId}/${r.serviceLine}/${r.queue}`,
        label: (k) => {
          const [s, l, q] = k.split('/');
          return describeWhere({
            level: 'queue',
            providerName: '',
            siteCity: city(s),
            serviceLine: l,
            queue: q || '(none)',
          });
        },
      });
    }
    const dimensions = dims.map((d) => {
      const result = attributeChange(toWindows(d.key), mode);
      const rows: DriftAttributionRowDto[] = result.slices.map((s) => ({ ...s, label: d.label(s.key) }));
      return { dimension: d.dimension, rows };
    });
    // The finest dimension names the slice that drives the change in the event's direction.
    const adverseSign = betterWhen === 'higher' ? -1 : 1;
    const wanted = direction === 'adverse' ? adverseSign : -adverseSign;
    const finest = dimensions[dimensions.length - 1];
    const best = finest?.rows.filter((r) => Math.sign(r.contribution) === wanted)[0];
    return {
      before: windows.before,
      after: windows.after,
      beforeValue: total.before,
      afterValue: total.after,
      change: total.change,
      relativeChange: total.relativeChange,
      dimensions,
      top:
        finest && best
          ? { dimension: finest.dimension, key: best.key, label: best.label, share: best.share }
          : null,
    };
  }

  private describeQa(event: DriftEventRow, touch: Touch): DriftEventRow {
    const info = touch.qa?.info ?? null;
    if (!info) return event;
    const qa = qaSummary(info.result, event.direction);
    let startDate = event.startDate;
    if (event.direction === 'adverse' && touch.qa) {
      startDate = estimateQaStart(touch.qa.group, info.date) ?? startDate;
    }
    const recentFrom = addDays(info.date, -(QA_RECENT_DAYS - 1));
    let recentEvaluations = 0;
    touch.qa?.group.dates.forEach((date, i) => {
      if (date >= recentFrom && date <= info.date)
        recentEvaluations += touch.qa?.group.days[i].evaluations ?? 0;
    });
    return {
      ...event,
      detector: qa.detector,
      findingKind: qa.findingKind,
      startDate,
      magnitude: qa.magnitude,
      baselineValue: info.result.score.baselineValue,
      currentValue: info.result.score.recentValue,
      score: qa.statistic,
      pValue: qa.qValue,
      details: { reason: info.result.reason, test: info.result, testedOn: info.date, recentEvaluations },
      evidence: [],
    };
  }

  private describeSla(event: DriftEventRow, touch: Touch): DriftEventRow {
    const sla = touch.sla;
    if (!sla) return event;
    return {
      ...event,
      detector: sla.kind === 'fast_burn' ? 'error_budget' : 'sla_minimum',
      findingKind: sla.kind,
      currentValue: sla.value,
      baselineValue: sla.minimum,
      score: sla.burnRate,
      details: { ...event.details, reason: sla.reason, sla },
    };
  }

  /** History entries and the "worsened" transition for an open event whose description changed. */
  private noteChanges(before: DriftEventRow, after: DriftEventRow): void {
    const isNew = this.history.some((h) => h.eventId === after.id && h.transition === 'opened');
    if (after.kind === 'sla') {
      const severity = { at_risk: 1, fast_burn: 2, breach: 3 } as Record<string, number>;
      const was = Number(
        after.details['notifiedSeverity'] ?? (isNew ? 0 : (severity[before.findingKind ?? ''] ?? 0)),
      );
      const now = severity[after.findingKind ?? ''] ?? 0;
      after.details = { ...after.details, notifiedSeverity: Math.max(was, now) };
      if (!isNew && now > was) this.worsened(after, `Worsened: ${after.findingKind?.replace('_', ' ')}.`);
      return;
    }
    const m = after.magnitude;
    if (m === null || !Number.isFinite(m)) return;
    if (isNew || after.notifiedMagnitude === null) {
      after.notifiedMagnitude = m;
      after.details = { ...after.details, historyMagnitude: m };
      return;
    }
    const notified = Math.abs(after.notifiedMagnitude);
    if (
      Math.abs(m) >= notified * WORSEN_FACTOR &&
      Math.abs(m) - notified >= WORSEN_MIN_STEP &&
      after.direction === 'adverse'
    ) {
      after.notifiedMagnitude = m;
      after.details = { ...after.details, historyMagnitude: m };
      this.worsened(after, `Worsened to ${formatPercent(m)} ${m >= 0 ? 'up' : 'down'}.`);
      return;
    }
    const recorded = Number(after.details['historyMagnitude'] ?? m);
    if (
      Math.abs(m - recorded) >= UPDATE_MIN_STEP ||
      before.startDate !== after.startDate ||
      before.findingKind !== after.findingKind
    ) {
      after.details = { ...after.details, historyMagnitude: m };
      const since = before.startDate !== after.startDate ? `; start re-estimated to ${after.startDate}` : '';
      this.history.push({
        eventId: after.id,
        transition: 'updated',
        dataDate: after.lastDataDate,
        magnitude: m,
        note: `Now ${formatPercent(m)} ${m >= 0 ? 'up' : 'down'}${since}.`,
      });
    }
  }

  private worsened(event: DriftEventRow, note: string): void {
    this.history.push({
      eventId: event.id,
      transition: 'worsened',
      dataDate: event.lastDataDate,
      magnitude: event.magnitude,
      note,
    });
    if (event.direction === 'adverse')
      this.pending.push({
        name: DRIFT_TRANSITIONS.worsened,
        eventId: event.id,
        dataDate: event.lastDataDate,
      });
  }

  // ---------------------------------------------------------------- explanations

  /** Writes the one-sentence explanation of every event this run touched and of the open drift events of the KPIs it evaluated. */
  private async composeExplanations(): Promise<void> {
    const siblingsByKpi = new Map<string, { seriesKey: string; siteId: string; serviceLine: string }[]>();
    for (const kpi of this.affectedKpis)
      siblingsByKpi.set(kpi, await this.store.siblingSlices(this.providerId, kpi));
    const openDrift = [...this.events.values()].filter(
      (e) => e.status === 'open' && e.kind === 'drift' && e.direction === 'adverse',
    );
    for (const event of this.events.values()) {
      const relevant =
        this.dirty.has(event.id) || (event.status === 'open' && this.affectedKpis.has(event.kpiCode));
      if (!relevant) continue;
      const text = this.explain(event, siblingsByKpi.get(event.kpiCode) ?? [], openDrift);
      if (text !== event.explanation) {
        this.events.set(event.id, { ...event, explanation: text });
        this.dirty.add(event.id);
      }
    }
  }

  private explain(
    e: DriftEventRow,
    siblings: readonly { seriesKey: string; siteId: string; serviceLine: string }[],
    openDrift: readonly DriftEventRow[],
  ): string {
    const def = this.defs.get(e.kpiCode);
    const kpi = def ?? { name: e.kpiCode, unit: 'count' as const, displayPrecision: 2 };
    const city = (id: string | null) => (id ? (this.provider.sites.get(id)?.city ?? null) : null);
    const where = {
      level: e.level,
      providerName: this.provider.name,
      siteCity: city(e.siteId),
      serviceLine: e.serviceLine,
      queue: e.queue,
    };
    const attribution = e.attribution as DriftAttributionDto | null;
    const finding = e.details['finding'] as DriftFinding | undefined;
    const test = e.details['test'] as QaGroupResult | undefined;
    const sla = e.details['sla'] as SlaDayResult | undefined;
    let siblingInfo: { otherSites: number; otherLinesHere: number; drifting: string[] } | undefined;
    if (e.level === 'site_line' && e.kind === 'drift' && e.status === 'open' && e.direction === 'adverse') {
      const others = siblings.filter((s) => s.seriesKey !== e.seriesKey);
      siblingInfo = {
        otherSites: others.filter((s) => s.siteId !== e.siteId).length,
        otherLinesHere: others.filter((s) => s.siteId === e.siteId).length,
        drifting: openDrift
          .filter(
            (o) =>
              o.kpiCode === e.kpiCode &&
              o.level === 'site_line' &&
              o.id !== e.id &&
              o.seriesKey !== e.seriesKey,
          )
          .map((o) =>
            describeWhere({
              level: 'site_line',
              providerName: '',
              siteCity: city(o.siteId),
              serviceLine: o.serviceLine,
              queue: null,
            }),
          ),
      };
    }
    return explainDriftEvent({
      kpi: { name: kpi.name, unit: kpi.unit, displayPrecision: kpi.displayPrecision },
      where,
      kind: e.kind,
      direction: e.direction,
      findingKind: e.findingKind,
      startDate: e.startDate,
      lastDataDate: e.lastDataDate,
      magnitude: e.magnitude ?? finding?.magnitude ?? null,
      baselineValue: e.kind === 'drift' ? e.baselineValue : null,
      currentValue: e.kind === 'drift' ? e.currentValue : null,
      topContributor:
        e.level === 'provider' && attribution?.top
          ? { label: attribution.top.label, share: attribution.top.share }
          : null,
      siblings: siblingInfo,
      qa: test
        ? {
            scoreBefore: test.score.baselineValue,
            scoreAfter: test.score.recentValue,
            autoFailBefore: test.autoFail.baselineValue,
            autoFailAfter: test.autoFail.recentValue,
            scoreRegressed: test.score.status === (e.direction === 'adverse' ? 'regressed' : 'improved'),
            autoFailRegressed:
              test.autoFail.status === (e.direction === 'adverse' ? 'regressed' : 'improved'),
            recentEvaluations: Number(e.details['recentEvaluations'] ?? 0),
            qValue: e.pValue,
          }
        : undefined,
      sla: sla
        ? {
            finding: sla.kind,
            serviceLevelName: sla.serviceLevelName,
            value: sla.value,
            minimum: sla.minimum,
            projectedLossDay: sla.projectedLossDay,
            burnRate: sla.burnRate,
          }
        : undefined,
      resolvedOn: e.resolvedOn,
      resolution: e.resolution,
    });
  }

  // ---------------------------------------------------------------- results

  private transitions(): DriftTransition[] {
    return this.pending.map((p) => {
      const e = this.events.get(p.eventId) as DriftEventRow;
      return {
        name: p.name,
        eventId: e.id,
        providerId: e.providerId,
        siteId: e.siteId,
        serviceLine: e.serviceLine,
        kpiCode: e.kpiCode,
        kind: e.kind,
        direction: e.direction,
        dataDate: p.dataDate,
        magnitude: e.magnitude,
        explanation: e.explanation,
      };
    });
  }

  private summary(): Omit<ProviderEvaluationSummary, 'ms'> {
    const count = (name: DriftTransitionName) => this.pending.filter((p) => p.name === name).length;
    return {
      providerId: this.providerId,
      reason: this.options.reason,
      series: {
        full: this.counts.full,
        incremental: this.counts.incremental,
        unchanged: this.counts.unchanged,
      },
      qaGroups: { full: this.counts.qaFull, incremental: this.counts.qaIncremental },
      transitions: {
        opened: count(DRIFT_TRANSITIONS.opened),
        worsened: count(DRIFT_TRANSITIONS.worsened),
        resolved: count(DRIFT_TRANSITIONS.resolved),
      },
    };
  }
}

interface Subject {
  readonly seriesKey: string;
  readonly scope: SeriesScope;
  readonly level: DriftSeriesLevel;
  readonly kpiCode: string;
  readonly mode: 'full' | 'incremental';
  readonly lastDate: string;
  readonly granularity: 'day' | 'week';
  readonly betterWhen: BetterWhen;
}

/**
 * The windows compared for magnitude and attribution: the 4 weeks before the start of the change and
 * the last 4 weeks (or everything since the start, when it is more recent).
 */
export function comparisonWindows(
  startDate: string,
  lastDate: string,
): {
  before: { from: string; to: string };
  after: { from: string; to: string };
  beforeDays: number;
  afterDays: number;
} {
  const before = { from: addDays(startDate, -DRIFT_WINDOW_DAYS), to: addDays(startDate, -1) };
  const recent = addDays(lastDate, -(DRIFT_WINDOW_DAYS - 1));
  const after = { from: recent > startDate ? recent : startDate, to: lastDate };
  const days = (w: { from: string; to: string }) =>
    Math.round((Date.parse(`${w.to}T00:00:00Z`) - Date.parse(`${w.from}T00:00:00Z`)) / 86_400_000) + 1;
  return { before, after, beforeDays: days(before), afterDays: Math.max(1, days(after)) };
}

/** Headline numbers of a QA test result in the event's direction. */
function qaSummary(
  r: QaGroupResult,
  direction: 'adverse' | 'favourable',
): {
  detector: string;
  findingKind: string;
  magnitude: number | null;
  statistic: number | null;
  qValue: number | null;
} {
  const hit = direction === 'adverse' ? 'regressed' : 'improved';
  const score = r.score.status === hit;
  const autoFail = r.autoFail.status === hit;
  const main = score ? r.score : autoFail ? r.autoFail : r.score;
  const q = direction === 'adverse' ? main.qValueAdverse : main.qValueFavourable;
  const rel = (t: typeof main) =>
    t.baselineValue !== null && t.recentValue !== null && t.baselineValue !== 0
      ? t.recentValue / t.baselineValue - 1
      : null;
  return {
    detector:
      [score ? r.score.test : null, autoFail ? r.autoFail.test : null].filter(Boolean).join('+') ||
      (main.test ?? 'welch_t'),
    findingKind: score && autoFail ? 'score_and_auto_fail' : autoFail ? 'auto_fail' : 'score',
    magnitude: rel(main),
    statistic: main.statistic,
    qValue: q,
  };
}

/**
 * "Since when" of a QA regression: the start of the latest adverse change the series detectors find
 * in the group's daily QA score (of the evaluations that did not auto-fail) or, failing that, in its
 * daily auto-fail rate; null when neither shows one.
 */
function estimateQaStart(group: QaGroupData, upTo: string): string | null {
  const dates: string[] = [];
  const scores: (number | null)[] = [];
  const fails: (number | null)[] = [];
  group.dates.forEach((date, i) => {
    if (date > upTo) return;
    const d = group.days[i];
    const scored = d.evaluations - d.autoFails;
    const possible = d.pointsPossible * (scored / d.evaluations);
    dates.push(date);
    scores.push(scored > 0 && possible > 0 ? d.pointsEarned / possible : null);
    fails.push(d.evaluations > 0 ? d.autoFails / d.evaluations : null);
  });
  for (const [values, betterWhen] of [
    [scores, 'higher'],
    [fails, 'lower'],
  ] as const) {
    const r = evaluateSeries({ values, dates, betterWhen });
    const adverse = r.findings.filter((f) => f.direction === 'adverse' && f.kind !== 'variance_change');
    const last = adverse[adverse.length - 1];
    if (last?.startDate && last.startDate >= addDays(upTo, -365)) return last.startDate;
  }
  return null;
}
