import { ComponentRequest, planPieces } from './rollup-plan';

const request = (overrides: Partial<ComponentRequest> = {}): ComponentRequest => ({
  kpiCode: 'service_level',
  aggregation: 'ratio_of_sums',
  providerIds: ['p1'],
  range: { from: '2026-02-11', to: '2026-06-30' },
  ...overrides,
});

const show = (pieces: ReturnType<typeof planPieces>) =>
  pieces.map((piece) =>
    [piece.req, piece.kind, piece.granularity ?? '-', `${piece.from}..${piece.to}`, piece.excludeAll ? 'all' : piece.excludeSiteIds.join('+') || '-'].join(' '),
  );

describe('planPieces', () => {
  it('covers a range with whole precomputed buckets and raw days at the edges', () => {
    expect(show(planPieces([request()], 'rollups'))).toEqual([
      '0 raw - 2026-02-11..2026-02-15 -', // Wednesday to Sunday
      '0 rollup week 2026-02-16..2026-02-22 -',
      '0 raw - 2026-02-23..2026-02-28 -', // that ISO week runs into March
      '0 rollup month 2026-03-01..2026-03-31 -',
      '0 rollup quarter 2026-04-01..2026-06-30 -',
    ]);
  });

  it('reads everything raw when asked to', () => {
    expect(show(planPieces([request()], 'raw'))).toEqual(['0 raw - 2026-02-11..2026-06-30 -']);
  });

  it('reads excluded dates raw, flagging the excluded sites, and keeps the rest on rollups', () => {
    const pieces = planPieces(
      [
        request({ range: { from: '2026-03-01', to: '2026-03-31' }, exclusions: [{ from: '2026-03-10', to: '2026-03-11', siteIds: ['gdl'] }] }),
        request({ range: { from: '2026-04-01', to: '2026-04-30' }, exclusions: [{ from: '2026-04-30', to: '2026-05-02' }] }),
      ],
      'rollups',
    );
    expect(show(pieces)).toEqual([
      '0 raw - 2026-03-01..2026-03-01 -',
      '0 rollup week 2026-03-02..2026-03-08 -',
      '0 raw - 2026-03-09..2026-03-09 -',
      '0 raw - 2026-03-10..2026-03-11 gdl',
      '0 raw - 2026-03-12..2026-03-15 -',
      '0 rollup week 2026-03-16..2026-03-22 -',
      '0 rollup week 2026-03-23..2026-03-29 -',
      '0 raw - 2026-03-30..2026-03-31 -',
      '1 raw - 2026-04-01..2026-04-05 -',
      '1 rollup week 2026-04-06..2026-04-12 -',
      '1 rollup week 2026-04-13..2026-04-19 -',
      '1 rollup week 2026-04-20..2026-04-26 -',
      '1 raw - 2026-04-27..2026-04-29 -',
      '1 raw - 2026-04-30..2026-04-30 all',
    ]);
  });
});
