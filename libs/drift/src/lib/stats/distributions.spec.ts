import {
  logGamma,
  normalCdf,
  normalPdf,
  normalQuantile,
  normalSf,
  regularizedIncompleteBeta,
  studentTCdf,
  studentTSf,
} from './distributions';

describe('normalCdf', () => {
  // Reference values: scipy.stats.norm.cdf; relative tolerance 1e-12 in the body, 1e-8 deep in the tail.
  it.each([
    [0, 0.5, 1e-12],
    [1, 0.8413447460685429, 1e-12],
    [-1, 0.15865525393145707, 1e-12],
    [1.96, 0.9750021048517795, 1e-12],
    [-2.5, 0.006209665325776132, 1e-12],
    [3, 0.9986501019683699, 1e-12],
    [-5, 2.866515718791946e-7, 1e-8],
    [-8, 6.220960574271819e-16, 1e-8],
    [-10, 7.619853024160593e-24, 1e-8],
  ])('Phi(%p) = %p', (x, expected, relTol) => {
    expect(Math.abs(normalCdf(x) - expected) / expected).toBeLessThan(relTol);
  });

  it('has the right tails and density', () => {
    expect(normalSf(1.6448536269514722)).toBeCloseTo(0.05, 14);
    expect(normalCdf(-40)).toBe(0);
    expect(normalCdf(40)).toBe(1);
    expect(normalPdf(0)).toBeCloseTo(0.3989422804014327, 15);
  });
});

describe('normalQuantile', () => {
  it.each([
    [0.5, 0],
    [0.975, 1.959963984540054],
    [0.95, 1.6448536269514722],
    [0.001, -3.090232306167813],
    [1e-10, -6.361340902404056],
    [0.999999, 4.753424308822899],
  ])('Phi^-1(%p) = %p', (p, expected) => {
    expect(normalQuantile(p)).toBeCloseTo(expected, 9);
  });

  it('inverts normalCdf and handles the ends', () => {
    for (const x of [-6, -2.2, -0.3, 0.7, 3.3]) expect(normalQuantile(normalCdf(x))).toBeCloseTo(x, 8);
    expect(normalQuantile(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(normalQuantile(1)).toBe(Number.POSITIVE_INFINITY);
    expect(normalQuantile(1.5)).toBeNaN();
  });
});

describe('logGamma', () => {
  it.each([
    [1, 0],
    [2, 0],
    [0.5, Math.log(Math.sqrt(Math.PI))],
    [5, Math.log(24)],
    [10.5, 13.940625219403763],
    [100, 359.1342053695754],
  ])('lnGamma(%p) = %p', (x, expected) => {
    expect(logGamma(x)).toBeCloseTo(expected, 10);
  });
});

describe('regularizedIncompleteBeta', () => {
  it.each([
    // I_x(1, 1) = x; I_x(a, 1) = x^a; I_x(1, b) = 1 - (1 - x)^b
    [0.3, 1, 1, 0.3],
    [0.4, 3, 1, 0.064],
    [0.2, 1, 4, 1 - 0.8 ** 4],
    // scipy.special.betainc(a, b, x)
    [0.5, 2, 3, 0.6875],
    [0.7, 5, 2.5, 0.5410033833071064],
    [0.1, 0.5, 0.5, 0.20483276469913345],
    [0.999, 10, 10, 1],
  ])('I_%p(%p, %p) = %p', (x, a, b, expected) => {
    expect(regularizedIncompleteBeta(x, a, b)).toBeCloseTo(expected, 10);
  });

  it('is 0 and 1 at the ends', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
  });
});

describe('studentTCdf', () => {
  it.each([
    // Closed forms: df = 1 is Cauchy, df = 2 has F(t) = 1/2 + t / (2 sqrt(2 + t^2)).
    [1, 1, 0.75],
    [-3, 1, 0.5 + Math.atan(-3) / Math.PI],
    [2, 2, 0.5 + 2 / (2 * Math.sqrt(6))],
    // Critical values from t tables.
    [12.706204736174707, 1, 0.975],
    [2.2281388519649385, 10, 0.975],
    [1.8124611228107335, 10, 0.95],
    [2.0, 10, 0.96330598261463],
    [-2.7632624554614442, 28, 0.005],
    [1.959963984540054, Number.POSITIVE_INFINITY, 0.975],
  ])('F(t=%p, df=%p) = %p', (t, df, expected) => {
    expect(studentTCdf(t, df)).toBeCloseTo(expected, 10);
  });

  it('is symmetric, handles fractional df and tiny tails', () => {
    expect(studentTCdf(0, 7.3)).toBeCloseTo(0.5, 14);
    expect(studentTCdf(1.3, 17.6) + studentTCdf(-1.3, 17.6)).toBeCloseTo(1, 14);
    // Large df tends to the normal.
    expect(studentTCdf(1.5, 1e7)).toBeCloseTo(normalCdf(1.5), 6);
    // scipy.stats.t.sf(10, 5) = 8.547378e-05
    expect(studentTSf(10, 5)).toBeCloseTo(8.5473787e-5, 10);
  });
});
