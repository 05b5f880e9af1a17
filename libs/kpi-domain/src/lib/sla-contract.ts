import { DateRange, IsoDate, compareIsoDates, isIsoDate, minIsoDate } from './calendar-date';
import { KpiBand, KpiDefinition, ServiceLineCode } from './kpi-definition';
import { PeriodGranularity } from './period-bucket';
import { CURRENCY_CODE_PATTERN, MEASUREMENT_PERIODS, SERVICE_LEVEL_KINDS } from './sla-contract.constants';
import { ValidationIssue, isFiniteNumber } from './validation';

/** How long one measurement of a service level runs. Weeks are ISO weeks (Monday to Sunday). */
export type MeasurementPeriod = 'daily' | 'weekly' | 'monthly' | 'quarterly';

/** Critical service levels carry money (service credits); key measurements are reported only. */
export type ServiceLevelKind = 'critical' | 'key_measurement';

/** Which observations a service level is measured on. Absent keys mean "all". */
export interface ServiceLevelScope {
  readonly providerId: string;
  readonly siteId?: string;
  readonly serviceLine?: ServiceLineCode;
  readonly queue?: string;
}

/** A credit is waived when the target is met in each of the next `followingPeriods` measurement periods. */
export interface EarnBackRule {
  readonly followingPeriods: number;
}

/** A threshold: a number for higher/lower-is-better KPIs, a band for target-band KPIs (e.g. occupancy). */
export type SlaLevel = number | KpiBand;

/** One service level inside one contract version. `id` stays the same across versions. */
export interface ServiceLevelTerms {
  readonly id: string;
  readonly name: string;
  readonly scope: ServiceLevelScope;
  readonly kpiCode: string;
  /** Expected level; KPI scale (ratios 0..1 for percent KPIs). A band for target-band KPIs. */
  readonly target: SlaLevel;
  /** Minimum (breach) level; worse than this is a breach. A band containing the target band for band KPIs. */
  readonly minimum: SlaLevel;
  readonly measurementPeriod: MeasurementPeriod;
  readonly kind: ServiceLevelKind;
  /** Share of the at-risk pool, in percentage points (60 = 60 %). Shares may add up to more than 100. */
  readonly poolAllocationPct: number;
  readonly earnBack: EarnBackRule | null;
  /** Free text: the contract's means of measurement. */
  readonly meansOfMeasurement?: string;
}

/**
 * The terms of one contract version (a renegotiation creates a new version from its effective date).
 * Money percentages are percentage points (12 = 12 %), unlike KPI values, which are ratios.
 */
export interface SlaContractVersion {
  /** Unique id of this version. */
  readonly id: string;
  readonly contractId: string;
  readonly version: number;
  readonly providerId: string;
  /** ISO 4217, e.g. "MXN", "USD". */
  readonly currency: string;
  readonly monthlyFee: number;
  /** At-risk amount as percentage points of the monthly fee (e.g. 12). */
  readonly atRiskPct: number;
  /** Inclusive. */
  readonly effectiveFrom: IsoDate;
  /** Inclusive; null = open-ended. */
  readonly effectiveTo: IsoDate | null;
  readonly serviceLevels: readonly ServiceLevelTerms[];
}

/**
 * Days (optionally only some sites / service levels) carved out of the measurement, e.g. a client-side
 * outage or a hurricane. Only approved exclusions (approvedBy set) are applied.
 */
export interface SlaExclusion {
  readonly id: string;
  readonly contractId: string;
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly reason: string;
  /** Who approved it; null = requested but not approved (not applied). */
  readonly approvedBy: string | null;
  /** Limit to these service levels; absent = every service level of the contract. */
  readonly serviceLevelIds?: readonly string[];
  /** Limit to these sites; absent = every site. */
  readonly siteIds?: readonly string[];
}

export function measurementPeriodGranularity(period: MeasurementPeriod): PeriodGranularity {
  switch (period) {
    case 'daily':
      return 'day';
    case 'weekly':
      return 'week';
    case 'monthly':
      return 'month';
    case 'quarterly':
      return 'quarter';
  }
}

export function isBandLevel(level: SlaLevel): level is KpiBand {
  return typeof level === 'object' && level !== null;
}

export function isVersionInForce(version: SlaContractVersion, date: IsoDate): boolean {
  return (
    compareIsoDates(version.effectiveFrom, date) <= 0 &&
    (version.effectiveTo === null || compareIsoDates(date, version.effectiveTo) <= 0)
  );
}

/**
 * The terms that judge a period, by this rule: **the terms in force on the period's last day**. If no
 * version is in force that day (the contract ended inside the period), the version in force on the
 * latest day of the period that has one. A renegotiated target therefore applies to every period that
 * ends on or after its effective date, and never to a period that ended before it.
 * When versions overlap, the one with the later `effectiveFrom` wins, then the higher `version`.
 */
export function termsForPeriod(
  versions: readonly SlaContractVersion[],
  period: DateRange,
): SlaContractVersion | undefined {
  let best: { version: SlaContractVersion; lastDay: IsoDate } | undefined;
  for (const version of versions) {
    if (compareIsoDates(version.effectiveFrom, period.to) > 0) continue;
    if (version.effectiveTo !== null && compareIsoDates(version.effectiveTo, period.from) < 0) continue;
    const lastDay = version.effectiveTo === null ? period.to : minIsoDate(version.effectiveTo, period.to);
    const better =
      best === undefined ||
      compareIsoDates(lastDay, best.lastDay) > 0 ||
      (lastDay === best.lastDay &&
        (compareIsoDates(version.effectiveFrom, best.version.effectiveFrom) > 0 ||
          (version.effectiveFrom === best.version.effectiveFrom && version.version > best.version.version)));
    if (better) best = { version, lastDay };
  }
  return best?.version;
}

/** The contract version effective on `date` (later `effectiveFrom`, then higher `version`, wins overlaps). */
export function termsInForce(
  versions: readonly SlaContractVersion[],
  date: IsoDate,
): SlaContractVersion | undefined {
  const version = termsForPeriod(versions, { from: date, to: date });
  return version && isVersionInForce(version, date) ? version : undefined;
}

export function findServiceLevel(
  version: SlaContractVersion,
  serviceLevelId: string,
): ServiceLevelTerms | undefined {
  return version.serviceLevels.find((level) => level.id === serviceLevelId);
}

/** Monthly fee x at-risk percentage: the most a month's service credits can reach. */
export function computeAtRiskAmount(version: Pick<SlaContractVersion, 'monthlyFee' | 'atRiskPct'>): number {
  return (version.monthlyFee * version.atRiskPct) / 100;
}

function validateLevelPair(
  level: ServiceLevelTerms,
  field: string,
  kpi: KpiDefinition | undefined,
  issues: ValidationIssue[],
): void {
  const { target, minimum } = level;
  if (isBandLevel(target) !== isBandLevel(minimum)) {
    issues.push({
      field,
      code: 'mixed_levels',
      message: 'Target and minimum must both be numbers or both be bands',
    });
    return;
  }
  if (isBandLevel(target) && isBandLevel(minimum)) {
    const bandsValid = [target.low, target.high, minimum.low, minimum.high].every(isFiniteNumber);
    if (!bandsValid || target.low >= target.high || minimum.low >= minimum.high) {
      issues.push({ field, code: 'invalid_band', message: 'Each band needs numeric low < high' });
    } else if (minimum.low > target.low || minimum.high < target.high) {
      issues.push({
        field,
        code: 'inconsistent_levels',
        message: 'The minimum band must contain the target band',
      });
    }
    if (kpi && kpi.direction !== 'target_band') {
      issues.push({ field, code: 'band_not_allowed', message: `${kpi.code} is not a band KPI: use numbers` });
    }
    return;
  }
  if (!isFiniteNumber(target) || !isFiniteNumber(minimum)) {
    issues.push({ field, code: 'not_a_number', message: 'Target and minimum must be numbers' });
    return;
  }
  if (!kpi) return;
  if (kpi.direction === 'target_band') {
    issues.push({
      field,
      code: 'band_required',
      message: `${kpi.code} is a band KPI: give target and minimum bands`,
    });
  } else if (kpi.direction === 'higher_is_better' && minimum > target) {
    issues.push({
      field,
      code: 'inconsistent_levels',
      message: 'Higher is better: the minimum cannot exceed the target',
    });
  } else if (kpi.direction === 'lower_is_better' && minimum < target) {
    issues.push({
      field,
      code: 'inconsistent_levels',
      message: 'Lower is better: the minimum cannot be below the target',
    });
  }
  if (kpi.unit === 'percent' && [target, minimum].some((value) => value < 0 || value > 1)) {
    issues.push({
      field,
      code: 'out_of_range',
      message: 'Percent levels are ratios from 0 to 1 (80 % is 0.8)',
    });
  }
}

function validateServiceLevel(
  version: SlaContractVersion,
  level: ServiceLevelTerms,
  index: number,
  resolveKpi: ((code: string) => KpiDefinition | undefined) | undefined,
  issues: ValidationIssue[],
): void {
  const at = `serviceLevels[${index}]`;
  if (!level.id)
    issues.push({ field: `${at}.id`, code: 'required', message: 'The service level needs an id' });
  else if (version.serviceLevels.findIndex((other) => other.id === level.id) !== index) {
    issues.push({
      field: `${at}.id`,
      code: 'duplicate',
      message: `Service level id "${level.id}" is used twice`,
    });
  }
  if (!level.name?.trim())
    issues.push({ field: `${at}.name`, code: 'required', message: 'The service level needs a name' });
  if (level.scope.providerId !== version.providerId) {
    issues.push({
      field: `${at}.scope.providerId`,
      code: 'wrong_provider',
      message: 'The scope must be the contract provider',
    });
  }
  if (!MEASUREMENT_PERIODS.includes(level.measurementPeriod)) {
    issues.push({
      field: `${at}.measurementPeriod`,
      code: 'invalid',
      message: `Unknown period "${level.measurementPeriod}"`,
    });
  }
  if (!SERVICE_LEVEL_KINDS.includes(level.kind)) {
    issues.push({ field: `${at}.kind`, code: 'invalid', message: `Unknown kind "${level.kind}"` });
  }
  if (
    !isFiniteNumber(level.poolAllocationPct) ||
    level.poolAllocationPct < 0 ||
    level.poolAllocationPct > 100
  ) {
    issues.push({
      field: `${at}.poolAllocationPct`,
      code: 'out_of_range',
      message: 'A pool allocation is 0 to 100 %',
    });
  } else if (level.kind === 'critical' && level.poolAllocationPct === 0) {
    issues.push({
      field: `${at}.poolAllocationPct`,
      code: 'required',
      message: 'A critical service level needs a pool share',
    });
  }
  if (
    level.earnBack !== null &&
    (!Number.isInteger(level.earnBack.followingPeriods) || level.earnBack.followingPeriods < 1)
  ) {
    issues.push({
      field: `${at}.earnBack.followingPeriods`,
      code: 'out_of_range',
      message: 'Earn-back needs 1 or more periods',
    });
  }
  const kpi = resolveKpi?.(level.kpiCode);
  if (resolveKpi && !kpi) {
    issues.push({ field: `${at}.kpiCode`, code: 'unknown_kpi', message: `Unknown KPI "${level.kpiCode}"` });
  }
  validateLevelPair(level, at, kpi, issues);
}

/**
 * Checks one contract version: money terms, dates and every service level (ids unique, scope on the
 * contract's provider, pool share 0..100 and > 0 for critical levels, earn-back >= 1 period, target and
 * minimum consistent with the KPI direction and unit when `resolveKpi` is given).
 */
export function validateSlaContractVersion(
  version: SlaContractVersion,
  resolveKpi?: (code: string) => KpiDefinition | undefined,
): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  if (!CURRENCY_CODE_PATTERN.test(version.currency)) {
    issues.push({
      field: 'currency',
      code: 'invalid',
      message: 'Currency must be an ISO 4217 code like "MXN"',
    });
  }
  if (!isFiniteNumber(version.monthlyFee) || version.monthlyFee < 0) {
    issues.push({ field: 'monthlyFee', code: 'out_of_range', message: 'The monthly fee must be 0 or more' });
  }
  if (!isFiniteNumber(version.atRiskPct) || version.atRiskPct <= 0 || version.atRiskPct > 100) {
    issues.push({
      field: 'atRiskPct',
      code: 'out_of_range',
      message: 'The at-risk percentage must be above 0 and at most 100',
    });
  }
  if (!isIsoDate(version.effectiveFrom)) {
    issues.push({
      field: 'effectiveFrom',
      code: 'invalid_date',
      message: 'effectiveFrom must be a yyyy-mm-dd date',
    });
  }
  if (version.effectiveTo !== null && !isIsoDate(version.effectiveTo)) {
    issues.push({
      field: 'effectiveTo',
      code: 'invalid_date',
      message: 'effectiveTo must be a yyyy-mm-dd date or null',
    });
  } else if (
    version.effectiveTo !== null &&
    isIsoDate(version.effectiveFrom) &&
    compareIsoDates(version.effectiveFrom, version.effectiveTo) > 0
  ) {
    issues.push({
      field: 'effectiveTo',
      code: 'before_start',
      message: 'effectiveTo is before effectiveFrom',
    });
  }
  version.serviceLevels.forEach((level, index) =>
    validateServiceLevel(version, level, index, resolveKpi, issues),
  );
  return issues;
}

/** Checks a contract's version history: one contract, one provider, unique version numbers and start dates. */
export function validateSlaContractVersions(versions: readonly SlaContractVersion[]): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  versions.forEach((version, index) => {
    const first = versions[0];
    if (version.contractId !== first.contractId || version.providerId !== first.providerId) {
      issues.push({
        field: `versions[${index}]`,
        code: 'mixed_contracts',
        message: 'All versions must share contract and provider',
      });
    }
    if (versions.findIndex((other) => other.version === version.version) !== index) {
      issues.push({
        field: `versions[${index}].version`,
        code: 'duplicate',
        message: `Version ${version.version} appears twice`,
      });
    }
    if (versions.findIndex((other) => other.effectiveFrom === version.effectiveFrom) !== index) {
      issues.push({
        field: `versions[${index}].effectiveFrom`,
        code: 'duplicate',
        message: `Two versions start on ${version.effectiveFrom}: which one applies is ambiguous`,
      });
    }
  });
  return issues;
}
