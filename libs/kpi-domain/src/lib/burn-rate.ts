import {
  DateRange,
  IsoDate,
  addDays,
  compareIsoDates,
  countDaysInclusive,
  minIsoDate,
} from './calendar-date';
import { KpiDefinition } from './kpi-definition';
import { KpiComponents } from './kpi-value';
import { ATTAINMENT_EPSILON } from './attainment.constants';

/**
 * - not_applicable: no error budget can be defined (sum, stock, attrition, NPS, band KPIs, higher-is-better
 *   non-percent KPIs)
 * - no_data: nothing measured yet in the period (no day elapsed, or a zero denominator)
 * - on_track: at this pace the period ends on or better than the target
 * - burning: budget left, but at this pace it runs out before the period ends
 * - exhausted: the budget is already spent (only more volume than expected could still save the period)
 */
export type BurnRateStatus = 'not_applicable' | 'no_data' | 'on_track' | 'burning' | 'exhausted';

export interface BurnRateInput {
  readonly definition: Pick<KpiDefinition, 'code' | 'direction' | 'aggregation' | 'unit'>;
  /** The period's target, in KPI scale (0.8 for 80 %, 300 for a 300 s AHT). */
  readonly target: number;
  /** The open measurement period (e.g. the calendar month). */
  readonly period: DateRange;
  /** Last day included in `components` (e.g. yesterday). Clamped to the period. */
  readonly asOf: IsoDate;
  /** Components summed from the period start to `asOf`. */
  readonly components: KpiComponents;
  /**
   * Forecast of the whole period's denominator (offered contacts, handled contacts...). Without it the
   * volume so far is extrapolated linearly over the period's days.
   */
  readonly expectedDenominator?: number;
}

export interface BurnRateResult {
  readonly status: BurnRateStatus;
  readonly kpiCode: string;
  readonly target: number;
  readonly period: DateRange;
  readonly periodDays: number;
  readonly daysElapsed: number;
  /** KPI value so far (null without data). */
  readonly valueSoFar: number | null;
  /**
   * What consumes the budget so far: higher-is-better percent KPIs: denominator - numerator ("bad"
   * contacts); lower-is-better ratio KPIs: the numerator (abandons, handle seconds...).
   */
  readonly budgetConsumed: number | null;
  /** The whole period's expected denominator used to size the budget, and where it came from. */
  readonly expectedDenominator: number | null;
  readonly expectedDenominatorSource: 'forecast' | 'extrapolated' | null;
  /** higher-is-better: (1 - target) x expected; lower-is-better: target x expected. */
  readonly errorBudget: number | null;
  /** errorBudget - budgetConsumed (negative once spent). */
  readonly budgetRemaining: number | null;
  /** budgetConsumed / errorBudget. */
  readonly budgetConsumedFraction: number | null;
  /**
   * Observed bad rate / allowed bad rate (SRE burn rate): 1.0 spends the budget exactly by the period
   * end, 2.0 spends it in half the period. higher-is-better: ((den - num) / den) / (1 - target);
   * lower-is-better: (num / den) / target.
   */
  readonly burnRate: number | null;
  /** 1-based day of the period on which, at the pace so far, the budget is exceeded; null if never. */
  readonly projectedMissDay: number | null;
  readonly projectedMissDate: IsoDate | null;
  readonly explanation: string;
}

type BudgetModel = 'shortfall' | 'excess';

function budgetModelOf(definition: BurnRateInput['definition']): BudgetModel | null {
  if (definition.aggregation !== 'ratio_of_sums') return null;
  if (definition.direction === 'lower_is_better') return 'excess';
  if (definition.direction === 'higher_is_better' && definition.unit === 'percent') return 'shortfall';
  return null;
}

/** Rounds away binary noise so that 24.000000000001 and 23.999999999999 both count as 24. */
function snap(value: number): number {
  const rounded = Math.round(value);
  return Math.abs(value - rounded) < ATTAINMENT_EPSILON ? rounded : value;
}

/**
 * Error-budget view of an open period. For a monthly 80/20 service level the budget is the contacts that
 * may miss 20 s: (1 - 0.8) x expected offered. For lower-is-better ratios (abandonment, and averages kept
 * as sum + count such as AHT) the budget is target x expected denominator (e.g. 300 s x expected handled
 * contacts) and the numerator consumes it.
 *
 * The projection assumes the bad volume keeps arriving at the average daily pace so far:
 * missed on day N = floor(errorBudget / (consumed / daysElapsed)) + 1, reported when N <= periodDays
 * (spending the budget exactly on the last day still meets the target). Without a forecast this is
 * the first whole day after periodDays / burnRate.
 */
export function computeBurnRate(input: BurnRateInput): BurnRateResult {
  const { definition, target, period } = input;
  if (compareIsoDates(period.from, period.to) > 0) {
    throw new RangeError(`Invalid period: ${period.from} is after ${period.to}`);
  }
  const model = budgetModelOf(definition);
  if (model === 'shortfall' && !(target > 0 && target < 1)) {
    throw new RangeError(`A higher-is-better percent target must be between 0 and 1 (exclusive): ${target}`);
  }
  if (model === 'excess' && !(target > 0 && Number.isFinite(target))) {
    throw new RangeError(`A lower-is-better target must be above 0: ${target}`);
  }
  if (input.expectedDenominator !== undefined && !(input.expectedDenominator >= 0)) {
    throw new RangeError(`expectedDenominator must be 0 or more: ${input.expectedDenominator}`);
  }
  const periodDays = countDaysInclusive(period.from, period.to);
  const daysElapsed = countDaysInclusive(period.from, minIsoDate(input.asOf, period.to));
  const numerator = input.components.numerator;
  const denominator = input.components.denominator ?? 0;
  const hasData = daysElapsed > 0 && denominator > 0;
  const valueSoFar = hasData ? numerator / denominator : null;
  const base = {
    kpiCode: definition.code,
    target,
    period: { from: period.from, to: period.to },
    periodDays,
    daysElapsed,
    valueSoFar,
  };
  const empty = {
    budgetConsumed: null,
    expectedDenominator: null,
    expectedDenominatorSource: null,
    errorBudget: null,
    budgetRemaining: null,
    budgetConsumedFraction: null,
    burnRate: null,
    projectedMissDay: null,
    projectedMissDate: null,
  };
  if (model === null) {
    return {
      ...base,
      ...empty,
      status: 'not_applicable',
      explanation: `${definition.code}: no error budget for a ${definition.direction} ${definition.aggregation} KPI in ${definition.unit}`,
    };
  }
  const allowedRate = model === 'shortfall' ? 1 - target : target;
  if (!hasData) {
    const expected = input.expectedDenominator ?? null;
    const errorBudget = expected === null ? null : allowedRate * expected;
    return {
      ...base,
      ...empty,
      expectedDenominator: expected,
      expectedDenominatorSource: expected === null ? null : 'forecast',
      errorBudget,
      budgetRemaining: errorBudget,
      budgetConsumed: errorBudget === null ? null : 0,
      budgetConsumedFraction: errorBudget === null ? null : 0,
      status: 'no_data',
      explanation: `${definition.code}: no data yet in ${period.from}..${period.to}`,
    };
  }

  const consumed = model === 'shortfall' ? denominator - numerator : numerator;
  const expected = input.expectedDenominator ?? (denominator / daysElapsed) * periodDays;
  const source = input.expectedDenominator === undefined ? 'extrapolated' : 'forecast';
  const errorBudget = allowedRate * expected;
  const burnRate = consumed / denominator / allowedRate;
  const pace = consumed / daysElapsed;
  let projectedMissDay: number | null = null;
  if (pace > 0) {
    const day = Math.floor(snap(errorBudget / pace)) + 1;
    projectedMissDay = day <= periodDays ? day : null;
  }
  const budgetRemaining = errorBudget - consumed;
  const status: BurnRateStatus =
    budgetRemaining < -ATTAINMENT_EPSILON ? 'exhausted' : projectedMissDay !== null ? 'burning' : 'on_track';
  const projectedMissDate = projectedMissDay === null ? null : addDays(period.from, projectedMissDay - 1);
  const consumedWhat = model === 'shortfall' ? 'bad (denominator - numerator)' : 'numerator';
  return {
    ...base,
    status,
    budgetConsumed: consumed,
    expectedDenominator: expected,
    expectedDenominatorSource: source,
    errorBudget,
    budgetRemaining,
    budgetConsumedFraction: errorBudget > 0 ? consumed / errorBudget : null,
    burnRate,
    projectedMissDay,
    projectedMissDate,
    explanation:
      `${definition.code} after ${daysElapsed}/${periodDays} days: budget ${errorBudget.toFixed(2)} ` +
      `(${allowedRate.toFixed(4)} x ${expected.toFixed(2)} ${source}), ${consumedWhat} ${consumed.toFixed(2)}, ` +
      `burn rate ${burnRate.toFixed(2)}` +
      (projectedMissDate
        ? `; at this pace the target is missed on day ${projectedMissDay} (${projectedMissDate})`
        : '; on track'),
  };
}
