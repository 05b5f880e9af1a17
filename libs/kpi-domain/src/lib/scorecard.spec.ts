import {
  ScorecardWeights,
  computeProviderScore,
  rankProviders,
  scoreDataFreshness,
  scoreDataTimeliness,
  scoreEscalationResponsiveness,
  scoreOnLinearScale,
  scoreRatio,
  scoreSlaAttainment,
  validateScorecardWeights,
} from './scorecard';

// Admin weights in points: 40 / 30 / 20 / 10 -> normalised 0.4 / 0.3 / 0.2 / 0.1
const weights: ScorecardWeights = {
  sla_attainment: 40,
  qa_score: 30,
  escalation_responsiveness: 20,
  data_timeliness: 10,
};

describe('validateScorecardWeights', () => {
  it('normalises weights that do not sum to 1', () => {
    const result = validateScorecardWeights(weights);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.value.normalised).toBe(true);
    expect(result.value.originalSum).toBe(100);
    expect(result.value.weights).toEqual({
      sla_attainment: 0.4,
      qa_score: 0.3,
      escalation_responsiveness: 0.2,
      data_timeliness: 0.1,
    });
  });

  it('leaves weights summing to 1 alone', () => {
    const result = validateScorecardWeights({ sla_attainment: 0.5, qa_score: 0.5 });
    expect(result.ok && result.value.normalised).toBe(false);
  });

  it.each<[string, ScorecardWeights, string]>([
    ['a negative weight', { sla_attainment: -1, qa_score: 2 }, 'out_of_range'],
    ['a NaN weight', { sla_attainment: Number.NaN }, 'out_of_range'],
    ['all zero', { sla_attainment: 0, qa_score: 0 }, 'all_zero'],
    ['nothing', {}, 'all_zero'],
    ['an unknown component', { sla_attainment: 1, speed: 1 } as ScorecardWeights, 'unknown_component'],
  ])('rejects %s', (_label, input, code) => {
    const result = validateScorecardWeights(input);
    expect(result.ok).toBe(false);
    expect(result.issues.map((issue) => issue.code)).toContain(code);
  });
});

describe('computeProviderScore', () => {
  it('weights every component', () => {
    const score = computeProviderScore({
      providerId: 'p1',
      weights,
      components: { sla_attainment: 90, qa_score: 80, escalation_responsiveness: 70, data_timeliness: 100 },
    });
    // 0.4 x 90 + 0.3 x 80 + 0.2 x 70 + 0.1 x 100 = 36 + 24 + 14 + 10 = 84
    expect(score.score).toBeCloseTo(84, 10);
    expect(score.reweighted).toBe(false);
    expect(score.weightsNormalised).toBe(true);
    expect(score.notes).toEqual(['Weights summed to 100; normalised to 1.']);
  });

  it('re-weights the others when a component is missing, and says so', () => {
    const score = computeProviderScore({
      providerId: 'p1',
      weights,
      components: { sla_attainment: 90, qa_score: 80, escalation_responsiveness: 70, data_timeliness: null },
    });
    // present weight 0.4 + 0.3 + 0.2 = 0.9 -> 0.4/0.9, 0.3/0.9, 0.2/0.9
    // (0.4 x 90 + 0.3 x 80 + 0.2 x 70) / 0.9 = 74 / 0.9 = 82.2222
    expect(score.score).toBeCloseTo(82.222222, 5);
    expect(score.missing).toEqual(['data_timeliness']);
    expect(score.reweighted).toBe(true);
    const effective = [0.4 / 0.9, 0.3 / 0.9, 0.2 / 0.9, 0]; // 0.4444, 0.3333, 0.2222, 0
    expect(score.components.map((c) => c.key)).toEqual([
      'sla_attainment',
      'qa_score',
      'escalation_responsiveness',
      'data_timeliness',
    ]);
    score.components.forEach((c, index) => expect(c.effectiveWeight).toBeCloseTo(effective[index], 12));
    expect(score.notes[1]).toBe(
      'No data for data_timeliness (10.0 % of the weight): re-weighted over sla_attainment 40.0 % -> 44.4 %, ' +
        'qa_score 30.0 % -> 33.3 %, escalation_responsiveness 20.0 % -> 22.2 %.',
    );
  });

  it('ignores a component with weight 0 even when it has data', () => {
    const score = computeProviderScore({
      providerId: 'p1',
      weights: { sla_attainment: 1, qa_score: 0 },
      components: { sla_attainment: 60, qa_score: 100 },
    });
    expect(score.score).toBe(60);
    expect(score.missing).toEqual([]);
  });

  it('has no score when no weighted component has data', () => {
    const score = computeProviderScore({ providerId: 'p1', weights, components: {} });
    expect(score.score).toBeNull();
    expect(score.reweighted).toBe(false);
    expect(score.missing).toHaveLength(4);
  });

  it('throws for invalid weights or a component outside 0..100', () => {
    expect(() =>
      computeProviderScore({ providerId: 'p1', weights: {}, components: { qa_score: 50 } }),
    ).toThrow(RangeError);
    expect(() =>
      computeProviderScore({ providerId: 'p1', weights, components: { qa_score: 0.85 * 1000 } }),
    ).toThrow(RangeError);
  });
});

describe('component normalisers', () => {
  it('SLA attainment: met / evaluated periods (no_data left out)', () => {
    const statuses = ['met', 'met', 'at_risk', 'breached', 'no_data'] as const;
    // 2 met of 4 evaluated = 50
    expect(scoreSlaAttainment(statuses.map((status) => ({ status })))).toBe(50);
    expect(scoreSlaAttainment([{ status: 'no_data' }])).toBeNull();
  });

  it('QA score ratio to points', () => {
    expect(scoreRatio(0.8375)).toBeCloseTo(83.75, 10);
    expect(scoreRatio(null)).toBeNull();
  });

  it('escalation responsiveness: within target / total', () => {
    // 9 of 12 = 75
    expect(scoreEscalationResponsiveness({ withinTarget: 9, total: 12 })).toBe(75);
    expect(scoreEscalationResponsiveness({ withinTarget: 0, total: 0 })).toBeNull();
  });

  it('data timeliness: on time / expected minus 5 points per restatement', () => {
    // 28 / 30 x 100 = 93.333 - 1 x 5 = 88.333
    expect(scoreDataTimeliness({ deliveredOnTime: 28, expected: 30, restatements: 1 })).toBeCloseTo(
      88.333333,
      5,
    );
    // 10 / 30 x 100 = 33.3 - 10 x 5 -> clamped at 0
    expect(scoreDataTimeliness({ deliveredOnTime: 10, expected: 30, restatements: 10 })).toBe(0);
    expect(scoreDataTimeliness({ deliveredOnTime: 28, expected: 30, restatements: 1 }, 10)).toBeCloseTo(
      83.333333,
      5,
    );
  });

  it('linear scale in either direction', () => {
    // mean escalation response of 10 h, 48 h = 0 points, 4 h = 100 points: (10 - 48) / (4 - 48) = 38/44 = 86.36
    expect(scoreOnLinearScale(10, 48, 4)).toBeCloseTo(86.363636, 5);
    expect(scoreOnLinearScale(2, 48, 4)).toBe(100);
    expect(scoreOnLinearScale(0.9, 0.5, 1)).toBeCloseTo(80, 10);
    expect(() => scoreOnLinearScale(1, 2, 2)).toThrow(RangeError);
  });
});

describe('rankProviders', () => {
  const equal = { sla_attainment: 1, qa_score: 1 };
  const score = (providerId: string, sla: number | null, qa: number | null) =>
    computeProviderScore({ providerId, weights: equal, components: { sla_attainment: sla, qa_score: qa } });
  const scores = [
    score('core', 90, 70), // 80, SLA 90
    score('echo', null, null), // no score
    score('acme', 90, 70), // 80, SLA 90
    score('delta', 85, 85), // 85
    score('beta', 95, 65), // 80, SLA 95
  ];

  it('orders by score, then SLA attainment, then provider id', () => {
    expect(rankProviders(scores).map((r) => [r.rank, r.providerId, r.score, r.tieBrokenBy])).toEqual([
      [1, 'delta', 85, null],
      [2, 'beta', 80, 'sla_attainment'],
      [3, 'acme', 80, 'provider_id'],
      [4, 'core', 80, 'provider_id'],
      [5, 'echo', null, null],
    ]);
  });

  it('does not depend on the input order', () => {
    expect(rankProviders([...scores].reverse())).toEqual(rankProviders(scores));
  });
});

describe('scoreDataFreshness', () => {
  it.each([
    // lag days, restatements, score
    [0, 0, 100], // today's data already in
    [1, 0, 100], // yesterday's data: on time
    [2, 0, 85.714286], // 100 x (8 - 2) / (8 - 1)
    [8, 0, 0], // a week late
    [30, 0, 0],
    [1, 2, 90], // on time, two restatements x 5 points
    [5, 10, 0], // 42.857 - 50, clamped
  ])('lag %p days, %p restatements -> %p', (lagDays, restatements, expected) => {
    expect(scoreDataFreshness({ lagDays, restatements })).toBeCloseTo(expected, 5);
  });

  it('has no score without data and refuses an impossible rule', () => {
    expect(scoreDataFreshness({ lagDays: null, restatements: 0 })).toBeNull();
    expect(() =>
      scoreDataFreshness({ lagDays: 1, restatements: 0 }, { onTimeLagDays: 3, worstLagDays: 3, restatementPenaltyPoints: 5 }),
    ).toThrow(RangeError);
  });
});
