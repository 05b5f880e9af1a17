import {
  addToFingerprint,
  buildProviderSeries,
  EMPTY_FINGERPRINT,
  levelOf,
  qaGroupKey,
  sameFingerprint,
  seriesKey,
  SliceDay,
} from './series-model';

const row = (
  site: string,
  line: string,
  queue: string,
  date: string,
  n: number,
  d: number | null,
  kpi = 'aht',
): SliceDay => ({
  siteId: site,
  serviceLine: line,
  queue,
  kpiCode: kpi,
  date,
  numerator: n,
  denominator: d,
});

describe('buildProviderSeries', () => {
  const series = buildProviderSeries('P', [
    row('MTY', 'voice', '', '2026-01-02', 3000, 10),
    row('MTY', 'voice', '', '2026-01-01', 3300, 10),
    row('CDMX', 'voice', 'A', '2026-01-01', 400, 1),
    row('CDMX', 'voice', 'B', '2026-01-01', 1200, 3),
    row('MTY', 'voice', '', '2026-01-01', 7, null, 'backlog'),
    row('CDMX', 'voice', 'A', '2026-01-01', 5, null, 'backlog'),
  ]);

  it('builds the provider, site x line and queue levels, summing components (never averaging values)', () => {
    expect([...series.keys()].sort()).toEqual(
      [
        'P/*/*/*/aht',
        'P/MTY/voice/*/aht',
        'P/CDMX/voice/*/aht',
        'P/CDMX/voice/A/aht',
        'P/CDMX/voice/B/aht',
        'P/*/*/*/backlog',
        'P/MTY/voice/*/backlog',
        'P/CDMX/voice/*/backlog',
        'P/CDMX/voice/A/backlog',
      ].sort(),
    );
    expect(series.get('P/*/*/*/aht')?.days).toEqual([
      { date: '2026-01-01', numerator: 4900, denominator: 14 },
      { date: '2026-01-02', numerator: 3000, denominator: 10 },
    ]);
    expect(series.get('P/CDMX/voice/*/aht')?.days).toEqual([
      { date: '2026-01-01', numerator: 1600, denominator: 4 },
    ]);
    expect(series.get('P/*/*/*/backlog')?.days).toEqual([
      { date: '2026-01-01', numerator: 12, denominator: null },
    ]);
    expect(series.get('P/CDMX/voice/A/aht')?.level).toBe('queue');
  });

  it.each([
    [{ providerId: 'P', siteId: null, serviceLine: null, queue: null }, 'provider', 'qa:P/*/*/*'],
    [{ providerId: 'P', siteId: 'S', serviceLine: null, queue: null }, 'site', 'qa:P/S/*/*'],
    [{ providerId: 'P', siteId: 'S', serviceLine: 'voice', queue: null }, 'site_line', 'qa:P/S/voice/*'],
    [{ providerId: 'P', siteId: 'S', serviceLine: 'voice', queue: 'A' }, 'queue', 'qa:P/S/voice/A'],
  ] as const)('levels and keys %#', (scope, level, key) => {
    expect(levelOf(scope)).toBe(level);
    expect(qaGroupKey(scope)).toBe(key);
    expect(seriesKey(scope, 'aht')).toBe(`${key.slice(3)}/aht`);
  });
});

describe('fingerprints', () => {
  const days = [
    { date: '2026-01-01', numerator: 10, denominator: 100 },
    { date: '2026-01-02', numerator: 12, denominator: 100 },
  ];

  it('adding days one run at a time equals one pass, and a restated value changes it', () => {
    const once = addToFingerprint(EMPTY_FINGERPRINT, days);
    expect(
      sameFingerprint(
        addToFingerprint(addToFingerprint(EMPTY_FINGERPRINT, days.slice(0, 1)), days.slice(1)),
        once,
      ),
    ).toBe(true);
    expect(
      sameFingerprint(once, addToFingerprint(EMPTY_FINGERPRINT, [days[0], { ...days[1], numerator: 13 }])),
    ).toBe(false);
    // The same values on swapped days are a change too.
    expect(
      sameFingerprint(
        once,
        addToFingerprint(EMPTY_FINGERPRINT, [
          { ...days[0], numerator: 12 },
          { ...days[1], numerator: 10 },
        ]),
      ),
    ).toBe(false);
    expect(sameFingerprint(null, once)).toBe(false);
  });
});
