import { AttainmentStatus } from './attainment';
import {
  DEFAULT_DATA_FRESHNESS_RULE,
  DEFAULT_RESTATEMENT_PENALTY_POINTS,
  SCORECARD_COMPONENT_KEYS,
  SCORE_TIE_TOLERANCE,
} from './scorecard.constants';
import { ValidationIssue, ValidationResult, isFiniteNumber } from './validation';

/**
 * The parts of a provider score, each normalised to 0..100 before weighting:
 * - sla_attainment: share of service-level periods met
 * - qa_score: QA points earned / possible
 * - escalation_responsiveness: escalations answered within their agreed time / escalations
 * - data_timeliness: feeds delivered on time / expected, minus a penalty per restatement
 */
export type ScorecardComponentKey =
  'sla_attainment' | 'qa_score' | 'escalation_responsiveness' | 'data_timeliness';

/** Admin-set weights; any non-negative numbers (0.4 or 40), normalised to sum to 1. Absent = 0. */
export type ScorecardWeights = { readonly [K in ScorecardComponentKey]?: number };

/** Component scores 0..100; null or absent = no data for that component. */
export type ScorecardComponentScores = { readonly [K in ScorecardComponentKey]?: number | null };

export interface NormalisedScorecardWeights {
  readonly weights: { readonly [K in ScorecardComponentKey]: number };
  /** True when the given weights did not already sum to 1. */
  readonly normalised: boolean;
  readonly originalSum: number;
}

export interface ProviderScoreInput {
  readonly providerId: string;
  readonly components: ScorecardComponentScores;
  readonly weights: ScorecardWeights;
}

export interface ScorecardComponentResult {
  readonly key: ScorecardComponentKey;
  readonly score: number | null;
  /** The admin weight after normalisation to a sum of 1. */
  readonly weight: number;
  /** The weight actually used once missing components are dropped (0 when missing). */
  readonly effectiveWeight: number;
  /** effectiveWeight x score (0 when missing). */
  readonly contribution: number;
}

export interface ProviderScore {
  readonly providerId: string;
  /** 0..100; null when no weighted component has data. */
  readonly score: number | null;
  readonly components: readonly ScorecardComponentResult[];
  /** Components with a weight but no data. */
  readonly missing: readonly ScorecardComponentKey[];
  /** True when missing components forced the others to be re-weighted. */
  readonly reweighted: boolean;
  readonly weightsNormalised: boolean;
  /** Human-readable notes on normalisation and re-weighting. */
  readonly notes: readonly string[];
}

export interface RankedProvider {
  readonly rank: number;
  readonly providerId: string;
  readonly score: number | null;
  /** How a tie on score was broken; null when the score is not tied. */
  readonly tieBrokenBy: 'sla_attainment' | 'provider_id' | null;
}

function clampScore(value: number): number {
  return Math.min(100, Math.max(0, value));
}

function formatWeight(weight: number): string {
  return `${(weight * 100).toFixed(1)} %`;
}

/** Weights are relative; a bound keeps a stray 1e308 from being stored as one. */
export const MAX_SCORECARD_WEIGHT = 1000;

/**
 * Checks admin weights (every value a finite number from 0 to MAX_SCORECARD_WEIGHT, only known components, not all zero) and
 * normalises them to sum to 1. Reports every issue.
 */
export function validateScorecardWeights(
  weights: ScorecardWeights,
): ValidationResult<NormalisedScorecardWeights> {
  const issues: ValidationIssue[] = [];
  for (const key of Object.keys(weights)) {
    if (!(SCORECARD_COMPONENT_KEYS as readonly string[]).includes(key)) {
      issues.push({ field: key, code: 'unknown_component', message: `Unknown scorecard component "${key}"` });
    }
  }
  for (const key of SCORECARD_COMPONENT_KEYS) {
    const weight = weights[key];
    if (weight !== undefined && (!isFiniteNumber(weight) || weight < 0)) {
      issues.push({
        field: key,
        code: 'out_of_range',
        message: `The weight of ${key} must be a number >= 0`,
      });
    } else if (weight !== undefined && weight > MAX_SCORECARD_WEIGHT) {
      issues.push({ field: key, code: 'out_of_range', message: `The weight of ${key} must be at most ${MAX_SCORECARD_WEIGHT}` });
    }
  }
  const originalSum = SCORECARD_COMPONENT_KEYS.reduce((sum, key) => sum + (weights[key] ?? 0), 0);
  if (issues.length === 0 && !(originalSum > 0)) {
    issues.push({
      field: 'weights',
      code: 'all_zero',
      message: 'At least one component needs a weight above 0',
    });
  }
  if (issues.length > 0) return { ok: false, issues };
  const normalised = {
    sla_attainment: (weights.sla_attainment ?? 0) / originalSum,
    qa_score: (weights.qa_score ?? 0) / originalSum,
    escalation_responsiveness: (weights.escalation_responsiveness ?? 0) / originalSum,
    data_timeliness: (weights.data_timeliness ?? 0) / originalSum,
  };
  return {
    ok: true,
    value: { weights: normalised, normalised: Math.abs(originalSum - 1) > SCORE_TIE_TOLERANCE, originalSum },
    issues: [],
  };
}

/**
 * Weighted provider score 0..100. Weights are normalised to sum to 1; a component without data is
 * dropped and the remaining weights are scaled up proportionally (said in `notes`). Throws a
 * RangeError for invalid weights or a component score outside 0..100.
 */
export function computeProviderScore(input: ProviderScoreInput): ProviderScore {
  const validation = validateScorecardWeights(input.weights);
  if (!validation.ok) {
    throw new RangeError(
      `Invalid scorecard weights: ${validation.issues.map((issue) => issue.message).join('; ')}`,
    );
  }
  const { weights, normalised, originalSum } = validation.value;
  for (const key of SCORECARD_COMPONENT_KEYS) {
    const score = input.components[key];
    if (score !== undefined && score !== null && (!isFiniteNumber(score) || score < 0 || score > 100)) {
      throw new RangeError(`The ${key} score must be between 0 and 100: ${score}`);
    }
  }
  const scoreOf = (key: ScorecardComponentKey): number | null => input.components[key] ?? null;
  const weighted = SCORECARD_COMPONENT_KEYS.filter((key) => weights[key] > 0);
  const missing = weighted.filter((key) => scoreOf(key) === null);
  const present = weighted.filter((key) => scoreOf(key) !== null);
  const presentWeight = present.reduce((sum, key) => sum + weights[key], 0);

  const components = SCORECARD_COMPONENT_KEYS.map((key) => {
    const score = scoreOf(key);
    const effectiveWeight = score !== null && presentWeight > 0 ? weights[key] / presentWeight : 0;
    return {
      key,
      score,
      weight: weights[key],
      effectiveWeight,
      contribution: score === null ? 0 : effectiveWeight * score,
    };
  });
  const score =
    present.length > 0 ? components.reduce((sum, component) => sum + component.contribution, 0) : null;

  const notes: string[] = [];
  if (normalised) notes.push(`Weights summed to ${originalSum}; normalised to 1.`);
  if (missing.length > 0 && present.length > 0) {
    notes.push(
      `No data for ${missing.join(', ')} (${formatWeight(1 - presentWeight)} of the weight): re-weighted over ` +
        present
          .map(
            (key) => `${key} ${formatWeight(weights[key])} -> ${formatWeight(weights[key] / presentWeight)}`,
          )
          .join(', ') +
        '.',
    );
  }
  if (present.length === 0) notes.push('No weighted component has data: no score.');
  return {
    providerId: input.providerId,
    score,
    components,
    missing,
    reweighted: missing.length > 0 && present.length > 0,
    weightsNormalised: normalised,
    notes,
  };
}

function slaScoreOf(score: ProviderScore): number | null {
  return score.components.find((component) => component.key === 'sla_attainment')?.score ?? null;
}

function compareNullableDesc(a: number | null, b: number | null): number {
  if (a === null && b === null) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return Math.abs(a - b) <= SCORE_TIE_TOLERANCE ? 0 : b - a;
}

/**
 * Ranks providers best first: by score (no score last), ties broken by the SLA attainment component
 * (higher first), then by provider id (ascending) so the order never depends on the input order.
 * Ranks are unique (1, 2, 3...); `tieBrokenBy` says which rule separated tied scores.
 */
export function rankProviders(scores: readonly ProviderScore[]): RankedProvider[] {
  const sorted = [...scores].sort(
    (a, b) =>
      compareNullableDesc(a.score, b.score) ||
      compareNullableDesc(slaScoreOf(a), slaScoreOf(b)) ||
      (a.providerId < b.providerId ? -1 : a.providerId > b.providerId ? 1 : 0),
  );
  return sorted.map((entry, index) => {
    const tied = sorted.filter(
      (other) => other !== entry && compareNullableDesc(other.score, entry.score) === 0,
    );
    const tieBrokenBy =
      tied.length === 0
        ? null
        : tied.every((other) => compareNullableDesc(slaScoreOf(other), slaScoreOf(entry)) !== 0)
          ? 'sla_attainment'
          : 'provider_id';
    return { rank: index + 1, providerId: entry.providerId, score: entry.score, tieBrokenBy };
  });
}

/** Share of evaluated periods that met the target, 0..100 (no_data periods are left out); null if none. */
export function scoreSlaAttainment(
  attainments: readonly { readonly status: AttainmentStatus }[],
): number | null {
  const evaluated = attainments.filter((attainment) => attainment.status !== 'no_data');
  if (evaluated.length === 0) return null;
  return (100 * evaluated.filter((attainment) => attainment.status === 'met').length) / evaluated.length;
}

/** A ratio 0..1 (e.g. QA points earned / possible) as 0..100; null stays null. */
export function scoreRatio(ratio: number | null): number | null {
  return ratio === null || !Number.isFinite(ratio) ? null : clampScore(ratio * 100);
}

/** Escalations answered within their agreed time / escalations, 0..100; null without escalations. */
export function scoreEscalationResponsiveness(input: {
  readonly withinTarget: number;
  readonly total: number;
}): number | null {
  if (!(input.total > 0)) return null;
  return clampScore((100 * input.withinTarget) / input.total);
}

/**
 * Feeds delivered on time / expected x 100, minus `penaltyPoints` per restatement of past numbers,
 * clamped to 0..100; null when no delivery was expected.
 */
export function scoreDataTimeliness(
  input: { readonly deliveredOnTime: number; readonly expected: number; readonly restatements: number },
  penaltyPoints: number = DEFAULT_RESTATEMENT_PENALTY_POINTS,
): number | null {
  if (!(input.expected > 0)) return null;
  return clampScore((100 * input.deliveredOnTime) / input.expected - penaltyPoints * input.restatements);
}

/** Maps a value linearly so that `worst` gives 0 and `best` 100 (either may be the larger), clamped. */
export function scoreOnLinearScale(value: number | null, worst: number, best: number): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  if (worst === best) throw new RangeError('worst and best must differ');
  return clampScore((100 * (value - worst)) / (best - worst));
}

export interface DataFreshnessRule {
  /** A lag up to this many days is on time (1 = yesterday's data is in). */
  readonly onTimeLagDays: number;
  /** At this lag (or more) the score is 0. */
  readonly worstLagDays: number;
  /** Points taken off per restatement of past numbers. */
  readonly restatementPenaltyPoints: number;
}

/**
 * Data timeliness from the latest data a provider delivered: `lagDays` = days from the last day with data
 * to the evaluation day. 100 while on time, falling linearly to 0 at `worstLagDays`, minus a penalty per
 * restatement, clamped to 0..100; null when the provider never sent data (`lagDays` null).
 */
export function scoreDataFreshness(
  input: { readonly lagDays: number | null; readonly restatements: number },
  rule: DataFreshnessRule = DEFAULT_DATA_FRESHNESS_RULE,
): number | null {
  if (input.lagDays === null || !Number.isFinite(input.lagDays)) return null;
  if (!(rule.worstLagDays > rule.onTimeLagDays)) {
    throw new RangeError('worstLagDays must be above onTimeLagDays');
  }
  const freshness = scoreOnLinearScale(Math.max(input.lagDays, rule.onTimeLagDays), rule.worstLagDays, rule.onTimeLagDays) ?? 0;
  return clampScore(freshness - rule.restatementPenaltyPoints * Math.max(0, input.restatements));
}
