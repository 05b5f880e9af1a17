/** Strings of the scorecards page. */
export const scorecards = {
  title: 'Scorecards',
  lead: 'Providers ranked by a 0–100 score from SLA attainment, QA, escalation responsiveness and data timeliness.',
  leadWithPeriod: 'Providers ranked by a 0–100 score from SLA attainment, QA, escalation responsiveness and data timeliness, {{period}}.',
  loadError: 'The ranking could not be loaded',
  loading: 'Scoring providers…',
  tableName: 'Provider ranking',
  emptyHeading: 'No providers to rank',
  emptyMessage: 'Your account has no providers assigned yet.',
  notAvailable: 'n/a',
  components: {
    sla_attainment: 'SLA attainment',
    qa_score: 'QA score',
    escalation_responsiveness: 'Escalation responsiveness',
    data_timeliness: 'Data timeliness',
  },
  columns: {
    rank: 'Rank',
    provider: 'Provider',
    score: 'Score',
  },
  weights: {
    heading: 'Weights',
    note: 'Any non-negative numbers; they are normalised to add up to 100 %. A component without data is left out and the others are scaled up.',
    lastSetBy: 'Last set by {{name}}.',
    saved: 'Weights saved; the ranking uses them.',
    saving: 'Saving…',
    save: 'Save weights',
  },
} as const;
