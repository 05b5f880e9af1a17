import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type {
  DriftAttributionDto,
  DriftBandPointDto,
  DriftEvaluationAcceptedDto,
  DriftEventDetailDto,
  DriftEventListDto,
  DriftEventSummaryDto,
  DriftKpiSettingsDto,
  DriftMarkerDto,
  DriftOverlayDto,
  DriftSettingsListDto,
  Granularity,
  UpdateDriftSettingsRequest,
} from '@kpi/contracts';
import {
  addDays,
  computeKpiValue,
  KpiAggregation,
  KpiDirection,
  KpiUnit,
  ServiceLineCode,
} from '@kpi/domain';
import {
  chooseEvaluationGranularity,
  createSeriesState,
  DEFAULT_DRIFT_SETTINGS,
  DEFAULT_QA_REGRESSION_SETTINGS,
  parseIsoDay,
  sumCompleteWeeks,
  WEEKLY_BASELINE_POINTS,
  weekdayOfDay,
} from '@kpi/drift';
import { JOB_NAMES } from '../../jobs/job-names';
import { JOB_QUEUE, JobQueue } from '../../jobs/job-queue.port';
import { ProviderScope } from '../auth/provider-scope';
import {
  CONTROL_LIMIT_SIGMAS,
  DRIFT_EVENTS_PAGE_SIZE,
  DRIFT_EVIDENCE_LEAD_DAYS,
  DRIFT_OVERLAY_DEFAULT_DAYS,
} from './drift.constants';
import {
  DriftEngine,
  EvaluateProviderOptions,
  ProviderEvaluationSummary,
  comparisonWindows,
} from './drift-engine';
import { DriftEventBus } from './drift-event-bus';
import { formatDay } from './drift-explanation';
import { DriftRepository, EventListRow, StoredDriftSettings } from './drift.repository';
import { effectiveSettings, ENGINE_WEEKLY_KPIS, toLibraryOverrides } from './engine/settings-resolution';
import { DriftEventQueryDto } from './dto/drift-event-query.dto';
import { DriftOverlayQueryDto } from './dto/drift-overlay-query.dto';
import { DRIFT_SLA_TERMS, SlaTermsSource } from './sla-terms.port';

/** Payload of the evaluate-drift job. */
export type EvaluateDriftJob =
  | { scope: 'all'; reason: string; force?: boolean }
  | { scope: 'provider'; providerId: string; kpiCodes?: string[]; fromDate?: string; reason: string };

/** Drift detection: evaluations (engine), events, the chart overlay and the settings. */
@Injectable()
export class DriftService {
  private readonly engine: DriftEngine;

  constructor(
    private readonly repo: DriftRepository,
    readonly bus: DriftEventBus,
    @Inject(DRIFT_SLA_TERMS) slaTerms: SlaTermsSource,
    @Inject(JOB_QUEUE) private readonly jobs: JobQueue,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {
    this.engine = new DriftEngine(repo, bus, slaTerms);
  }

  /**
   * Evaluates the series of one provider (after an ingestion run: only `kpiCodes`, and in full the
   * series whose history `fromDate` touched). Cheap when nothing changed: only new days are appended.
   */
  evaluateProvider(
    providerId: string,
    options: Omit<EvaluateProviderOptions, 'reason'> & { reason?: string } = {},
  ): Promise<ProviderEvaluationSummary> {
    return this.engine.evaluateProvider(providerId, { ...options, reason: options.reason ?? 'manual' });
  }

  /** Every provider; compares stored fingerprints too, so unannounced restatements are caught. */
  evaluateAll(options: { reason: string; force?: boolean }): Promise<ProviderEvaluationSummary[]> {
    return this.engine.evaluateAll(options);
  }

  /** The job handler of evaluate-drift. */
  async runJob(job: EvaluateDriftJob): Promise<ProviderEvaluationSummary[]> {
    if (job.scope === 'all') return this.evaluateAll({ reason: job.reason, force: job.force });
    return [
      await this.evaluateProvider(job.providerId, {
        reason: job.reason,
        kpiCodes: job.kpiCodes && job.kpiCodes.length > 0 ? job.kpiCodes : null,
        fromDate: job.fromDate ?? null,
      }),
    ];
  }

  async requestEvaluation(
    scope: ProviderScope,
    providerId: string | undefined,
  ): Promise<DriftEvaluationAcceptedDto> {
    if (providerId) {
      scope.assertVisible(providerId);
      await this.assertProvider(providerId);
    }
    const key = `manual:${providerId ?? 'all'}:${new Date().toISOString().slice(0, 16)}`;
    const jobId = await this.jobs.enqueue(
      JOB_NAMES.evaluateDrift,
      providerId ? { scope: 'provider', providerId, reason: 'manual' } : { scope: 'all', reason: 'manual' },
      { key },
    );
    return { jobId };
  }

  // ---------------------------------------------------------------- events

  async listEvents(scope: ProviderScope, query: DriftEventQueryDto): Promise<DriftEventListDto> {
    if (query.providerId) scope.assertVisible(query.providerId);
    const limit = query.limit ?? DRIFT_EVENTS_PAGE_SIZE;
    const { rows, total } = await this.repo.listEvents(scope, query, limit, query.offset ?? 0);
    return { items: rows.map(toSummary), total };
  }

  async getEvent(scope: ProviderScope, id: string): Promise<DriftEventDetailDto> {
    const row = await this.repo.findEvent(scope, id);
    if (!row) throw new NotFoundException('Drift event not found');
    const [history, kpi] = await Promise.all([this.repo.eventHistory(id), this.kpi(row.kpiCode)]);
    const attribution = row.attribution as DriftAttributionDto | null;
    const windows = attribution ?? comparisonWindows(row.startDate, row.lastDataDate);
    const from = addDays(row.startDate, -DRIFT_EVIDENCE_LEAD_DAYS);
    const daily = await this.repo.store.scopeDaily(
      row.providerId,
      row.kpiCode,
      { siteId: row.siteId, serviceLine: row.serviceLine, queue: row.queue },
      from,
      row.lastDataDate,
    );
    const inWindow = (d: string, w: { from: string; to: string }) => d >= w.from && d <= w.to;
    return {
      ...toSummary(row),
      score: row.score,
      pValue: row.pValue,
      granularity: row.granularity,
      details: row.details,
      attribution,
      evidence: daily.map((d) => ({
        date: d.date,
        value: kpi ? computeKpiValue(kpi.aggregation, d) : null,
        evidence: d.date >= row.startDate,
        window: inWindow(d.date, windows.after)
          ? 'after'
          : inWindow(d.date, windows.before)
            ? 'before'
            : null,
      })),
      history,
    };
  }

  // ---------------------------------------------------------------- chart overlay

  /**
   * The control-limits band and the event markers for a KPI trend chart. The band is the baseline the
   * detectors learn on this very selection (first 8 weeks: centre and noise sigma, weekday-adjusted),
   * +/- 3 sigma; markers are the start ("since when"), detection and resolution days of the events of
   * the selection's series and of the series below it (sites, lines, teams).
   */
  async overlay(
    scope: ProviderScope,
    providerId: string,
    kpiCode: string,
    query: DriftOverlayQueryDto,
  ): Promise<DriftOverlayDto> {
    scope.assertVisible(providerId);
    const [provider] = await this.dataSource.query(
      `SELECT p.id, (SELECT max(period_start) FROM metric_observations o WHERE o.provider_id = p.id AND o.kpi_code = $2) AS last
       FROM providers p WHERE p.id = $1`,
      [providerId, kpiCode],
    );
    if (!provider) throw new NotFoundException('Provider not found');
    const kpi = await this.kpi(kpiCode);
    if (!kpi) throw new NotFoundException(`Unknown KPI "${kpiCode}"`);
    if (query.siteId) {
      const [site] = await this.dataSource.query(`SELECT 1 FROM sites WHERE id = $1 AND provider_id = $2`, [
        query.siteId,
        providerId,
      ]);
      if (!site) throw new NotFoundException('Site not found for this provider');
    }
    const granularity: Granularity = query.granularity ?? 'day';
    const to = query.to ?? (provider.last as string | null) ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? addDays(to, -(DRIFT_OVERLAY_DEFAULT_DAYS - 1));
    if (from > to) throw new BadRequestException('from must not be after to');

    const selection = {
      siteId: query.siteId ?? null,
      serviceLine: (query.serviceLine as ServiceLineCode | undefined) ?? null,
    };
    const band = await this.band(providerId, kpi, selection, from, to, granularity);
    const events = (await this.repo.eventsForOverlay(providerId, kpiCode, selection, from, to)).map(
      toSummary,
    );
    const markers: DriftMarkerDto[] = [];
    for (const e of events) {
      const what =
        e.kind === 'qa_regression'
          ? 'QA regression'
          : e.kind === 'sla'
            ? 'SLA'
            : e.direction === 'favourable'
              ? 'Improvement'
              : 'Drift';
      // A start before the range is kept: the chart pins it to its left edge (the change is still going on).
      const add = (type: DriftMarkerDto['type'], date: string | null, label: string) => {
        if (date && (date >= from || type === 'start') && date <= to)
          markers.push({
            eventId: e.id,
            type,
            date,
            kind: e.kind,
            direction: e.direction,
            status: e.status,
            label,
          });
      };
      add('start', e.startDate, `${what} since ${formatDay(e.startDate)}`);
      add('detected', e.openedOn, `${what} detected ${formatDay(e.openedOn)}`);
      add('resolved', e.resolvedOn, `${what} resolved ${formatDay(e.resolvedOn ?? '')}`);
    }
    return {
      providerId,
      kpiCode,
      siteId: selection.siteId,
      serviceLine: selection.serviceLine,
      granularity,
      from,
      to,
      ...band,
      markers,
      events,
    };
  }

  private async band(
    providerId: string,
    kpi: KpiRow,
    selection: { siteId: string | null; serviceLine: string | null },
    from: string,
    to: string,
    granularity: Granularity,
  ): Promise<Pick<DriftOverlayDto, 'band' | 'bandNote' | 'baseline'>> {
    if (kpi.direction === 'target_band')
      return { band: [], bandNote: 'Target-band KPIs are judged against their band.', baseline: null };
    const daily = await this.repo.store.scopeDaily(
      providerId,
      kpi.code,
      { ...selection, queue: null },
      null,
      to,
    );
    let choice = chooseEvaluationGranularity(daily, {
      proportion: kpi.unit === 'percent' && kpi.aggregation === 'ratio_of_sums',
    });
    if (choice.granularity === 'none') return { band: [], bandNote: choice.reason, baseline: null };
    if (ENGINE_WEEKLY_KPIS.has(kpi.code)) choice = { ...choice, granularity: 'week' };
    const points = choice.granularity === 'day' ? daily : sumCompleteWeeks(daily, to);
    const settingsRows = await this.repo.store.settingsFor(providerId);
    const settings = effectiveSettings(kpi.code, providerId, settingsRows);
    const state = createSeriesState(
      {
        values: points.map((d) => computeKpiValue(kpi.aggregation, d)),
        dates: points.map((d) => d.date),
        betterWhen: kpi.direction === 'higher_is_better' ? 'higher' : 'lower',
        baselineLength:
          settings.baselineLength ?? (choice.granularity === 'week' ? WEEKLY_BASELINE_POINTS : undefined),
      },
      toLibraryOverrides(settings),
    );
    const b = state.baseline;
    if (!b) return { band: [], bandNote: 'Not enough history yet for control limits.', baseline: null };
    // The baseline is the first b.points valid points of the selection.
    const validDates = points
      .filter((p) => Number.isFinite(computeKpiValue(kpi.aggregation, p) ?? Number.NaN))
      .map((p) => p.date);
    const baseline = {
      level: b.level,
      sigma: b.sigma,
      scale: b.scale,
      points: b.points,
      from: validDates[0] ?? from,
      to: validDates[Math.max(0, b.points - 1)] ?? from,
    };
    if (granularity !== choice.granularity) {
      const view = choice.granularity === 'day' ? 'daily' : 'weekly';
      return {
        band: [],
        bandNote: `Control limits are drawn on the ${view} view, where the detectors run.`,
        baseline,
      };
    }
    const dates: string[] = [];
    if (granularity === 'day') for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
    else for (const p of points) if (p.date >= addDays(from, -6) && p.date <= to) dates.push(p.date);
    const relative = b.level !== 0 ? b.sigma / Math.abs(b.level) : 0;
    const band: DriftBandPointDto[] = dates.map((date) => {
      const slot = b.seasonPeriod === 7 ? weekdayOfDay(parseIsoDay(date)) : -1;
      const effect = slot >= 0 ? b.seasonalEffects[slot] : undefined;
      if (b.scale === 'log') {
        const center = b.level * (effect ?? 1);
        const spread = Math.exp(CONTROL_LIMIT_SIGMAS * relative);
        return { periodStart: date, center, lower: center / spread, upper: center * spread };
      }
      const center = b.level + (effect ?? 0);
      return {
        periodStart: date,
        center,
        lower: center - CONTROL_LIMIT_SIGMAS * b.sigma,
        upper: center + CONTROL_LIMIT_SIGMAS * b.sigma,
      };
    });
    return {
      band,
      bandNote: `Baseline ${formatDay(baseline.from)} – ${formatDay(baseline.to)}: centre ± ${CONTROL_LIMIT_SIGMAS} sigma${b.seasonPeriod === 7 ? ', by weekday' : ''}.`,
      baseline,
    };
  }

  // ---------------------------------------------------------------- settings

  async settings(): Promise<DriftSettingsListDto> {
    const [rows, kpis] = await Promise.all([
      this.repo.listSettings(),
      this.dataSource.query(
        `SELECT code FROM kpi_definitions WHERE direction <> 'target_band' ORDER BY code`,
      ) as Promise<{ code: string }[]>,
    ]);
    return {
      defaults: {
        detectors: [...DEFAULT_DRIFT_SETTINGS.detectors],
        sensitivity: 'default',
        baselineLength: DEFAULT_DRIFT_SETTINGS.baselineSeasons * 7,
        minSamples: DEFAULT_DRIFT_SETTINGS.minBaselinePoints,
        qaMinEvaluations: DEFAULT_QA_REGRESSION_SETTINGS.minEvaluations,
      },
      kpis: kpis.map((k) => toSettingsDto(effectiveSettings(k.code, null, rows))),
      overrides: rows
        .filter((r) => r.providerId !== null)
        .map((r) => toSettingsDto(effectiveSettings(r.kpiCode, r.providerId, rows))),
    };
  }

  async updateSettings(
    kpiCode: string,
    providerId: string | null,
    body: UpdateDriftSettingsRequest,
    userId: string,
  ): Promise<DriftKpiSettingsDto> {
    if (!(await this.kpi(kpiCode))) throw new NotFoundException(`Unknown KPI "${kpiCode}"`);
    if (providerId) await this.assertProvider(providerId);
    const rows = await this.repo.listSettings();
    const current = rows.find((r) => r.kpiCode === kpiCode && r.providerId === providerId);
    const merged: StoredDriftSettings = {
      kpiCode,
      providerId,
      enabled: pickField(body.enabled, current?.enabled),
      detectors: pickField(body.detectors, current?.detectors),
      sensitivity: pickField(body.sensitivity, current?.sensitivity),
      baselineLength: pickField(body.baselineLength, current?.baselineLength),
      minSamples: pickField(body.minSamples, current?.minSamples),
    };
    await this.repo.saveSettings(merged, userId);
    await this.enqueueAfterSettingsChange(providerId);
    const after = await this.repo.listSettings();
    return toSettingsDto(effectiveSettings(kpiCode, providerId, after));
  }

  async resetSettings(kpiCode: string, providerId: string | null): Promise<void> {
    if (!(await this.repo.deleteSettings(kpiCode, providerId)))
      throw new NotFoundException('No such drift settings');
    await this.enqueueAfterSettingsChange(providerId);
  }

  /** New settings rebuild the affected series (their settings hash changes) on the next evaluation: run it now. */
  private async enqueueAfterSettingsChange(providerId: string | null): Promise<void> {
    const key = `settings:${providerId ?? 'all'}:${Date.now()}`;
    await this.jobs.enqueue(
      JOB_NAMES.evaluateDrift,
      providerId
        ? { scope: 'provider', providerId, reason: 'settings' }
        : { scope: 'all', reason: 'settings' },
      { key },
    );
  }

  private async assertProvider(providerId: string): Promise<void> {
    const [row] = await this.dataSource.query(`SELECT 1 FROM providers WHERE id = $1`, [providerId]);
    if (!row) throw new NotFoundException('Provider not found');
  }

  private async kpi(code: string): Promise<KpiRow | null> {
    const [row] = await this.dataSource.query(
      `SELECT code, aggregation, unit, direction FROM kpi_definitions WHERE code = $1`,
      [code],
    );
    return row ?? null;
  }
}

interface KpiRow {
  code: string;
  aggregation: KpiAggregation;
  unit: KpiUnit;
  direction: KpiDirection;
}

function pickField<T>(value: T | null | undefined, current: T | null | undefined): T | null {
  if (value === undefined) return current ?? null;
  return value;
}

function toSettingsDto(s: ReturnType<typeof effectiveSettings>): DriftKpiSettingsDto {
  return {
    kpiCode: s.kpiCode,
    providerId: s.providerId,
    enabled: s.enabled,
    detectors: s.detectors,
    sensitivity: s.sensitivity,
    baselineLength: s.baselineLength,
    minSamples: s.minSamples,
    source: s.source,
  };
}

export function toSummary(row: EventListRow): DriftEventSummaryDto {
  return {
    id: row.id,
    providerId: row.providerId,
    providerCode: row.providerCode,
    providerName: row.providerName,
    siteId: row.siteId,
    siteCity: row.siteCity,
    serviceLine: row.serviceLine as ServiceLineCode | null,
    queue: row.queue,
    level: row.level,
    kpiCode: row.kpiCode,
    kind: row.kind,
    direction: row.direction,
    status: row.status,
    detector: row.detector,
    findingKind: row.findingKind,
    startDate: row.startDate,
    openedOn: row.openedOn,
    resolvedOn: row.resolvedOn,
    resolution: row.resolution,
    lastDataDate: row.lastDataDate,
    magnitude: row.magnitude,
    baselineValue: row.baselineValue,
    currentValue: row.currentValue,
    explanation: row.explanation,
    alerted: row.direction === 'adverse',
  };
}
