import {
  bucketEnd,
  bucketStart,
  computeKpiValue,
  countDaysInclusive,
  isBandLevel,
  KpiAggregation,
  measurementPeriodGranularity,
  PeriodGranularity,
  ServiceLevelTerms,
  SlaContractVersion,
  termsInForce,
} from '@kpi/domain';
import {
  BetterWhen,
  computeErrorBudgetBurn,
  DailyComponents,
  ErrorBudgetResult,
  evaluateSlaLevel,
  SlaLevelResult,
} from '@kpi/drift';
import { SeriesScope } from './series-model';

/** Period-to-date components per measurement period granularity (kept in the series row between runs). */
export type PeriodAccumulators = Partial<
  Record<PeriodGranularity, { start: string; numerator: number; denominator: number | null; days: number }>
>;

export type SlaFindingKind = 'breach' | 'at_risk' | 'fast_burn';

/** The worst SLA rule result of one day for one series. */
export interface SlaDayResult {
  readonly kind: SlaFindingKind;
  readonly serviceLevelId: string;
  readonly serviceLevelName: string;
  readonly periodStart: string;
  readonly periodEnd: string;
  readonly value: number | null;
  readonly minimum: number;
  readonly target: number | null;
  readonly burnRate: number | null;
  readonly projectedLossDay: number | null;
  readonly reason: string;
}

const SEVERITY: Record<SlaFindingKind, number> = { breach: 3, fast_burn: 2, at_risk: 1 };

/** Whether a service level's scope is exactly this series (provider level, or site x line x queue). */
export function scopeMatches(level: ServiceLevelTerms, scope: SeriesScope, kpiCode: string): boolean {
  if (level.kpiCode !== kpiCode || level.scope.providerId !== scope.providerId) return false;
  return (
    (level.scope.siteId ?? null) === scope.siteId &&
    (level.scope.serviceLine ?? null) === scope.serviceLine &&
    (level.scope.queue ?? null) === scope.queue
  );
}

/**
 * Adds one day to the period-to-date accumulators and evaluates the service levels in force that day
 * whose scope is this series: evaluateSlaLevel on the period-to-date value (breach of the minimum, at
 * risk within 2 % of it) and, for ratio KPIs with a numeric target, computeErrorBudgetBurn (fast burn:
 * at this pace the period's budget is gone before mid-period). Returns the most severe result, or null
 * when every level is met (or none applies). Band levels (target-band KPIs) are not judged here.
 */
export function evaluateSlaDay(
  versions: readonly SlaContractVersion[],
  scope: SeriesScope,
  kpi: { code: string; aggregation: KpiAggregation; betterWhen: BetterWhen; unit: string },
  day: DailyComponents,
  accumulators: PeriodAccumulators,
): SlaDayResult | null {
  const version = termsInForce(versions, day.date);
  const levels = (version?.serviceLevels ?? []).filter(
    (l) => scopeMatches(l, scope, kpi.code) && !isBandLevel(l.minimum) && !isBandLevel(l.target),
  );
  const granularities = new Set(levels.map((l) => measurementPeriodGranularity(l.measurementPeriod)));
  for (const g of granularities) {
    const start = bucketStart(day.date, g);
    const acc = accumulators[g];
    const next =
      acc && acc.start === start
        ? { ...acc }
        : { start, numerator: 0, denominator: null as number | null, days: 0 };
    next.numerator += day.numerator;
    if (day.denominator !== null) next.denominator = (next.denominator ?? 0) + day.denominator;
    next.days += 1;
    accumulators[g] = next;
  }
  let worst: SlaDayResult | null = null;
  for (const level of levels) {
    const g = measurementPeriodGranularity(level.measurementPeriod);
    const acc = accumulators[g];
    if (!acc) continue;
    const value = computeKpiValue(kpi.aggregation, {
      numerator: acc.numerator,
      denominator: acc.denominator,
    });
    const minimum = level.minimum as number;
    const target = level.target as number;
    const rule: SlaLevelResult = evaluateSlaLevel({ value, minimum, target, betterWhen: kpi.betterWhen });
    const periodEnd = bucketEnd(acc.start, g);
    let burn: ErrorBudgetResult | null = null;
    if (
      kpi.unit === 'percent' &&
      kpi.aggregation === 'ratio_of_sums' &&
      acc.denominator !== null &&
      acc.denominator > 0
    ) {
      const good = kpi.betterWhen === 'higher' ? acc.numerator : acc.denominator - acc.numerator;
      const targetRatio = kpi.betterWhen === 'higher' ? target : 1 - target;
      burn = computeErrorBudgetBurn({
        targetRatio,
        daysElapsed: countDaysInclusive(acc.start, day.date),
        daysTotal: countDaysInclusive(acc.start, periodEnd),
        numerator: Math.max(0, Math.min(good, acc.denominator)),
        denominator: acc.denominator,
      });
    }
    const kind: SlaFindingKind | null =
      rule.status === 'breach'
        ? 'breach'
        : burn && (burn.status === 'fast_burn' || burn.status === 'exhausted')
          ? 'fast_burn'
          : rule.status === 'at_risk'
            ? 'at_risk'
            : null;
    if (kind === null) continue;
    const result: SlaDayResult = {
      kind,
      serviceLevelId: level.id,
      serviceLevelName: level.name,
      periodStart: acc.start,
      periodEnd,
      value,
      minimum,
      target: Number.isFinite(target) ? target : null,
      burnRate: burn?.burnRate ?? null,
      projectedLossDay: burn?.projectedLossDay ?? null,
      reason: kind === 'fast_burn' && burn ? burn.reason : rule.reason,
    };
    if (!worst || SEVERITY[kind] > SEVERITY[worst.kind]) worst = result;
  }
  return worst;
}
