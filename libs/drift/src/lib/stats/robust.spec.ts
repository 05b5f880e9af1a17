import {
  applyHampelFilter,
  estimateRobustScale,
  estimateSigmaFromDifferences,
  MAD_TO_SIGMA,
  mean,
  median,
  medianAbsoluteDeviation,
  quantile,
  sampleVariance,
  winsorize,
  winsorizedNormalVariance,
} from './robust';
import { adjustPValuesBenjaminiHochberg } from './multiple-testing';
import { createPrng } from '@kpi/testing';

describe('descriptive statistics', () => {
  it.each([
    [[3, 1, 2], 2],
    [[4, 1, 3, 2], 2.5],
    [[5, Number.NaN, 1], 3],
    [[], Number.NaN],
  ])('median(%p) = %p', (xs, expected) => {
    expect(median(xs)).toEqual(expected);
  });

  it('computes mean, variance, quantiles and MAD', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    expect(sampleVariance([1, 2, 3, 4])).toBeCloseTo(5 / 3, 12);
    expect(quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(quantile([10, 20], 0.5)).toBe(15);
    expect(medianAbsoluteDeviation([1, 1, 2, 2, 4, 6, 9])).toBe(1);
    expect(MAD_TO_SIGMA).toBeCloseTo(1.482602218505602, 12);
    expect(winsorize([-5, 0, 5, Number.NaN], -1, 1)).toEqual([-1, 0, 1, Number.NaN]);
  });
});

describe('robust scale estimates', () => {
  const rng = createPrng(17);
  const noise = Array.from({ length: 4000 }, () => 2 * rng.normal());

  it('winsorized normal variance: 1 for no clipping, c^2-ish for tight clipping', () => {
    expect(winsorizedNormalVariance(10)).toBeCloseTo(1, 10);
    expect(winsorizedNormalVariance(2.5)).toBeCloseTo(0.97756, 4);
    expect(winsorizedNormalVariance(0.01)).toBeCloseTo(1e-4, 5);
  });

  it('recovers sigma = 2 from noise, also with 2 % gross outliers', () => {
    expect(estimateRobustScale(noise)).toBeCloseTo(2, 1);
    const dirty = noise.map((x, i) => (i % 50 === 0 ? x + 40 : x));
    expect(estimateRobustScale(dirty)).toBeGreaterThan(1.85);
    expect(estimateRobustScale(dirty)).toBeLessThan(2.2);
  });

  it('sigma from first differences ignores level shifts', () => {
    const shifted = noise.map((x, i) => (i >= 2000 ? x + 30 : x));
    expect(estimateSigmaFromDifferences(shifted)).toBeCloseTo(2, 1);
    expect(estimateRobustScale(shifted)).toBeGreaterThan(10);
  });

  it('is 0 for constant data and falls back to the sd when the MAD is 0', () => {
    expect(estimateRobustScale([5, 5, 5, 5])).toBe(0);
    expect(estimateRobustScale([0, 0, 0, 0, 0, 0, 2])).toBeGreaterThan(0);
  });
});

describe('applyHampelFilter', () => {
  it('replaces isolated spikes but keeps a level shift', () => {
    const xs = Array.from({ length: 40 }, (_, i) => (i < 20 ? 10 : 20) + (i % 2 === 0 ? 0.1 : -0.1));
    xs[7] = 50;
    const { values, outliers } = applyHampelFilter(xs, 3, 3.5, 0.2);
    expect(outliers).toEqual([7]);
    expect(values[7]).toBeCloseTo(10, 0);
    expect(values[25]).toBeCloseTo(xs[25], 12);
  });
});

describe('adjustPValuesBenjaminiHochberg', () => {
  it('matches R p.adjust(method = "BH")', () => {
    // p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5), "BH") = 0.025 0.05 0.05 0.025 0.5
    const q = adjustPValuesBenjaminiHochberg([0.01, 0.04, 0.03, 0.005, 0.5]);
    [0.025, 0.05, 0.05, 0.025, 0.5].forEach((e, i) => expect(q[i]).toBeCloseTo(e, 12));
  });

  it('ignores NaN and caps at 1', () => {
    const q = adjustPValuesBenjaminiHochberg([0.9, Number.NaN, 0.95]);
    expect(q[1]).toBeNaN();
    expect(q[0]).toBeCloseTo(0.95, 12);
    expect(q[2]).toBeCloseTo(0.95, 12);
  });
});
