import { loadImage } from '@napi-rs/canvas';
import { ChartRendererService } from './chart-renderer.service';
import { buildTrendChartConfig, changeStartIndex, shortDate } from './trend-chart.options';

const points = Array.from({ length: 90 }, (_, i) => ({
  date: new Date(Date.UTC(2026, 7, 3 + i)).toISOString().slice(0, 10),
  value: i % 17 === 0 ? null : 300 + i * 0.8 + (i % 7) * 3,
}));

describe('server-side trend chart', () => {
  it.each([
    ['2026-03-07', '7 Mar'],
    ['2026-12-31', '31 Dec'],
    ['garbage', 'garbage'],
  ])('shortDate(%s) = %s', (date, label) => {
    expect(shortDate(date)).toBe(label);
  });

  it.each([
    [null, -1],
    ['2026-08-03', 0],
    ['2026-09-01', 29],
    ['2030-01-01', -1],
  ])('changeStartIndex(%p) = %p', (date, index) => {
    expect(changeStartIndex(points, date)).toBe(index);
  });

  it('builds a static configuration with formatted axis labels', () => {
    const config = buildTrendChartConfig({ points, formatValue: (v) => `${v} s`, title: 'AHT' }, 2);
    expect(config.options?.animation).toBe(false);
    expect(config.options?.responsive).toBe(false);
    expect(config.data.datasets[0].data).toHaveLength(90);
    const callback = config.options?.scales?.['y']?.ticks?.callback as (v: number) => string;
    expect(callback.call(null as never, 300 as never, 0, [])).toBe('300 s');
  });

  it('renders a PNG of the requested size with a line drawn on it', async () => {
    const png = new ChartRendererService().renderTrendPng(
      { points, changeStart: '2026-09-15', formatValue: (v) => `${Math.round(v)} s`, title: 'AHT · Monterrey' },
      { width: 300, height: 120 },
    );
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    const image = await loadImage(png);
    expect([image.width, image.height]).toEqual([600, 240]); // 2x pixel density
    const { createCanvas } = await import('@napi-rs/canvas');
    const canvas = createCanvas(image.width, image.height);
    const ctx = canvas.getContext('2d');
    ctx.drawImage(image, 0, 0);
    const { data } = ctx.getImageData(0, 0, image.width, image.height);
    let blue = 0;
    for (let i = 0; i < data.length; i += 4) if (data[i + 2] > 150 && data[i] < 80 && data[i + 3] > 0) blue++;
    expect(blue).toBeGreaterThan(200); // the trend line (#1d4ed8)
  });
});
