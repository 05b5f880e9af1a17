import type { TooltipItem } from 'chart.js';
import { KpiTrendPointDto } from '@kpi/contracts';
import { KpiDisplay } from '../kpi-display';
import {
  buildKpiChartData,
  buildKpiChartOptions,
  countDrawablePoints,
  describeKpiTrend,
  formatKpiAxisTick,
  formatPeriodLabel,
  formatPeriodTitle,
  sharedYRange,
} from './kpi-chart-options';

const serviceLevel: KpiDisplay = {
  code: 'service_level',
  name: 'Service level',
  unit: 'percent',
  direction: 'higher_is_better',
  displayPrecision: 1,
};
const occupancy: KpiDisplay = {
  code: 'occupancy',
  name: 'Occupancy',
  unit: 'percent',
  direction: 'target_band',
  displayPrecision: 1,
  band: { low: 0.85, high: 0.9 },
};
const aht: KpiDisplay = { code: 'aht', name: 'AHT', unit: 'seconds', direction: 'lower_is_better', displayPrecision: 0 };

function point(periodStart: string, value: number | null): KpiTrendPointDto {
  return { periodStart, value, numerator: value ?? 0, denominator: value === null ? null : 1 };
}

const points = [point('2025-03-03', 0.81), point('2025-03-04', null), point('2025-03-05', 0.835)];

describe('formatPeriodLabel / formatPeriodTitle', () => {
  it.each([
    ['2025-03-05', 'day', '5 Mar', '5 Mar 2025'],
    ['2025-03-03', 'week', 'Wk 3 Mar', 'Week of 3 Mar 2025'],
    ['2025-03-01', 'month', 'Mar 2025', 'Mar 2025'],
    ['2025-10-01', 'quarter', 'Q4 2025', 'Q4 2025'],
    ['2025-01-01', 'quarter', 'Q1 2025', 'Q1 2025'],
  ] as const)('%s by %s', (periodStart, granularity, label, title) => {
    expect(formatPeriodLabel(periodStart, granularity)).toBe(label);
    expect(formatPeriodTitle(periodStart, granularity)).toBe(title);
  });

  it('leaves an unparseable date as it is', () => {
    expect(formatPeriodLabel('not-a-date', 'day')).toBe('not-a-date');
  });
});

describe('formatKpiAxisTick', () => {
  it.each([
    [serviceLevel, 0.8, '80 %'],
    [serviceLevel, 0.825, '82.5 %'],
    [aht, 312, '312 s'],
    [{ unit: 'days' } as const, 3.25, '3.3 d'],
    [{ unit: 'hours' } as const, 4, '4 h'],
    [{ unit: 'count' } as const, 17, '17'],
    [{ unit: 'score' } as const, 0.31, '31'],
  ])('%#: %p -> %p', (kpi, value, expected) => {
    expect(formatKpiAxisTick(kpi, value)).toBe(expected);
  });
});

describe('countDrawablePoints', () => {
  it('counts only points with a finite value', () => {
    expect(countDrawablePoints(points)).toBe(2);
    expect(countDrawablePoints([])).toBe(0);
    expect(countDrawablePoints([{ value: Number.NaN }, { value: 0 }])).toBe(1);
  });
});

describe('buildKpiChartData', () => {
  it('makes one series with gaps for missing values and a label per bucket', () => {
    const data = buildKpiChartData(serviceLevel, points, 'day');
    expect(data.labels).toEqual(['3 Mar', '4 Mar', '5 Mar']);
    expect(data.datasets).toHaveLength(1);
    expect(data.datasets[0].label).toBe('Service level');
    expect(data.datasets[0].data).toEqual([0.81, null, 0.835]);
    expect(data.datasets[0].spanGaps).toBe(false);
  });

  it('adds the target band (low edge, then high edge filled down to it) for band KPIs', () => {
    const data = buildKpiChartData(occupancy, points, 'day');
    expect(data.datasets).toHaveLength(3);
    expect(data.datasets[1].data).toEqual([0.85, 0.85, 0.85]);
    expect(data.datasets[2].data).toEqual([0.9, 0.9, 0.9]);
    expect(data.datasets[2].fill).toBe('-1');
    expect(data.datasets[2].label).toBe('Target band (85.0 % – 90.0 %)');
  });

  it('hides point markers on long series', () => {
    const many = Array.from({ length: 90 }, (_, i) => point(`2025-01-${String((i % 28) + 1).padStart(2, '0')}`, 0.8));
    expect(buildKpiChartData(serviceLevel, many, 'day').datasets[0].pointRadius).toBe(0);
  });
});

describe('buildKpiChartOptions', () => {
  const options = buildKpiChartOptions(serviceLevel, points, 'week');

  it('is responsive, fills its container and does not animate', () => {
    expect(options.responsive).toBe(true);
    expect(options.maintainAspectRatio).toBe(false);
    expect(options.animation).toBe(false);
  });

  it('formats y ticks for the unit (percent ratios as %)', () => {
    const callback = options.scales?.['y']?.ticks?.callback as (value: number) => string;
    expect(callback(0.75)).toBe('75 %');
  });

  it('formats tooltips with the KPI format and the full period', () => {
    const callbacks = options.plugins?.tooltip?.callbacks as {
      title: (items: Partial<TooltipItem<'line'>>[]) => string;
      label: (item: Partial<TooltipItem<'line'>>) => string;
    };
    expect(callbacks.title([{ dataIndex: 2 }])).toBe('Week of 5 Mar 2025');
    expect(callbacks.label({ parsed: { x: 2, y: 0.835 } })).toBe('Service level: 83.5 %');
  });

  it('shows only the KPI series in tooltips and hides the band low edge in the legend', () => {
    const tooltipFilter = options.plugins?.tooltip?.filter as (item: { datasetIndex: number }) => boolean;
    expect(tooltipFilter({ datasetIndex: 0 })).toBe(true);
    expect(tooltipFilter({ datasetIndex: 2 })).toBe(false);
    const legendFilter = options.plugins?.legend?.labels?.filter as (item: { datasetIndex: number }) => boolean;
    expect(legendFilter({ datasetIndex: 1 })).toBe(false);
    expect(legendFilter({ datasetIndex: 2 })).toBe(true);
  });
});

describe('sharedYRange (small multiples)', () => {
  it('covers every value of every series, with room above and below', () => {
    const range = sharedYRange([points, [point('2025-03-03', 0.7), point('2025-03-04', 0.9)]]);
    expect(range?.min).toBeCloseTo(0.69);
    expect(range?.max).toBeCloseTo(0.91);
  });

  it('is null without values and never zero-height for one flat value', () => {
    expect(sharedYRange([[point('2025-03-03', null)], []])).toBeNull();
    const flat = sharedYRange([[point('2025-03-03', 300)]]);
    expect(flat!.max - flat!.min).toBeGreaterThan(0);
  });

  it('fixes the y-axis of a chart when given', () => {
    const y = buildKpiChartOptions(serviceLevel, points, 'week', { min: 0.5, max: 1 }).scales?.['y'] as { min?: number; max?: number };
    expect([y.min, y.max]).toEqual([0.5, 1]);
    const free = buildKpiChartOptions(serviceLevel, points, 'week').scales?.['y'] as { min?: number; max?: number };
    expect(free.min).toBeUndefined();
  });
});

describe('describeKpiTrend', () => {
  it('names the KPI, granularity, range, point count and latest value', () => {
    expect(describeKpiTrend(serviceLevel, points, 'day', '2025-03-03', '2025-03-05')).toBe(
      'Service level by day from 3 Mar 2025 to 5 Mar 2025: 2 data points, latest 83.5 %',
    );
  });

  it('falls back to the first and last point when no range is given', () => {
    expect(describeKpiTrend(aht, [point('2025-01-01', 300)], 'month')).toBe(
      'AHT by month from 1 Jan 2025 to 1 Jan 2025: 1 data point, latest 300 s',
    );
  });

  it('handles an empty series', () => {
    expect(describeKpiTrend(aht, [], 'quarter')).toBe('AHT by quarter: 0 data points');
  });
});
