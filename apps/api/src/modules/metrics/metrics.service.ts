import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type {
  Granularity,
  KpiDefinitionDto,
  KpiRollupDto,
  KpiRollupPointDto,
  KpiRollupSeriesDto,
  KpiSnapshotDto,
  KpiTrendDto,
  RollupDimension,
  RollupQueryGranularity,
} from '@kpi/contracts';
import {
  AggregatedComponents,
  KpiDefinition,
  PeriodBucket,
  SliceGroup,
  addDays,
  aggregateSlicePartials,
  countDaysInclusive,
  enumerateBuckets,
  maxIsoDate,
  minIsoDate,
  rangeBucket,
} from '@kpi/domain';
import { ProviderScope } from '../auth/provider-scope';
import { KpiDefinitionEntity } from './entities/kpi-definition.entity';
import { MAX_DAILY_BUCKETS, MAX_ROLLUP_RANGE_DAYS } from './metrics-rollup.constants';
import { MetricsRollupService } from './metrics-rollup.service';
import { MetricsRepository } from './metrics.repository';
import { RollupQueryDto } from './dto/rollup-query.dto';
import { TrendQueryDto } from './dto/trend-query.dto';
import { ComponentRequest, RollupSource } from './rollup-plan';

/** How far back a trend goes when the caller gives no `from`, per granularity (in days). */
const DEFAULT_RANGE_DAYS: Record<Granularity, number> = { day: 90, week: 182, month: 548, quarter: 730 };

/** A series over buckets: what the trend and the KPI query endpoint return. */
export interface BucketSeries {
  groupKey: string;
  group: SliceGroup;
  points: KpiRollupPointDto[];
}

/** The slices of a query, already narrowed to the caller's scope. */
export interface SliceSelection {
  providerIds: string[];
  siteIds?: string[] | null;
  serviceLines?: string[] | null;
  queues?: string[] | null;
}

@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRepository,
    private readonly rollups: MetricsRollupService,
  ) {}

  async listKpis(): Promise<KpiDefinitionDto[]> {
    return (await this.metrics.listKpiDefinitions()).map(toKpiDefinitionDto);
  }

  /** Every KPI definition (built-in and custom) as kpi-domain sees it, by code. */
  async kpiDefinitions(): Promise<Map<string, KpiDefinition>> {
    const entities = await this.metrics.listKpiDefinitions();
    return new Map(entities.map((entity) => [entity.code, toDomainDefinition(entity)]));
  }

  /** Providers the scope may see, optionally narrowed to `ids`. */
  visibleProviderIds(scope: ProviderScope, ids?: readonly string[]): Promise<string[]> {
    return this.metrics.visibleProviderIds(scope, ids);
  }

  async lastDataDates(scope: ProviderScope): Promise<Map<string, string>> {
    const coverage = await this.rollups.coverage(await this.metrics.visibleProviderIds(scope));
    const result = new Map<string, string>();
    for (const [providerId, dates] of coverage) if (dates.lastDate) result.set(providerId, dates.lastDate);
    return result;
  }

  /** Last 7 days with data per provider and KPI, and the 7 days before, read from the window rollups. */
  async latestSnapshots(scope: ProviderScope, source: RollupSource = 'rollups'): Promise<Map<string, KpiSnapshotDto[]>> {
    const snapshots = await this.rollups.windowSnapshots(await this.metrics.visibleProviderIds(scope), source);
    const byProvider = new Map<string, KpiSnapshotDto[]>();
    for (const snapshot of snapshots) {
      const list = byProvider.get(snapshot.providerId) ?? [];
      list.push({
        kpiCode: snapshot.kpiCode,
        value: snapshot.current.value,
        previousValue: snapshot.previous.value,
        from: snapshot.current.from,
        to: snapshot.current.to,
      });
      byProvider.set(snapshot.providerId, list);
    }
    return byProvider;
  }

  async trend(scope: ProviderScope, providerId: string, kpiCode: string, query: TrendQueryDto): Promise<KpiTrendDto> {
    scope.assertVisible(providerId);
    const granularity = query.granularity ?? 'day';
    const provider = await this.metrics.providerKpiLastDate(providerId, kpiCode);
    if (!provider.exists) throw new NotFoundException('Provider not found');
    const kpi = await this.metrics.findKpiDefinition(kpiCode);
    if (!kpi) throw new NotFoundException(`Unknown KPI "${kpiCode}"`);
    if (query.siteId) {
      const sites = await this.metrics.sites([providerId], { ids: [query.siteId] });
      if (sites.length === 0) throw new NotFoundException('Site not found for this provider');
    }
    const to = query.to ?? provider.last ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS[granularity] - 1));
    assertRange(from, to, granularity);
    const [series] = await this.bucketSeries(
      toDomainDefinition(kpi),
      {
        providerIds: [providerId],
        siteIds: query.siteId ? [query.siteId] : null,
        serviceLines: query.serviceLine ? [query.serviceLine] : null,
      },
      granularity,
      from,
      to,
      [],
    );
    return {
      providerId,
      kpiCode,
      granularity,
      from,
      to,
      siteId: query.siteId ?? null,
      serviceLine: query.serviceLine ?? null,
      points: series.points.map((point) => ({
        periodStart: point.periodStart,
        value: point.value,
        numerator: point.numerator,
        denominator: point.denominator,
      })),
    };
  }

  /** Any KPI over any period and slice the caller may see (GET /api/metrics/rollup). */
  async rollup(scope: ProviderScope, query: RollupQueryDto, source: RollupSource = 'rollups'): Promise<KpiRollupDto> {
    assertRange(query.from, query.to, query.granularity);
    const kpi = await this.metrics.findKpiDefinition(query.kpi);
    if (!kpi) throw new NotFoundException(`Unknown KPI "${query.kpi}"`);
    const selection = await this.selectSlices(scope, query);
    const groupBy = [...new Set(query.groupBy ?? [])];
    const series = await this.bucketSeries(
      toDomainDefinition(kpi),
      selection,
      query.granularity,
      query.from,
      query.to,
      groupBy,
      source,
    );
    return {
      kpiCode: kpi.code,
      aggregation: kpi.aggregation,
      granularity: query.granularity,
      from: query.from,
      to: query.to,
      groupBy,
      providerIds: selection.providerIds,
      series: series as KpiRollupSeriesDto[],
      stockMissingSlice: 'carry_forward',
    };
  }

  /**
   * Resolves the slices of a query within the scope: asked providers or sites outside it are a 404 (as
   * if they did not exist); cities become the matching sites of the visible providers.
   */
  async selectSlices(
    scope: ProviderScope,
    query: Pick<RollupQueryDto, 'providerIds' | 'siteIds' | 'cities' | 'serviceLines' | 'queues'>,
  ): Promise<SliceSelection> {
    const asked = query.providerIds ? [...new Set(query.providerIds)] : undefined;
    const providerIds = await this.metrics.visibleProviderIds(scope, asked);
    if (asked && providerIds.length !== asked.length) throw new NotFoundException('Provider not found');
    let siteIds: string[] | null = null;
    if (query.siteIds) {
      const wanted = [...new Set(query.siteIds)];
      const sites = await this.metrics.sites(providerIds, { ids: wanted });
      if (sites.length !== wanted.length) throw new NotFoundException('Site not found');
      siteIds = sites.map((site) => site.id);
    }
    if (query.cities) {
      const inCities = (await this.metrics.sites(providerIds, { cities: query.cities })).map((site) => site.id);
      siteIds = siteIds === null ? inCities : siteIds.filter((id) => inCities.includes(id));
    }
    return {
      providerIds,
      siteIds,
      serviceLines: query.serviceLines ? [...new Set(query.serviceLines)] : null,
      queues: query.queues ? [...new Set(query.queues)] : null,
    };
  }

  /**
   * One series per group over every bucket of `from..to` (edge buckets clipped to the range and marked
   * partial; a bucket without data has value null). Each bucket is one component request, read from the
   * rollups where whole buckets exist and recomputed by kpi-domain.
   */
  async bucketSeries(
    definition: KpiDefinition,
    selection: SliceSelection,
    granularity: RollupQueryGranularity,
    from: string,
    to: string,
    groupBy: readonly RollupDimension[],
    source: RollupSource = 'rollups',
  ): Promise<BucketSeries[]> {
    const buckets: PeriodBucket[] =
      granularity === 'range' ? [rangeBucket({ from, to })] : enumerateBuckets(from, to, granularity);
    const requests: ComponentRequest[] = buckets.map((bucket) => ({
      kpiCode: definition.code,
      aggregation: definition.aggregation,
      providerIds: selection.providerIds,
      siteIds: selection.siteIds,
      serviceLines: selection.serviceLines,
      queues: selection.queues,
      range: { from: maxIsoDate(bucket.start, from), to: minIsoDate(bucket.end, to) },
    }));
    const results = await this.rollups.measure(requests, { source, groupBy });
    const groups = new Map<string, SliceGroup>();
    if (groupBy.length === 0) groups.set('[]', {});
    results.forEach((result) => result.groups.forEach((group) => groups.set(group.groupKey, group.group)));
    const empty = aggregateSlicePartials(definition.aggregation, []);
    return [...groups.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([groupKey, group]) => ({
        groupKey,
        group,
        points: buckets.map((bucket, index) => {
          const found = results[index].groups.find((entry) => entry.groupKey === groupKey);
          return toPoint(bucket, requests[index].range, found?.components ?? empty);
        }),
      }));
  }
}

function toPoint(bucket: PeriodBucket, range: { from: string; to: string }, components: AggregatedComponents): KpiRollupPointDto {
  return {
    periodStart: bucket.start,
    periodEnd: bucket.end,
    label: bucket.label,
    from: range.from,
    to: range.to,
    partial: range.from !== bucket.start || range.to !== bucket.end,
    value: components.value,
    numerator: components.numerator,
    denominator: components.denominator,
    observationCount: components.observationCount,
    stockAsOf: components.stockAsOf,
    carriedForwardReadings: components.carriedForwardReadings,
  };
}

function assertRange(from: string, to: string, granularity: RollupQueryGranularity): void {
  if (from > to) throw new BadRequestException('from must not be after to');
  const days = countDaysInclusive(from, to);
  if (days > MAX_ROLLUP_RANGE_DAYS) throw new BadRequestException('The range may span at most 5 years');
  if (granularity === 'day' && days > MAX_DAILY_BUCKETS) {
    throw new BadRequestException(`A daily rollup may span at most ${MAX_DAILY_BUCKETS} days; use weeks or months`);
  }
}

export function toDomainDefinition(entity: KpiDefinitionEntity): KpiDefinition {
  return {
    code: entity.code,
    name: entity.name,
    description: entity.description,
    unit: entity.unit,
    direction: entity.direction,
    aggregation: entity.aggregation,
    numeratorLabel: entity.numeratorLabel,
    denominatorLabel: entity.denominatorLabel,
    displayPrecision: entity.displayPrecision,
    ...(entity.bandLow !== null && entity.bandHigh !== null
      ? { band: { low: entity.bandLow, high: entity.bandHigh } }
      : {}),
    serviceLines: entity.serviceLines ?? [],
    builtIn: entity.builtIn,
  };
}

export function toKpiDefinitionDto(entity: KpiDefinitionEntity): KpiDefinitionDto {
  return {
    code: entity.code,
    name: entity.name,
    description: entity.description,
    unit: entity.unit,
    direction: entity.direction,
    aggregation: entity.aggregation,
    numeratorLabel: entity.numeratorLabel,
    denominatorLabel: entity.denominatorLabel,
    displayPrecision: entity.displayPrecision,
    band: entity.bandLow !== null && entity.bandHigh !== null ? { low: entity.bandLow, high: entity.bandHigh } : null,
    builtIn: entity.builtIn,
    serviceLines: entity.serviceLines ?? [],
    customKind: entity.customKind,
    valueLabel: entity.valueLabel,
    weightLabel: entity.weightLabel,
  };
}
