export * from './lib/drift.types';
export * from './lib/drift.constants';
export * from './lib/evaluate-series';
export {
  appendPoint,
  cloneSeriesState,
  createSeriesState,
  createSeriesStateWithTimeline,
  currentStatus,
  getSeriesResult,
} from './lib/monitor/series-state';
export type { SeriesState, SeriesTimelinePoint } from './lib/monitor/series-state';
export { resolveDriftSettings } from './lib/monitor/settings';
export * from './lib/monitor/sensitivity';
export { describeFinding } from './lib/monitor/finding-reason';
export * from './lib/detectors/level-shift.detector';
export * from './lib/detectors/change-point';
export * from './lib/detectors/mann-kendall';
export * from './lib/detectors/control-chart';
export * from './lib/stats/distributions';
export * from './lib/stats/robust';
export * from './lib/stats/multiple-testing';
export { formatIsoDay, parseIsoDay, weekdayOfDay } from './lib/calendar/iso-day';
export * from './lib/qa/qa-regression';
export * from './lib/qa/qa-regression.constants';
export * from './lib/qa/qa-daily-sample';
export * from './lib/volume/evaluation-granularity';
export * from './lib/volume/evaluation-granularity.constants';
export * from './lib/attribution/change-attribution';
export * from './lib/sla/sla-rules';
export * from './lib/sla/sla-rules.constants';
export * from './lib/hysteresis/hysteresis';
export * from './lib/hysteresis/hysteresis.constants';
export * from './lib/cli/detect-cli';
