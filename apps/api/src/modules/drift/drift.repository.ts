import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type {
  DriftDirection,
  DriftEventKind,
  DriftEventQuery,
  DriftEventStatus,
  DriftHistoryTransition,
  DriftResolution,
  DriftSeriesLevel,
} from '@kpi/contracts';
import type { KpiAggregation, KpiDirection, KpiUnit } from '@kpi/domain';
import type { DriftSensitivity, MonitorDetectorName, SeriesState } from '@kpi/drift';
import { ProviderScope } from '../auth/provider-scope';
import { DRIFT_PROVIDER_LOCK_CLASS } from './drift.constants';
import { StoredQaGroup } from './engine/qa-evaluator';
import { StoredSeries } from './engine/series-evaluator';
import { QaSliceDay } from './engine/qa-evaluator';
import { SeriesFingerprint, SliceDay } from './engine/series-model';
import { PeriodAccumulators } from './engine/sla-rules';
import { TrackStates } from './engine/tracks';

export interface KpiDefinitionRow {
  code: string;
  name: string;
  unit: KpiUnit;
  direction: KpiDirection;
  aggregation: KpiAggregation;
  displayPrecision: number;
}

export interface ProviderInfo {
  id: string;
  code: string;
  name: string;
  sites: Map<string, { code: string; city: string }>;
}

export interface StoredDriftSettings {
  kpiCode: string;
  providerId: string | null;
  enabled: boolean | null;
  detectors: MonitorDetectorName[] | null;
  sensitivity: DriftSensitivity | null;
  baselineLength: number | null;
  minSamples: number | null;
}

export interface SeriesRow {
  seriesKey: string;
  providerId: string;
  siteId: string | null;
  serviceLine: string | null;
  queue: string | null;
  kpiCode: string;
  level: DriftSeriesLevel;
  series: StoredSeries;
}

export interface SeriesWrite extends SeriesRow {
  mode: 'full' | 'incremental';
}

export interface QaGroupRow {
  groupKey: string;
  providerId: string;
  siteId: string | null;
  serviceLine: string | null;
  queue: string | null;
  level: DriftSeriesLevel;
  group: StoredQaGroup;
  lastResult: unknown;
}

export interface DriftEventRow {
  id: string;
  seriesKey: string;
  providerId: string;
  siteId: string | null;
  serviceLine: string | null;
  queue: string | null;
  level: DriftSeriesLevel;
  kpiCode: string;
  kind: DriftEventKind;
  direction: DriftDirection;
  status: DriftEventStatus;
  detector: string;
  findingKind: string | null;
  granularity: 'day' | 'week';
  startDate: string;
  openedOn: string;
  resolvedOn: string | null;
  resolution: DriftResolution | null;
  lastDataDate: string;
  magnitude: number | null;
  baselineValue: number | null;
  currentValue: number | null;
  score: number | null;
  pValue: number | null;
  explanation: string;
  evidence: { date: string; value: number | null }[];
  attribution: unknown;
  details: Record<string, unknown>;
  notifiedMagnitude: number | null;
}

export interface EventListRow extends DriftEventRow {
  providerCode: string;
  providerName: string;
  siteCity: string | null;
}

export type NewDriftEvent = Omit<DriftEventRow, 'id'>;

export interface HistoryEntry {
  eventId: string;
  transition: DriftHistoryTransition;
  dataDate: string;
  magnitude: number | null;
  note: string;
}

export interface SliceWindowRow {
  siteId: string;
  serviceLine: string;
  queue: string;
  beforeNumerator: number;
  beforeDenominator: number | null;
  afterNumerator: number;
  afterDenominator: number | null;
}

export interface ScopeFilter {
  siteId: string | null;
  serviceLine: string | null;
  queue: string | null;
}

type Queryable = Pick<EntityManager, 'query'>;

const EVENT_COLUMNS = `e.id, e.series_key, e.provider_id, e.site_id, e.service_line_code, e.queue, e.level, e.kpi_code,
  e.kind, e.direction, e.status, e.detector, e.finding_kind, e.granularity, e.start_date, e.opened_on, e.resolved_on,
  e.resolution, e.last_data_date, e.magnitude, e.baseline_value, e.current_value, e.score, e.p_value, e.explanation,
  e.evidence, e.attribution, e.details, e.notified_magnitude`;

/** SQL of the drift engine and the drift api. Set-based where it matters (loading components, batch upserts). */
@Injectable()
export class DriftRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Runs `work` in one transaction with a store bound to it. */
  transaction<T>(work: (store: DriftStore) => Promise<T>): Promise<T> {
    return this.dataSource.transaction((manager) => work(new DriftStore(manager)));
  }

  /** A store on the plain data source (reads outside a transaction). */
  get store(): DriftStore {
    return new DriftStore(this.dataSource.manager);
  }

  async providerIds(): Promise<string[]> {
    const rows: { id: string }[] = await this.dataSource.query(`SELECT id FROM providers ORDER BY code`);
    return rows.map((r) => r.id);
  }

  async countSeries(): Promise<number> {
    const [{ count }] = await this.dataSource.query(`SELECT count(*)::int AS count FROM drift_series`);
    return count;
  }

  async listEvents(
    scope: ProviderScope,
    q: DriftEventQuery,
    limit: number,
    offset: number,
  ): Promise<{ rows: EventListRow[]; total: number }> {
    const params: unknown[] = [];
    const where = [scope.sqlCondition('e.provider_id', params)];
    const eq = (column: string, value: unknown) => {
      if (value === undefined || value === null || value === '') return;
      params.push(value);
      where.push(`${column} = $${params.length}`);
    };
    eq('e.provider_id', q.providerId);
    eq('e.site_id', q.siteId);
    eq('e.kpi_code', q.kpiCode);
    eq('e.kind', q.kind);
    eq('e.status', q.status);
    eq('e.direction', q.direction);
    if (q.since) {
      params.push(q.since);
      where.push(`(e.start_date >= $${params.length} OR e.last_data_date >= $${params.length})`);
    }
    const condition = where.join(' AND ');
    const [{ total }] = await this.dataSource.query(
      `SELECT count(*)::int AS total FROM drift_events e WHERE ${condition}`,
      params,
    );
    params.push(limit, offset);
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS}, p.code AS provider_code, p.name AS provider_name, s.city AS site_city
       FROM drift_events e JOIN providers p ON p.id = e.provider_id LEFT JOIN sites s ON s.id = e.site_id
       WHERE ${condition}
       ORDER BY (e.status = 'open') DESC, (e.direction = 'adverse') DESC, e.opened_on DESC, e.start_date DESC, e.id
       LIMIT $${params.length - 1} OFFSET $${params.length}`,
      params,
    );
    return { rows: rows.map(toListRow), total };
  }

  async findEvent(scope: ProviderScope, id: string): Promise<EventListRow | null> {
    const params: unknown[] = [id];
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS}, p.code AS provider_code, p.name AS provider_name, s.city AS site_city
       FROM drift_events e JOIN providers p ON p.id = e.provider_id LEFT JOIN sites s ON s.id = e.site_id
       WHERE e.id = $1 AND ${scope.sqlCondition('e.provider_id', params)}`,
      params,
    );
    return rows.length > 0 ? toListRow(rows[0]) : null;
  }

  async eventHistory(
    eventId: string,
  ): Promise<
    {
      transition: DriftHistoryTransition;
      dataDate: string;
      at: string;
      magnitude: number | null;
      note: string;
    }[]
  > {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT transition, data_date, at, magnitude, note FROM drift_event_history WHERE event_id = $1 ORDER BY id`,
      [eventId],
    );
    return rows.map((r) => ({
      transition: r['transition'] as DriftHistoryTransition,
      dataDate: r['data_date'] as string,
      at: new Date(r['at'] as string).toISOString(),
      magnitude: (r['magnitude'] as number | null) ?? null,
      note: r['note'] as string,
    }));
  }

  /** Events of one provider and KPI whose series lies within the selection (and, for a site or provider, below it). */
  async eventsForOverlay(
    providerId: string,
    kpiCode: string,
    selection: { siteId: string | null; serviceLine: string | null },
    from: string,
    to: string,
  ): Promise<EventListRow[]> {
    const params: unknown[] = [providerId, kpiCode, from, to];
    let where = `e.provider_id = $1 AND e.kpi_code = $2 AND e.start_date <= $4 AND (e.resolved_on IS NULL OR e.resolved_on >= $3)`;
    if (selection.siteId) {
      params.push(selection.siteId);
      where += ` AND e.site_id = $${params.length}`;
    } else {
      where += ` AND e.site_id IS NULL`;
    }
    if (selection.serviceLine) {
      params.push(selection.serviceLine);
      where += ` AND e.service_line_code = $${params.length}`;
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT ${EVENT_COLUMNS}, p.code AS provider_code, p.name AS provider_name, s.city AS site_city
       FROM drift_events e JOIN providers p ON p.id = e.provider_id LEFT JOIN sites s ON s.id = e.site_id
       WHERE ${where} ORDER BY e.start_date, e.id`,
      params,
    );
    return rows.map(toListRow);
  }

  async listSettings(): Promise<StoredDriftSettings[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT kpi_code, provider_id, enabled, detectors, sensitivity, baseline_length, min_samples
       FROM drift_settings ORDER BY kpi_code, provider_id NULLS FIRST`,
    );
    return rows.map(toSettings);
  }

  async saveSettings(s: StoredDriftSettings, userId: string | null): Promise<void> {
    const conflict =
      s.providerId === null
        ? `(kpi_code) WHERE provider_id IS NULL`
        : `(kpi_code, provider_id) WHERE provider_id IS NOT NULL`;
    await this.dataSource.query(
      `INSERT INTO drift_settings (kpi_code, provider_id, enabled, detectors, sensitivity, baseline_length, min_samples, updated_by)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT ${conflict} DO UPDATE SET enabled = EXCLUDED.enabled, detectors = EXCLUDED.detectors,
         sensitivity = EXCLUDED.sensitivity, baseline_length = EXCLUDED.baseline_length, min_samples = EXCLUDED.min_samples,
         updated_by = EXCLUDED.updated_by, updated_at = now()`,
      [
        s.kpiCode,
        s.providerId,
        s.enabled,
        s.detectors,
        s.sensitivity,
        s.baselineLength,
        s.minSamples,
        userId,
      ],
    );
  }

  async deleteSettings(kpiCode: string, providerId: string | null): Promise<boolean> {
    const rows = await this.dataSource.query(
      `WITH d AS (DELETE FROM drift_settings WHERE kpi_code = $1 AND provider_id IS NOT DISTINCT FROM $2 RETURNING 1) SELECT count(*)::int AS n FROM d`,
      [kpiCode, providerId],
    );
    return rows[0].n > 0;
  }
}

/** Queries of one evaluation, bound to its transaction (or to the data source for reads). */
export class DriftStore {
  constructor(private readonly q: Queryable) {}

  /** Serialises evaluations of one provider across api instances (held until the transaction ends). */
  async lockProvider(providerId: string): Promise<void> {
    await this.q.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [
      DRIFT_PROVIDER_LOCK_CLASS,
      providerId,
    ]);
  }

  async providerInfo(providerId: string): Promise<ProviderInfo | null> {
    const rows: { id: string; code: string; name: string }[] = await this.q.query(
      `SELECT id, code, name FROM providers WHERE id = $1`,
      [providerId],
    );
    if (rows.length === 0) return null;
    const sites: { id: string; code: string; city: string }[] = await this.q.query(
      `SELECT id, code, city FROM sites WHERE provider_id = $1`,
      [providerId],
    );
    return { ...rows[0], sites: new Map(sites.map((s) => [s.id, { code: s.code, city: s.city }])) };
  }

  async kpiDefinitions(): Promise<Map<string, KpiDefinitionRow>> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT code, name, unit, direction, aggregation, display_precision FROM kpi_definitions`,
    );
    return new Map(
      rows.map((r) => [
        r['code'] as string,
        {
          code: r['code'] as string,
          name: r['name'] as string,
          unit: r['unit'] as KpiUnit,
          direction: r['direction'] as KpiDirection,
          aggregation: r['aggregation'] as KpiAggregation,
          displayPrecision: Number(r['display_precision']),
        },
      ]),
    );
  }

  async settingsFor(providerId: string): Promise<StoredDriftSettings[]> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT kpi_code, provider_id, enabled, detectors, sensitivity, baseline_length, min_samples
       FROM drift_settings WHERE provider_id IS NULL OR provider_id = $1`,
      [providerId],
    );
    return rows.map(toSettings);
  }

  async kpisWithData(providerId: string): Promise<string[]> {
    const rows: { kpi_code: string }[] = await this.q.query(
      `SELECT DISTINCT kpi_code FROM metric_observations WHERE provider_id = $1 AND granularity = 'day' ORDER BY kpi_code`,
      [providerId],
    );
    return rows.map((r) => r.kpi_code);
  }

  async seriesRows(providerId: string, kpiCodes: readonly string[]): Promise<Map<string, SeriesRow>> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT series_key, provider_id, site_id, service_line_code, queue, kpi_code, level, granularity, granularity_reason,
              status, state, settings_hash, first_date, detector_last_date, covered_to, points, fingerprint, tracks, sla_accumulators
       FROM drift_series WHERE provider_id = $1 AND kpi_code = ANY($2::text[])`,
      [providerId, kpiCodes],
    );
    return new Map(
      rows.map((r) => [
        r['series_key'] as string,
        {
          seriesKey: r['series_key'] as string,
          providerId: r['provider_id'] as string,
          siteId: (r['site_id'] as string | null) ?? null,
          serviceLine: (r['service_line_code'] as string | null) ?? null,
          queue: (r['queue'] as string | null) ?? null,
          kpiCode: r['kpi_code'] as string,
          level: r['level'] as DriftSeriesLevel,
          series: {
            granularity: r['granularity'] as StoredSeries['granularity'],
            granularityReason: r['granularity_reason'] as string,
            state: (r['state'] as SeriesState | null) ?? null,
            status: r['status'] as StoredSeries['status'],
            detectorLastDate: (r['detector_last_date'] as string | null) ?? null,
            coveredTo: (r['covered_to'] as string | null) ?? null,
            firstDate: (r['first_date'] as string | null) ?? null,
            points: Number(r['points']),
            fingerprint: (r['fingerprint'] as SeriesFingerprint | null) ?? null,
            tracks: (r['tracks'] as TrackStates) ?? {},
            slaAccumulators: (r['sla_accumulators'] as PeriodAccumulators) ?? {},
            settingsHash: (r['settings_hash'] as string | null) ?? null,
          },
        },
      ]),
    );
  }

  /** Daily components per slice (site x line x queue); per KPI from a date, or the whole history (from = null). */
  async dailyComponents(
    providerId: string,
    plan: readonly { kpiCode: string; from: string | null }[],
  ): Promise<SliceDay[]> {
    if (plan.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT o.site_id, o.service_line_code, o.queue, o.kpi_code, o.period_start AS d,
              sum(o.numerator) AS n, sum(o.denominator) AS den
       FROM metric_observations o
       JOIN unnest($2::text[], $3::date[]) AS p(kpi_code, from_date) ON p.kpi_code = o.kpi_code
       WHERE o.provider_id = $1 AND o.granularity = 'day' AND (p.from_date IS NULL OR o.period_start >= p.from_date)
       GROUP BY o.site_id, o.service_line_code, o.queue, o.kpi_code, o.period_start`,
      [providerId, plan.map((p) => p.kpiCode), plan.map((p) => p.from)],
    );
    return rows.map((r) => ({
      siteId: r['site_id'] as string,
      serviceLine: r['service_line_code'] as string,
      queue: r['queue'] as string,
      kpiCode: r['kpi_code'] as string,
      date: r['d'] as string,
      numerator: Number(r['n']),
      denominator: r['den'] === null ? null : Number(r['den']),
    }));
  }

  /** QA components per slice and day: points earned / possible (qa_score) and auto-fails / evaluations. */
  async qaSliceDays(providerId: string, scoreKpi: string, autoFailKpi: string): Promise<QaSliceDay[]> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT site_id, service_line_code, queue, period_start AS d,
              sum(numerator) FILTER (WHERE kpi_code = $2) AS earned, sum(denominator) FILTER (WHERE kpi_code = $2) AS possible,
              sum(numerator) FILTER (WHERE kpi_code = $3) AS fails, sum(denominator) FILTER (WHERE kpi_code = $3) AS evals
       FROM metric_observations
       WHERE provider_id = $1 AND granularity = 'day' AND kpi_code IN ($2, $3)
       GROUP BY site_id, service_line_code, queue, period_start`,
      [providerId, scoreKpi, autoFailKpi],
    );
    const out: QaSliceDay[] = [];
    for (const r of rows) {
      const evaluations = Number(r['evals'] ?? 0);
      const possible = Number(r['possible'] ?? 0);
      if (!(evaluations > 0) || !(possible > 0)) continue;
      out.push({
        siteId: r['site_id'] as string,
        serviceLine: r['service_line_code'] as string,
        queue: r['queue'] as string,
        date: r['d'] as string,
        totals: {
          pointsEarned: Number(r['earned'] ?? 0),
          pointsPossible: possible,
          evaluations,
          autoFails: Number(r['fails'] ?? 0),
        },
      });
    }
    return out;
  }

  async qaGroupRows(providerId: string): Promise<Map<string, QaGroupRow>> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT group_key, provider_id, site_id, service_line_code, queue, level, first_date, last_date, fingerprint, tracks, last_result
       FROM drift_qa_groups WHERE provider_id = $1`,
      [providerId],
    );
    return new Map(
      rows.map((r) => [
        r['group_key'] as string,
        {
          groupKey: r['group_key'] as string,
          providerId: r['provider_id'] as string,
          siteId: (r['site_id'] as string | null) ?? null,
          serviceLine: (r['service_line_code'] as string | null) ?? null,
          queue: (r['queue'] as string | null) ?? null,
          level: r['level'] as DriftSeriesLevel,
          group: {
            firstDate: (r['first_date'] as string | null) ?? null,
            lastDate: (r['last_date'] as string | null) ?? null,
            fingerprint: (r['fingerprint'] as SeriesFingerprint | null) ?? null,
            tracks: (r['tracks'] as TrackStates) ?? {},
          },
          lastResult: r['last_result'],
        },
      ]),
    );
  }

  async upsertSeries(rows: readonly SeriesWrite[]): Promise<void> {
    const CHUNK = 200;
    for (let i = 0; i < rows.length; i += CHUNK) {
      const chunk = rows.slice(i, i + CHUNK).map((r) => ({
        series_key: r.seriesKey,
        provider_id: r.providerId,
        site_id: r.siteId,
        service_line_code: r.serviceLine,
        queue: r.queue,
        kpi_code: r.kpiCode,
        level: r.level,
        granularity: r.series.granularity,
        granularity_reason: r.series.granularityReason,
        status: r.series.status,
        state: r.series.state,
        settings_hash: r.series.settingsHash,
        first_date: r.series.firstDate,
        detector_last_date: r.series.detectorLastDate,
        covered_to: r.series.coveredTo,
        points: r.series.points,
        fingerprint: r.series.fingerprint,
        tracks: r.series.tracks,
        sla_accumulators: r.series.slaAccumulators,
        is_full: r.mode === 'full' ? 1 : 0,
        mode: r.mode,
      }));
      await this.q.query(
        `INSERT INTO drift_series (series_key, provider_id, site_id, service_line_code, queue, kpi_code, level, granularity,
           granularity_reason, status, state, settings_hash, first_date, detector_last_date, covered_to, points, fingerprint,
           tracks, sla_accumulators, full_evaluations, incremental_evaluations, last_mode, evaluated_at)
         SELECT x.series_key, x.provider_id, x.site_id, x.service_line_code, x.queue, x.kpi_code, x.level, x.granularity,
           x.granularity_reason, x.status, x.state, x.settings_hash, x.first_date, x.detector_last_date, x.covered_to, x.points,
           x.fingerprint, x.tracks, x.sla_accumulators, x.is_full, 1 - x.is_full, x.mode, now()
         FROM jsonb_to_recordset($1::jsonb) AS x(series_key text, provider_id uuid, site_id uuid, service_line_code text,
           queue text, kpi_code text, level text, granularity text, granularity_reason text, status text, state jsonb,
           settings_hash text, first_date date, detector_last_date date, covered_to date, points int, fingerprint jsonb,
           tracks jsonb, sla_accumulators jsonb, is_full int, mode text)
         ON CONFLICT (series_key) DO UPDATE SET granularity = EXCLUDED.granularity,
           granularity_reason = EXCLUDED.granularity_reason, status = EXCLUDED.status, state = EXCLUDED.state,
           settings_hash = EXCLUDED.settings_hash, first_date = EXCLUDED.first_date,
           detector_last_date = EXCLUDED.detector_last_date, covered_to = EXCLUDED.covered_to, points = EXCLUDED.points,
           fingerprint = EXCLUDED.fingerprint, tracks = EXCLUDED.tracks, sla_accumulators = EXCLUDED.sla_accumulators,
           full_evaluations = drift_series.full_evaluations + EXCLUDED.full_evaluations,
           incremental_evaluations = drift_series.incremental_evaluations + EXCLUDED.incremental_evaluations,
           last_mode = EXCLUDED.last_mode, evaluated_at = now()`,
        [JSON.stringify(chunk)],
      );
    }
  }

  async upsertQaGroups(rows: readonly QaGroupRow[]): Promise<void> {
    if (rows.length === 0) return;
    const data = rows.map((r) => ({
      group_key: r.groupKey,
      provider_id: r.providerId,
      site_id: r.siteId,
      service_line_code: r.serviceLine,
      queue: r.queue,
      level: r.level,
      first_date: r.group.firstDate,
      last_date: r.group.lastDate,
      fingerprint: r.group.fingerprint,
      tracks: r.group.tracks,
      last_result: r.lastResult ?? null,
    }));
    await this.q.query(
      `INSERT INTO drift_qa_groups (group_key, provider_id, site_id, service_line_code, queue, level, first_date, last_date,
         fingerprint, tracks, last_result, evaluated_at)
       SELECT x.group_key, x.provider_id, x.site_id, x.service_line_code, x.queue, x.level, x.first_date, x.last_date,
         x.fingerprint, x.tracks, x.last_result, now()
       FROM jsonb_to_recordset($1::jsonb) AS x(group_key text, provider_id uuid, site_id uuid, service_line_code text,
         queue text, level text, first_date date, last_date date, fingerprint jsonb, tracks jsonb, last_result jsonb)
       ON CONFLICT (group_key) DO UPDATE SET first_date = EXCLUDED.first_date, last_date = EXCLUDED.last_date,
         fingerprint = EXCLUDED.fingerprint, tracks = EXCLUDED.tracks, last_result = EXCLUDED.last_result, evaluated_at = now()`,
      [JSON.stringify(data)],
    );
  }

  async openEvents(providerId: string): Promise<DriftEventRow[]> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT ${EVENT_COLUMNS} FROM drift_events e WHERE e.provider_id = $1 AND e.status = 'open'`,
      [providerId],
    );
    return rows.map(toEventRow);
  }

  async eventsByIds(ids: readonly string[]): Promise<DriftEventRow[]> {
    if (ids.length === 0) return [];
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT ${EVENT_COLUMNS} FROM drift_events e WHERE e.id = ANY($1::uuid[])`,
      [ids],
    );
    return rows.map(toEventRow);
  }

  async findEpisode(
    seriesKey: string,
    kind: DriftEventKind,
    direction: DriftDirection,
    openedOn: string,
  ): Promise<DriftEventRow | null> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT ${EVENT_COLUMNS} FROM drift_events e
       WHERE e.series_key = $1 AND e.kind = $2 AND e.direction = $3 AND e.opened_on = $4`,
      [seriesKey, kind, direction, openedOn],
    );
    return rows.length > 0 ? toEventRow(rows[0]) : null;
  }

  /** Inserts an event; returns its id, or null when the same episode is already recorded. */
  async insertEvent(e: NewDriftEvent): Promise<string | null> {
    const rows: { id: string }[] = await this.q.query(
      `INSERT INTO drift_events (series_key, provider_id, site_id, service_line_code, queue, level, kpi_code, kind, direction,
         status, detector, finding_kind, granularity, start_date, opened_on, resolved_on, resolution, last_data_date,
         magnitude, baseline_value, current_value, score, p_value, explanation, evidence, attribution, details,
         notified_magnitude, resolved_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17,$18,$19,$20,$21,$22,$23,$24,$25,$26,$27,$28,
         CASE WHEN $29::boolean THEN now() END)
       ON CONFLICT (series_key, kind, direction, opened_on) DO NOTHING
       RETURNING id`,
      [
        e.seriesKey,
        e.providerId,
        e.siteId,
        e.serviceLine,
        e.queue,
        e.level,
        e.kpiCode,
        e.kind,
        e.direction,
        e.status,
        e.detector,
        e.findingKind,
        e.granularity,
        e.startDate,
        e.openedOn,
        e.resolvedOn,
        e.resolution,
        e.lastDataDate,
        e.magnitude,
        e.baselineValue,
        e.currentValue,
        e.score,
        e.pValue,
        e.explanation,
        JSON.stringify(e.evidence),
        e.attribution === null ? null : JSON.stringify(e.attribution),
        JSON.stringify(e.details),
        e.notifiedMagnitude,
        e.status === 'resolved',
      ],
    );
    return rows.length > 0 ? rows[0].id : null;
  }

  async updateEvent(e: DriftEventRow): Promise<void> {
    await this.q.query(
      `UPDATE drift_events SET status = $2, detector = $3, finding_kind = $4, start_date = $5, resolved_on = $6,
         resolution = $7, last_data_date = $8, magnitude = $9, baseline_value = $10, current_value = $11, score = $12,
         p_value = $13, explanation = $14, evidence = $15, attribution = $16, details = $17, notified_magnitude = $18,
         granularity = $19,
         resolved_at = CASE WHEN $20::boolean THEN coalesce(resolved_at, now()) ELSE NULL END, updated_at = now()
       WHERE id = $1`,
      [
        e.id,
        e.status,
        e.detector,
        e.findingKind,
        e.startDate,
        e.resolvedOn,
        e.resolution,
        e.lastDataDate,
        e.magnitude,
        e.baselineValue,
        e.currentValue,
        e.score,
        e.pValue,
        e.explanation,
        JSON.stringify(e.evidence),
        e.attribution === null || e.attribution === undefined ? null : JSON.stringify(e.attribution),
        JSON.stringify(e.details),
        e.notifiedMagnitude,
        e.granularity,
        e.status === 'resolved',
      ],
    );
  }

  async insertHistory(entries: readonly HistoryEntry[]): Promise<void> {
    if (entries.length === 0) return;
    await this.q.query(
      `INSERT INTO drift_event_history (event_id, transition, data_date, magnitude, note)
       SELECT * FROM unnest($1::uuid[], $2::text[], $3::date[], $4::float8[], $5::text[])`,
      [
        entries.map((e) => e.eventId),
        entries.map((e) => e.transition),
        entries.map((e) => e.dataDate),
        entries.map((e) => e.magnitude),
        entries.map((e) => e.note),
      ],
    );
  }

  /** Components per slice (site x line x queue) of one KPI, summed over a before and an after window, within a scope. */
  async sliceWindows(
    providerId: string,
    kpiCode: string,
    scope: ScopeFilter,
    before: { from: string; to: string },
    after: { from: string; to: string },
  ): Promise<SliceWindowRow[]> {
    const params: unknown[] = [providerId, kpiCode, before.from, before.to, after.from, after.to];
    const where = scopeSql(scope, params);
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT site_id, service_line_code, queue,
              coalesce(sum(numerator) FILTER (WHERE period_start BETWEEN $3 AND $4), 0) AS bn,
              sum(denominator) FILTER (WHERE period_start BETWEEN $3 AND $4) AS bd,
              coalesce(sum(numerator) FILTER (WHERE period_start BETWEEN $5 AND $6), 0) AS an,
              sum(denominator) FILTER (WHERE period_start BETWEEN $5 AND $6) AS ad
       FROM metric_observations
       WHERE provider_id = $1 AND kpi_code = $2 AND granularity = 'day'
         AND (period_start BETWEEN $3 AND $4 OR period_start BETWEEN $5 AND $6) ${where}
       GROUP BY site_id, service_line_code, queue`,
      params,
    );
    return rows.map((r) => ({
      siteId: r['site_id'] as string,
      serviceLine: r['service_line_code'] as string,
      queue: r['queue'] as string,
      beforeNumerator: Number(r['bn']),
      beforeDenominator: r['bd'] === null ? null : Number(r['bd']),
      afterNumerator: Number(r['an']),
      afterDenominator: r['ad'] === null ? null : Number(r['ad']),
    }));
  }

  /** Daily components of one KPI within a scope (summed over its slices), from..to inclusive (from null = all). */
  async scopeDaily(
    providerId: string,
    kpiCode: string,
    scope: ScopeFilter,
    from: string | null,
    to: string | null,
  ): Promise<{ date: string; numerator: number; denominator: number | null }[]> {
    const params: unknown[] = [providerId, kpiCode, from, to];
    const where = scopeSql(scope, params);
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT period_start AS d, sum(numerator) AS n, sum(denominator) AS den
       FROM metric_observations
       WHERE provider_id = $1 AND kpi_code = $2 AND granularity = 'day'
         AND ($3::date IS NULL OR period_start >= $3) AND ($4::date IS NULL OR period_start <= $4) ${where}
       GROUP BY period_start ORDER BY period_start`,
      params,
    );
    return rows.map((r) => ({
      date: r['d'] as string,
      numerator: Number(r['n']),
      denominator: r['den'] === null ? null : Number(r['den']),
    }));
  }

  /** Open adverse drift events of the same KPI at the provider's other slices (for "the other sites are stable"). */
  async siblingSlices(
    providerId: string,
    kpiCode: string,
  ): Promise<{ seriesKey: string; siteId: string; serviceLine: string }[]> {
    const rows: Record<string, unknown>[] = await this.q.query(
      `SELECT series_key, site_id, service_line_code FROM drift_series
       WHERE provider_id = $1 AND kpi_code = $2 AND level = 'site_line'`,
      [providerId, kpiCode],
    );
    return rows.map((r) => ({
      seriesKey: r['series_key'] as string,
      siteId: r['site_id'] as string,
      serviceLine: r['service_line_code'] as string,
    }));
  }
}

function scopeSql(scope: ScopeFilter, params: unknown[]): string {
  let sql = '';
  if (scope.siteId !== null) {
    params.push(scope.siteId);
    sql += ` AND site_id = $${params.length}`;
  }
  if (scope.serviceLine !== null) {
    params.push(scope.serviceLine);
    sql += ` AND service_line_code = $${params.length}`;
  }
  if (scope.queue !== null) {
    params.push(scope.queue);
    sql += ` AND queue = $${params.length}`;
  }
  return sql;
}

function toSettings(r: Record<string, unknown>): StoredDriftSettings {
  return {
    kpiCode: r['kpi_code'] as string,
    providerId: (r['provider_id'] as string | null) ?? null,
    enabled: (r['enabled'] as boolean | null) ?? null,
    detectors: (r['detectors'] as MonitorDetectorName[] | null) ?? null,
    sensitivity: (r['sensitivity'] as DriftSensitivity | null) ?? null,
    baselineLength: (r['baseline_length'] as number | null) ?? null,
    minSamples: (r['min_samples'] as number | null) ?? null,
  };
}

function num(v: unknown): number | null {
  return v === null || v === undefined ? null : Number(v);
}

function toEventRow(r: Record<string, unknown>): DriftEventRow {
  return {
    id: r['id'] as string,
    seriesKey: r['series_key'] as string,
    providerId: r['provider_id'] as string,
    siteId: (r['site_id'] as string | null) ?? null,
    serviceLine: (r['service_line_code'] as string | null) ?? null,
    queue: (r['queue'] as string | null) ?? null,
    level: r['level'] as DriftSeriesLevel,
    kpiCode: r['kpi_code'] as string,
    kind: r['kind'] as DriftEventKind,
    direction: r['direction'] as DriftDirection,
    status: r['status'] as DriftEventStatus,
    detector: r['detector'] as string,
    findingKind: (r['finding_kind'] as string | null) ?? null,
    granularity: (r['granularity'] as 'day' | 'week') ?? 'day',
    startDate: r['start_date'] as string,
    openedOn: r['opened_on'] as string,
    resolvedOn: (r['resolved_on'] as string | null) ?? null,
    resolution: (r['resolution'] as DriftResolution | null) ?? null,
    lastDataDate: r['last_data_date'] as string,
    magnitude: num(r['magnitude']),
    baselineValue: num(r['baseline_value']),
    currentValue: num(r['current_value']),
    score: num(r['score']),
    pValue: num(r['p_value']),
    explanation: r['explanation'] as string,
    evidence: (r['evidence'] as { date: string; value: number | null }[]) ?? [],
    attribution: r['attribution'] ?? null,
    details: (r['details'] as Record<string, unknown>) ?? {},
    notifiedMagnitude: num(r['notified_magnitude']),
  };
}

function toListRow(r: Record<string, unknown>): EventListRow {
  return {
    ...toEventRow(r),
    providerCode: r['provider_code'] as string,
    providerName: r['provider_name'] as string,
    siteCity: (r['site_city'] as string | null) ?? null,
  };
}
