import { IsoDate } from '@kpi/domain';
import {
  ComponentAccumulator,
  ContactCenterMappingOptions,
  ParseContactCenterJsonOptions,
  isObject,
  lookupQueue,
  validateMapped,
} from './contact-center-components';
import { IngestResult, IssueCollector, emptyStats, finishResult } from './ingest-issue';
import { parseJsonText } from './json-text';
import { assertTimeZone } from './local-time';
import { ObservationRecord } from './observation-record';

/**
 * Genesys Cloud analytics conversation aggregates (`POST /api/v2/analytics/conversations/aggregates/query`
 * grouped by queueId, optionally mediaType) -> observations. Components, per period x queue:
 *
 * | KPI              | numerator                      | denominator            |
 * |------------------|--------------------------------|------------------------|
 * | service_level    | oServiceLevel.numerator        | oServiceLevel.denominator |
 * | asa              | tAnswered.sum / 1000 (s)       | tAnswered.count        |
 * | aht              | tHandle.sum / 1000 (s)         | tHandle.count          |
 * | abandonment_rate | tAbandon.count                 | nOffered.count         |
 *
 * Genesys leaves out metrics with no data, so an interval with nOffered and no tAbandon had no abandons
 * (0). Other metrics (tTalk, tHeld, tAcw, nOverSla, nTransferred...) are read but not needed: tHandle
 * already is talk + hold + after-call work. A KPI whose metric never appears in the file is a warning.
 */
export type GenesysMappingOptions = ContactCenterMappingOptions;

/** Genesys metrics read, per KPI: numerator and denominator as (metric, stat). */
const GENESYS_KPIS: readonly {
  readonly kpiCode: string;
  readonly numerator: { readonly metric: string; readonly stat: string; readonly msToSeconds?: boolean };
  readonly denominator: { readonly metric: string; readonly stat: string };
}[] = [
  {
    kpiCode: 'service_level',
    numerator: { metric: 'oServiceLevel', stat: 'numerator' },
    denominator: { metric: 'oServiceLevel', stat: 'denominator' },
  },
  {
    kpiCode: 'asa',
    numerator: { metric: 'tAnswered', stat: 'sum', msToSeconds: true },
    denominator: { metric: 'tAnswered', stat: 'count' },
  },
  {
    kpiCode: 'aht',
    numerator: { metric: 'tHandle', stat: 'sum', msToSeconds: true },
    denominator: { metric: 'tHandle', stat: 'count' },
  },
  {
    kpiCode: 'abandonment_rate',
    numerator: { metric: 'tAbandon', stat: 'count' },
    denominator: { metric: 'nOffered', stat: 'count' },
  },
];

/** Stats read per metric (others in `stats`, such as max or ratio, are ignored). */
const GENESYS_STATS: Readonly<Record<string, readonly string[]>> = {
  nOffered: ['count'],
  tAnswered: ['count', 'sum'],
  tAbandon: ['count'],
  tHandle: ['count', 'sum'],
  oServiceLevel: ['numerator', 'denominator'],
};

/** Metrics a KPI needs, for the "never in the file" warning. */
const KPI_METRICS: readonly { kpiCode: string; metric: string }[] = [
  { kpiCode: 'service_level', metric: 'oServiceLevel' },
  { kpiCode: 'asa', metric: 'tAnswered' },
  { kpiCode: 'aht', metric: 'tHandle' },
  { kpiCode: 'abandonment_rate', metric: 'nOffered' },
];

function parseInterval(interval: unknown): { start: number; end: number } | null {
  if (typeof interval !== 'string') return null;
  const [a, b, extra] = interval.split('/');
  if (extra !== undefined || a === undefined || b === undefined) return null;
  const start = Date.parse(a);
  const end = Date.parse(b);
  if (Number.isNaN(start) || Number.isNaN(end) || end <= start || !/T.*(Z|[+-]\d{2}:?\d{2})$/i.test(a))
    return null;
  return { start, end };
}

/** Maps an already parsed Genesys aggregates response. Records are not validated against a catalog yet. */
export function mapGenesysAggregates(
  json: unknown,
  options: GenesysMappingOptions,
): IngestResult<ObservationRecord> {
  assertTimeZone(options.timeZone);
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  const acc = new ComponentAccumulator(options, issues);
  const seenMetrics = new Set<string>();
  let rowsRead = 0;
  let rowsRejected = 0;
  const results = isObject(json) ? json['results'] : undefined;
  if (!Array.isArray(results)) {
    issues.error({
      code: 'malformed_file',
      line: null,
      path: 'results',
      column: null,
      value: null,
      reason: 'is missing: not a Genesys aggregates response (expected { "results": [...] })',
    });
    return finishResult([], issues, emptyStats());
  }
  results.forEach((result, i) => {
    const resultPath = `results[${i}]`;
    if (!isObject(result) || !isObject(result['group'])) {
      issues.error({
        code: 'malformed_file',
        line: null,
        path: `${resultPath}.group`,
        column: null,
        value: null,
        reason: 'is missing; group the query by queueId',
      });
      return;
    }
    const group = result['group'];
    const target = lookupQueue(
      options,
      issues,
      group['queueId'],
      group['mediaType'],
      `${resultPath}.group.queueId`,
    );
    const data = result['data'];
    if (!Array.isArray(data)) {
      if (data !== undefined)
        issues.error({
          code: 'malformed_file',
          line: null,
          path: `${resultPath}.data`,
          column: null,
          value: null,
          reason: 'must be a list of intervals',
        });
      return;
    }
    data.forEach((point, j) => {
      rowsRead++;
      const path = `${resultPath}.data[${j}]`;
      if (target === null) {
        rowsRejected++;
        return;
      }
      if (!isObject(point)) {
        issues.error({
          code: 'malformed_file',
          line: null,
          path,
          column: null,
          value: null,
          reason: 'must be an object with interval and metrics',
        });
        rowsRejected++;
        return;
      }
      const interval = parseInterval(point['interval']);
      if (interval === null) {
        issues.error({
          code: 'invalid_value',
          line: null,
          path: `${path}.interval`,
          column: null,
          value: typeof point['interval'] === 'string' ? point['interval'] : null,
          reason: 'is not an ISO interval "start/end" with UTC offsets',
        });
        rowsRejected++;
        return;
      }
      const periodStart: IsoDate | null = acc.periodOf(interval.start, interval.end, `${path}.interval`);
      if (periodStart === null) {
        rowsRejected++;
        return;
      }
      const metrics = point['metrics'];
      if (!Array.isArray(metrics)) {
        issues.error({
          code: 'malformed_file',
          line: null,
          path: `${path}.metrics`,
          column: null,
          value: null,
          reason: 'must be a list of metrics',
        });
        rowsRejected++;
        return;
      }
      const stats = new Map<string, number>();
      let bad = false;
      metrics.forEach((metric, k) => {
        const metricPath = `${path}.metrics[${k}]`;
        if (!isObject(metric) || typeof metric['metric'] !== 'string') {
          issues.error({
            code: 'malformed_file',
            line: null,
            path: metricPath,
            column: null,
            value: null,
            reason: 'has no metric name',
          });
          bad = true;
          return;
        }
        const name = metric['metric'];
        const wanted = GENESYS_STATS[name];
        if (wanted === undefined) return;
        const values = metric['stats'];
        if (!isObject(values)) {
          issues.error({
            code: 'missing_metric',
            line: null,
            path: `${metricPath}.stats`,
            column: name,
            value: null,
            reason: 'is missing',
          });
          bad = true;
          return;
        }
        for (const stat of wanted) {
          const raw = values[stat];
          if (typeof raw !== 'number' || !Number.isFinite(raw) || raw < 0) {
            issues.error({
              code: raw === undefined ? 'missing_metric' : 'invalid_value',
              line: null,
              path: `${metricPath}.stats.${stat}`,
              column: name,
              value: raw === undefined ? null : JSON.stringify(raw),
              reason:
                raw === undefined ? `the ${stat} of ${name} is missing` : 'is not a non-negative number',
            });
            bad = true;
            continue;
          }
          stats.set(`${name}.${stat}`, raw);
        }
        seenMetrics.add(name);
      });
      if (bad) {
        rowsRejected++;
        return;
      }
      // Genesys leaves out metrics without data: nOffered without tAbandon means no abandons.
      if (stats.has('nOffered.count') && !stats.has('tAbandon.count')) stats.set('tAbandon.count', 0);
      if (stats.has('tAbandon.count') && !stats.has('nOffered.count')) {
        issues.warning({
          code: 'missing_metric',
          line: null,
          path,
          column: 'nOffered',
          value: null,
          reason: 'has tAbandon but no nOffered; abandonment_rate is not produced for this interval',
        });
      }
      for (const rule of GENESYS_KPIS) {
        const numerator = stats.get(`${rule.numerator.metric}.${rule.numerator.stat}`);
        const denominator = stats.get(`${rule.denominator.metric}.${rule.denominator.stat}`);
        if (numerator === undefined || denominator === undefined) continue;
        acc.add(
          periodStart,
          target,
          path,
          rule.kpiCode,
          rule.numerator.msToSeconds ? numerator / 1000 : numerator,
          denominator,
        );
      }
    });
  });
  if (rowsRead > 0) {
    for (const { kpiCode, metric } of KPI_METRICS) {
      if (!seenMetrics.has(metric)) {
        issues.warning({
          code: 'missing_metric',
          line: null,
          path: 'results',
          column: metric,
          value: null,
          reason: `${metric} does not appear in the response; ${kpiCode} is not produced (add ${metric} to the query's metrics)`,
        });
      }
    }
  }
  return finishResult(acc.records(), issues, { ...emptyStats(), rowsRead, rowsRejected });
}

/** Genesys aggregates response text -> validated observations. Malformed JSON is one error with its position. */
export function parseGenesysJson(
  text: string,
  options: GenesysMappingOptions & ParseContactCenterJsonOptions,
): IngestResult<ObservationRecord> {
  const parsed = parseJsonText(text);
  if (!parsed.ok) {
    const issues = new IssueCollector();
    issues.error(parsed.error);
    return finishResult([], issues, emptyStats());
  }
  return validateMapped(mapGenesysAggregates(parsed.value, options), options);
}
