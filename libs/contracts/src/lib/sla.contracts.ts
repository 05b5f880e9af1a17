import {
  AttainmentStatus,
  BurnRateStatus,
  CreditSettlement,
  EarnBackStatus,
  MeasurementPeriod,
  ScorecardComponentKey,
  ServiceLevelKind,
  ServiceLineCode,
} from '@kpi/domain';

/** A threshold: a number in the KPI's scale (ratios 0..1 for percents), or a band for band KPIs. */
export type SlaLevelDto = number | { low: number; high: number };

export interface ServiceLevelScopeDto {
  /** null = every site of the provider. */
  siteId: string | null;
  serviceLine: ServiceLineCode | null;
  queue: string | null;
}

export interface ServiceLevelDto {
  /** Row id of this service level in this version. */
  id: string;
  /** Stable id: the same service level keeps it across versions. */
  serviceLevelId: string;
  name: string;
  kpiCode: string;
  scope: ServiceLevelScopeDto;
  /** "Guadalajara · Voice" style description of the scope. */
  scopeLabel: string;
  target: SlaLevelDto;
  minimum: SlaLevelDto;
  measurementPeriod: MeasurementPeriod;
  kind: ServiceLevelKind;
  /** Percentage points of the at-risk pool (30 = 30 %). */
  poolAllocationPct: number;
  /** Earn-back: waived when the target is met in the following N periods; null = no earn-back. */
  earnBackPeriods: number | null;
  meansOfMeasurement: string;
  position: number;
}

export interface ContractVersionDto {
  id: string;
  contractId: string;
  version: number;
  currency: string;
  monthlyFee: number;
  /** Percentage points of the monthly fee (12 = 12 %). */
  atRiskPct: number;
  /** monthlyFee x atRiskPct: the most a month's credits can reach. */
  atRiskAmount: number;
  effectiveFrom: string;
  effectiveTo: string | null;
  notes: string;
  createdAt: string;
  serviceLevels: ServiceLevelDto[];
}

export interface SlaExclusionDto {
  id: string;
  contractId: string;
  from: string;
  to: string;
  reason: string;
  /** null = every site. */
  siteIds: string[] | null;
  /** Stable service level ids; null = every service level of the contract. */
  serviceLevelIds: string[] | null;
  requestedBy: string | null;
  requestedAt: string;
  status: 'pending' | 'approved';
  approvedBy: string | null;
  approvedAt: string | null;
}

export interface SlaContractSummaryDto {
  id: string;
  providerId: string;
  providerName: string;
  name: string;
  reference: string | null;
  /** The version in force today, else the latest one. */
  currentVersion: Omit<ContractVersionDto, 'serviceLevels'> | null;
  versionCount: number;
  serviceLevelCount: number;
  pendingExclusions: number;
}

export interface SlaContractDto {
  id: string;
  providerId: string;
  providerName: string;
  name: string;
  reference: string | null;
  createdAt: string;
  updatedAt: string;
  /** Oldest first. */
  versions: ContractVersionDto[];
  exclusions: SlaExclusionDto[];
  /** Whether the caller may change this contract (admins and account managers of the provider). */
  canEdit: boolean;
}

export interface ContractTermsRequest {
  currency: string;
  monthlyFee: number;
  atRiskPct: number;
  effectiveFrom: string;
  effectiveTo?: string | null;
  notes?: string;
}

export interface ServiceLevelRequest {
  name: string;
  kpiCode: string;
  siteId?: string | null;
  serviceLine?: ServiceLineCode | null;
  queue?: string | null;
  target: SlaLevelDto;
  minimum: SlaLevelDto;
  measurementPeriod: MeasurementPeriod;
  kind: ServiceLevelKind;
  poolAllocationPct: number;
  earnBackPeriods?: number | null;
  meansOfMeasurement?: string;
}

export interface CreateSlaContractRequest {
  providerId: string;
  name: string;
  reference?: string | null;
  terms: ContractTermsRequest;
  serviceLevels?: ServiceLevelRequest[];
}

export interface UpdateSlaContractRequest {
  name?: string;
  reference?: string | null;
}

/**
 * A renegotiation: a new version effective from a date. Terms not given are copied from the latest
 * version, with its service levels (same stable ids) unless `copyServiceLevels` is false. The latest
 * version then ends the day before.
 */
export interface CreateContractVersionRequest {
  effectiveFrom: string;
  effectiveTo?: string | null;
  currency?: string;
  monthlyFee?: number;
  atRiskPct?: number;
  notes?: string;
  copyServiceLevels?: boolean;
}

export type UpdateContractVersionRequest = Partial<ContractTermsRequest>;

export interface CreateSlaExclusionRequest {
  from: string;
  to: string;
  reason: string;
  siteIds?: string[] | null;
  serviceLevelIds?: string[] | null;
}

export type UpdateSlaExclusionRequest = Partial<CreateSlaExclusionRequest>;

export interface AppliedExclusionDto {
  exclusionId: string;
  reason: string;
  approvedBy: string;
  from: string;
  to: string;
  siteIds: string[] | null;
}

/** One service level over one measurement period, judged by the terms in force on the period's last day. */
export interface AttainmentResultDto {
  serviceLevelId: string;
  contractVersionId: string | null;
  version: number | null;
  period: { from: string; to: string };
  periodLabel: string;
  /** yyyy-mm of the period's last day. */
  month: string;
  /** False while the period is still open. */
  final: boolean;
  status: AttainmentStatus;
  value: number | null;
  target: SlaLevelDto;
  minimum: SlaLevelDto;
  /** Direction-aware distance to the target (positive = better); null without a value. */
  margin: number | null;
  marginToMinimum: number | null;
  numerator: number;
  denominator: number | null;
  observationCount: number;
  excludedObservationCount: number;
  exclusionsApplied: AppliedExclusionDto[];
  exclusionsIgnored: { exclusionId: string; why: string }[];
}

export interface ServiceLevelAttainmentDto {
  serviceLevelId: string;
  name: string;
  kpiCode: string;
  kind: ServiceLevelKind;
  measurementPeriod: MeasurementPeriod;
  scopeLabel: string;
  /** Ordered by period. */
  results: AttainmentResultDto[];
}

export interface ContractAttainmentDto {
  contractId: string;
  contractName: string;
  serviceLevels: ServiceLevelAttainmentDto[];
}

export interface ProviderAttainmentDto {
  providerId: string;
  /** Today for the api: periods ending before it are final. */
  asOf: string;
  /** yyyy-mm, inclusive. */
  from: string;
  to: string;
  months: string[];
  contracts: ContractAttainmentDto[];
}

export interface BurnRateDto {
  status: BurnRateStatus;
  burnRate: number | null;
  budgetConsumedFraction: number | null;
  errorBudget: number | null;
  budgetConsumed: number | null;
  budgetRemaining: number | null;
  projectedMissDay: number | null;
  projectedMissDate: string | null;
  explanation: string;
}

export interface ServiceLevelBurnDto {
  contractId: string;
  contractName: string;
  serviceLevelId: string;
  name: string;
  kpiCode: string;
  kind: ServiceLevelKind;
  measurementPeriod: MeasurementPeriod;
  scopeLabel: string;
  period: { from: string; to: string };
  periodLabel: string;
  /** Last day with data used (at most the day before `asOf`). */
  dataThrough: string | null;
  daysElapsed: number;
  periodDays: number;
  valueSoFar: number | null;
  target: SlaLevelDto;
  minimum: SlaLevelDto;
  /** Against the target ("the target is missed on day N") ... */
  targetBurn: BurnRateDto;
  /** ... and against the minimum ("breached on day N"). */
  minimumBurn: BurnRateDto;
  exclusionsApplied: AppliedExclusionDto[];
}

export interface ProviderBurnRateDto {
  providerId: string;
  asOf: string;
  items: ServiceLevelBurnDto[];
}

export interface EarnBackPeriodDto {
  from: string;
  to: string;
  label: string;
  status: AttainmentStatus | 'not_evaluated';
  final: boolean;
}

export interface ServiceCreditLineDto {
  serviceLevelId: string;
  serviceLevelName: string;
  kpiCode: string;
  breachedPeriods: { from: string; to: string; label: string; value: number | null; minimum: SlaLevelDto }[];
  description: string;
  currency: string;
  fee: number;
  atRiskPct: number;
  allocationPct: number;
  uncappedAmount: number;
  cappedAmount: number;
  payableAmount: number;
  earnBack: EarnBackStatus;
  settlement: CreditSettlement;
  earnBackPeriods: EarnBackPeriodDto[];
  explanation: string;
}

export interface MonthlyCreditsDto {
  month: string;
  contractVersionId: string | null;
  version: number | null;
  currency: string | null;
  monthlyFee: number;
  atRiskPct: number;
  atRiskAmount: number;
  lines: ServiceCreditLineDto[];
  totalUncapped: number;
  totalCapped: number;
  totalPayable: number;
  totalFinal: number;
  totalPending: number;
  totalWaived: number;
  capApplied: boolean;
  capFactor: number;
  provisional: boolean;
  status: 'no_contract' | 'no_credit' | 'pending' | 'final';
  chronicFailures: {
    serviceLevelId: string;
    serviceLevelName: string;
    kind: ServiceLevelKind;
    breachedMonths: string[];
    windowMonths: string[];
    chronic: boolean;
  }[];
  chronicFailure: boolean;
  /** The calculation spelled out, one line per step. */
  explanation: string;
}

export interface ContractCreditsDto {
  contractId: string;
  contractName: string;
  /** Oldest first. */
  months: MonthlyCreditsDto[];
}

export interface ProviderCreditsDto {
  providerId: string;
  asOf: string;
  from: string;
  to: string;
  contracts: ContractCreditsDto[];
}

export type ScorecardWeightsDto = Record<ScorecardComponentKey, number> & {
  updatedAt: string;
  updatedBy: string | null;
};

export type UpdateScorecardWeightsRequest = Partial<Record<ScorecardComponentKey, number>>;

export interface ScorecardComponentDto {
  key: ScorecardComponentKey;
  label: string;
  /** 0..100; null = no data (the others are re-weighted). */
  score: number | null;
  weight: number;
  effectiveWeight: number;
  contribution: number;
  /** Where the number comes from, in words. */
  detail: string;
}

export interface ProviderScorecardDto {
  providerId: string;
  providerCode: string;
  providerName: string;
  /** Months evaluated, yyyy-mm inclusive. */
  from: string;
  to: string;
  asOf: string;
  /** 0..100; null without any component. */
  score: number | null;
  components: ScorecardComponentDto[];
  missing: ScorecardComponentKey[];
  reweighted: boolean;
  notes: string[];
}

export interface ScorecardRankingDto {
  from: string;
  to: string;
  asOf: string;
  weights: ScorecardWeightsDto;
  providers: (ProviderScorecardDto & { rank: number; tieBrokenBy: 'sla_attainment' | 'provider_id' | null })[];
}

export interface SiteComparisonColumnDto {
  /** Site id, or the city name when comparing cities. */
  key: string;
  label: string;
  city: string;
}

export interface SiteComparisonDto {
  providerId: string;
  from: string;
  to: string;
  by: 'site' | 'city';
  columns: SiteComparisonColumnDto[];
  kpis: {
    kpiCode: string;
    name: string;
    overall: number | null;
    cells: {
      key: string;
      value: number | null;
      numerator: number;
      denominator: number | null;
      observationCount: number;
      /** 1 = best; equal values share a rank. */
      rank: number | null;
      /** Direction-aware difference to all columns together (positive = better). */
      vsOverall: number | null;
    }[];
  }[];
}
