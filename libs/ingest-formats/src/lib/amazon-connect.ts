import { IsoDate } from '@kpi/domain';
import {
  ComponentAccumulator,
  ContactCenterMappingOptions,
  ParseContactCenterJsonOptions,
  QueueTarget,
  instantOf,
  isObject,
  lookupQueue,
  validateMapped,
} from './contact-center-components';
import { IngestResult, IssueCollector, emptyStats, finishResult } from './ingest-issue';
import { parseJsonText } from './json-text';
import { assertTimeZone } from './local-time';
import { ObservationRecord } from './observation-record';

/**
 * Amazon Connect `GetMetricDataV2` responses (grouped by QUEUE, optionally CHANNEL, with an IntervalPeriod
 * so each result has a `MetricInterval`) -> observations. Count metrics are preferred so rollups stay right;
 * ready-made percentages and averages are used only when the count is absent, and the record is `derived`:
 *
 * | KPI              | numerator                                            | denominator        |
 * |------------------|------------------------------------------------------|--------------------|
 * | service_level    | SUM_CONTACTS_ANSWERED_IN_X (threshold)               | CONTACTS_QUEUED    |
 * |                  | else round(SERVICE_LEVEL % x CONTACTS_QUEUED), derived |                  |
 * | abandonment_rate | CONTACTS_ABANDONED, else round(ABANDONMENT_RATE % x CONTACTS_QUEUED), derived | CONTACTS_QUEUED |
 * | aht              | SUM_HANDLE_TIME (s), else AVG_HANDLE_TIME x CONTACTS_HANDLED, derived | CONTACTS_HANDLED |
 * | asa              | AVG_QUEUE_ANSWER_TIME x CONTACTS_HANDLED, always derived (Connect has no summed answer time) | CONTACTS_HANDLED |
 *
 * A null `Value` means "no data" (divide by zero, nothing happened): that metric is skipped for the interval.
 * Queues are looked up by `Dimensions.QUEUE`, as given or, for an ARN, by its last path segment.
 */
export interface AmazonConnectMappingOptions extends ContactCenterMappingOptions {
  /**
   * Service level threshold in seconds, to pick the SUM_CONTACTS_ANSWERED_IN_X / SERVICE_LEVEL entry.
   * May be omitted when the response carries a single threshold.
   */
  readonly slThresholdSeconds?: number;
}

const COUNT_METRICS = new Set([
  'CONTACTS_QUEUED',
  'CONTACTS_HANDLED',
  'CONTACTS_ABANDONED',
  'SUM_HANDLE_TIME',
]);

const THRESHOLD_METRICS = new Set(['SUM_CONTACTS_ANSWERED_IN_X', 'SERVICE_LEVEL']);
const READY_MADE = new Set(['SERVICE_LEVEL', 'ABANDONMENT_RATE', 'AVG_HANDLE_TIME', 'AVG_QUEUE_ANSWER_TIME']);

function thresholdOf(metric: Record<string, unknown>): number | null {
  const threshold = metric['Threshold'];
  const first = Array.isArray(threshold) ? threshold[0] : threshold;
  if (!isObject(first)) return null;
  const value = first['ThresholdValue'];
  return typeof value === 'number' && Number.isFinite(value) ? value : null;
}

function queueIdOf(dimensions: Record<string, unknown>, options: ContactCenterMappingOptions): unknown {
  const raw = dimensions['QUEUE'];
  if (typeof raw !== 'string') return raw;
  if (options.queues[raw] !== undefined) return raw;
  const tail = raw.split('/').pop();
  return tail !== undefined && options.queues[tail] !== undefined ? tail : raw;
}

/** Maps an already parsed GetMetricDataV2 response (a page or merged pages). Not validated yet. */
export function mapAmazonConnectMetrics(
  json: unknown,
  options: AmazonConnectMappingOptions,
): IngestResult<ObservationRecord> {
  assertTimeZone(options.timeZone);
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  const acc = new ComponentAccumulator(options, issues);
  const results = isObject(json) ? json['MetricResults'] : undefined;
  if (!Array.isArray(results)) {
    issues.error({
      code: 'malformed_file',
      line: null,
      path: 'MetricResults',
      column: null,
      value: null,
      reason: 'is missing: not a GetMetricDataV2 response (expected { "MetricResults": [...] })',
    });
    return finishResult([], issues, emptyStats());
  }
  let threshold = options.slThresholdSeconds ?? null;
  if (threshold === null) {
    const seen = new Set<number>();
    for (const result of results) {
      const collections =
        isObject(result) && Array.isArray(result['Collections']) ? result['Collections'] : [];
      for (const c of collections) {
        if (isObject(c) && isObject(c['Metric']) && THRESHOLD_METRICS.has(String(c['Metric']['Name']))) {
          const t = thresholdOf(c['Metric']);
          if (t !== null) seen.add(t);
        }
      }
    }
    if (seen.size === 1) threshold = [...seen][0];
    else if (seen.size > 1) {
      issues.error({
        code: 'mapping',
        line: null,
        path: 'MetricResults',
        column: 'SUM_CONTACTS_ANSWERED_IN_X',
        value: null,
        reason: `the response has several service level thresholds (${[...seen].sort((a, b) => a - b).join(', ')} s); set slThresholdSeconds`,
      });
    }
  }
  let rowsRead = 0;
  let rowsRejected = 0;
  const usedMetrics = new Set<string>();
  results.forEach((result, i) => {
    rowsRead++;
    const path = `MetricResults[${i}]`;
    if (!isObject(result) || !isObject(result['Dimensions'])) {
      issues.error({
        code: 'malformed_file',
        line: null,
        path: `${path}.Dimensions`,
        column: null,
        value: null,
        reason: 'is missing; group the request by QUEUE',
      });
      rowsRejected++;
      return;
    }
    const dimensions = result['Dimensions'];
    const target: QueueTarget | null = lookupQueue(
      options,
      issues,
      queueIdOf(dimensions, options),
      dimensions['CHANNEL'],
      `${path}.Dimensions.QUEUE`,
    );
    if (target === null) {
      rowsRejected++;
      return;
    }
    const interval = result['MetricInterval'];
    const start = isObject(interval) ? instantOf(interval['StartTime']) : null;
    const end = isObject(interval) ? instantOf(interval['EndTime']) : null;
    if (start === null || end === null || end <= start) {
      issues.error({
        code: 'invalid_value',
        line: null,
        path: `${path}.MetricInterval`,
        column: null,
        value: null,
        reason: isObject(interval)
          ? 'has no usable StartTime/EndTime'
          : 'is missing; request the data with an IntervalPeriod (DAY, HOUR...)',
      });
      rowsRejected++;
      return;
    }
    const periodStart: IsoDate | null = acc.periodOf(start, end, `${path}.MetricInterval`);
    if (periodStart === null) {
      rowsRejected++;
      return;
    }
    const collections = result['Collections'];
    if (!Array.isArray(collections)) {
      issues.error({
        code: 'malformed_file',
        line: null,
        path: `${path}.Collections`,
        column: null,
        value: null,
        reason: 'must be a list of metric values',
      });
      rowsRejected++;
      return;
    }
    const values = new Map<string, number>();
    let bad = false;
    collections.forEach((c, k) => {
      const cPath = `${path}.Collections[${k}]`;
      if (!isObject(c) || !isObject(c['Metric']) || typeof c['Metric']['Name'] !== 'string') {
        issues.error({
          code: 'malformed_file',
          line: null,
          path: cPath,
          column: null,
          value: null,
          reason: 'has no Metric.Name',
        });
        bad = true;
        return;
      }
      const name = c['Metric']['Name'];
      if (!COUNT_METRICS.has(name) && !THRESHOLD_METRICS.has(name) && !READY_MADE.has(name)) return;
      if (THRESHOLD_METRICS.has(name) && thresholdOf(c['Metric']) !== threshold) return;
      const value = c['Value'];
      if (value === null || value === undefined) return;
      if (typeof value !== 'number' || !Number.isFinite(value) || value < 0) {
        issues.error({
          code: 'invalid_value',
          line: null,
          path: `${cPath}.Value`,
          column: name,
          value: JSON.stringify(value),
          reason: 'is not a non-negative number',
        });
        bad = true;
        return;
      }
      values.set(name, value);
      usedMetrics.add(name);
    });
    if (bad) {
      rowsRejected++;
      return;
    }
    const add = (kpiCode: string, numerator: number, denominator: number, derived = false) =>
      acc.add(periodStart, target, path, kpiCode, numerator, denominator, derived);
    const queued = values.get('CONTACTS_QUEUED');
    const handled = values.get('CONTACTS_HANDLED');
    if (queued !== undefined) {
      const within = values.get('SUM_CONTACTS_ANSWERED_IN_X');
      const slPct = values.get('SERVICE_LEVEL');
      if (within !== undefined) add('service_level', within, queued);
      else if (slPct !== undefined) add('service_level', Math.round((slPct / 100) * queued), queued, true);
      const abandoned = values.get('CONTACTS_ABANDONED');
      const abandonPct = values.get('ABANDONMENT_RATE');
      if (abandoned !== undefined) add('abandonment_rate', abandoned, queued);
      else if (abandonPct !== undefined)
        add('abandonment_rate', Math.round((abandonPct / 100) * queued), queued, true);
    }
    if (handled !== undefined) {
      const sumHandle = values.get('SUM_HANDLE_TIME');
      const avgHandle = values.get('AVG_HANDLE_TIME');
      if (sumHandle !== undefined) add('aht', sumHandle, handled);
      else if (avgHandle !== undefined) add('aht', avgHandle * handled, handled, true);
      const avgAnswer = values.get('AVG_QUEUE_ANSWER_TIME');
      if (avgAnswer !== undefined) add('asa', avgAnswer * handled, handled, true);
    }
  });
  if (rowsRead > 0 && !usedMetrics.has('CONTACTS_QUEUED')) {
    issues.warning({
      code: 'missing_metric',
      line: null,
      path: 'MetricResults',
      column: 'CONTACTS_QUEUED',
      value: null,
      reason: 'no CONTACTS_QUEUED value in the response; service_level and abandonment_rate are not produced',
    });
  }
  if (rowsRead > 0 && !usedMetrics.has('CONTACTS_HANDLED')) {
    issues.warning({
      code: 'missing_metric',
      line: null,
      path: 'MetricResults',
      column: 'CONTACTS_HANDLED',
      value: null,
      reason: 'no CONTACTS_HANDLED value in the response; aht and asa are not produced',
    });
  }
  return finishResult(acc.records(), issues, { ...emptyStats(), rowsRead, rowsRejected });
}

/** GetMetricDataV2 response text -> validated observations. Malformed JSON is one error with its position. */
export function parseAmazonConnectJson(
  text: string,
  options: AmazonConnectMappingOptions & ParseContactCenterJsonOptions,
): IngestResult<ObservationRecord> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const issues = new IssueCollector();
    issues.error(parsed.error);
    return finishResult([], issues, emptyStats());
  }
  return validateMapped(mapAmazonConnectMetrics(parsed.value, options), options);
}
