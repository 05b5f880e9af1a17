import type { ServiceLineCode } from '@kpi/domain';
import type { DriftSensitivity, MonitorDetectorName } from '@kpi/drift';

/**
 * Drift events: changes of a KPI series (drift), QA regressions and SLA-rule warnings, found by the
 * drift engine. Adverse events are alerted; favourable ones are recorded only.
 */
export type DriftEventKind = 'drift' | 'qa_regression' | 'sla';
export const DRIFT_EVENT_KINDS: readonly DriftEventKind[] = ['drift', 'qa_regression', 'sla'];

export type DriftEventStatus = 'open' | 'resolved';
export const DRIFT_EVENT_STATUSES: readonly DriftEventStatus[] = ['open', 'resolved'];

export type DriftDirection = 'adverse' | 'favourable';
export const DRIFT_DIRECTIONS: readonly DriftDirection[] = ['adverse', 'favourable'];

/** Where a series sits: the whole provider, one site (QA groups), a site x service line, or a queue/team. */
export type DriftSeriesLevel = 'provider' | 'site' | 'site_line' | 'queue';

/** Why an event was resolved. */
export type DriftResolution = 'back_in_control' | 'new_normal' | 'superseded' | 'restated' | 'disabled';

export interface DriftEventSummaryDto {
  id: string;
  providerId: string;
  providerCode: string;
  providerName: string;
  siteId: string | null;
  siteCity: string | null;
  serviceLine: ServiceLineCode | null;
  queue: string | null;
  level: DriftSeriesLevel;
  kpiCode: string;
  kind: DriftEventKind;
  direction: DriftDirection;
  status: DriftEventStatus;
  /** The detector or test that found it (cusum, variance, welch_t, two_proportion_z, sla_minimum, ...). */
  detector: string;
  /** level_shift, small_shift, trend, variance_change (drift); score, auto_fail (QA); breach, at_risk, fast_burn (SLA). */
  findingKind: string | null;
  /** "Since when": first day of the new regime (ISO date). */
  startDate: string;
  /** Data day on which the event opened (after the minimum duration) and, once resolved, closed. */
  openedOn: string;
  resolvedOn: string | null;
  resolution: DriftResolution | null;
  /** Last data day the event was evaluated on. */
  lastDataDate: string;
  /** Relative change of the KPI (e.g. 0.11 = 11 % higher) between the 4 weeks before the start and the last 4 weeks. */
  magnitude: number | null;
  baselineValue: number | null;
  currentValue: number | null;
  /** One sentence: what changed, where, since when, by how much, and which slice drives it. */
  explanation: string;
  /** Adverse events are alerted; favourable ones are recorded, not alerted. */
  alerted: boolean;
}

export interface DriftEventListDto {
  items: DriftEventSummaryDto[];
  total: number;
}

export interface DriftEventQuery {
  providerId?: string;
  siteId?: string;
  kpiCode?: string;
  kind?: DriftEventKind;
  status?: DriftEventStatus;
  direction?: DriftDirection;
  /** Events whose start date or last data date is on or after this ISO date. */
  since?: string;
  limit?: number;
  offset?: number;
}

export type DriftAttributionDimension = 'site' | 'service_line' | 'site_line' | 'queue';

/** One slice's part of a change (see attributeChange in @kpi/drift): rate effect + mix effect = contribution. */
export interface DriftAttributionRowDto {
  key: string;
  label: string;
  beforeValue: number | null;
  afterValue: number | null;
  beforeWeight: number;
  afterWeight: number;
  rateEffect: number;
  mixEffect: number;
  contribution: number;
  /** contribution / total change; null when the total did not change. */
  share: number | null;
}

export interface DriftAttributionDto {
  /** The compared windows (inclusive ISO dates). */
  before: { from: string; to: string };
  after: { from: string; to: string };
  beforeValue: number | null;
  afterValue: number | null;
  change: number | null;
  relativeChange: number | null;
  dimensions: { dimension: DriftAttributionDimension; rows: DriftAttributionRowDto[] }[];
  /** The slice that contributes most to the adverse change, in the finest dimension. */
  top: { dimension: DriftAttributionDimension; key: string; label: string; share: number | null } | null;
}

export interface DriftEvidencePointDto {
  date: string;
  value: number | null;
  /** The point belongs to the changed regime (on or after the start date). */
  evidence: boolean;
  /** Which comparison window the point is in, if any. */
  window: 'before' | 'after' | null;
}

export type DriftHistoryTransition = 'opened' | 'updated' | 'worsened' | 'resolved';

export interface DriftEventHistoryDto {
  transition: DriftHistoryTransition;
  dataDate: string;
  at: string;
  magnitude: number | null;
  note: string;
}

export interface DriftEventDetailDto extends DriftEventSummaryDto {
  /** Size in noise standard deviations (drift) or the test statistic (QA). */
  score: number | null;
  pValue: number | null;
  /** Day or week: the period the detectors ran on. */
  granularity: 'day' | 'week';
  /** The detector's own sentence and numbers (lib finding, QA test results, SLA rule). */
  details: Record<string, unknown>;
  attribution: DriftAttributionDto | null;
  /** The series around the change: the before window, then everything since the start. */
  evidence: DriftEvidencePointDto[];
  history: DriftEventHistoryDto[];
}

export interface DriftOverlayQuery {
  siteId?: string;
  serviceLine?: ServiceLineCode;
  /** Inclusive ISO dates of the chart; default the last 90 days with data. */
  from?: string;
  to?: string;
  granularity?: 'day' | 'week' | 'month' | 'quarter';
}

/** Control limits of the baseline for one chart bucket: centre +/- 3 sigma (weekday-adjusted for days). */
export interface DriftBandPointDto {
  periodStart: string;
  center: number;
  lower: number;
  upper: number;
}

export type DriftMarkerType = 'start' | 'detected' | 'resolved';

export interface DriftMarkerDto {
  eventId: string;
  type: DriftMarkerType;
  date: string;
  kind: DriftEventKind;
  direction: DriftDirection;
  status: DriftEventStatus;
  label: string;
}

/** What the trend chart draws over a KPI series: the control-limits band and the event markers. */
export interface DriftOverlayDto {
  providerId: string;
  kpiCode: string;
  siteId: string | null;
  serviceLine: ServiceLineCode | null;
  granularity: 'day' | 'week' | 'month' | 'quarter';
  from: string;
  to: string;
  /** Empty when no band applies (not enough history, or a granularity the detectors do not run on). */
  band: DriftBandPointDto[];
  bandNote: string | null;
  baseline: {
    level: number;
    sigma: number;
    scale: 'log' | 'linear';
    points: number;
    from: string;
    to: string;
  } | null;
  /**
   * Start ("since when"), detection and resolution days within [from, to]; the start of an event that
   * began before `from` is included too (the chart pins it to its left edge).
   */
  markers: DriftMarkerDto[];
  /** The events the markers belong to (the selection's series and, for a site or provider, the series below it). */
  events: DriftEventSummaryDto[];
}

/** Effective drift settings of one KPI (optionally for one provider), and where they come from. */
export interface DriftKpiSettingsDto {
  kpiCode: string;
  providerId: string | null;
  enabled: boolean;
  detectors: MonitorDetectorName[];
  sensitivity: DriftSensitivity;
  /** Baseline length in points (days, or weeks for low-volume rates); null = the library default. */
  baselineLength: number | null;
  /** Minimum valid points before a series is monitored (and QA evaluations per window); null = default. */
  minSamples: number | null;
  /** 'default': nothing stored; 'kpi': the KPI's own settings; 'provider': a provider override. */
  source: 'default' | 'kpi' | 'provider';
}

export interface DriftSettingsListDto {
  defaults: {
    detectors: MonitorDetectorName[];
    sensitivity: DriftSensitivity;
    baselineLength: number;
    minSamples: number;
    qaMinEvaluations: number;
  };
  kpis: DriftKpiSettingsDto[];
  overrides: DriftKpiSettingsDto[];
}

/** Omitted fields keep their value; null resets a field to the default. */
export interface UpdateDriftSettingsRequest {
  enabled?: boolean | null;
  detectors?: MonitorDetectorName[] | null;
  sensitivity?: DriftSensitivity | null;
  baselineLength?: number | null;
  minSamples?: number | null;
}

export interface DriftEvaluationRequest {
  providerId?: string;
}

export interface DriftEvaluationAcceptedDto {
  jobId: string | null;
}
