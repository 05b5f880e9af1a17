import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import {
  AggregatedComponents,
  KpiAggregation,
  SliceDimension,
  SliceGroup,
  SlicePartial,
  addDays,
  aggregateSlicePartials,
  bucketEnd,
  bucketStart,
  compareIsoDates,
} from '@kpi/domain';
import { ROLLUP_GRANULARITIES, ROLLUP_LOCK_NAMESPACE, SNAPSHOT_WINDOW_DAYS } from './metrics-rollup.constants';
import { MetricsRollupRepository, PartialRow, StoredWindowSnapshot, WindowPartialRow } from './metrics-rollup.repository';
import { ComponentRequest, RollupSource, planPieces } from './rollup-plan';

export interface RollupRefreshResult {
  providerIds: string[];
  from: string | null;
  to: string | null;
  /** Rows written / deleted per granularity. */
  buckets: Record<string, { upserted: number; removed: number }>;
  windowRows: number;
  ms: number;
}

/** The components of one request for one group of slices, recomputed by kpi-domain from per-slice partials. */
export interface GroupComponents {
  groupKey: string;
  group: SliceGroup;
  components: AggregatedComponents;
  excludedObservationCount: number;
}

export interface RequestResult {
  /** One entry per group seen (every slice with a usable observation in range, even if excluded). */
  groups: GroupComponents[];
  excludedObservationCount: number;
}

export interface WindowSnapshot {
  providerId: string;
  kpiCode: string;
  current: AggregatedComponents & { from: string; to: string };
  previous: AggregatedComponents & { from: string; to: string };
}

const DIMENSION_OF_ROW: Record<SliceDimension, (row: PartialRow) => string> = {
  providerId: (row) => row.providerId,
  siteId: (row) => row.siteId,
  city: (row) => row.city,
  serviceLine: (row) => row.serviceLine,
  queue: (row) => row.queue,
};

/**
 * Precomputed rollups of the KPI observations and the reads that use them.
 *
 * `refreshRange(providerId, from, to)` recomputes, for each stored granularity (ISO week, month, quarter,
 * year), every bucket overlapping `from..to` in one set-based statement, then the provider's portfolio
 * windows. Call it after any change of `metric_observations` (the demo seed does a full refresh; the
 * ingestion module calls it after each committed run). Refreshes of one provider are serialised.
 *
 * `measure` reads per-slice partials from the rollups (with raw days at the edges and on excluded dates)
 * and lets kpi-domain combine them, so a value read here is the value kpi-domain's `rollupKpi` computes
 * from the raw observations (sums exact; stocks carried forward). `windowSnapshots` reads the portfolio
 * windows the last refresh rolled up the same way.
 */
@Injectable()
export class MetricsRollupService {
  constructor(private readonly repository: MetricsRollupRepository) {}

  /** For callers outside the Nest container (database preparation, benchmarks). */
  static forDataSource(dataSource: DataSource): MetricsRollupService {
    return new MetricsRollupService(new MetricsRollupRepository(dataSource));
  }

  /**
   * Recomputes the rollups of one provider for every bucket overlapping `from..to` (inclusive ISO dates),
   * optionally only for some KPIs, and the provider's portfolio windows and coverage.
   */
  refreshRange(providerId: string, from: string, to: string, kpiCodes?: readonly string[]): Promise<RollupRefreshResult> {
    if (compareIsoDates(from, to) > 0) throw new RangeError(`Invalid refresh range: ${from} is after ${to}`);
    return this.refreshProviders([providerId], { from, to }, kpiCodes ?? null);
  }

  /** Recomputes every rollup of every provider that has observations (after the demo seed, after a restore). */
  async refreshAll(): Promise<RollupRefreshResult> {
    const providerIds = await this.repository.providerIdsWithData();
    if (providerIds.length === 0) {
      return { providerIds, from: null, to: null, buckets: {}, windowRows: 0, ms: 0 };
    }
    const result = await this.refreshProviders(providerIds, null, null);
    await this.repository.analyze();
    return result;
  }

  private async refreshProviders(
    providerIds: readonly string[],
    range: { from: string; to: string } | null,
    kpiCodes: readonly string[] | null,
  ): Promise<RollupRefreshResult> {
    const started = Date.now();
    const sorted = [...new Set(providerIds)].sort();
    const result = await this.repository.transaction(async (manager) => {
      // Sorting and hashing the buckets in memory (the default 4 MB spills a full rebuild to disk).
      await manager.query(`SET LOCAL work_mem = '64MB'`);
      // A full refresh locks out every other refresh; a provider's refresh locks out that provider's.
      if (range === null) {
        await manager.query(`SELECT pg_advisory_xact_lock($1, 0)`, [ROLLUP_LOCK_NAMESPACE]);
      } else {
        await manager.query(`SELECT pg_advisory_xact_lock_shared($1, 0)`, [ROLLUP_LOCK_NAMESPACE]);
        for (const id of sorted) {
          await manager.query(`SELECT pg_advisory_xact_lock($1, hashtext($2))`, [ROLLUP_LOCK_NAMESPACE, id]);
        }
      }
      const dates = range ?? (await this.repository.dailyDateRange(manager, sorted));
      const buckets: RollupRefreshResult['buckets'] = {};
      if (dates) {
        for (const granularity of ROLLUP_GRANULARITIES) {
          buckets[granularity] = await this.repository.refreshBuckets(
            manager,
            sorted,
            granularity,
            bucketStart(dates.from, granularity),
            bucketEnd(dates.to, granularity),
            kpiCodes,
          );
        }
      }
      const partials = await this.repository.windowPartials(sorted, manager);
      const snapshots = snapshotsFromPartials(partials, await this.repository.kpiAggregations());
      const windowRows = await this.repository.replaceWindowSnapshots(manager, sorted, toStored(snapshots));
      return { providerIds: sorted, from: dates?.from ?? null, to: dates?.to ?? null, buckets, windowRows };
    });
    return { ...result, ms: Date.now() - started };
  }

  /** Rebuilds everything when daily observations exist but no rollup does (a database upgraded to rollups). */
  async ensureBuilt(): Promise<boolean> {
    if (!(await this.repository.rollupsMissing())) return false;
    await this.refreshAll();
    return true;
  }

  /**
   * Measures many requests in one query: per request, the groups (by `groupBy` dimensions) with their
   * components recomputed by kpi-domain from per-slice partials.
   */
  async measure(
    requests: readonly ComponentRequest[],
    options: { source?: RollupSource; groupBy?: readonly SliceDimension[] } = {},
  ): Promise<RequestResult[]> {
    const groupBy = options.groupBy ?? [];
    const live = requests.map((request) => request.providerIds.length > 0);
    const asked = requests.filter((_, index) => live[index]);
    const rows = await this.repository.requestPartials(asked, planPieces(asked, options.source ?? 'rollups'));
    const byRequest = new Map<number, typeof rows>();
    for (const row of rows) byRequest.set(row.req, [...(byRequest.get(row.req) ?? []), row]);
    let askedIndex = 0;
    return requests.map((request, index) => {
      if (!live[index]) {
        return { groups: groupBy.length === 0 ? [emptyGroup(request.aggregation)] : [], excludedObservationCount: 0 };
      }
      const requestRows = byRequest.get(askedIndex++) ?? [];
      return this.groupRows(request.aggregation, requestRows, groupBy);
    });
  }

  /**
   * The portfolio windows of the providers (the last 7 days with data and the 7 days before, per KPI): as
   * stored by the last refresh, or recomputed from raw rows. Both are kpi-domain's rollup of the same
   * per-slice partials, so they are identical.
   */
  async windowSnapshots(providerIds: readonly string[], source: RollupSource = 'rollups'): Promise<WindowSnapshot[]> {
    if (providerIds.length === 0) return [];
    if (source === 'raw') {
      const [partials, aggregations] = await Promise.all([
        this.repository.windowPartials(providerIds),
        this.repository.kpiAggregations(),
      ]);
      return snapshotsFromPartials(partials, aggregations);
    }
    return fromStored(await this.repository.storedWindowSnapshots(providerIds));
  }

  /** Last observation dates per provider (any granularity; daily only). */
  coverage(providerIds: readonly string[]) {
    return this.repository.coverage(providerIds);
  }

  private groupRows(
    aggregation: KpiAggregation,
    rows: readonly (PartialRow & { excludedCount: number })[],
    groupBy: readonly SliceDimension[],
  ): RequestResult {
    const groups = new Map<string, { group: SliceGroup; partials: SlicePartial[]; excluded: number }>();
    if (groupBy.length === 0) groups.set('[]', { group: {}, partials: [], excluded: 0 });
    for (const row of rows) {
      const values = groupBy.map((dimension) => DIMENSION_OF_ROW[dimension](row));
      const key = JSON.stringify(values);
      const entry = groups.get(key) ?? {
        group: Object.fromEntries(groupBy.map((dimension, index) => [dimension, values[index]])) as SliceGroup,
        partials: [],
        excluded: 0,
      };
      entry.partials.push(row.partial);
      entry.excluded += row.excludedCount;
      groups.set(key, entry);
    }
    const result = [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([groupKey, entry]) => ({
        groupKey,
        group: entry.group,
        components: aggregateSlicePartials(aggregation, entry.partials),
        excludedObservationCount: entry.excluded,
      }));
    return { groups: result, excludedObservationCount: rows.reduce((sum, row) => sum + row.excludedCount, 0) };
  }
}

function emptyGroup(aggregation: KpiAggregation): GroupComponents {
  return { groupKey: '[]', group: {}, components: aggregateSlicePartials(aggregation, []), excludedObservationCount: 0 };
}

type WindowComponents = WindowSnapshot['current'];

/** Rolls each provider x KPI x window up from its per-slice partials (kpi-domain), ordered by provider and KPI. */
function snapshotsFromPartials(partials: readonly WindowPartialRow[], aggregations: ReadonlyMap<string, KpiAggregation>): WindowSnapshot[] {
  const lastDayOf = new Map<string, string>();
  for (const row of partials) {
    lastDayOf.set(row.providerId, row.window === 'current' ? row.windowTo : addDays(row.windowTo, SNAPSHOT_WINDOW_DAYS));
  }
  const byKey = new Map<string, { providerId: string; kpiCode: string; current: SlicePartial[]; previous: SlicePartial[] }>();
  for (const row of partials) {
    const key = JSON.stringify([row.providerId, row.kpiCode]);
    const entry = byKey.get(key) ?? { providerId: row.providerId, kpiCode: row.kpiCode, current: [], previous: [] };
    entry[row.window].push(row.partial);
    byKey.set(key, entry);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => {
      const aggregation = aggregations.get(entry.kpiCode) ?? 'ratio_of_sums';
      const lastDay = lastDayOf.get(entry.providerId) as string;
      return {
        providerId: entry.providerId,
        kpiCode: entry.kpiCode,
        current: {
          ...aggregateSlicePartials(aggregation, entry.current),
          from: addDays(lastDay, -(SNAPSHOT_WINDOW_DAYS - 1)),
          to: lastDay,
        },
        previous: {
          ...aggregateSlicePartials(aggregation, entry.previous),
          from: addDays(lastDay, -(2 * SNAPSHOT_WINDOW_DAYS - 1)),
          to: addDays(lastDay, -SNAPSHOT_WINDOW_DAYS),
        },
      };
    });
}

function toStored(snapshots: readonly WindowSnapshot[]): StoredWindowSnapshot[] {
  return snapshots.flatMap((snapshot) =>
    (['current', 'previous'] as const).map((window) => {
      const components = snapshot[window];
      return {
        providerId: snapshot.providerId,
        kpiCode: snapshot.kpiCode,
        window,
        from: components.from,
        to: components.to,
        value: components.value,
        numerator: components.numerator,
        denominator: components.denominator,
        observationCount: components.observationCount,
        stockAsOf: components.stockAsOf,
        carriedForwardReadings: components.carriedForwardReadings,
        stockReadingDates: components.stockReadingDates,
      };
    }),
  );
}

function fromStored(rows: readonly StoredWindowSnapshot[]): WindowSnapshot[] {
  const byKey = new Map<string, Partial<WindowSnapshot> & { providerId: string; kpiCode: string }>();
  for (const row of rows) {
    const key = JSON.stringify([row.providerId, row.kpiCode]);
    const entry = byKey.get(key) ?? { providerId: row.providerId, kpiCode: row.kpiCode };
    const components: WindowComponents = {
      value: row.value,
      numerator: row.numerator,
      denominator: row.denominator,
      observationCount: row.observationCount,
      stockAsOf: row.stockAsOf,
      carriedForwardReadings: row.carriedForwardReadings,
      stockReadingDates: row.stockReadingDates,
      from: row.from,
      to: row.to,
    };
    entry[row.window] = components;
    byKey.set(key, entry);
  }
  return [...byKey.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([, entry]) => entry as WindowSnapshot);
}
