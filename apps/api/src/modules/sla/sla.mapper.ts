import type {
  ContractVersionDto,
  ServiceLevelDto,
  SlaContractDto,
  SlaContractSummaryDto,
  SlaExclusionDto,
  SlaLevelDto,
} from '@kpi/contracts';
import {
  IsoDate,
  SERVICE_LINES,
  ServiceLevelTerms,
  SlaContractVersion,
  SlaExclusion,
  SlaLevel,
  computeAtRiskAmount,
  roundMoney,
  termsInForce,
} from '@kpi/domain';
import { SlaServiceLevelEntity } from './entities/sla-service-level.entity';
import { ContractRecord, ExclusionRecord, ProviderInfo, VersionRecord } from './sla.repository';

export function levelOf(value: number | null, low: number | null, high: number | null): SlaLevel {
  return value !== null ? value : { low: low as number, high: high as number };
}

export function toServiceLevelTerms(providerId: string, entity: SlaServiceLevelEntity): ServiceLevelTerms {
  return {
    id: entity.serviceLevelId,
    name: entity.name,
    scope: {
      providerId,
      ...(entity.siteId ? { siteId: entity.siteId } : {}),
      ...(entity.serviceLineCode ? { serviceLine: entity.serviceLineCode } : {}),
      ...(entity.queue ? { queue: entity.queue } : {}),
    },
    kpiCode: entity.kpiCode,
    target: levelOf(entity.target, entity.targetLow, entity.targetHigh),
    minimum: levelOf(entity.minimum, entity.minimumLow, entity.minimumHigh),
    measurementPeriod: entity.measurementPeriod,
    kind: entity.kind,
    poolAllocationPct: entity.poolAllocationPct,
    earnBack: entity.earnBackPeriods === null ? null : { followingPeriods: entity.earnBackPeriods },
    meansOfMeasurement: entity.meansOfMeasurement,
  };
}

export function toDomainVersion(record: Pick<ContractRecord, 'id' | 'providerId'>, version: VersionRecord): SlaContractVersion {
  return {
    id: version.id,
    contractId: record.id,
    version: version.version,
    providerId: record.providerId,
    currency: version.currency,
    monthlyFee: version.monthlyFee,
    atRiskPct: version.atRiskPct,
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    serviceLevels: version.serviceLevels.map((level) => toServiceLevelTerms(record.providerId, level)),
  };
}

export function toDomainExclusion(exclusion: ExclusionRecord): SlaExclusion {
  return {
    id: exclusion.id,
    contractId: exclusion.contractId,
    from: exclusion.fromDate,
    to: exclusion.toDate,
    reason: exclusion.reason,
    approvedBy: exclusion.approvedAt ? exclusion.approvedByName : null,
    ...(exclusion.serviceLevelIds ? { serviceLevelIds: exclusion.serviceLevelIds } : {}),
    ...(exclusion.siteIds ? { siteIds: exclusion.siteIds } : {}),
  };
}

export function toDomainContract(record: ContractRecord): { versions: SlaContractVersion[]; exclusions: SlaExclusion[] } {
  return {
    versions: record.versions.map((version) => toDomainVersion(record, version)),
    exclusions: record.exclusions.map(toDomainExclusion),
  };
}

/** "Guadalajara · Voice · queue sales", or "All sites" for a provider-wide service level. */
export function scopeLabel(
  scope: { siteId?: string | null; serviceLine?: string | null; queue?: string | null },
  provider: Pick<ProviderInfo, 'sites'> | null,
): string {
  const site = scope.siteId ? provider?.sites.find((candidate) => candidate.id === scope.siteId) : undefined;
  const parts = [
    scope.siteId ? (site ? site.city : 'Unknown site') : 'All sites',
    ...(scope.serviceLine ? [SERVICE_LINES.find((line) => line.code === scope.serviceLine)?.name ?? scope.serviceLine] : []),
    ...(scope.queue ? [`queue ${scope.queue}`] : []),
  ];
  return parts.join(' · ');
}

function levelDto(level: SlaLevel): SlaLevelDto {
  return typeof level === 'number' ? level : { low: level.low, high: level.high };
}

export function toServiceLevelDto(entity: SlaServiceLevelEntity, provider: ProviderInfo | null): ServiceLevelDto {
  return {
    id: entity.id,
    serviceLevelId: entity.serviceLevelId,
    name: entity.name,
    kpiCode: entity.kpiCode,
    scope: { siteId: entity.siteId, serviceLine: entity.serviceLineCode, queue: entity.queue },
    scopeLabel: scopeLabel({ siteId: entity.siteId, serviceLine: entity.serviceLineCode, queue: entity.queue }, provider),
    target: levelDto(levelOf(entity.target, entity.targetLow, entity.targetHigh)),
    minimum: levelDto(levelOf(entity.minimum, entity.minimumLow, entity.minimumHigh)),
    measurementPeriod: entity.measurementPeriod,
    kind: entity.kind,
    poolAllocationPct: entity.poolAllocationPct,
    earnBackPeriods: entity.earnBackPeriods,
    meansOfMeasurement: entity.meansOfMeasurement,
    position: entity.position,
  };
}

export function toVersionDto(version: VersionRecord, provider: ProviderInfo | null): ContractVersionDto {
  return {
    id: version.id,
    contractId: version.contractId,
    version: version.version,
    currency: version.currency,
    monthlyFee: version.monthlyFee,
    atRiskPct: version.atRiskPct,
    atRiskAmount: roundMoney(computeAtRiskAmount(version)),
    effectiveFrom: version.effectiveFrom,
    effectiveTo: version.effectiveTo,
    notes: version.notes,
    createdAt: version.createdAt.toISOString(),
    serviceLevels: version.serviceLevels.map((level) => toServiceLevelDto(level, provider)),
  };
}

export function toExclusionDto(exclusion: ExclusionRecord): SlaExclusionDto {
  return {
    id: exclusion.id,
    contractId: exclusion.contractId,
    from: exclusion.fromDate,
    to: exclusion.toDate,
    reason: exclusion.reason,
    siteIds: exclusion.siteIds,
    serviceLevelIds: exclusion.serviceLevelIds,
    requestedBy: exclusion.requestedByName,
    requestedAt: exclusion.requestedAt.toISOString(),
    status: exclusion.approvedAt ? 'approved' : 'pending',
    approvedBy: exclusion.approvedByName,
    approvedAt: exclusion.approvedAt ? exclusion.approvedAt.toISOString() : null,
  };
}

export function toContractDto(record: ContractRecord, provider: ProviderInfo | null, canEdit: boolean): SlaContractDto {
  return {
    id: record.id,
    providerId: record.providerId,
    providerName: record.providerName,
    name: record.name,
    reference: record.reference,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
    versions: record.versions.map((version) => toVersionDto(version, provider)),
    exclusions: record.exclusions.map(toExclusionDto),
    canEdit,
  };
}

/** The version in force on `today`, else the latest one. */
export function currentVersion(record: ContractRecord, today: IsoDate): VersionRecord | null {
  const inForce = termsInForce(toDomainContract(record).versions, today);
  const byId = inForce ? record.versions.find((version) => version.id === inForce.id) : undefined;
  return byId ?? record.versions[record.versions.length - 1] ?? null;
}

export function toContractSummaryDto(record: ContractRecord, provider: ProviderInfo | null, today: IsoDate): SlaContractSummaryDto {
  const current = currentVersion(record, today);
  const currentDto = current ? toVersionDto(current, provider) : null;
  return {
    id: record.id,
    providerId: record.providerId,
    providerName: record.providerName,
    name: record.name,
    reference: record.reference,
    currentVersion: currentDto
      ? (({ serviceLevels: _levels, ...rest }) => rest)(currentDto)
      : null,
    versionCount: record.versions.length,
    serviceLevelCount: current?.serviceLevels.length ?? 0,
    pendingExclusions: record.exclusions.filter((exclusion) => !exclusion.approvedAt).length,
  };
}
