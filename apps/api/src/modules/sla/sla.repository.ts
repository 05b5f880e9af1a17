import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, In } from 'typeorm';
import type { ServiceLineCode } from '@kpi/domain';
import { ProviderScope } from '../auth/provider-scope';
import { ScorecardWeightsEntity } from './entities/scorecard-weights.entity';
import { SlaContractVersionEntity } from './entities/sla-contract-version.entity';
import { SlaContractEntity } from './entities/sla-contract.entity';
import { SlaExclusionEntity } from './entities/sla-exclusion.entity';
import { SlaServiceLevelEntity } from './entities/sla-service-level.entity';

export interface ProviderInfo {
  id: string;
  code: string;
  name: string;
  timeZone: string;
  sites: { id: string; code: string; city: string }[];
  serviceLines: ServiceLineCode[];
}

export interface VersionRecord extends SlaContractVersionEntity {
  serviceLevels: SlaServiceLevelEntity[];
}

export interface ExclusionRecord extends SlaExclusionEntity {
  requestedByName: string | null;
}

/** A contract with everything needed to judge it: versions (oldest first) with service levels, exclusions. */
export interface ContractRecord extends SlaContractEntity {
  providerName: string;
  versions: VersionRecord[];
  exclusions: ExclusionRecord[];
}

@Injectable()
export class SlaRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  get manager(): EntityManager {
    return this.dataSource.manager;
  }

  /** Providers visible in the scope (optionally only `ids`), with their sites and service lines. */
  async providers(scope: ProviderScope, ids?: readonly string[]): Promise<ProviderInfo[]> {
    const params: unknown[] = [];
    let where = scope.sqlCondition('p.id', params);
    if (ids) {
      params.push(ids);
      where += ` AND p.id = ANY($${params.length}::uuid[])`;
    }
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT p.id, p.code, p.name, p.time_zone,
         COALESCE((SELECT json_agg(json_build_object('id', s.id, 'code', s.code, 'city', s.city) ORDER BY s.city, s.code)
                   FROM sites s WHERE s.provider_id = p.id), '[]') AS sites,
         COALESCE((SELECT array_agg(pl.service_line_code ORDER BY pl.service_line_code)
                   FROM provider_service_lines pl WHERE pl.provider_id = p.id), '{}') AS service_lines
       FROM providers p WHERE ${where} ORDER BY p.name`,
      params,
    );
    return rows.map((row) => ({
      id: row['id'] as string,
      code: row['code'] as string,
      name: row['name'] as string,
      timeZone: row['time_zone'] as string,
      sites: row['sites'] as ProviderInfo['sites'],
      serviceLines: row['service_lines'] as ServiceLineCode[],
    }));
  }

  /** Contract ids in the scope, optionally of one provider, newest first. */
  async contractIds(scope: ProviderScope, providerId?: string): Promise<string[]> {
    const params: unknown[] = [];
    let where = scope.sqlCondition('c.provider_id', params);
    if (providerId) {
      params.push(providerId);
      where += ` AND c.provider_id = $${params.length}`;
    }
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT c.id FROM sla_contracts c JOIN providers p ON p.id = c.provider_id
       WHERE ${where} ORDER BY p.name, c.name, c.created_at`,
      params,
    );
    return rows.map((row) => row.id);
  }

  async findContract(id: string, manager: EntityManager = this.dataSource.manager): Promise<ContractRecord | null> {
    const [record] = await this.loadContracts({ ids: [id] }, manager);
    return record ?? null;
  }

  /** Contracts with versions, service levels and exclusions, by id or by provider. */
  async loadContracts(
    filter: { ids?: readonly string[]; providerIds?: readonly string[] },
    manager: EntityManager = this.dataSource.manager,
  ): Promise<ContractRecord[]> {
    const where = filter.ids ? { id: In([...filter.ids]) } : { providerId: In([...(filter.providerIds ?? [])]) };
    const contracts = await manager.getRepository(SlaContractEntity).find({ where, order: { createdAt: 'ASC' } });
    if (contracts.length === 0) return [];
    const contractIds = contracts.map((contract) => contract.id);
    const [versions, exclusions, providerNames] = await Promise.all([
      manager.getRepository(SlaContractVersionEntity).find({
        where: { contractId: In(contractIds) },
        order: { effectiveFrom: 'ASC', version: 'ASC' },
      }),
      manager.query(
        `SELECT e.id, u.display_name AS requested_by_name FROM sla_exclusions e
         LEFT JOIN users u ON u.id = e.requested_by WHERE e.contract_id = ANY($1::uuid[])`,
        [contractIds],
      ) as Promise<{ id: string; requested_by_name: string | null }[]>,
      manager.query(`SELECT id, name FROM providers WHERE id = ANY($1::uuid[])`, [
        [...new Set(contracts.map((contract) => contract.providerId))],
      ]) as Promise<{ id: string; name: string }[]>,
    ]);
    const exclusionEntities = await manager.getRepository(SlaExclusionEntity).find({
      where: { contractId: In(contractIds) },
      order: { fromDate: 'ASC', requestedAt: 'ASC' },
    });
    const serviceLevels =
      versions.length === 0
        ? []
        : await manager.getRepository(SlaServiceLevelEntity).find({
            where: { contractVersionId: In(versions.map((version) => version.id)) },
            order: { position: 'ASC', name: 'ASC' },
          });
    const requester = new Map(exclusions.map((row) => [row.id, row.requested_by_name]));
    const providerName = new Map(providerNames.map((row) => [row.id, row.name]));
    return contracts.map((contract) => ({
      ...contract,
      providerName: providerName.get(contract.providerId) ?? '',
      versions: versions
        .filter((version) => version.contractId === contract.id)
        .map((version) => ({
          ...version,
          serviceLevels: serviceLevels.filter((level) => level.contractVersionId === version.id),
        })),
      exclusions: exclusionEntities
        .filter((exclusion) => exclusion.contractId === contract.id)
        .map((exclusion) => ({ ...exclusion, requestedByName: requester.get(exclusion.id) ?? null })),
    }));
  }

  async userName(userId: string): Promise<string> {
    const [row] = await this.dataSource.query(`SELECT display_name FROM users WHERE id = $1`, [userId]);
    return (row?.display_name as string | undefined) ?? 'unknown user';
  }

  async scorecardWeights(): Promise<ScorecardWeightsEntity & { updatedByName: string | null }> {
    const weights = await this.dataSource.getRepository(ScorecardWeightsEntity).findOneByOrFail({ id: 1 });
    const updatedByName = weights.updatedBy ? await this.userName(weights.updatedBy) : null;
    return { ...weights, updatedByName };
  }

  async saveScorecardWeights(weights: Partial<ScorecardWeightsEntity>): Promise<void> {
    await this.dataSource.getRepository(ScorecardWeightsEntity).save({ ...weights, id: 1 });
  }

  /**
   * Restatement events of past numbers (distinct runs, or days without a run) restated in the window.
   * Reads the ingestion module's `metric_restatements` (written by its bulk merge) until that module
   * exports a service for it.
   */
  async restatementCounts(providerIds: readonly string[], from: string, to: string): Promise<Map<string, number>> {
    const rows: { provider_id: string; n: number }[] = await this.dataSource.query(
      `SELECT provider_id, count(DISTINCT coalesce(run_id::text, restated_at::date::text))::int AS n
       FROM metric_restatements
       WHERE provider_id = ANY($1::uuid[]) AND restated_at >= $2::date AND restated_at < $3::date + 1
       GROUP BY provider_id`,
      [providerIds, from, to],
    );
    return new Map(rows.map((row) => [row.provider_id, row.n]));
  }
}
