import { createPrng } from '@kpi/testing';
import { estimateSenSlope, mannKendallVariance, testMannKendall } from './mann-kendall';

describe('testMannKendall', () => {
  it('strictly increasing n = 10: S = 45, Var = 125, z = 44 / sqrt(125)', () => {
    const r = testMannKendall([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(r.s).toBe(45);
    expect(r.variance).toBe(125);
    expect(r.z).toBeCloseTo(44 / Math.sqrt(125), 12);
    expect(r.pIncreasing).toBeLessThan(1e-4);
    expect(r.pDecreasing).toBeGreaterThan(0.9999);
  });

  it.each([
    // scipy / pymannkendall reference: x = [5, 3, 8, 6, 9, 7, 10, 12, 11, 14]: S = 35
    [[5, 3, 8, 6, 9, 7, 10, 12, 11, 14], 35, 125],
    // ties: [1, 1, 2, 2, 3]: S = 8, Var = (5*4*15 - 2*(2*1*9)) / 18 = (300 - 36) / 18
    [[1, 1, 2, 2, 3], 8, (300 - 36) / 18],
  ])('S and Var(S) for %p', (xs, s, variance) => {
    const r = testMannKendall(xs);
    expect(r.s).toBe(s);
    expect(r.variance).toBeCloseTo(variance, 12);
  });

  it('has no trend on noise-like data and skips NaN', () => {
    const r = testMannKendall([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, Number.NaN]);
    expect(r.n).toBe(10);
    expect(r.pTwoSided).toBeGreaterThan(0.2);
    expect(testMannKendall([1, 2]).pTwoSided).toBe(1);
    expect(mannKendallVariance(28)).toBeCloseTo((28 * 27 * 61) / 18, 9);
  });
});

describe('estimateSenSlope', () => {
  it.each([
    [[1, 3, 5, 7, 9], undefined, 2],
    [[0, 10, 2, 3, 4], undefined, 1],
    [[0, 2, 4], [0, 2, 4], 1],
    [[7], undefined, 0],
  ])('slope of %p (times %p) = %p', (xs, ts, expected) => {
    expect(estimateSenSlope(xs, ts)).toBeCloseTo(expected, 12);
  });

  it('is robust to an outlier', () => {
    const xs = Array.from({ length: 20 }, (_, i) => 0.5 * i);
    xs[10] = 100;
    expect(estimateSenSlope(xs)).toBeCloseTo(0.5, 6);
  });
});

describe('estimateSenSlope (quickselect) matches the sorted-median definition', () => {
  it.each([7, 8, 25, 60])('on %p random points with ties and NaN', (n) => {
    const rng = createPrng(n);
    const xs = Array.from({ length: n }, () =>
      rng.chance(0.1) ? Number.NaN : Math.round(rng.normal() * 4) / 2,
    );
    const slopes: number[] = [];
    for (let i = 0; i < n; i++)
      for (let j = i + 1; j < n; j++)
        if (Number.isFinite(xs[i]) && Number.isFinite(xs[j])) slopes.push((xs[j] - xs[i]) / (j - i));
    slopes.sort((a, b) => a - b);
    const m = slopes.length;
    const expected = m % 2 === 1 ? slopes[m >> 1] : (slopes[m / 2 - 1] + slopes[m / 2]) / 2;
    expect(estimateSenSlope(xs)).toBeCloseTo(expected, 12);
  });
});
