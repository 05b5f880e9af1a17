import type { ChartData, ChartDataset, ChartOptions, TooltipItem } from 'chart.js';
import { Granularity, KpiTrendPointDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { formatIsoDate, monthShortName, parseIsoDate } from '../format/date-format';
import { KpiDisplay } from '../kpi-display';
import { KPI_CHART_COLORS, MAX_POINTS_WITH_MARKERS } from './kpi-chart.constants';
import { controlLimitDatasets, KpiChartOverlay } from './kpi-chart-overlay';

export type KpiLineData = ChartData<'line', (number | null)[], string>;

const GRANULARITY_WORDS: Record<Granularity, string> = {
  day: 'day',
  week: 'week',
  month: 'month',
  quarter: 'quarter',
};

/** The x-axis label of a bucket: "5 Mar" (day), "Wk 5 Mar" (week), "Mar 2025" (month), "Q1 2025" (quarter). */
export function formatPeriodLabel(periodStart: string, granularity: Granularity): string {
  const date = parseIsoDate(periodStart);
  if (!date) return periodStart;
  switch (granularity) {
    case 'day':
      return `${date.day} ${monthShortName(date.month)}`;
    case 'week':
      return `Wk ${date.day} ${monthShortName(date.month)}`;
    case 'month':
      return `${monthShortName(date.month)} ${date.year}`;
    case 'quarter':
      return `Q${Math.floor((date.month - 1) / 3) + 1} ${date.year}`;
  }
}

/** The full tooltip title of a bucket: "5 Mar 2025", "Week of 5 Mar 2025", "Mar 2025", "Q1 2025". */
export function formatPeriodTitle(periodStart: string, granularity: Granularity): string {
  if (granularity === 'day') return formatIsoDate(periodStart, periodStart);
  if (granularity === 'week') return `Week of ${formatIsoDate(periodStart, periodStart)}`;
  return formatPeriodLabel(periodStart, granularity);
}

/** A y-axis tick: percents as "82 %" / "82.5 %", scores x100, other units with their suffix. */
export function formatKpiAxisTick(kpi: Pick<KpiDisplay, 'unit'>, value: number): string {
  const trim = (v: number) => String(Math.round(v * 10) / 10);
  switch (kpi.unit) {
    case 'percent':
      return `${trim(value * 100)} %`;
    case 'score':
      return trim(value * 100);
    case 'seconds':
      return `${trim(value)} s`;
    case 'days':
      return `${trim(value)} d`;
    case 'hours':
      return `${trim(value)} h`;
    case 'count':
      return trim(value);
  }
}

/** Points with a value: what the chart actually draws (null buckets are gaps). */
export function countDrawablePoints(points: readonly Pick<KpiTrendPointDto, 'value'>[]): number {
  return points.filter((point) => isDrawable(point.value)).length;
}

/**
 * The line datasets: the KPI series first, then (band KPIs) the target band's low and high edges, filled
 * between, or (other KPIs, when an overlay has one) the drift control limits, drawn the same way.
 */
export function buildKpiChartData(
  kpi: KpiDisplay,
  points: readonly KpiTrendPointDto[],
  granularity: Granularity,
  overlay: KpiChartOverlay | null = null,
): KpiLineData {
  const labels = points.map((point) => formatPeriodLabel(point.periodStart, granularity));
  const series: ChartDataset<'line', (number | null)[]> = {
    label: kpi.name,
    data: points.map((point) => (isDrawable(point.value) ? point.value : null)),
    borderColor: KPI_CHART_COLORS.line,
    backgroundColor: KPI_CHART_COLORS.point,
    borderWidth: 2,
    pointRadius: points.length > MAX_POINTS_WITH_MARKERS ? 0 : 3,
    pointHoverRadius: 5,
    pointHitRadius: 8,
    tension: 0.2,
    spanGaps: false,
    fill: false,
  };
  const datasets = [series];
  const band = kpi.direction === 'target_band' ? kpi.band : null;
  if (band && points.length > 0) {
    const edge = (value: number, label: string, fill: false | '-1'): ChartDataset<'line', (number | null)[]> => ({
      label,
      data: points.map(() => value),
      borderColor: KPI_CHART_COLORS.bandBorder,
      backgroundColor: KPI_CHART_COLORS.band,
      borderWidth: 1,
      borderDash: [4, 4],
      pointRadius: 0,
      pointHitRadius: 0,
      fill,
    });
    const range = `${formatKpiValue(kpi, band.low)} – ${formatKpiValue(kpi, band.high)}`;
    datasets.push(edge(band.low, `Target band low`, false), edge(band.high, `Target band (${range})`, '-1'));
  } else if (overlay && overlay.band.length > 0 && points.length > 0) {
    datasets.push(...controlLimitDatasets(points, overlay.band));
  }
  return { labels, datasets };
}

/** Chart options for a KPI line chart: unit-aware axis and tooltips, no animation, no legend for the band's low edge. */
/** A fixed y-axis, so several small charts side by side can be compared by eye. */
export interface KpiChartYRange {
  readonly min: number;
  readonly max: number;
}

/** The y-range covering every value of several series (with 5 % room), or null when none has a value. */
export function sharedYRange(series: readonly (readonly KpiTrendPointDto[])[]): KpiChartYRange | null {
  const values = series.flatMap((points) => points.map((point) => point.value)).filter((v): v is number => v !== null && Number.isFinite(v));
  if (values.length === 0) return null;
  const low = Math.min(...values);
  const high = Math.max(...values);
  const room = (high - low) * 0.05 || Math.abs(high) * 0.05 || 1;
  return { min: low - room, max: high + room };
}

export function buildKpiChartOptions(
  kpi: KpiDisplay,
  points: readonly KpiTrendPointDto[],
  granularity: Granularity,
  yRange: KpiChartYRange | null = null,
): ChartOptions<'line'> {
  const options: ChartOptions<'line'> = {
    responsive: true,
    maintainAspectRatio: false,
    animation: false,
    interaction: { mode: 'index', intersect: false },
    layout: { padding: { top: 8, right: 8 } },
    scales: {
      x: {
        type: 'category',
        grid: { display: false },
        ticks: { color: KPI_CHART_COLORS.text, autoSkip: true, maxTicksLimit: 12, maxRotation: 0 },
      },
      y: {
        type: 'linear',
        grace: '5%',
        ...(yRange ? { min: yRange.min, max: yRange.max } : {}),
        grid: { color: KPI_CHART_COLORS.grid },
        ticks: {
          color: KPI_CHART_COLORS.text,
          callback: (value) => formatKpiAxisTick(kpi, Number(value)),
        },
      },
    },
    plugins: {
      legend: {
        display: true,
        position: 'bottom',
        labels: { color: KPI_CHART_COLORS.text, filter: (item) => item.datasetIndex !== 1 },
      },
      tooltip: {
        filter: (item: TooltipItem<'line'>) => item.datasetIndex === 0,
        callbacks: {
          title: (items: TooltipItem<'line'>[]) => {
            const point = items.length > 0 ? points[items[0].dataIndex] : undefined;
            return point ? formatPeriodTitle(point.periodStart, granularity) : '';
          },
          label: (item: TooltipItem<'line'>) => `${kpi.name}: ${formatKpiValue(kpi, item.parsed.y)}`,
        },
      },
    },
  };
  return options;
}

/** The accessible name of the chart canvas: KPI, granularity, range, number of points and the latest value. */
export function describeKpiTrend(
  kpi: KpiDisplay,
  points: readonly KpiTrendPointDto[],
  granularity: Granularity,
  from?: string | null,
  to?: string | null,
): string {
  const first = from ?? points[0]?.periodStart;
  const last = to ?? points[points.length - 1]?.periodStart;
  const range = first && last ? ` from ${formatIsoDate(first)} to ${formatIsoDate(last)}` : '';
  const count = countDrawablePoints(points);
  const latest = [...points].reverse().find((point) => isDrawable(point.value));
  const latestText = latest ? `, latest ${formatKpiValue(kpi, latest.value)}` : '';
  const noun = count === 1 ? 'data point' : 'data points';
  return `${kpi.name} by ${GRANULARITY_WORDS[granularity]}${range}: ${count} ${noun}${latestText}`;
}

function isDrawable(value: number | null | undefined): value is number {
  return typeof value === 'number' && Number.isFinite(value);
}
