import {
  afterRenderEffect,
  ChangeDetectionStrategy,
  Component,
  computed,
  ElementRef,
  inject,
  input,
  OnDestroy,
  output,
  Renderer2,
  untracked,
  viewChild,
} from '@angular/core';
import type { Chart, ChartOptions, Plugin } from 'chart.js';
import { Granularity, KpiTrendPointDto } from '@kpi/contracts';
import { formatKpiValue } from '@kpi/domain';
import { KpiDisplay } from '../kpi-display';
import { loadKpiChartJs } from './chart.loader';
import {
  createDriftMarkersPlugin,
  createEventMarkersPlugin,
  eventMarkerAt,
  KpiChartEventMarker,
  KpiChartOverlay,
  PositionedEventMarker,
  PositionedMarker,
  positionEventMarkers,
  positionMarkers,
} from './kpi-chart-overlay';
import {
  buildKpiChartData,
  buildKpiChartOptions,
  countDrawablePoints,
  describeKpiTrend,
  formatPeriodTitle,
  KpiChartYRange,
} from './kpi-chart-options';

type KpiLineChart = Chart<'line', (number | null)[], string>;

/**
 * A Chart.js line chart of one KPI trend. Data comes only through inputs; the chart is created on first render,
 * updated when inputs change and destroyed with the component.
 *
 * Chart.js itself is loaded lazily on the first chart (see `loadKpiChartJs`).
 *
 * An optional `overlay` (from the drift api) adds the control-limits band and vertical event markers: the start of a
 * change ("since when", dashed), the day it was detected (solid) and resolved (dotted).
 *
 * Test contract: the host carries `data-testid="kpi-trend-chart"` (or the `testId` given to secondary charts); once Chart.js has drawn the current data, the
 * host gets `data-rendered="true"` and `data-point-count` (points with a value), plus, for the overlay,
 * `data-band` ("true" when control limits are drawn), `data-event-count` (events with a marker on the chart) and
 * `data-start-dates` (comma-separated ISO dates of the drawn start markers). The canvas has `role="img"` and an
 * `aria-label` naming the KPI and range; the same data is available as a table under "Show data table".
 */
@Component({
  selector: 'kpi-trend-chart',
  changeDetection: ChangeDetectionStrategy.OnPush,
  host: { class: 'kpi-trend-chart', '[attr.data-testid]': 'testId()', '[attr.data-kpi-code]': 'kpi().code' },
  template: `
    <div class="kpi-trend-chart__frame">
      <canvas #canvas role="img" [attr.aria-label]="ariaLabel()"></canvas>
    </div>
    <details class="kpi-trend-chart__data">
      <summary>Show data table</summary>
      <table>
        <caption>{{ ariaLabel() }}</caption>
        <thead>
          <tr>
            <th scope="col">Period</th>
            <th scope="col">{{ kpi().name }}</th>
          </tr>
        </thead>
        <tbody>
          @for (row of rows(); track row.periodStart) {
            <tr>
              <th scope="row">{{ row.period }}</th>
              <td>{{ row.value }}</td>
            </tr>
          }
        </tbody>
      </table>
    </details>
  `,
  styles: `
    :host {
      display: block;
    }
    .kpi-trend-chart__frame {
      position: relative;
      height: var(--kpi-chart-height, 320px);
    }
    .kpi-trend-chart__data {
      margin-top: 0.75rem;
      font-size: 0.875rem;
    }
    .kpi-trend-chart__data summary {
      cursor: pointer;
      color: var(--kpi-color-primary, #1d4ed8);
    }
    .kpi-trend-chart__data table {
      margin-top: 0.5rem;
      border-collapse: collapse;
    }
    .kpi-trend-chart__data caption {
      text-align: left;
      padding-bottom: 0.25rem;
      color: var(--kpi-color-muted, #52606d);
    }
    .kpi-trend-chart__data th,
    .kpi-trend-chart__data td {
      padding: 0.2rem 1rem 0.2rem 0;
      text-align: left;
      font-weight: normal;
      font-variant-numeric: tabular-nums;
    }
    .kpi-trend-chart__data thead th {
      font-weight: 600;
    }
  `,
})
export class KpiTrendChartComponent implements OnDestroy {
  readonly kpi = input.required<KpiDisplay>();
  readonly points = input.required<readonly KpiTrendPointDto[]>();
  readonly granularity = input<Granularity>('day');
  /** The requested range (inclusive ISO dates); defaults to the first and last point. */
  readonly from = input<string | null>(null);
  readonly to = input<string | null>(null);
  /** Control limits and event markers drawn over the series (optional). */
  readonly overlay = input<KpiChartOverlay | null>(null);
  /** A fixed y-axis shared with other charts (small multiples); by default the axis fits the data. */
  readonly yRange = input<KpiChartYRange | null>(null);
  /** Secondary charts on a page (small multiples) take another test id, so the main one stays unique. */
  readonly testId = input('kpi-trend-chart');
  /** Point-in-time events (e.g. escalations) flagged at the top of the chart; a click emits `eventMarkerSelect`. */
  readonly eventMarkers = input<readonly KpiChartEventMarker[]>([]);
  readonly eventMarkerSelect = output<KpiChartEventMarker>();

  private readonly host = inject<ElementRef<HTMLElement>>(ElementRef);
  private readonly renderer = inject(Renderer2);
  private readonly canvas = viewChild.required<ElementRef<HTMLCanvasElement>>('canvas');
  private chart: KpiLineChart | null = null;
  private creating = false;
  private destroyed = false;
  /** The markers of the configuration last handed to Chart.js (the plugin reads them on every draw). */
  private markers: readonly PositionedMarker[] = [];
  private readonly markersPlugin = createDriftMarkersPlugin(() => this.markers);
  private eventMarkersDrawn: readonly PositionedEventMarker[] = [];
  private readonly eventMarkersPlugin = createEventMarkersPlugin(() => this.eventMarkersDrawn);

  /** Marks the host once Chart.js has drawn (afterRender also fires when nothing could be drawn, e.g. size 0). */
  private readonly renderedMarker: Plugin<'line'> = {
    id: 'kpiRenderedMarker',
    afterRender: (chart) => {
      if (chart.width > 0 && chart.height > 0) this.markRendered(chart as KpiLineChart);
    },
  };

  protected readonly ariaLabel = computed(() =>
    describeKpiTrend(this.kpi(), this.points(), this.granularity(), this.from(), this.to()),
  );
  protected readonly rows = computed(() =>
    this.points().map((point) => ({
      periodStart: point.periodStart,
      period: formatPeriodTitle(point.periodStart, this.granularity()),
      value: formatKpiValue(this.kpi(), point.value),
    })),
  );
  private readonly chartConfig = computed(() => {
    const overlay = this.overlay();
    return {
      data: buildKpiChartData(this.kpi(), this.points(), this.granularity(), overlay),
      options: buildKpiChartOptions(this.kpi(), this.points(), this.granularity(), this.yRange()),
      markers: overlay ? positionMarkers(this.points(), overlay.markers, this.to()) : [],
      eventMarkers: positionEventMarkers(this.points(), this.eventMarkers(), this.to()),
    };
  });

  constructor() {
    this.setHostAttribute('data-rendered', 'false');
    afterRenderEffect({ write: () => this.renderChart() });
  }

  ngOnDestroy(): void {
    this.destroyed = true;
    this.destroyChart();
  }

  private renderChart(): void {
    const { data, options, markers, eventMarkers } = this.chartConfig();
    this.setHostAttribute('data-rendered', 'false');
    if (this.chart) {
      this.markers = markers;
      this.eventMarkersDrawn = eventMarkers;
      this.chart.data = data;
      this.chart.options = this.withEventClicks(options);
      this.chart.update();
    } else if (!this.creating) {
      this.creating = true;
      void loadKpiChartJs().then((ChartJs) => this.createChart(ChartJs));
    }
  }

  /** Creates the chart with the inputs current at that moment (they may have changed while Chart.js loaded). */
  private createChart(ChartJs: typeof Chart): void {
    this.creating = false;
    if (this.destroyed) return;
    const { data, options, markers, eventMarkers } = untracked(() => this.chartConfig());
    this.markers = markers;
    this.eventMarkersDrawn = eventMarkers;
    this.chart = new ChartJs(this.canvas().nativeElement, {
      type: 'line',
      data,
      options: this.withEventClicks(options),
      plugins: [this.markersPlugin, this.eventMarkersPlugin, this.renderedMarker],
    }) as KpiLineChart;
  }

  private markRendered(chart: KpiLineChart): void {
    const series = chart.data.datasets[0]?.data ?? [];
    const drawn = countDrawablePoints(series.map((value) => ({ value })));
    this.setHostAttribute('data-point-count', String(drawn));
    const starts = [...new Set(this.markers.filter((m) => m.marker.type === 'start').map((m) => m.marker.date))].sort();
    this.setHostAttribute('data-event-count', String(new Set(this.markers.map((m) => m.marker.eventId)).size));
    this.setHostAttribute('data-start-dates', starts.join(','));
    this.setHostAttribute('data-event-marker-count', String(this.eventMarkersDrawn.length));
    this.setHostAttribute('data-band', String(chart.data.datasets.some((d) => d.label?.startsWith('Control limits'))));
    this.setHostAttribute('data-rendered', 'true');
  }

  /** A click on an event flag selects that event (keyboard users get the same events as links from the page). */
  private withEventClicks(options: ChartOptions<'line'>): ChartOptions<'line'> {
    return {
      ...options,
      onClick: (event, _elements, chart) => {
        const x = chart.scales['x'];
        if (event.x === null || !x || event.y === null || event.y > chart.chartArea.top + 16) return;
        const marker = eventMarkerAt(event.x, this.eventMarkersDrawn, (index) => x.getPixelForValue(index));
        if (marker) this.eventMarkerSelect.emit(marker);
      },
    };
  }

  private destroyChart(): void {
    this.chart?.destroy();
    this.chart = null;
  }

  private setHostAttribute(name: string, value: string): void {
    this.renderer.setAttribute(this.host.nativeElement, name, value);
  }
}
