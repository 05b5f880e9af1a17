import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { KpiDefinitionDto, KpiSnapshotDto, KpiTrendDto, Granularity } from '@kpi/contracts';
import { ProviderScope } from '../auth/provider-scope';
import { bucketValue } from './bucket-value';
import { KpiDefinitionEntity } from './entities/kpi-definition.entity';
import { MetricsRepository } from './metrics.repository';
import { TrendQueryDto } from './dto/trend-query.dto';

/** How far back a trend goes when the caller gives no `from`, per granularity (in days). */
const DEFAULT_RANGE_DAYS: Record<Granularity, number> = { day: 90, week: 182, month: 548, quarter: 730 };
const MAX_RANGE_DAYS = 366 * 5;

@Injectable()
export class MetricsService {
  constructor(
    private readonly metrics: MetricsRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async listKpis(): Promise<KpiDefinitionDto[]> {
    return (await this.metrics.listKpiDefinitions()).map(toKpiDefinitionDto);
  }

  lastDataDates(scope: ProviderScope): Promise<Map<string, string>> {
    return this.metrics.lastDataDates(scope);
  }

  async latestSnapshots(scope: ProviderScope): Promise<Map<string, KpiSnapshotDto[]>> {
    const byProvider = new Map<string, KpiSnapshotDto[]>();
    for (const row of await this.metrics.latestSnapshots(scope)) {
      const list = byProvider.get(row.providerId) ?? [];
      list.push({
        kpiCode: row.kpiCode,
        value: bucketValue(row.aggregation, row.current),
        previousValue: bucketValue(row.aggregation, row.previous),
        from: addDays(row.lastDate, -6),
        to: row.lastDate,
      });
      byProvider.set(row.providerId, list);
    }
    return byProvider;
  }

  async trend(scope: ProviderScope, providerId: string, kpiCode: string, query: TrendQueryDto): Promise<KpiTrendDto> {
    scope.assertVisible(providerId);
    const granularity = query.granularity ?? 'day';
    const [provider] = await this.dataSource.query(
      `SELECT p.id, (SELECT max(period_start)::text FROM metric_observations o WHERE o.provider_id = p.id AND o.kpi_code = $2) AS last
       FROM providers p WHERE p.id = $1`,
      [providerId, kpiCode],
    );
    if (!provider) throw new NotFoundException('Provider not found');
    const kpi = await this.metrics.findKpiDefinition(kpiCode);
    if (!kpi) throw new NotFoundException(`Unknown KPI "${kpiCode}"`);
    if (query.siteId) {
      const [site] = await this.dataSource.query(`SELECT 1 FROM sites WHERE id = $1 AND provider_id = $2`, [
        query.siteId,
        providerId,
      ]);
      if (!site) throw new NotFoundException('Site not found for this provider');
    }
    const to = query.to ?? (provider.last as string | null) ?? new Date().toISOString().slice(0, 10);
    const from = query.from ?? addDays(to, -(DEFAULT_RANGE_DAYS[granularity] - 1));
    if (from > to) throw new BadRequestException('from must not be after to');
    if (daysBetween(from, to) > MAX_RANGE_DAYS) throw new BadRequestException('The range may span at most 5 years');

    const buckets = await this.metrics.trendBuckets({
      providerId,
      kpiCode,
      granularity,
      from,
      to,
      siteId: query.siteId,
      serviceLine: query.serviceLine,
    });
    return {
      providerId,
      kpiCode,
      granularity,
      from,
      to,
      siteId: query.siteId ?? null,
      serviceLine: query.serviceLine ?? null,
      points: buckets.map((b) => ({
        periodStart: b.periodStart,
        value: bucketValue(kpi.aggregation, b),
        numerator: kpi.aggregation === 'stock' ? (b.lastNumerator ?? 0) : b.sumNumerator,
        denominator: kpi.aggregation === 'sum_over_mean_stock' ? b.meanDenominator : b.sumDenominator,
      })),
    };
  }
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
  };
}

function addDays(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return (Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000;
}
