import { aSeries, createPrng } from '@kpi/testing';
import { findBestSplit, fitHinge, segmentByBinarySegmentation } from './change-point';
import { detectLevelShifts } from './level-shift.detector';

const WEEK = [1.1, 1, 1, 1, 0.95, 0.8, 0.7];

function noisy(n: number, seed: number, at: (i: number) => number): number[] {
  const rng = createPrng(seed);
  return Array.from({ length: n }, (_, i) => at(i) + rng.normal());
}

describe('findBestSplit', () => {
  it('finds the exact split of a clean step and its means', () => {
    const y = [1, 1, 1, 1, 5, 5, 5];
    expect(findBestSplit(y, 0, y.length)).toEqual({
      index: 4,
      gain: ((4 * 3) / 7) * 16,
      leftMean: 1,
      rightMean: 5,
    });
  });

  it('respects the direction and the minimum segment size', () => {
    const y = [5, 5, 5, 1, 1, 1];
    expect(findBestSplit(y, 0, y.length, 1, 1)).toBeNull();
    expect(findBestSplit(y, 0, y.length, 1, -1)?.index).toBe(3);
    expect(findBestSplit(y, 0, y.length, 4)).toBeNull();
  });
});

describe('segmentByBinarySegmentation', () => {
  it.each([
    ['no change', () => 0, []],
    ['one step of 3 sd', (i: number) => (i >= 120 ? 3 : 0), [120]],
    ['two steps', (i: number) => (i >= 80 ? 2.5 : 0) + (i >= 170 ? -4 : 0), [80, 170]],
  ] as const)('%s', (_name, level, expected) => {
    const y = noisy(240, 3, level);
    const cps = segmentByBinarySegmentation(y, { penalty: 3 * Math.log(y.length), minSegmentLength: 5 });
    expect(cps).toHaveLength(expected.length);
    cps.forEach((cp, k) => expect(Math.abs(cp - expected[k])).toBeLessThanOrEqual(3));
  });
});

describe('fitHinge', () => {
  it('locates the start of a ramp and its slope', () => {
    const t = Array.from({ length: 100 }, (_, i) => i);
    const y = noisy(100, 8, (i) => (i > 60 ? 0.2 * (i - 60) : 0)).map((v) => v * 0.3);
    const fit = fitHinge(t, y, 5, 1)!;
    expect(Math.abs(fit.index - 60)).toBeLessThanOrEqual(4);
    expect(fit.slope).toBeCloseTo(0.06, 1);
  });

  it('returns null when the direction cannot be met', () => {
    const t = [0, 1, 2, 3, 4, 5, 6, 7];
    expect(fitHinge(t, [0, 0, 0, 0, 1, 2, 3, 4], 2, -1)).toBeNull();
  });
});

describe('detectLevelShifts (binary segmentation with a data-driven penalty)', () => {
  const base = (seed: number) => aSeries({ seed }).daily(400).level(200).noise(0.03).weekly(WEEK);

  it('finds a 2.5 sd step with its start and direction', () => {
    const s = base(1).withStep(340, -0.075).build();
    const r = detectLevelShifts({ values: s.values, dates: s.dates, betterWhen: 'higher' });
    expect(r.changepoints).toHaveLength(1);
    expect(Math.abs(r.findings[0].startIndex - 340)).toBeLessThanOrEqual(3);
    expect(r.findings[0]).toMatchObject({
      detector: 'change_point',
      direction: 'adverse',
      kind: 'level_shift',
      startDate: s.dates[r.findings[0].startIndex],
    });
    expect(r.findings[0].magnitude).toBeCloseTo(-0.075, 1);
    expect(r.status).toBe('drifting');
  });

  it('reports an old change but judges the status on the last 90 points', () => {
    const s = base(1).withStep(250, 0.075).build();
    const r = detectLevelShifts({ values: s.values, dates: s.dates, betterWhen: 'lower' });
    expect(r.findings.map((f) => [f.direction, Math.abs(f.startIndex - 250) <= 3])).toEqual([
      ['adverse', true],
    ]);
    expect(r.status).toBe('in_control');
  });

  it.each([
    ['weekly seasonality only', base(2).build()],
    ['one outlier day', base(3).withOutlier(200, -0.5).build()],
    ['a constant series', base(4).constant().build()],
  ])('stays quiet on %s', (_name, s) => {
    const r = detectLevelShifts({ values: s.values, dates: s.dates, betterWhen: 'higher' });
    expect(r.findings).toEqual([]);
    expect(r.status).toBe('in_control');
  });

  it('handles short, empty and missing data without throwing', () => {
    expect(detectLevelShifts({ values: [1, 2, 3], betterWhen: 'lower' }).status).toBe('insufficient_data');
    expect(detectLevelShifts({ values: [], betterWhen: 'lower' }).status).toBe('insufficient_data');
    const s = base(5).withStep(300, 0.1).withMissing(0.2).build();
    const r = detectLevelShifts({ values: s.values, dates: s.dates, betterWhen: 'lower' });
    expect(r.findings.some((f) => Math.abs(f.startIndex - 300) <= 3 && f.direction === 'adverse')).toBe(true);
  });
});
