import { IsoDate, ServiceLineCode, bucketStart } from '@kpi/domain';
import { IngestCatalog } from './ingest-catalog';
import { IngestResult, IssueCollector, finishResult } from './ingest-issue';
import { localDateOf } from './local-time';
import { ObservationGranularity, ObservationRecord } from './observation-record';
import { roundTo } from './row-reading';
import { ObservationValidator } from './validate-observations';

/** Where a contact-center queue's figures are stored. */
export interface QueueTarget {
  readonly siteCode: string;
  readonly serviceLine: ServiceLineCode;
  /** Queue name stored with the observations ('' for none). */
  readonly queue: string;
}

/** Options shared by the Genesys and Amazon Connect mappers. */
export interface ContactCenterMappingOptions {
  /** Source queue id -> site, service line and queue name. Unknown queue ids are errors. */
  readonly queues: Readonly<Record<string, QueueTarget>>;
  /** The provider's IANA time zone: intervals are assigned to the local date they start on. */
  readonly timeZone: string;
  /** Period of the produced observations; every source interval must fall inside one period. */
  readonly granularity: ObservationGranularity;
  /** Media type / channel (`voice`, `chat`, `VOICE`, `CHAT`...) -> service line, overriding the queue's. */
  readonly serviceLineByMedia?: Readonly<Record<string, ServiceLineCode>>;
  readonly maxErrors?: number;
  readonly maxWarnings?: number;
}

interface PairSum {
  numerator: number;
  denominator: number;
  derived: boolean;
}

interface Bucket {
  readonly periodStart: IsoDate;
  readonly target: QueueTarget;
  readonly path: string;
  readonly kpis: Map<string, PairSum>;
}

/**
 * Adds up each KPI's numerator and denominator per period (local time zone) x queue target across source
 * intervals. Components are added as pairs, so an interval where one side has no data adds to neither and
 * the ratio stays consistent. Intervals smaller than the period (PT30M, PT1H) are summed; an interval that
 * spans two periods in the time zone is an error (ask the source for intervals aligned to the time zone).
 */
export class ComponentAccumulator {
  private readonly buckets = new Map<string, Bucket>();

  constructor(
    private readonly options: ContactCenterMappingOptions,
    private readonly issues: IssueCollector,
  ) {}

  /** The period an interval belongs to, or null (error reported) when it spans two periods. */
  periodOf(startMs: number, endMs: number, path: string): IsoDate | null {
    const { timeZone, granularity } = this.options;
    const start = bucketStart(localDateOf(startMs, timeZone), granularity);
    const lastInstant = Math.max(startMs, endMs - 1);
    const end = bucketStart(localDateOf(lastInstant, timeZone), granularity);
    if (start !== end) {
      this.issues.error({
        code: 'invalid_value',
        line: null,
        path,
        column: null,
        value: `${new Date(startMs).toISOString()}/${new Date(endMs).toISOString()}`,
        reason: `spans more than one ${granularity} in ${timeZone} (${start} and ${end}); request intervals aligned to the provider's time zone`,
      });
      return null;
    }
    return start;
  }

  add(
    periodStart: IsoDate,
    target: QueueTarget,
    path: string,
    kpiCode: string,
    numerator: number,
    denominator: number,
    derived = false,
  ): void {
    const key = `${periodStart}|${target.siteCode}|${target.serviceLine}|${target.queue}`;
    let bucket = this.buckets.get(key);
    if (bucket === undefined) {
      bucket = { periodStart, target, path, kpis: new Map() };
      this.buckets.set(key, bucket);
    }
    const sum = bucket.kpis.get(kpiCode);
    if (sum === undefined) bucket.kpis.set(kpiCode, { numerator, denominator, derived });
    else {
      sum.numerator += numerator;
      sum.denominator += denominator;
      sum.derived = sum.derived || derived;
    }
  }

  /** One record per bucket and KPI with a denominator above 0, in first-seen order. */
  records(): ObservationRecord[] {
    const out: ObservationRecord[] = [];
    for (const b of this.buckets.values()) {
      for (const [kpiCode, sum] of b.kpis) {
        if (sum.denominator <= 0) continue;
        out.push({
          periodStart: b.periodStart,
          granularity: this.options.granularity,
          siteCode: b.target.siteCode,
          serviceLine: b.target.serviceLine,
          queue: b.target.queue,
          kpiCode,
          numerator: roundTo(sum.numerator, 3),
          denominator: roundTo(sum.denominator, 3),
          derived: sum.derived,
          source: { line: null, path: b.path },
        });
      }
    }
    return out;
  }
}

/** The queue target of a source queue id (media type override applied), or null with an error. */
export function lookupQueue(
  options: ContactCenterMappingOptions,
  issues: IssueCollector,
  queueId: unknown,
  media: unknown,
  path: string,
): QueueTarget | null {
  if (typeof queueId !== 'string' || queueId === '') {
    issues.error({
      code: 'missing_value',
      line: null,
      path,
      column: null,
      value: null,
      reason: 'the queue id is missing',
    });
    return null;
  }
  const target = options.queues[queueId];
  if (target === undefined) {
    issues.error({
      code: 'unknown_reference',
      line: null,
      path,
      column: null,
      value: queueId,
      reason: "is not a mapped queue id (add it to the feed's queue map)",
    });
    return null;
  }
  if (typeof media === 'string' && options.serviceLineByMedia) {
    const line = options.serviceLineByMedia[media] ?? options.serviceLineByMedia[media.toLowerCase()];
    if (line !== undefined) return { ...target, serviceLine: line };
  }
  return target;
}

/** Reads an interval bound: ISO text, or epoch seconds (the AWS SDKs' JSON form). */
export function instantOf(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value * 1000;
  if (typeof value === 'string') {
    if (!/^\d{4}-\d{2}-\d{2}T/.test(value) || !/(Z|[+-]\d{2}:?\d{2})$/i.test(value)) return null;
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? null : ms;
  }
  return null;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export interface ParseContactCenterJsonOptions {
  readonly catalog: IngestCatalog;
  readonly today: IsoDate;
}

/** Validates mapped records and merges the mapping's issues and stats with validation's. */
export function validateMapped(
  mapped: IngestResult<ObservationRecord>,
  options: ParseContactCenterJsonOptions & { maxErrors?: number; maxWarnings?: number },
): IngestResult<ObservationRecord> {
  const issues = new IssueCollector(options.maxErrors, options.maxWarnings);
  issues.absorb(mapped);
  const validator = new ObservationValidator(options.catalog, { today: options.today }, issues, true);
  validator.validate(mapped.records);
  return finishResult(validator.results(), issues, {
    ...mapped.stats,
    recordsRejected: validator.rejected,
    duplicates: validator.duplicates,
  });
}
