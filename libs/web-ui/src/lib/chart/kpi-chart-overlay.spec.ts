import { DriftMarkerDto, KpiTrendPointDto } from '@kpi/contracts';
import { alignBand, controlLimitDatasets, eventMarkerAt, markerColor, positionEventMarkers, positionMarkers } from './kpi-chart-overlay';
import { buildKpiChartData } from './kpi-chart-options';

const point = (periodStart: string): Pick<KpiTrendPointDto, 'periodStart'> => ({ periodStart });
const marker = (
  date: string,
  type: DriftMarkerDto['type'] = 'start',
  direction: DriftMarkerDto['direction'] = 'adverse',
): DriftMarkerDto => ({
  eventId: `e-${date}`,
  type,
  date,
  kind: 'drift',
  direction,
  status: 'open',
  label: `Drift since ${date}`,
});

describe('positionMarkers', () => {
  const days = ['2026-03-01', '2026-03-02', '2026-03-03'].map(point);
  const weeks = ['2026-03-02', '2026-03-09', '2026-03-16'].map(point);

  it.each([
    ['a day on a daily chart', days, '2026-03-02', undefined, 1],
    ['a day inside a week bucket', weeks, '2026-03-12', undefined, 1],
    ['the last bucket, up to the range end', weeks, '2026-03-21', '2026-03-22', 2],
    ['a start before the first bucket is pinned to the left edge', days, '2026-02-27', undefined, 0],
    ['after the range', days, '2026-03-05', '2026-03-03', null],
  ] as const)('%s', (_name, points, date, to, index) => {
    const placed = positionMarkers(points, [marker(date)], to);
    expect(placed.map((p) => p.index)).toEqual(index === null ? [] : [index]);
  });

  it('leaves out detections and resolutions before the range, and marks a pinned start', () => {
    expect(
      positionMarkers(days, [marker('2026-02-27', 'detected'), marker('2026-02-20', 'resolved')]),
    ).toEqual([]);
    expect(positionMarkers(days, [marker('2026-02-27')])[0].clamped).toBe(true);
    expect(positionMarkers(days, [marker('2026-03-02')])[0].clamped).toBeUndefined();
  });

  it('returns nothing without points', () => {
    expect(positionMarkers([], [marker('2026-03-01')])).toEqual([]);
  });
});

describe('alignBand and controlLimitDatasets', () => {
  const points = ['2026-03-01', '2026-03-02', '2026-03-03'].map(point);
  const band = [
    { periodStart: '2026-03-01', center: 300, lower: 280, upper: 320 },
    { periodStart: '2026-03-03', center: 310, lower: 290, upper: 330 },
  ];

  it('aligns limits to the chart buckets, with gaps where the band has no value', () => {
    expect(alignBand(points, band)).toEqual({ lower: [280, null, 290], upper: [320, null, 330] });
  });

  it('makes the lower edge and the upper edge filled down to it', () => {
    const [low, high] = controlLimitDatasets(points, band);
    expect(low.data).toEqual([280, null, 290]);
    expect(low.fill).toBe(false);
    expect(high.fill).toBe('-1');
    expect(high.label).toBe('Control limits (baseline ± 3σ)');
    expect(controlLimitDatasets(points, [])).toEqual([]);
  });

  it('adds the control limits after the KPI series, and never on a target-band KPI', () => {
    const aht = {
      code: 'aht',
      name: 'AHT',
      unit: 'seconds' as const,
      direction: 'lower_is_better' as const,
      displayPrecision: 0,
    };
    const trend = points.map((p) => ({ ...p, value: 300, numerator: 300, denominator: 1 }));
    expect(buildKpiChartData(aht, trend, 'day', { band, markers: [] }).datasets.map((d) => d.label)).toEqual([
      'AHT',
      'Control limit low',
      'Control limits (baseline ± 3σ)',
    ]);
    expect(buildKpiChartData(aht, trend, 'day').datasets).toHaveLength(1);
    const occupancy = {
      ...aht,
      code: 'occupancy',
      direction: 'target_band' as const,
      band: { low: 0.85, high: 0.9 },
    };
    expect(buildKpiChartData(occupancy, trend, 'day', { band, markers: [] }).datasets[2].label).toContain(
      'Target band',
    );
  });
});

describe('markerColor', () => {
  it.each([
    ['start', 'adverse', '#b42318'],
    ['detected', 'favourable', '#137333'],
    ['resolved', 'adverse', '#7b8794'],
  ] as const)('%s %s', (type, direction, color) => {
    expect(markerColor({ type, direction })).toBe(color);
  });
});

describe('event markers (escalations on the chart)', () => {
  const weeks = [{ periodStart: '2025-03-03' }, { periodStart: '2025-03-10' }, { periodStart: '2025-03-17' }];
  const marker = (id: string, date: string) => ({ id, date, label: id });

  it('puts each event on the bucket containing its day and leaves out events outside the range', () => {
    const positioned = positionEventMarkers(
      weeks,
      [marker('a', '2025-03-12T15:00:00Z'), marker('b', '2025-03-01T00:00:00Z'), marker('c', '2025-03-20'), marker('d', '2025-03-24')],
      '2025-03-23',
    );
    expect(positioned.map((p) => [p.marker.id, p.index])).toEqual([
      ['a', 1],
      ['c', 2],
    ]);
  });

  it('finds the flag under a click, within its width only', () => {
    const positioned = positionEventMarkers(weeks, [marker('a', '2025-03-04'), marker('b', '2025-03-11')]);
    const pixelFor = (index: number) => 100 + index * 50;
    expect(eventMarkerAt(153, positioned, pixelFor)?.id).toBe('b');
    expect(eventMarkerAt(98, positioned, pixelFor)?.id).toBe('a');
    expect(eventMarkerAt(125, positioned, pixelFor)).toBeNull();
  });
});
