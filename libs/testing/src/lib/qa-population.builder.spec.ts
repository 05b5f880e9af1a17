import { aQaPopulation } from './qa-population.builder';

describe('aQaPopulation', () => {
  it('plants regressions with lower recent scores and more auto-fails', () => {
    const pop = aQaPopulation({ seed: 11 })
      .groups(10)
      .evaluations(400, 400)
      .withRegression(2, { scoreDrop: 0.1, autoFailRise: 0.1 })
      .build();
    expect(pop.groups).toHaveLength(10);
    expect(pop.regressedKeys).toEqual(['team-03']);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    const g = pop.groups[2];
    expect(mean(g.baseline.scores) - mean(g.recent.scores)).toBeGreaterThan(0.1);
    expect(g.recent.autoFails).toBeGreaterThan(g.baseline.autoFails + 20);
    expect(g.recent.scores.filter((s) => s === 0).length).toBe(g.recent.autoFails);
    expect(g.recent.scoresWithoutAutoFails).toHaveLength(g.recent.evaluations - g.recent.autoFails);
  });
});
