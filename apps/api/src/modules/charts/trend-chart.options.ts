import type { ChartConfiguration, Plugin } from 'chart.js';
import {
  CHART_CHANGE_FILL,
  CHART_CHANGE_LINE,
  CHART_FONT_FAMILY,
  CHART_GRID_COLOR,
  CHART_LINE_COLOR,
  CHART_TEXT_COLOR,
} from './charts.constants';

export interface TrendChartPoint {
  /** yyyy-mm-dd */
  date: string;
  value: number | null;
}

export interface TrendChartInput {
  points: TrendChartPoint[];
  /** The change started on this date: the part from it on is shaded and marked. */
  changeStart?: string | null;
  /** Formats an axis value (e.g. 0.81 -> "81 %"). */
  formatValue: (value: number) => string;
  title?: string;
}

/** Index of the first point on or after `date`, or -1. */
export function changeStartIndex(points: readonly TrendChartPoint[], date: string | null | undefined): number {
  if (!date) return -1;
  return points.findIndex((p) => p.date >= date);
}

/** Shades the chart area from the change start to the end and draws a dashed line at the start. */
export function changeMarkerPlugin(startIndex: number): Plugin<'line'> {
  return {
    id: 'kpiChangeMarker',
    beforeDatasetsDraw(chart) {
      if (startIndex < 0) return;
      const { ctx, chartArea, scales } = chart;
      const x = scales['x'].getPixelForValue(startIndex);
      ctx.save();
      ctx.fillStyle = CHART_CHANGE_FILL;
      ctx.fillRect(x, chartArea.top, chartArea.right - x, chartArea.bottom - chartArea.top);
      ctx.strokeStyle = CHART_CHANGE_LINE;
      ctx.setLineDash([4, 3]);
      ctx.lineWidth = 1.5;
      ctx.beginPath();
      ctx.moveTo(x, chartArea.top);
      ctx.lineTo(x, chartArea.bottom);
      ctx.stroke();
      ctx.restore();
    },
  };
}

/** The Chart.js configuration of a small, static trend chart (no animation, no interaction). */
export function buildTrendChartConfig(input: TrendChartInput, pixelRatio: number): ChartConfiguration<'line'> {
  const labels = input.points.map((p) => shortDate(p.date));
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        {
          data: input.points.map((p) => p.value),
          borderColor: CHART_LINE_COLOR,
          borderWidth: 1.75,
          pointRadius: 0,
          tension: 0.15,
          spanGaps: true,
        },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      devicePixelRatio: pixelRatio,
      events: [],
      layout: { padding: { top: 4, right: 10, bottom: 2, left: 2 } },
      plugins: {
        legend: { display: false },
        tooltip: { enabled: false },
        title: {
          display: Boolean(input.title),
          text: input.title ?? '',
          color: CHART_TEXT_COLOR,
          font: { family: CHART_FONT_FAMILY, size: 12, weight: 'bold' },
          align: 'start',
        },
      },
      scales: {
        x: {
          grid: { display: false },
          ticks: { color: CHART_TEXT_COLOR, font: { family: CHART_FONT_FAMILY, size: 10 }, maxTicksLimit: 6, maxRotation: 0 },
        },
        y: {
          grid: { color: CHART_GRID_COLOR },
          ticks: {
            color: CHART_TEXT_COLOR,
            font: { family: CHART_FONT_FAMILY, size: 10 },
            maxTicksLimit: 5,
            callback: (value) => input.formatValue(Number(value)),
          },
        },
      },
    },
    plugins: [changeMarkerPlugin(changeStartIndex(input.points, input.changeStart))],
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "2026-03-07" -> "7 Mar". */
export function shortDate(date: string): string {
  const month = Number(date.slice(5, 7));
  const day = Number(date.slice(8, 10));
  return Number.isFinite(month) && month >= 1 && month <= 12 ? `${day} ${MONTHS[month - 1]}` : date;
}
