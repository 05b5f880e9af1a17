import type { DataFreshnessRule, ScorecardComponentKey, ScorecardWeights } from './scorecard';

export const SCORECARD_COMPONENT_KEYS: readonly ScorecardComponentKey[] = [
  'sla_attainment',
  'qa_score',
  'escalation_responsiveness',
  'data_timeliness',
];

/** A starting point for admins; any non-negative weights are accepted and normalised. */
export const DEFAULT_SCORECARD_WEIGHTS: ScorecardWeights = {
  sla_attainment: 0.4,
  qa_score: 0.3,
  escalation_responsiveness: 0.2,
  data_timeliness: 0.1,
};

/** Points taken off the data timeliness score for each restatement of past numbers. */
export const DEFAULT_RESTATEMENT_PENALTY_POINTS = 5;

/** Scores closer than this are a tie. */
export const SCORE_TIE_TOLERANCE = 1e-9;

/** Data timeliness: yesterday's data in is on time; a week late (8 days) scores 0; 5 points per restatement. */
export const DEFAULT_DATA_FRESHNESS_RULE: DataFreshnessRule = {
  onTimeLagDays: 1,
  worstLagDays: 8,
  restatementPenaltyPoints: DEFAULT_RESTATEMENT_PENALTY_POINTS,
};
