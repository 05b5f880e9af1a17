import { BetterWhen } from '../drift.types';
import { DEFAULT_AT_RISK_MARGIN_RATIO, DEFAULT_FAST_BURN_RATE } from './sla-rules.constants';

export type SlaLevelStatus = 'met' | 'below_target' | 'at_risk' | 'breach' | 'no_data';

export interface SlaLevelInput {
  /** The measured KPI value for the measurement period (null: no data). */
  readonly value: number | null;
  /** Minimum (breach) level from the contract. */
  readonly minimum: number;
  /** Expected (target) level, if the contract has one. */
  readonly target?: number;
  readonly betterWhen: BetterWhen;
  /** "At risk" when within this distance of the minimum on the good side (KPI units). Default 2 % of |minimum|. */
  readonly atRiskMargin?: number;
}

export interface SlaLevelResult {
  readonly status: SlaLevelStatus;
  /** Distance to the minimum level, positive on the good side (KPI units); null without data. */
  readonly marginToMinimum: number | null;
  readonly reason: string;
}

/**
 * SLA level rule: 'breach' when worse than the minimum level, 'at_risk' when on the good side but
 * within atRiskMargin of it, 'below_target' when between the minimum (plus margin) and the target,
 * 'met' otherwise. Direction-aware (for lower-is-better KPIs "worse" means higher).
 */
export function evaluateSlaLevel(input: SlaLevelInput): SlaLevelResult {
  const { value, minimum, target, betterWhen } = input;
  if (value === null || !Number.isFinite(value) || !Number.isFinite(minimum)) {
    return { status: 'no_data', marginToMinimum: null, reason: 'No value for the period.' };
  }
  const sign = betterWhen === 'higher' ? 1 : -1;
  const margin = input.atRiskMargin ?? DEFAULT_AT_RISK_MARGIN_RATIO * Math.abs(minimum);
  const toMinimum = sign * (value - minimum);
  const shown = (x: number) => Number(x.toPrecision(4)).toString();
  if (toMinimum < 0)
    return {
      status: 'breach',
      marginToMinimum: toMinimum,
      reason: `${shown(value)} is worse than the minimum ${shown(minimum)}.`,
    };
  if (toMinimum <= margin) {
    return {
      status: 'at_risk',
      marginToMinimum: toMinimum,
      reason: `${shown(value)} is within ${shown(margin)} of the minimum ${shown(minimum)}.`,
    };
  }
  if (target !== undefined && Number.isFinite(target) && sign * (value - target) < 0) {
    return {
      status: 'below_target',
      marginToMinimum: toMinimum,
      reason: `${shown(value)} meets the minimum ${shown(minimum)} but misses the target ${shown(target)}.`,
    };
  }
  return {
    status: 'met',
    marginToMinimum: toMinimum,
    reason: `${shown(value)} meets ${target !== undefined ? `the target ${shown(target)}` : `the minimum ${shown(minimum)}`}.`,
  };
}

export interface ErrorBudgetInput {
  /** Target share of good events, e.g. 0.8 for an 80/20 service level (0 < target < 1). */
  readonly targetRatio: number;
  /** Days of the measurement period elapsed so far (> 0) and in total. */
  readonly daysElapsed: number;
  readonly daysTotal: number;
  /** Good events so far (e.g. contacts answered within 20 s) and all events so far. */
  readonly numerator: number;
  readonly denominator: number;
  /** Burn rate from which the burn counts as fast (default 2). */
  readonly fastBurnRate?: number;
}

export type ErrorBudgetStatus = 'ok' | 'burning' | 'fast_burn' | 'exhausted' | 'no_data';

export interface ErrorBudgetResult {
  readonly status: ErrorBudgetStatus;
  /** Observed bad share / allowed bad share (1 = the budget lasts exactly the period). */
  readonly burnRate: number | null;
  /** Share of the whole period's budget used so far (period volume extrapolated from the pace so far). */
  readonly budgetConsumed: number | null;
  /** 1-based day of the period on which the budget runs out at the current pace; null if it lasts the period. */
  readonly projectedLossDay: number | null;
  /** Good share so far. */
  readonly attainment: number | null;
  readonly reason: string;
}

/**
 * Error-budget burn of a ratio SLA (SRE practice applied to a calendar-period objective).
 * Allowed bad share = 1 - target; burn rate = (bad / all) / (1 - target). The period's volume is
 * extrapolated linearly (all / daysElapsed * daysTotal), so budget consumed = burnRate * daysElapsed /
 * daysTotal, and at the current pace the budget is gone on day daysTotal / burnRate ("the month is
 * lost on day N"). Status: exhausted (consumed >= 1), fast_burn (burn rate >= fastBurnRate),
 * burning (> 1: lost before the end), ok. For lower-is-better ratios (abandonment <= 5 %) pass the
 * good events (not abandoned) and target 0.95.
 */
export function computeErrorBudgetBurn(input: ErrorBudgetInput): ErrorBudgetResult {
  const { targetRatio, daysElapsed, daysTotal, numerator, denominator } = input;
  const fast = input.fastBurnRate ?? DEFAULT_FAST_BURN_RATE;
  const valid =
    Number.isFinite(targetRatio) &&
    targetRatio > 0 &&
    targetRatio <= 1 &&
    daysElapsed > 0 &&
    daysTotal >= daysElapsed &&
    denominator > 0 &&
    numerator >= 0 &&
    numerator <= denominator;
  if (!valid)
    return {
      status: 'no_data',
      burnRate: null,
      budgetConsumed: null,
      projectedLossDay: null,
      attainment: null,
      reason: 'No events yet in the period (or invalid input).',
    };
  const attainment = numerator / denominator;
  const allowed = 1 - targetRatio;
  const badShare = 1 - attainment;
  const burnRate = allowed > 0 ? badShare / allowed : badShare > 0 ? Number.POSITIVE_INFINITY : 0;
  const budgetConsumed = (burnRate * daysElapsed) / daysTotal;
  const lossDay = burnRate > 0 ? daysTotal / burnRate : Number.POSITIVE_INFINITY;
  const projectedLossDay = lossDay <= daysTotal ? Math.max(1, Math.ceil(lossDay)) : null;
  const status: ErrorBudgetStatus =
    budgetConsumed >= 1 ? 'exhausted' : burnRate >= fast ? 'fast_burn' : burnRate > 1 ? 'burning' : 'ok';
  const rate = Number.isFinite(burnRate) ? burnRate.toFixed(2) : 'infinite';
  const reason =
    status === 'ok'
      ? `Burn rate ${rate}: at this pace the budget lasts the period (${(budgetConsumed * 100).toFixed(0)}% used).`
      : status === 'exhausted'
        ? `Error budget exhausted (${(budgetConsumed * 100).toFixed(0)}% used, burn rate ${rate}); the period is lost unless volume grows.`
        : `Burn rate ${rate}: at this pace the period is lost on day ${projectedLossDay} of ${daysTotal}.`;
  return { status, burnRate, budgetConsumed, projectedLossDay, attainment, reason };
}
