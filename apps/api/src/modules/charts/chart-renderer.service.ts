import { Injectable } from '@nestjs/common';
import { createCanvas } from '@napi-rs/canvas';
import { Chart, ChartConfiguration, registerables } from 'chart.js';
import { EMAIL_CHART_HEIGHT, EMAIL_CHART_PIXEL_RATIO, EMAIL_CHART_WIDTH } from './charts.constants';
import { buildTrendChartConfig, TrendChartInput } from './trend-chart.options';

let registered = false;

function ensureRegistered(): void {
  if (registered) return;
  Chart.register(...registerables);
  registered = true;
}

/**
 * Chart images on the server: Chart.js drawing on a @napi-rs/canvas canvas (no browser), encoded as PNG.
 * Shared by the alert emails and the quarterly review. Without a DOM, Chart.js uses its basic platform, so
 * charts must be static (responsive off, no animation).
 */
@Injectable()
export class ChartRendererService {
  /** Any Chart.js configuration, `width` x `height` CSS pixels at `pixelRatio`. */
  renderPng(config: ChartConfiguration, width: number, height: number, pixelRatio = 1): Buffer {
    ensureRegistered();
    // Created at CSS size: Chart.js scales the canvas by devicePixelRatio itself.
    const canvas = createCanvas(Math.round(width), Math.round(height));
    const chart = new Chart(canvas as unknown as HTMLCanvasElement, {
      ...config,
      options: { ...config.options, responsive: false, animation: false, devicePixelRatio: pixelRatio },
    } as ChartConfiguration);
    try {
      return canvas.toBuffer('image/png');
    } finally {
      chart.destroy();
    }
  }

  /** The small KPI trend image of an alert email, with the change period shaded. */
  renderTrendPng(input: TrendChartInput, size = { width: EMAIL_CHART_WIDTH, height: EMAIL_CHART_HEIGHT }): Buffer {
    return this.renderPng(
      buildTrendChartConfig(input, EMAIL_CHART_PIXEL_RATIO) as unknown as ChartConfiguration,
      size.width,
      size.height,
      EMAIL_CHART_PIXEL_RATIO,
    );
  }
}
