import type { ChartRendererService } from '../charts/chart-renderer.service';
import type { ChartImageRenderer } from './exporters/pdf.exporter';
import { formatReviewValue } from './exporters/value-format';
import type { ReviewChart } from './quarterly-review.model';

type ChartConfig = Parameters<ChartRendererService['renderPng']>[0];
interface DrawableChart {
  ctx: CanvasRenderingContext2D;
  chartArea: { top: number; bottom: number };
  scales: Record<string, { getPixelForValue(value: number): number }>;
}

// 1.5 x keeps the print sharp at A4 width; 2 x doubles the PNG work for pdfkit (the pack would miss its 3 s target).
const PIXEL_RATIO = 1.5;

/** Chart.js configuration of a pack's weekly KPI trend, with a dashed line at each drift marker. */
export function qbrTrendChartConfig(chart: ReviewChart): ChartConfig {
  const labels = chart.points.map((p) => p.date.slice(5));
  // Each marker at the last week starting on or before its date.
  const markerIndexes = chart.markers
    .map((m) => chart.points.reduce((found, p, i) => (p.date <= m.date ? i : found), -1))
    .filter((index) => index >= 0);
  return {
    type: 'line',
    data: {
      labels,
      datasets: [
        { data: chart.points.map((p) => p.value), borderColor: '#1d4ed8', borderWidth: 2, pointRadius: 2, tension: 0.15, spanGaps: true },
      ],
    },
    options: {
      responsive: false,
      animation: false,
      events: [],
      plugins: { legend: { display: false }, tooltip: { enabled: false } },
      scales: {
        x: { grid: { display: false }, ticks: { font: { size: 10 }, maxRotation: 0 } },
        y: { ticks: { font: { size: 10 }, maxTicksLimit: 6, callback: (value: number | string) => formatReviewValue(Number(value), chart.type) } },
      },
    },
    plugins: [
      {
        id: 'qbrDriftMarkers',
        afterDatasetsDraw(drawable: DrawableChart) {
          const { ctx, chartArea, scales } = drawable;
          for (const index of markerIndexes) {
            const x = scales['x'].getPixelForValue(index);
            ctx.save();
            ctx.strokeStyle = '#b3261e';
            ctx.setLineDash([4, 3]);
            ctx.lineWidth = 1.5;
            ctx.beginPath();
            ctx.moveTo(x, chartArea.top);
            ctx.lineTo(x, chartArea.bottom);
            ctx.stroke();
            ctx.restore();
          }
        },
      },
    ],
  } as unknown as ChartConfig;
}

/** The PDF's chart renderer: Chart.js on the server through the shared chart renderer. */
export function qbrChartRenderer(renderer: ChartRendererService): ChartImageRenderer {
  return (chart, size) => {
    if (chart.points.every((p) => p.value === null)) return null;
    return renderer.renderPng(qbrTrendChartConfig(chart), size.width, size.height, PIXEL_RATIO);
  };
}
