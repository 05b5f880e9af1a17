import { Injectable } from '@nestjs/common';
import type { SlaContractVersion } from '@kpi/domain';
import { DataSource } from 'typeorm';
import { toDomainContract } from './sla.mapper';
import { SlaRepository } from './sla.repository';

/**
 * Read-only access to the contract terms for system jobs that already run per provider (the drift
 * engine's SLA-aware rules pick the terms in force per day). User-facing reads go through
 * SlaContractsService with a ProviderScope.
 */
@Injectable()
export class SlaTermsReader {
  constructor(private readonly repository: SlaRepository) {}

  /** For code that runs before the app starts (the demo seed's first drift evaluation). */
  static forDataSource(dataSource: DataSource): SlaTermsReader {
    return new SlaTermsReader(new SlaRepository(dataSource));
  }

  /** Every contract version of the provider (all its contracts, all dates) as kpi-domain terms. */
  async versionsFor(providerId: string): Promise<SlaContractVersion[]> {
    const records = await this.repository.loadContracts({ providerIds: [providerId] });
    return records.flatMap((record) => toDomainContract(record).versions);
  }
}
