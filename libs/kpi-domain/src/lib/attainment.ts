import {
  DateRange,
  IsoDate,
  compareIsoDates,
  intersectDateRanges,
  maxIsoDate,
  minIsoDate,
} from './calendar-date';
import { KpiDefinition, KpiDirection } from './kpi-definition';
import { KpiObservation, SliceFilter } from './kpi-observation';
import { bucketOf, enumerateBuckets } from './period-bucket';
import { RollupExclusion, StockMissingSliceRule, rollupKpi } from './rollup';
import {
  ServiceLevelKind,
  ServiceLevelScope,
  ServiceLevelTerms,
  SlaContractVersion,
  SlaExclusion,
  SlaLevel,
  isBandLevel,
  measurementPeriodGranularity,
  termsForPeriod,
} from './sla-contract';
import { ATTAINMENT_EPSILON } from './attainment.constants';

/**
 * - met: target reached (inside the target band)
 * - at_risk: target missed but the minimum (breach) level kept
 * - breached: worse than the minimum level (outside the minimum band)
 * - no_data: nothing to compute the value from (no observations, or a zero denominator)
 */
export type AttainmentStatus = 'met' | 'at_risk' | 'breached' | 'no_data';

export interface AttainmentClassification {
  readonly status: AttainmentStatus;
  /** Signed distance to the target, positive = better than the target; null without a value. */
  readonly margin: number | null;
  /** Signed distance to the minimum level, positive = not breached; null without a value. */
  readonly marginToMinimum: number | null;
}

export interface AppliedExclusion {
  readonly exclusionId: string;
  readonly reason: string;
  readonly approvedBy: string;
  /** The excluded dates inside the period. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** null = every site. */
  readonly siteIds: readonly string[] | null;
}

export interface IgnoredExclusion {
  readonly exclusionId: string;
  readonly why: string;
}

export interface AttainmentResult {
  readonly serviceLevelId: string;
  readonly serviceLevelName: string;
  readonly kpiCode: string;
  readonly kind: ServiceLevelKind;
  /** The contract version whose terms judged the period (null when evaluated without one). */
  readonly contractVersionId: string | null;
  readonly period: DateRange;
  /** `2024-03`, `2024-W10`... when the period is one measurement period, else `from..to`. */
  readonly periodLabel: string;
  /** False while the period is still open (its last day is not before `today`). */
  readonly final: boolean;
  readonly status: AttainmentStatus;
  readonly value: number | null;
  readonly target: SlaLevel;
  readonly minimum: SlaLevel;
  readonly margin: number | null;
  readonly marginToMinimum: number | null;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly observationCount: number;
  readonly excludedObservationCount: number;
  readonly exclusionsApplied: readonly AppliedExclusion[];
  readonly exclusionsIgnored: readonly IgnoredExclusion[];
  /** The terms the period was judged by. */
  readonly serviceLevel: ServiceLevelTerms;
}

/**
 * Signed, direction-aware distance from `value` to `level`; positive means better than the level.
 * higher_is_better: value - level; lower_is_better: level - value;
 * target_band: distance to the nearest band edge, positive inside the band, negative outside.
 */
export function computeMargin(direction: KpiDirection, value: number, level: SlaLevel): number {
  if (direction === 'target_band') {
    if (!isBandLevel(level)) throw new RangeError('A target-band KPI needs a band level');
    return Math.min(value - level.low, level.high - value);
  }
  if (isBandLevel(level)) throw new RangeError(`A ${direction} KPI needs a numeric level, not a band`);
  return direction === 'higher_is_better' ? value - level : level - value;
}

/**
 * Judges a value against a target and a minimum level. Reaching a level exactly counts as reaching it
 * (80.0 % meets an 80 % target; exactly at the minimum is at_risk, not breached).
 */
export function classifyAttainment(
  definition: Pick<KpiDefinition, 'direction'>,
  value: number | null,
  levels: { readonly target: SlaLevel; readonly minimum: SlaLevel },
): AttainmentClassification {
  if (value === null || !Number.isFinite(value))
    return { status: 'no_data', margin: null, marginToMinimum: null };
  const margin = computeMargin(definition.direction, value, levels.target);
  const marginToMinimum = computeMargin(definition.direction, value, levels.minimum);
  const status: AttainmentStatus =
    margin >= -ATTAINMENT_EPSILON ? 'met' : marginToMinimum >= -ATTAINMENT_EPSILON ? 'at_risk' : 'breached';
  return { status, margin, marginToMinimum };
}

export interface EvaluateAttainmentInput {
  readonly serviceLevel: ServiceLevelTerms;
  readonly definition: KpiDefinition;
  readonly period: DateRange;
  /** May contain anything: only the service level's KPI, scope and period are used. */
  readonly observations: readonly KpiObservation[];
  /** Only approved exclusions that overlap the period and cover this service level are applied. */
  readonly exclusions?: readonly SlaExclusion[];
  /** When given, a period whose last day is not before `today` is not final. */
  readonly today?: IsoDate;
  readonly contractVersionId?: string | null;
  readonly stockMissingSlice?: StockMissingSliceRule;
}

function periodLabelOf(serviceLevel: ServiceLevelTerms, period: DateRange): string {
  const bucket = bucketOf(period.from, measurementPeriodGranularity(serviceLevel.measurementPeriod));
  return bucket.start === period.from && bucket.end === period.to
    ? bucket.label
    : `${period.from}..${period.to}`;
}

/**
 * Which exclusions apply to a service level over a period: those overlapping the period, covering the
 * service level and, for a service level measured at one site, covering that site.
 */
function sortExclusions(
  serviceLevel: Pick<ServiceLevelTerms, 'id' | 'scope'>,
  period: DateRange,
  exclusions: readonly SlaExclusion[],
): { applied: AppliedExclusion[]; ignored: IgnoredExclusion[] } {
  const applied: AppliedExclusion[] = [];
  const ignored: IgnoredExclusion[] = [];
  const site = serviceLevel.scope.siteId;
  for (const exclusion of exclusions) {
    if (exclusion.serviceLevelIds !== undefined && !exclusion.serviceLevelIds.includes(serviceLevel.id))
      continue;
    if (site !== undefined && exclusion.siteIds !== undefined && !exclusion.siteIds.includes(site)) continue;
    if (compareIsoDates(exclusion.from, exclusion.to) > 0) {
      ignored.push({ exclusionId: exclusion.id, why: `invalid range ${exclusion.from}..${exclusion.to}` });
      continue;
    }
    const overlap = intersectDateRanges(exclusion, period);
    if (!overlap) continue;
    if (exclusion.approvedBy === null || exclusion.approvedBy.trim() === '') {
      ignored.push({ exclusionId: exclusion.id, why: 'not approved' });
      continue;
    }
    applied.push({
      exclusionId: exclusion.id,
      reason: exclusion.reason,
      approvedBy: exclusion.approvedBy,
      from: overlap.from,
      to: overlap.to,
      siteIds: exclusion.siteIds ?? null,
    });
  }
  return { applied, ignored };
}

/** What to measure for one service level and period, and which exclusions apply (see `planAttainment`). */
export interface AttainmentPlan {
  /** The terms the period is judged by. */
  readonly serviceLevel: ServiceLevelTerms;
  readonly contractVersionId: string | null;
  readonly period: DateRange;
  /** The service level's scope as a slice filter (provider, and site / service line / queue when set). */
  readonly filter: SliceFilter;
  readonly exclusionsApplied: readonly AppliedExclusion[];
  readonly exclusionsIgnored: readonly IgnoredExclusion[];
  /** The applied exclusions, ready for `rollupKpi` (dates and sites removed before summing). */
  readonly rollupExclusions: readonly RollupExclusion[];
}

/** The components measured for a plan: the KPI recomputed over the plan's scope, period and exclusions. */
export interface MeasuredAttainmentComponents {
  readonly value: number | null;
  readonly numerator: number;
  readonly denominator: number | null;
  readonly observationCount: number;
  readonly excludedObservationCount: number;
}

export function serviceLevelFilter(scope: ServiceLevelScope): SliceFilter {
  return {
    providerId: scope.providerId,
    ...(scope.siteId !== undefined ? { siteId: scope.siteId } : {}),
    ...(scope.serviceLine !== undefined ? { serviceLine: scope.serviceLine } : {}),
    ...(scope.queue !== undefined ? { queue: scope.queue } : {}),
  };
}

/**
 * Plans the measurement of one service level over one period: its scope as a filter and the exclusions
 * to remove (approved ones overlapping the period and covering this service level; unapproved ones are
 * listed as ignored). Measuring can then happen anywhere (raw observations, precomputed rollups) before
 * `judgeAttainment` decides met / at risk / breached.
 */
export function planAttainment(input: {
  readonly serviceLevel: ServiceLevelTerms;
  readonly period: DateRange;
  readonly exclusions?: readonly SlaExclusion[];
  readonly contractVersionId?: string | null;
}): AttainmentPlan {
  const { serviceLevel, period } = input;
  if (compareIsoDates(period.from, period.to) > 0) {
    throw new RangeError(`Invalid period: ${period.from} is after ${period.to}`);
  }
  const { applied, ignored } = sortExclusions(serviceLevel, period, input.exclusions ?? []);
  return {
    serviceLevel,
    contractVersionId: input.contractVersionId ?? null,
    period: { from: period.from, to: period.to },
    filter: serviceLevelFilter(serviceLevel.scope),
    exclusionsApplied: applied,
    exclusionsIgnored: ignored,
    rollupExclusions: applied.map((exclusion) => ({
      from: exclusion.from,
      to: exclusion.to,
      ...(exclusion.siteIds ? { siteIds: exclusion.siteIds } : {}),
    })),
  };
}

/** Judges measured components against the plan's terms (see `classifyAttainment`). */
export function judgeAttainment(input: {
  readonly plan: AttainmentPlan;
  readonly definition: Pick<KpiDefinition, 'code' | 'direction'>;
  readonly measured: MeasuredAttainmentComponents;
  /** When given, a period whose last day is not before `today` is not final. */
  readonly today?: IsoDate;
}): AttainmentResult {
  const { plan, definition, measured } = input;
  const { serviceLevel, period } = plan;
  if (definition.code !== serviceLevel.kpiCode) {
    throw new RangeError(
      `Service level ${serviceLevel.id} measures ${serviceLevel.kpiCode}, not ${definition.code}`,
    );
  }
  const classification = classifyAttainment(definition, measured.value, serviceLevel);
  return {
    serviceLevelId: serviceLevel.id,
    serviceLevelName: serviceLevel.name,
    kpiCode: serviceLevel.kpiCode,
    kind: serviceLevel.kind,
    contractVersionId: plan.contractVersionId,
    period: { from: period.from, to: period.to },
    periodLabel: periodLabelOf(serviceLevel, period),
    final: input.today === undefined || compareIsoDates(period.to, input.today) < 0,
    ...classification,
    value: measured.value,
    target: serviceLevel.target,
    minimum: serviceLevel.minimum,
    numerator: measured.numerator,
    denominator: measured.denominator,
    observationCount: measured.observationCount,
    excludedObservationCount: measured.excludedObservationCount,
    exclusionsApplied: plan.exclusionsApplied,
    exclusionsIgnored: plan.exclusionsIgnored,
    serviceLevel,
  };
}

/**
 * Attainment of one service level over one period: the KPI is recomputed from the components of the
 * observations in the service level's scope (provider, and site / service line / queue when set), after
 * removing the observations of excluded dates (and sites), then judged against target and minimum.
 */
export function evaluateAttainment(input: EvaluateAttainmentInput): AttainmentResult {
  const { serviceLevel, definition, period } = input;
  if (definition.code !== serviceLevel.kpiCode) {
    throw new RangeError(
      `Service level ${serviceLevel.id} measures ${serviceLevel.kpiCode}, not ${definition.code}`,
    );
  }
  const plan = planAttainment({
    serviceLevel,
    period,
    exclusions: input.exclusions ?? [],
    contractVersionId: input.contractVersionId ?? null,
  });
  const rollup = rollupKpi(definition, input.observations, {
    granularity: 'range',
    from: period.from,
    to: period.to,
    filter: plan.filter,
    exclusions: plan.rollupExclusions,
    ...(input.stockMissingSlice ? { stockMissingSlice: input.stockMissingSlice } : {}),
  });
  const point = rollup.series[0].points[0];
  return judgeAttainment({
    plan,
    definition,
    measured: {
      value: point.value,
      numerator: point.numerator,
      denominator: point.denominator,
      observationCount: point.observationCount,
      excludedObservationCount: rollup.excludedObservationCount,
    },
    ...(input.today !== undefined ? { today: input.today } : {}),
  });
}

export interface EvaluateServiceLevelsInput {
  /** Every version of one contract. */
  readonly versions: readonly SlaContractVersion[];
  /** Exclusions of this contract (others, by contractId, are ignored). */
  readonly exclusions?: readonly SlaExclusion[];
  readonly observations: readonly KpiObservation[];
  readonly resolveKpi: (code: string) => KpiDefinition | undefined;
  /** Every measurement period overlapping `from..to` is evaluated whole. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  readonly today?: IsoDate;
  /** Only these service levels; absent = all. */
  readonly serviceLevelIds?: readonly string[];
  readonly stockMissingSlice?: StockMissingSliceRule;
}

export interface PlanServiceLevelsInput {
  /** Every version of one contract. */
  readonly versions: readonly SlaContractVersion[];
  /** Exclusions of this contract (others, by contractId, are ignored). */
  readonly exclusions?: readonly SlaExclusion[];
  /** Every measurement period overlapping `from..to` is planned whole. */
  readonly from: IsoDate;
  readonly to: IsoDate;
  /** Only these service levels; absent = all. */
  readonly serviceLevelIds?: readonly string[];
}

/**
 * Plans every service level of a contract for every measurement period that overlaps `from..to`, each
 * period judged by the terms in force on its last day (see `termsForPeriod`). A period is skipped when the
 * version that judges it does not contain the service level with the same measurement period.
 * Plans are ordered by service level id, then period start.
 */
export function planServiceLevelEvaluations(input: PlanServiceLevelsInput): AttainmentPlan[] {
  if (compareIsoDates(input.from, input.to) > 0) {
    throw new RangeError(`Invalid range: ${input.from} is after ${input.to}`);
  }
  const plans = new Map<string, AttainmentPlan>();
  for (const version of input.versions) {
    const versionFrom = maxIsoDate(version.effectiveFrom, input.from);
    const versionTo = version.effectiveTo === null ? input.to : minIsoDate(version.effectiveTo, input.to);
    if (compareIsoDates(versionFrom, versionTo) > 0) continue;
    const exclusions = (input.exclusions ?? []).filter(
      (exclusion) => exclusion.contractId === version.contractId,
    );
    for (const serviceLevel of version.serviceLevels) {
      if (input.serviceLevelIds && !input.serviceLevelIds.includes(serviceLevel.id)) continue;
      const granularity = measurementPeriodGranularity(serviceLevel.measurementPeriod);
      for (const bucket of enumerateBuckets(versionFrom, versionTo, granularity)) {
        const period = { from: bucket.start, to: bucket.end };
        if (termsForPeriod(input.versions, period)?.id !== version.id) continue;
        const key = JSON.stringify([serviceLevel.id, period.from, period.to]);
        if (plans.has(key)) continue;
        plans.set(key, planAttainment({ serviceLevel, period, exclusions, contractVersionId: version.id }));
      }
    }
  }
  return [...plans.values()].sort(
    (a, b) =>
      (a.serviceLevel.id < b.serviceLevel.id ? -1 : a.serviceLevel.id > b.serviceLevel.id ? 1 : 0) ||
      compareIsoDates(a.period.from, b.period.from),
  );
}

/**
 * Evaluates every service level of a contract for every measurement period that overlaps `from..to`,
 * each period judged by the terms in force on its last day (see `planServiceLevelEvaluations`), measured
 * with `rollupKpi` over the observations. Results are ordered by service level id, then period start.
 * Throws for an unknown KPI code.
 */
export function evaluateServiceLevels(input: EvaluateServiceLevelsInput): AttainmentResult[] {
  const plans = planServiceLevelEvaluations(input);
  return plans.map((plan) => {
    const definition = input.resolveKpi(plan.serviceLevel.kpiCode);
    if (!definition) {
      throw new RangeError(`Unknown KPI "${plan.serviceLevel.kpiCode}" in service level ${plan.serviceLevel.id}`);
    }
    const rollup = rollupKpi(definition, input.observations, {
      granularity: 'range',
      from: plan.period.from,
      to: plan.period.to,
      filter: plan.filter,
      exclusions: plan.rollupExclusions,
      ...(input.stockMissingSlice ? { stockMissingSlice: input.stockMissingSlice } : {}),
    });
    const point = rollup.series[0].points[0];
    return judgeAttainment({
      plan,
      definition,
      measured: {
        value: point.value,
        numerator: point.numerator,
        denominator: point.denominator,
        observationCount: point.observationCount,
        excludedObservationCount: rollup.excludedObservationCount,
      },
      ...(input.today !== undefined ? { today: input.today } : {}),
    });
  });
}
