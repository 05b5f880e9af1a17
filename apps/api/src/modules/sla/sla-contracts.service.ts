import { BadRequestException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager } from 'typeorm';
import type { SlaContractDto, SlaContractSummaryDto, SlaExclusionDto } from '@kpi/contracts';
import {
  KpiDefinition,
  ValidationIssue,
  addDays,
  compareIsoDates,
  validateSlaContractVersion,
  validateSlaContractVersions,
} from '@kpi/domain';
import { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { MetricsService } from '../metrics/metrics.service';
import { SlaContractVersionEntity } from './entities/sla-contract-version.entity';
import { SlaContractEntity } from './entities/sla-contract.entity';
import { SlaExclusionEntity } from './entities/sla-exclusion.entity';
import { SlaServiceLevelEntity } from './entities/sla-service-level.entity';
import {
  ContractTermsDto,
  CreateContractVersionDto,
  CreateSlaContractDto,
  CreateSlaExclusionDto,
  ServiceLevelDto,
  UpdateContractTermsDto,
  UpdateSlaContractDto,
  UpdateSlaExclusionDto,
} from './dto/sla-contract.dto';
import { SLA_CLOCK, SlaClock, localToday } from './sla.clock';
import { SLA_EDITOR_ROLES } from './sla.constants';
import { toContractDto, toContractSummaryDto, toDomainContract, toExclusionDto } from './sla.mapper';
import { ContractRecord, ProviderInfo, SlaRepository, VersionRecord } from './sla.repository';

function fail(issues: readonly ValidationIssue[]): never {
  throw new BadRequestException(issues.map((issue) => `${issue.field}: ${issue.message}`));
}

/** Whether the user may change SLA contracts of this provider (admins, and account managers of it). */
export function canEditContracts(user: Pick<AuthenticatedUser, 'role'>, scope: ProviderScope, providerId: string): boolean {
  return (SLA_EDITOR_ROLES as readonly string[]).includes(user.role) && scope.includes(providerId);
}

/**
 * SLA contracts: versioned terms, service levels and exclusions. Every change runs in one transaction and
 * the resulting contract is checked with kpi-domain's `validateSlaContractVersion` (and the version history
 * with `validateSlaContractVersions`) before it commits; an invalid result is a 400 naming each field.
 */
@Injectable()
export class SlaContractsService {
  constructor(
    private readonly repository: SlaRepository,
    private readonly metrics: MetricsService,
    @Inject(SLA_CLOCK) private readonly clock: SlaClock,
  ) {}

  async list(scope: ProviderScope, providerId?: string): Promise<SlaContractSummaryDto[]> {
    if (providerId) scope.assertVisible(providerId);
    const ids = await this.repository.contractIds(scope, providerId);
    const [records, providers] = await Promise.all([
      this.repository.loadContracts({ ids }),
      this.repository.providers(scope),
    ]);
    const byId = new Map(records.map((record) => [record.id, record]));
    return ids
      .map((id) => byId.get(id))
      .filter((record): record is ContractRecord => record !== undefined)
      .map((record) => {
        const provider = providers.find((candidate) => candidate.id === record.providerId) ?? null;
        return toContractSummaryDto(record, provider, localToday(this.clock.now(), provider?.timeZone ?? 'UTC'));
      });
  }

  async get(scope: ProviderScope, user: AuthenticatedUser, id: string): Promise<SlaContractDto> {
    const record = await this.visibleContract(scope, id);
    return this.toDto(scope, user, record);
  }

  async create(scope: ProviderScope, user: AuthenticatedUser, dto: CreateSlaContractDto): Promise<SlaContractDto> {
    scope.assertVisible(dto.providerId);
    const provider = await this.provider(scope, dto.providerId);
    const definitions = await this.metrics.kpiDefinitions();
    this.precheck(draftContract(dto, provider), provider, definitions, 0, (version) => version);
    const id = await this.repository.transaction(async (manager) => {
      const contract = await manager.getRepository(SlaContractEntity).save({
        providerId: dto.providerId,
        name: dto.name.trim(),
        reference: dto.reference?.trim() || null,
        createdBy: user.id,
      });
      const version = await manager.getRepository(SlaContractVersionEntity).save({
        contractId: contract.id,
        version: 1,
        ...termsColumns(dto.terms),
        createdBy: user.id,
      });
      for (const [index, level] of (dto.serviceLevels ?? []).entries()) {
        await manager.getRepository(SlaServiceLevelEntity).save(levelColumns(level, version.id, randomUUID(), index));
      }
      await this.assertValid(manager, contract.id, provider, definitions, 'versions[0]');
      return contract.id;
    });
    return this.get(scope, user, id);
  }

  async update(scope: ProviderScope, user: AuthenticatedUser, id: string, dto: UpdateSlaContractDto): Promise<SlaContractDto> {
    const record = await this.editableContract(scope, user, id);
    await this.repository.manager.getRepository(SlaContractEntity).update(
      { id: record.id },
      {
        ...(dto.name !== undefined ? { name: dto.name.trim() } : {}),
        ...(dto.reference !== undefined ? { reference: dto.reference?.trim() || null } : {}),
        updatedAt: new Date(),
      },
    );
    return this.get(scope, user, id);
  }

  async remove(scope: ProviderScope, user: AuthenticatedUser, id: string): Promise<void> {
    const record = await this.editableContract(scope, user, id);
    await this.repository.manager.getRepository(SlaContractEntity).delete({ id: record.id });
  }

  /** A renegotiation: a new version from `effectiveFrom`; the latest version ends the day before. */
  async createVersion(
    scope: ProviderScope,
    user: AuthenticatedUser,
    id: string,
    dto: CreateContractVersionDto,
  ): Promise<SlaContractDto> {
    const record = await this.editableContract(scope, user, id);
    const latest = record.versions[record.versions.length - 1];
    if (!latest) fail([{ field: 'versions', code: 'required', message: 'The contract has no version to renegotiate' }]);
    if (compareIsoDates(dto.effectiveFrom, latest.effectiveFrom) <= 0) {
      fail([
        {
          field: 'effectiveFrom',
          code: 'before_latest',
          message: `A renegotiation starts after the latest version (${latest.effectiveFrom})`,
        },
      ]);
    }
    const provider = await this.provider(scope, record.providerId);
    const definitions = await this.metrics.kpiDefinitions();
    const draft: VersionRecord = {
      ...latest,
      id: 'new-version',
      version: Math.max(...record.versions.map((version) => version.version)) + 1,
      currency: dto.currency ?? latest.currency,
      monthlyFee: dto.monthlyFee ?? latest.monthlyFee,
      atRiskPct: dto.atRiskPct ?? latest.atRiskPct,
      effectiveFrom: dto.effectiveFrom,
      effectiveTo: dto.effectiveTo ?? null,
      serviceLevels: dto.copyServiceLevels === false ? [] : latest.serviceLevels,
    };
    this.precheck({ ...record, versions: [...record.versions, draft] }, provider, definitions, record.versions.length, (version) => version);
    await this.repository.transaction(async (manager) => {
      const versions = manager.getRepository(SlaContractVersionEntity);
      const inheritedEnd =
        latest.effectiveTo !== null && compareIsoDates(latest.effectiveTo, dto.effectiveFrom) >= 0 ? latest.effectiveTo : null;
      if (latest.effectiveTo === null || compareIsoDates(latest.effectiveTo, dto.effectiveFrom) >= 0) {
        await versions.update({ id: latest.id }, { effectiveTo: addDays(dto.effectiveFrom, -1), updatedAt: new Date() });
      }
      const created = await versions.save({
        contractId: record.id,
        version: Math.max(...record.versions.map((version) => version.version)) + 1,
        currency: dto.currency ?? latest.currency,
        monthlyFee: dto.monthlyFee ?? latest.monthlyFee,
        atRiskPct: dto.atRiskPct ?? latest.atRiskPct,
        effectiveFrom: dto.effectiveFrom,
        effectiveTo: dto.effectiveTo !== undefined ? dto.effectiveTo : inheritedEnd,
        notes: dto.notes?.trim() ?? '',
        createdBy: user.id,
      });
      if (dto.copyServiceLevels !== false) {
        for (const level of latest.serviceLevels) {
          const { id: _rowId, createdAt: _created, updatedAt: _updated, ...columns } = level;
          await manager.getRepository(SlaServiceLevelEntity).save({ ...columns, contractVersionId: created.id });
        }
      }
      await this.assertValid(manager, record.id, provider, definitions, `versions[${record.versions.length}]`);
    });
    await this.touch(record.id);
    return this.get(scope, user, id);
  }

  async updateVersion(
    scope: ProviderScope,
    user: AuthenticatedUser,
    id: string,
    versionId: string,
    dto: UpdateContractTermsDto,
  ): Promise<SlaContractDto> {
    const record = await this.editableContract(scope, user, id);
    const index = this.versionIndex(record, versionId);
    const provider = await this.provider(scope, record.providerId);
    const definitions = await this.metrics.kpiDefinitions();
    this.precheck(record, provider, definitions, index, (version) => ({
      ...version,
      ...(dto.currency !== undefined ? { currency: dto.currency } : {}),
      ...(dto.monthlyFee !== undefined ? { monthlyFee: dto.monthlyFee } : {}),
      ...(dto.atRiskPct !== undefined ? { atRiskPct: dto.atRiskPct } : {}),
      ...(dto.effectiveFrom !== undefined ? { effectiveFrom: dto.effectiveFrom } : {}),
      ...(dto.effectiveTo !== undefined ? { effectiveTo: dto.effectiveTo } : {}),
    }));
    await this.repository.transaction(async (manager) => {
      await manager.getRepository(SlaContractVersionEntity).update(
        { id: versionId },
        {
          ...(dto.currency !== undefined ? { currency: dto.currency } : {}),
          ...(dto.monthlyFee !== undefined ? { monthlyFee: dto.monthlyFee } : {}),
          ...(dto.atRiskPct !== undefined ? { atRiskPct: dto.atRiskPct } : {}),
          ...(dto.effectiveFrom !== undefined ? { effectiveFrom: dto.effectiveFrom } : {}),
          ...(dto.effectiveTo !== undefined ? { effectiveTo: dto.effectiveTo } : {}),
          ...(dto.notes !== undefined ? { notes: dto.notes.trim() } : {}),
          updatedAt: new Date(),
        },
      );
      await this.assertValid(manager, record.id, provider, definitions, `versions[${index}]`);
    });
    await this.touch(record.id);
    return this.get(scope, user, id);
  }

  async deleteVersion(scope: ProviderScope, user: AuthenticatedUser, id: string, versionId: string): Promise<SlaContractDto> {
    const record = await this.editableContract(scope, user, id);
    const index = this.versionIndex(record, versionId);
    if (record.versions.length === 1) {
      throw new BadRequestException('A contract keeps at least one version: delete the contract instead');
    }
    const removed = record.versions[index];
    const previous = record.versions[index - 1];
    await this.repository.transaction(async (manager) => {
      await manager.getRepository(SlaContractVersionEntity).delete({ id: removed.id });
      // Undo a renegotiation: the version before gets its end back.
      if (previous && index === record.versions.length - 1 && previous.effectiveTo === addDays(removed.effectiveFrom, -1)) {
        await manager.getRepository(SlaContractVersionEntity).update(
          { id: previous.id },
          { effectiveTo: removed.effectiveTo, updatedAt: new Date() },
        );
      }
    });
    await this.touch(record.id);
    return this.get(scope, user, id);
  }

  async addServiceLevel(
    scope: ProviderScope,
    user: AuthenticatedUser,
    id: string,
    versionId: string,
    dto: ServiceLevelDto,
  ): Promise<SlaContractDto> {
    const record = await this.editableContract(scope, user, id);
    const index = this.versionIndex(record, versionId);
    const version = record.versions[index];
    const provider = await this.provider(scope, record.providerId);
    const definitions = await this.metrics.kpiDefinitions();
    const position = Math.max(-1, ...version.serviceLevels.map((level) => level.position)) + 1;
    const columns = levelColumns(dto, versionId, randomUUID(), position);
    this.precheck(record, provider, definitions, index, (current) => ({
      ...current,
      serviceLevels: [...current.serviceLevels, columns as SlaServiceLevelEntity],
    }));
    await this.repository.transaction(async (manager) => {
      await manager.getRepository(SlaServiceLevelEntity).save(columns);
      await this.assertValid(manager, record.id, provider, definitions, `versions[${index}]`);
    });
    await this.touch(record.id);
    return this.get(scope, user, id);
  }

  async updateServiceLevel(
    scope: ProviderScope,
    user: AuthenticatedUser,
    id: string,
    versionId: string,
    rowId: string,
    dto: ServiceLevelDto,
  ): Promise<SlaContractDto> {
    const record = await this.editableContract(scope, user, id);
    const index = this.versionIndex(record, versionId);
    const existing = record.versions[index].serviceLevels.find((level) => level.id === rowId);
    if (!existing) throw new NotFoundException('Service level not found');
    const provider = await this.provider(scope, record.providerId);
    const definitions = await this.metrics.kpiDefinitions();
    const columns = levelColumns(dto, versionId, existing.serviceLevelId, existing.position);
    this.precheck(record, provider, definitions, index, (current) => ({
      ...current,
      serviceLevels: current.serviceLevels.map((level) => (level.id === rowId ? { ...level, ...columns } : level)),
    }));
    await this.repository.transaction(async (manager) => {
      await manager.getRepository(SlaServiceLevelEntity).update({ id: rowId }, { ...columns, updatedAt: new Date() });
      await this.assertValid(manager, record.id, provider, definitions, `versions[${index}]`);
    });
    await this.touch(record.id);
    return this.get(scope, user, id);
  }

  async removeServiceLevel(
    scope: ProviderScope,
    user: AuthenticatedUser,
    id: string,
    versionId: string,
    rowId: string,
  ): Promise<SlaContractDto> {
    const record = await this.editableContract(scope, user, id);
    const index = this.versionIndex(record, versionId);
    if (!record.versions[index].serviceLevels.some((level) => level.id === rowId)) {
      throw new NotFoundException('Service level not found');
    }
    await this.repository.manager.getRepository(SlaServiceLevelEntity).delete({ id: rowId });
    await this.touch(record.id);
    return this.get(scope, user, id);
  }

  async createExclusion(
    scope: ProviderScope,
    user: AuthenticatedUser,
    id: string,
    dto: CreateSlaExclusionDto,
  ): Promise<SlaExclusionDto> {
    const record = await this.editableContract(scope, user, id);
    const provider = await this.provider(scope, record.providerId);
    this.assertExclusion(record, provider, dto);
    const saved = await this.repository.manager.getRepository(SlaExclusionEntity).save({
      contractId: record.id,
      fromDate: dto.from,
      toDate: dto.to,
      reason: dto.reason.trim(),
      siteIds: normaliseIds(dto.siteIds),
      serviceLevelIds: normaliseIds(dto.serviceLevelIds),
      requestedBy: user.id,
    });
    return this.exclusionDto(record.id, saved.id);
  }

  /** Changing an exclusion withdraws its approval: what was approved is not what it now says. */
  async updateExclusion(
    scope: ProviderScope,
    user: AuthenticatedUser,
    id: string,
    exclusionId: string,
    dto: UpdateSlaExclusionDto,
  ): Promise<SlaExclusionDto> {
    const record = await this.editableContract(scope, user, id);
    const existing = this.exclusion(record, exclusionId);
    const provider = await this.provider(scope, record.providerId);
    const merged = {
      from: dto.from ?? existing.fromDate,
      to: dto.to ?? existing.toDate,
      reason: dto.reason ?? existing.reason,
      siteIds: dto.siteIds !== undefined ? dto.siteIds : existing.siteIds,
      serviceLevelIds: dto.serviceLevelIds !== undefined ? dto.serviceLevelIds : existing.serviceLevelIds,
    };
    this.assertExclusion(record, provider, merged);
    await this.repository.manager.getRepository(SlaExclusionEntity).update(
      { id: exclusionId },
      {
        fromDate: merged.from,
        toDate: merged.to,
        reason: merged.reason.trim(),
        siteIds: normaliseIds(merged.siteIds),
        serviceLevelIds: normaliseIds(merged.serviceLevelIds),
        approvedBy: null,
        approvedByName: null,
        approvedAt: null,
      },
    );
    return this.exclusionDto(record.id, exclusionId);
  }

  async deleteExclusion(scope: ProviderScope, user: AuthenticatedUser, id: string, exclusionId: string): Promise<void> {
    const record = await this.editableContract(scope, user, id);
    this.exclusion(record, exclusionId);
    await this.repository.manager.getRepository(SlaExclusionEntity).delete({ id: exclusionId });
  }

  /** Approval is its own action, by an admin or an account manager of the provider. Approving twice changes nothing. */
  async approveExclusion(scope: ProviderScope, user: AuthenticatedUser, id: string, exclusionId: string): Promise<SlaExclusionDto> {
    const record = await this.editableContract(scope, user, id);
    const existing = this.exclusion(record, exclusionId);
    if (!existing.approvedAt) {
      await this.repository.manager.getRepository(SlaExclusionEntity).update(
        { id: exclusionId },
        { approvedBy: user.id, approvedByName: user.displayName, approvedAt: new Date() },
      );
    }
    return this.exclusionDto(record.id, exclusionId);
  }

  private async visibleContract(scope: ProviderScope, id: string): Promise<ContractRecord> {
    const record = await this.repository.findContract(id);
    if (!record || !scope.includes(record.providerId)) throw new NotFoundException('Contract not found');
    return record;
  }

  private async editableContract(scope: ProviderScope, user: AuthenticatedUser, id: string): Promise<ContractRecord> {
    const record = await this.visibleContract(scope, id);
    if (!canEditContracts(user, scope, record.providerId)) throw new NotFoundException('Contract not found');
    return record;
  }

  private async provider(scope: ProviderScope, providerId: string): Promise<ProviderInfo> {
    const [provider] = await this.repository.providers(scope, [providerId]);
    if (!provider) throw new NotFoundException('Provider not found');
    return provider;
  }

  private versionIndex(record: ContractRecord, versionId: string): number {
    const index = record.versions.findIndex((version) => version.id === versionId);
    if (index < 0) throw new NotFoundException('Contract version not found');
    return index;
  }

  private exclusion(record: ContractRecord, exclusionId: string) {
    const found = record.exclusions.find((exclusion) => exclusion.id === exclusionId);
    if (!found) throw new NotFoundException('Exclusion not found');
    return found;
  }

  private async exclusionDto(contractId: string, exclusionId: string): Promise<SlaExclusionDto> {
    const record = await this.repository.findContract(contractId);
    return toExclusionDto(this.exclusion(record as ContractRecord, exclusionId));
  }

  private async touch(contractId: string): Promise<void> {
    await this.repository.manager.getRepository(SlaContractEntity).update({ id: contractId }, { updatedAt: new Date() });
  }

  private async toDto(scope: ProviderScope, user: AuthenticatedUser, record: ContractRecord): Promise<SlaContractDto> {
    const [provider] = await this.repository.providers(scope, [record.providerId]);
    return toContractDto(record, provider ?? null, canEditContracts(user, scope, record.providerId));
  }

  private assertExclusion(
    record: ContractRecord,
    provider: ProviderInfo,
    exclusion: { from: string; to: string; siteIds?: string[] | null; serviceLevelIds?: string[] | null },
  ): void {
    const issues: ValidationIssue[] = [];
    if (compareIsoDates(exclusion.from, exclusion.to) > 0) {
      issues.push({ field: 'to', code: 'before_start', message: 'to is before from' });
    }
    (exclusion.siteIds ?? []).forEach((siteId, index) => {
      if (!provider.sites.some((site) => site.id === siteId)) {
        issues.push({ field: `siteIds[${index}]`, code: 'unknown_site', message: `${siteId} is not a site of ${provider.name}` });
      }
    });
    const known = new Set(record.versions.flatMap((version) => version.serviceLevels.map((level) => level.serviceLevelId)));
    (exclusion.serviceLevelIds ?? []).forEach((serviceLevelId, index) => {
      if (!known.has(serviceLevelId)) {
        issues.push({
          field: `serviceLevelIds[${index}]`,
          code: 'unknown_service_level',
          message: `${serviceLevelId} is not a service level of this contract`,
        });
      }
    });
    if (issues.length > 0) fail(issues);
  }

  /** Reloads the contract inside the transaction and checks it; throws (rolling back) when it is invalid. */
  private async assertValid(
    manager: EntityManager,
    contractId: string,
    provider: ProviderInfo,
    definitions: ReadonlyMap<string, KpiDefinition>,
    changedVersionField: string,
  ): Promise<void> {
    const record = await this.repository.findContract(contractId, manager);
    if (!record) throw new NotFoundException('Contract not found');
    const issues = contractIssues(record, provider, definitions, changedVersionField);
    if (issues.length > 0) fail(issues);
  }

  /** Checks a change before writing it (so bad input is a 400 naming the field, never a database error). */
  private precheck(
    record: ContractRecord,
    provider: ProviderInfo,
    definitions: ReadonlyMap<string, KpiDefinition>,
    versionIndex: number,
    change: (version: VersionRecord) => VersionRecord,
  ): void {
    const next: ContractRecord = {
      ...record,
      versions: record.versions.map((version, index) => (index === versionIndex ? change(version) : version)),
    };
    const issues = contractIssues(next, provider, definitions, `versions[${versionIndex}]`);
    if (issues.length > 0) fail(issues);
  }
}

/**
 * Every problem of a contract: its version history, each version's terms and service levels (kpi-domain
 * validators), and scopes outside the provider's sites and service lines. Issues of the changed version
 * keep bare field names (a form shows them next to its fields); others are prefixed `versions[i].`.
 */
function contractIssues(
  record: ContractRecord,
  provider: ProviderInfo,
  definitions: ReadonlyMap<string, KpiDefinition>,
  changedVersionField: string,
): ValidationIssue[] {
  const { versions } = toDomainContract(record);
  const issues: ValidationIssue[] = [...validateSlaContractVersions(versions)];
  versions.forEach((version, index) => {
    const prefix = `versions[${index}]`;
    const own = validateSlaContractVersion(version, (code) => definitions.get(code));
    const scopeIssues = record.versions[index].serviceLevels.flatMap((level, levelIndex): ValidationIssue[] => {
      const at = `serviceLevels[${levelIndex}]`;
      const found: ValidationIssue[] = [];
      if (level.siteId && !provider.sites.some((site) => site.id === level.siteId)) {
        found.push({ field: `${at}.siteId`, code: 'unknown_site', message: `The site is not one of ${provider.name}'s sites` });
      }
      if (level.serviceLineCode && !provider.serviceLines.includes(level.serviceLineCode)) {
        found.push({
          field: `${at}.serviceLine`,
          code: 'unknown_service_line',
          message: `${provider.name} does not deliver ${level.serviceLineCode}`,
        });
      }
      return found;
    });
    const all = [...own, ...scopeIssues];
    issues.push(...(prefix === changedVersionField ? all : all.map((issue) => ({ ...issue, field: `${prefix}.${issue.field}` }))));
  });
  return issues;
}

function termsColumns(terms: ContractTermsDto): Partial<SlaContractVersionEntity> {
  return {
    currency: terms.currency,
    monthlyFee: terms.monthlyFee,
    atRiskPct: terms.atRiskPct,
    effectiveFrom: terms.effectiveFrom,
    effectiveTo: terms.effectiveTo ?? null,
    notes: terms.notes?.trim() ?? '',
  };
}

function levelColumns(dto: ServiceLevelDto, versionId: string, serviceLevelId: string, position: number): Partial<SlaServiceLevelEntity> {
  const number = (level: ServiceLevelDto['target']) => (typeof level === 'number' ? level : null);
  const low = (level: ServiceLevelDto['target']) => (typeof level === 'number' ? null : level.low);
  const high = (level: ServiceLevelDto['target']) => (typeof level === 'number' ? null : level.high);
  return {
    contractVersionId: versionId,
    serviceLevelId,
    name: dto.name.trim(),
    kpiCode: dto.kpiCode,
    siteId: dto.siteId ?? null,
    serviceLineCode: dto.serviceLine ?? null,
    queue: dto.queue?.trim() || null,
    target: number(dto.target),
    targetLow: low(dto.target),
    targetHigh: high(dto.target),
    minimum: number(dto.minimum),
    minimumLow: low(dto.minimum),
    minimumHigh: high(dto.minimum),
    measurementPeriod: dto.measurementPeriod,
    kind: dto.kind,
    poolAllocationPct: dto.poolAllocationPct,
    earnBackPeriods: dto.earnBackPeriods ?? null,
    meansOfMeasurement: dto.meansOfMeasurement?.trim() ?? '',
    position,
  };
}

function normaliseIds(ids: readonly string[] | null | undefined): string[] | null {
  if (ids === undefined || ids === null || ids.length === 0) return null;
  return [...new Set(ids)].sort();
}


/** The contract a create request describes, in memory, to validate before anything is written. */
function draftContract(dto: CreateSlaContractDto, provider: ProviderInfo): ContractRecord {
  const now = new Date();
  return {
    id: 'new-contract',
    providerId: provider.id,
    providerName: provider.name,
    name: dto.name,
    reference: dto.reference ?? null,
    createdBy: null,
    createdAt: now,
    updatedAt: now,
    exclusions: [],
    versions: [
      {
        id: 'new-version',
        contractId: 'new-contract',
        version: 1,
        currency: dto.terms.currency,
        monthlyFee: dto.terms.monthlyFee,
        atRiskPct: dto.terms.atRiskPct,
        effectiveFrom: dto.terms.effectiveFrom,
        effectiveTo: dto.terms.effectiveTo ?? null,
        notes: '',
        createdBy: null,
        createdAt: now,
        updatedAt: now,
        serviceLevels: (dto.serviceLevels ?? []).map(
          (level, index) => ({ ...levelColumns(level, 'new-version', `new-level-${index}`, index), id: `row-${index}` }) as SlaServiceLevelEntity,
        ),
      },
    ],
  };
}
