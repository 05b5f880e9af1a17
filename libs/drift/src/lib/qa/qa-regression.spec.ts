import { aQaPopulation, GeneratedQaSample } from '@kpi/testing';
import {
  detectQaRegressions,
  QaGroupInput,
  testFisherExact,
  testMannWhitney,
  testTwoProportions,
  testWelch,
} from './qa-regression';

const toSample = (s: GeneratedQaSample) => ({
  evaluations: s.evaluations,
  autoFails: s.autoFails,
  scores: s.scoresWithoutAutoFails,
});

describe('hand-written tests against scipy.stats', () => {
  const a = [0.91, 0.85, 0.88, 0.93, 0.79, 0.86, 0.9, 0.84, 0.87, 0.92];
  const b = [0.82, 0.8, 0.86, 0.78, 0.84, 0.81, 0.77, 0.85];
  const meanVar = (xs: number[]) => {
    const m = xs.reduce((s, x) => s + x, 0) / xs.length;
    return [m, xs.reduce((s, x) => s + (x - m) ** 2, 0) / (xs.length - 1)];
  };

  it('Welch t-test: ttest_ind(b, a, equal_var=False, alternative="less")', () => {
    const [ma, va] = meanVar(a);
    const [mb, vb] = meanVar(b);
    const r = testWelch(ma, va, a.length, mb, vb, b.length);
    expect(r.t).toBeCloseTo(-3.323533760454002, 10);
    expect(r.df).toBeCloseTo(15.984747925875375, 9);
    expect(r.pLower).toBeCloseTo(0.002152645132703, 10);
  });

  it('Welch t-test from summaries: ttest_ind_from_stats(0.86, 0.08, 150, 0.80, 0.09, 60)', () => {
    expect(testWelch(0.86, 0.08 ** 2, 150, 0.8, 0.09 ** 2, 60).pLower).toBeCloseTo(
      1 - 0.9999907175667752,
      10,
    );
  });

  it('Mann-Whitney U (asymptotic, continuity correction), with and without ties', () => {
    const r = testMannWhitney(a, b);
    expect(r.u).toBe(10.5);
    expect(r.pLower).toBeCloseTo(0.004929788025037912, 10);
    const tied = testMannWhitney([1, 2, 2, 3, 3, 3, 4, 5], [2, 3, 4, 4, 5, 5, 6]);
    expect(tied.u).toBe(42.5);
    expect(tied.pHigher).toBeCloseTo(0.0491674938792507, 10);
    expect(tied.pLower).toBeCloseTo(0.9617237827250755, 10);
  });

  it('two-proportion z-test: 6/200 vs 12/100', () => {
    const r = testTwoProportions(6, 200, 12, 100);
    expect(r.z).toBeCloseTo(3.0942637387763807, 10);
    expect(r.pHigher).toBeCloseTo(0.0009865100437594682, 12);
    expect(testTwoProportions(0, 50, 0, 50)).toEqual({ z: 0, pHigher: 1, pLower: 1 });
  });

  it("Fisher's exact test: fisher_exact([[5, 55], [2, 148]])", () => {
    const r = testFisherExact(2, 150, 5, 60);
    expect(r.pHigher).toBeCloseTo(0.02133913709635021, 10);
    expect(r.pLower).toBeCloseTo(0.9975555824617685, 10);
  });
});

describe('detectQaRegressions', () => {
  it('40 teams, 2 truly regress: flags those 2 and at most 1 other (BH at 5 %)', () => {
    // Effects sized so that one test among 80 survives a 5 % FDR: a 6-point score drop (~0.75 sd) and
    // an auto-fail rate going from 3 % to 18 %, with 80 recent evaluations per team.
    const pop = aQaPopulation({ seed: 2024 })
      .groups(40)
      .evaluations(150, 80)
      .withRegression(6, { scoreDrop: 0.06 })
      .withRegression(22, { autoFailRise: 0.15 })
      .build();
    const groups: QaGroupInput[] = pop.groups.map((g) => ({
      key: g.key,
      baseline: toSample(g.baseline),
      recent: toSample(g.recent),
    }));
    const r = detectQaRegressions(groups);
    expect(pop.regressedKeys).toEqual(['team-07', 'team-23']);
    for (const key of pop.regressedKeys) expect(r.regressedKeys).toContain(key);
    expect(r.regressedKeys.length).toBeLessThanOrEqual(3);
    expect(r.testsRun).toBe(80);
    const seven = r.groups.find((g) => g.key === 'team-07')!;
    expect(seven.score).toMatchObject({ test: 'welch_t', status: 'regressed' });
    expect(seven.score.change).toBeLessThan(-0.03);
    expect(seven.reason).toMatch(/^QA score fell from 0\.\d+ to 0\.\d+ \(q=/);
    const twentyThree = r.groups.find((g) => g.key === 'team-23')!;
    expect(twentyThree.autoFail.status).toBe('regressed');
    expect(twentyThree.autoFail.test).toMatch(/two_proportion_z|fisher_exact/);
  });

  it('without false discovery control the same data would flag more teams', () => {
    const pop = aQaPopulation({ seed: 7 }).groups(200).evaluations(150, 60).build();
    const groups = pop.groups.map((g) => ({
      key: g.key,
      baseline: toSample(g.baseline),
      recent: toSample(g.recent),
    }));
    const r = detectQaRegressions(groups);
    const naive = r.groups.filter(
      (g) => (g.score.pValueAdverse ?? 1) < 0.05 || (g.autoFail.pValueAdverse ?? 1) < 0.05,
    ).length;
    expect(r.regressedKeys.length).toBeLessThanOrEqual(2);
    expect(naive).toBeGreaterThan(8);
  });

  it('Mann-Whitney finds the same regression', () => {
    const pop = aQaPopulation({ seed: 5 })
      .groups(10)
      .evaluations(120, 60)
      .withRegression(3, { scoreDrop: 0.07 })
      .build();
    const groups = pop.groups.map((g) => ({
      key: g.key,
      baseline: toSample(g.baseline),
      recent: toSample(g.recent),
    }));
    const r = detectQaRegressions(groups, { scoreTest: 'mann_whitney' });
    expect(r.regressedKeys).toEqual(['team-04']);
    expect(r.groups[3].score.test).toBe('mann_whitney_u');
  });

  it('records improvements without calling them regressions', () => {
    const pop = aQaPopulation({ seed: 9 })
      .groups(10)
      .evaluations(120, 80)
      .withRegression(2, { scoreDrop: -0.08 })
      .build();
    const r = detectQaRegressions(
      pop.groups.map((g) => ({ key: g.key, baseline: toSample(g.baseline), recent: toSample(g.recent) })),
    );
    expect(r.regressedKeys).toEqual([]);
    expect(r.improvedKeys).toEqual(['team-03']);
    expect(r.groups[2].score.status).toBe('improved');
  });

  it('needs the minimum sample sizes and accepts summaries', () => {
    const small = { evaluations: 12, autoFails: 0, scoreMean: 0.9, scoreVariance: 0.01 };
    const big = { evaluations: 100, autoFails: 2, scoreMean: 0.88, scoreVariance: 0.0064 };
    const worse = { evaluations: 60, autoFails: 1, scoreMean: 0.8, scoreVariance: 0.0064 };
    const r = detectQaRegressions([
      { key: 'tiny', baseline: small, recent: small },
      { key: 'site-a|form-v2', baseline: big, recent: worse },
    ]);
    expect(r.groups[0]).toMatchObject({
      regressed: false,
      score: { status: 'insufficient_data' },
      autoFail: { status: 'insufficient_data' },
    });
    expect(r.groups[0].reason).toMatch(/^Not tested: 12 baseline and 12 recent evaluations/);
    expect(r.groups[1].regressed).toBe(true);
    expect(r.testsRun).toBe(2);
  });

  it('a minimum effect size keeps statistically clear but tiny drops quiet', () => {
    const base = { evaluations: 5000, autoFails: 100, scoreMean: 0.86, scoreVariance: 0.0064 };
    const recent = { evaluations: 5000, autoFails: 100, scoreMean: 0.855, scoreVariance: 0.0064 };
    expect(detectQaRegressions([{ key: 'x', baseline: base, recent }]).regressedKeys).toEqual(['x']);
    expect(
      detectQaRegressions([{ key: 'x', baseline: base, recent }], { minScoreDrop: 0.01 }).regressedKeys,
    ).toEqual([]);
  });

  it('handles empty input', () => {
    expect(detectQaRegressions([])).toEqual({ groups: [], regressedKeys: [], improvedKeys: [], testsRun: 0 });
  });
});
