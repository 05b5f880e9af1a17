import type { ChartDataset, Plugin } from 'chart.js';
import { DriftBandPointDto, DriftMarkerDto, KpiTrendPointDto } from '@kpi/contracts';
import { KPI_CHART_COLORS } from './kpi-chart.constants';

/** What a KPI chart can draw over its series: a control-limits band and event markers (from the drift api). */
export interface KpiChartOverlay {
  readonly band: readonly DriftBandPointDto[];
  readonly markers: readonly DriftMarkerDto[];
}

/** A marker placed on the chart: the index of the bucket that contains its date. */
export interface PositionedMarker {
  readonly index: number;
  readonly marker: DriftMarkerDto;
  /** A start before the chart's range, pinned to its left edge (the change is older than what is shown). */
  readonly clamped?: boolean;
}

/** The band's lower and upper limits aligned to the chart's buckets (null where the band has no value). */
export function alignBand(
  points: readonly Pick<KpiTrendPointDto, 'periodStart'>[],
  band: readonly DriftBandPointDto[],
): { lower: (number | null)[]; upper: (number | null)[] } {
  const byDate = new Map(band.map((b) => [b.periodStart, b]));
  return {
    lower: points.map((p) => byDate.get(p.periodStart)?.lower ?? null),
    upper: points.map((p) => byDate.get(p.periodStart)?.upper ?? null),
  };
}

/**
 * Places each marker on the bucket containing its date: the last bucket starting on or before it
 * (buckets are sorted by start). Markers after `to` (default: the last bucket's start) are left out,
 * and so are markers before the first bucket, except the start of a change, which is pinned to the left
 * edge: a drift that began before the range is still going on in it.
 */
export function positionMarkers(
  points: readonly Pick<KpiTrendPointDto, 'periodStart'>[],
  markers: readonly DriftMarkerDto[],
  to?: string | null,
): PositionedMarker[] {
  if (points.length === 0) return [];
  const last = to ?? points[points.length - 1].periodStart;
  const out: PositionedMarker[] = [];
  for (const marker of markers) {
    if (marker.date > last) continue;
    if (marker.date < points[0].periodStart) {
      if (marker.type === 'start') out.push({ index: 0, marker, clamped: true });
      continue;
    }
    let index = 0;
    for (let i = 0; i < points.length && points[i].periodStart <= marker.date; i++) index = i;
    out.push({ index, marker });
  }
  return out;
}

/** The two datasets of the control-limits band: the lower limit, then the upper one filled down to it. */
export function controlLimitDatasets(
  points: readonly Pick<KpiTrendPointDto, 'periodStart'>[],
  band: readonly DriftBandPointDto[],
): ChartDataset<'line', (number | null)[]>[] {
  const { lower, upper } = alignBand(points, band);
  if (!lower.some((v) => v !== null)) return [];
  const edge = (
    data: (number | null)[],
    label: string,
    fill: false | '-1',
  ): ChartDataset<'line', (number | null)[]> => ({
    label,
    data,
    borderColor: KPI_CHART_COLORS.limitBorder,
    backgroundColor: KPI_CHART_COLORS.limit,
    borderWidth: 1,
    borderDash: [3, 3],
    pointRadius: 0,
    pointHitRadius: 0,
    spanGaps: true,
    fill,
  });
  return [edge(lower, 'Control limit low', false), edge(upper, 'Control limits (baseline ± 3σ)', '-1')];
}

const MARKER_STYLE: Record<DriftMarkerDto['type'], { dash: number[]; width: number }> = {
  start: { dash: [6, 4], width: 2 },
  detected: { dash: [], width: 1.5 },
  resolved: { dash: [2, 3], width: 1.5 },
};

/** Colour of a marker: adverse changes red, improvements green, resolutions grey. */
export function markerColor(marker: Pick<DriftMarkerDto, 'type' | 'direction'>): string {
  if (marker.type === 'resolved') return KPI_CHART_COLORS.markerResolved;
  return marker.direction === 'adverse' ? KPI_CHART_COLORS.markerAdverse : KPI_CHART_COLORS.markerFavourable;
}

/**
 * A Chart.js plugin drawing the markers as vertical lines (start: dashed, detected: solid, resolved:
 * dotted) with a small label at the top. `markers` is read on every draw, so the chart's owner can
 * swap the markers and call update().
 */
export function createDriftMarkersPlugin(markers: () => readonly PositionedMarker[]): Plugin<'line'> {
  return {
    id: 'kpiDriftMarkers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales['x'];
      if (!x || !chartArea) return;
      ctx.save();
      ctx.font = '11px system-ui, sans-serif';
      ctx.textBaseline = 'top';
      const labelled = new Set<number>();
      for (const { index, marker, clamped } of markers()) {
        const px = x.getPixelForValue(index);
        if (!Number.isFinite(px) || px < chartArea.left - 1 || px > chartArea.right + 1) continue;
        const style = MARKER_STYLE[marker.type];
        ctx.strokeStyle = markerColor(marker);
        ctx.lineWidth = style.width;
        ctx.setLineDash(style.dash);
        ctx.beginPath();
        ctx.moveTo(px, chartArea.top);
        ctx.lineTo(px, chartArea.bottom);
        ctx.stroke();
        if (marker.type === 'start' && !labelled.has(index)) {
          labelled.add(index);
          ctx.fillStyle = markerColor(marker);
          const text = clamped ? `◂ ${marker.label}` : marker.label;
          const width = ctx.measureText(text).width;
          const left = Math.min(Math.max(px + 4, chartArea.left), chartArea.right - width);
          ctx.fillText(text, left, chartArea.top + 2);
        }
      }
      ctx.restore();
    },
  };
}

/** A point-in-time event shown on the chart (e.g. an escalation): a flag at the top, clickable. */
export interface KpiChartEventMarker {
  readonly id: string;
  readonly date: string;
  readonly label: string;
}

export interface PositionedEventMarker {
  readonly index: number;
  readonly marker: KpiChartEventMarker;
}

/** Event markers on the bucket containing their date; those outside the drawn range are left out. */
export function positionEventMarkers(
  points: readonly Pick<KpiTrendPointDto, 'periodStart'>[],
  markers: readonly KpiChartEventMarker[],
  to?: string | null,
): PositionedEventMarker[] {
  if (points.length === 0) return [];
  const last = to ?? points[points.length - 1].periodStart;
  return markers
    .filter((marker) => marker.date.slice(0, 10) >= points[0].periodStart && marker.date.slice(0, 10) <= last)
    .map((marker) => {
      const day = marker.date.slice(0, 10);
      let index = 0;
      for (let i = 0; i < points.length && points[i].periodStart <= day; i++) index = i;
      return { index, marker };
    });
}

/** Half the width of an event flag, in pixels (also the click tolerance). */
export const EVENT_MARKER_HALF_WIDTH = 6;

/** The event marker under a click at `px` (closest within the flag's width), if any. */
export function eventMarkerAt(
  px: number,
  markers: readonly PositionedEventMarker[],
  pixelFor: (index: number) => number,
): KpiChartEventMarker | null {
  let best: { marker: KpiChartEventMarker; distance: number } | null = null;
  for (const { index, marker } of markers) {
    const distance = Math.abs(pixelFor(index) - px);
    if (distance <= EVENT_MARKER_HALF_WIDTH && (!best || distance < best.distance)) best = { marker, distance };
  }
  return best?.marker ?? null;
}

/** Draws each event marker as a downward triangle at the top of the plot area. */
export function createEventMarkersPlugin(markers: () => readonly PositionedEventMarker[]): Plugin<'line'> {
  return {
    id: 'kpiEventMarkers',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const x = scales['x'];
      if (!x || !chartArea) return;
      ctx.save();
      ctx.fillStyle = KPI_CHART_COLORS.markerAdverse;
      for (const { index } of markers()) {
        const px = x.getPixelForValue(index);
        if (!Number.isFinite(px)) continue;
        ctx.beginPath();
        ctx.moveTo(px - EVENT_MARKER_HALF_WIDTH, chartArea.top);
        ctx.lineTo(px + EVENT_MARKER_HALF_WIDTH, chartArea.top);
        ctx.lineTo(px, chartArea.top + EVENT_MARKER_HALF_WIDTH * 1.6);
        ctx.closePath();
        ctx.fill();
      }
      ctx.restore();
    },
  };
}
