import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { ProviderScope } from '../auth/provider-scope';
import { KpiDefinitionEntity } from './entities/kpi-definition.entity';

export interface SiteRow {
  id: string;
  providerId: string;
  city: string;
}

@Injectable()
export class MetricsRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  listKpiDefinitions(): Promise<KpiDefinitionEntity[]> {
    return this.dataSource.getRepository(KpiDefinitionEntity).find({ order: { builtIn: 'DESC', name: 'ASC' } });
  }

  findKpiDefinition(code: string): Promise<KpiDefinitionEntity | null> {
    return this.dataSource.getRepository(KpiDefinitionEntity).findOneBy({ code });
  }

  saveKpiDefinition(entity: Partial<KpiDefinitionEntity>): Promise<KpiDefinitionEntity> {
    return this.dataSource.getRepository(KpiDefinitionEntity).save(entity);
  }

  async deleteKpiDefinition(code: string): Promise<void> {
    await this.dataSource.getRepository(KpiDefinitionEntity).delete({ code, builtIn: false });
  }

  /** Where a KPI is still used: stored observations and service levels of SLA contracts. */
  async kpiUsage(code: string): Promise<{ observations: boolean; serviceLevels: number }> {
    const [row] = await this.dataSource.query(
      `SELECT EXISTS (SELECT 1 FROM metric_observations WHERE kpi_code = $1) AS observations,
              (SELECT count(*)::int FROM sla_service_levels WHERE kpi_code = $1) AS service_levels`,
      [code],
    );
    return { observations: row.observations, serviceLevels: row.service_levels };
  }

  /** The visible providers, optionally narrowed to `ids` (ids outside the scope are simply absent). */
  async visibleProviderIds(scope: ProviderScope, ids?: readonly string[]): Promise<string[]> {
    const params: unknown[] = [];
    let where = scope.sqlCondition('id', params);
    if (ids) {
      params.push(ids);
      where += ` AND id = ANY($${params.length}::uuid[])`;
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM providers WHERE ${where} ORDER BY id`,
      params,
    );
    return rows.map((row) => row.id);
  }

  /** Sites of the given providers, optionally only these ids or these cities. */
  async sites(providerIds: readonly string[], filter: { ids?: readonly string[]; cities?: readonly string[] } = {}): Promise<SiteRow[]> {
    const params: unknown[] = [providerIds];
    let where = 'provider_id = ANY($1::uuid[])';
    if (filter.ids) {
      params.push(filter.ids);
      where += ` AND id = ANY($${params.length}::uuid[])`;
    }
    if (filter.cities) {
      params.push(filter.cities.map((city) => city.toLocaleLowerCase('es-MX')));
      where += ` AND lower(city) = ANY($${params.length}::text[])`;
    }
    const rows: { id: string; provider_id: string; city: string }[] = await this.dataSource.query(
      `SELECT id, provider_id, city FROM sites WHERE ${where} ORDER BY city, code`,
      params,
    );
    return rows.map((row) => ({ id: row.id, providerId: row.provider_id, city: row.city }));
  }

  /** Whether the provider exists, and its last daily observation of the KPI (null without any). */
  async providerKpiLastDate(providerId: string, kpiCode: string): Promise<{ exists: boolean; last: string | null }> {
    const [row] = await this.dataSource.query(
      `SELECT p.id,
         (SELECT max(period_start) FROM metric_observations o
          WHERE o.provider_id = p.id AND o.kpi_code = $2 AND o.granularity = 'day') AS last
       FROM providers p WHERE p.id = $1`,
      [providerId, kpiCode],
    );
    return { exists: Boolean(row), last: row?.last ?? null };
  }
}
