import { attributeChange, SliceWindows } from './change-attribution';

const slice = (key: string, n0: number, d0: number | null, n1: number, d1: number | null): SliceWindows => ({
  key,
  before: { numerator: n0, denominator: d0 },
  after: { numerator: n1, denominator: d1 },
});

describe('attributeChange (ratio of sums)', () => {
  it.each([
    {
      name: 'one site slows down, the other is stable: all rate effect at the first site',
      slices: [slice('MTY', 3000, 10, 3600, 10), slice('CDMX', 4000, 10, 4000, 10)],
      before: 350,
      after: 380,
      rows: [
        { key: 'MTY', rateEffect: 30, mixEffect: 0, contribution: 30, share: 1 },
        { key: 'CDMX', rateEffect: 0, mixEffect: 0, contribution: 0, share: 0 },
      ],
    },
    {
      name: 'rates unchanged, volume moves to the slower site: pure mix effect',
      // R0 = 7000 / 20 = 350, R1 = (1500 + 6000) / 20 = 375, average 362.5.
      // MTY: (0.25 - 0.5) x (300 - 362.5) = 15.625; CDMX: (0.75 - 0.5) x (400 - 362.5) = 9.375.
      slices: [slice('MTY', 3000, 10, 1500, 5), slice('CDMX', 4000, 10, 6000, 15)],
      before: 350,
      after: 375,
      rows: [
        { key: 'MTY', rateEffect: 0, mixEffect: 15.625, contribution: 15.625, share: 0.625 },
        { key: 'CDMX', rateEffect: 0, mixEffect: 9.375, contribution: 9.375, share: 0.375 },
      ],
    },
    {
      name: 'rate and mix together still add up to the change',
      // R0 = (2000 + 6000) / 40 = 200; R1 = (3000 + 6000) / 40 = 225. A: w 0.25 -> 0.25, r 200 -> 300.
      // B: w 0.75 -> 0.75, r 200 -> 200. A rate = 0.25 x 100 = 25.
      slices: [slice('A', 2000, 10, 3000, 10), slice('B', 6000, 30, 6000, 30)],
      before: 200,
      after: 225,
      rows: [
        { key: 'A', rateEffect: 25, mixEffect: 0, contribution: 25, share: 1 },
        { key: 'B', rateEffect: 0, mixEffect: 0, contribution: 0, share: 0 },
      ],
    },
    {
      name: 'a new slice with a high rate: its change is all mix, keeping its own rate',
      // R0 = 0.8 (A only); R1 = (80 + 45) / 150 = 0.8333. A: w 1 -> 2/3, r 0.8 -> 0.8: mix = -1/3 x (0.8 - 0.81667)
      // = 0.005556; B: w 0 -> 1/3, r 0.9: mix = 1/3 x (0.9 - 0.81667) = 0.027778.
      slices: [slice('A', 80, 100, 80, 100), slice('B', 0, null, 45, 50)],
      before: 0.8,
      after: 125 / 150,
      rows: [
        { key: 'B', rateEffect: 0, mixEffect: 1 / 36, contribution: 1 / 36 },
        { key: 'A', rateEffect: 0, mixEffect: 1 / 180, contribution: 1 / 180 },
      ],
    },
  ])('$name', ({ slices, before, after, rows }) => {
    const r = attributeChange(slices, 'ratio');
    expect(r.before).toBeCloseTo(before, 10);
    expect(r.after).toBeCloseTo(after, 10);
    expect(r.change).toBeCloseTo(after - before, 10);
    expect(r.slices.map((s) => s.key)).toEqual(rows.map((row) => row.key));
    r.slices.forEach((s, i) => {
      const row = rows[i] as { rateEffect: number; mixEffect: number; contribution: number; share?: number };
      expect(s.rateEffect).toBeCloseTo(row.rateEffect, 10);
      expect(s.mixEffect).toBeCloseTo(row.mixEffect, 10);
      expect(s.contribution).toBeCloseTo(row.contribution, 10);
      if (row.share !== undefined) expect(s.share).toBeCloseTo(row.share, 10);
    });
    const total = r.slices.reduce((sum, s) => sum + s.contribution, 0);
    expect(total).toBeCloseTo(after - before, 10);
  });

  it('reports the relative change and the slices own rates and weights', () => {
    const r = attributeChange([slice('MTY', 3000, 10, 3600, 10), slice('CDMX', 4000, 10, 4000, 10)], 'ratio');
    expect(r.relativeChange).toBeCloseTo(30 / 350, 12);
    expect(r.slices[0]).toMatchObject({
      beforeValue: 300,
      afterValue: 360,
      beforeWeight: 0.5,
      afterWeight: 0.5,
    });
  });

  it('never averages the slices rates (volume-weighted total)', () => {
    const r = attributeChange([slice('big', 900, 1000, 900, 1000), slice('small', 1, 10, 1, 10)], 'ratio');
    expect(r.before).toBeCloseTo(901 / 1010, 12);
    expect(r.before).not.toBeCloseTo((0.9 + 0.1) / 2, 3);
  });

  it.each([
    ['no slices', []],
    ['no volume in either window', [slice('A', 0, 0, 0, null)]],
  ] as [string, SliceWindows[]][])('%s: undefined totals, zero contributions', (_name, slices) => {
    const r = attributeChange(slices, 'ratio');
    expect(r.before).toBeNull();
    expect(r.change).toBeNull();
    expect(r.relativeChange).toBeNull();
    expect(r.slices.every((s) => s.contribution === 0 && s.share === null)).toBe(true);
  });
});

describe('attributeChange (sums and stocks)', () => {
  it('splits the change of a sum into the slices own changes', () => {
    const r = attributeChange([slice('A', 100, null, 160, null), slice('B', 50, null, 40, null)], 'sum');
    expect(r).toMatchObject({ before: 150, after: 200, change: 50 });
    expect(r.relativeChange).toBeCloseTo(1 / 3, 12);
    expect(r.slices.map((s) => [s.key, s.contribution, s.share])).toEqual([
      ['A', 60, 1.2],
      ['B', -10, -0.2],
    ]);
  });
});
