import { TestBed } from '@angular/core/testing';
import { KpiTrendPointDto } from '@kpi/contracts';
import { KpiDisplay } from '../kpi-display';
import { KpiTrendChartComponent } from './kpi-trend-chart.component';

interface FakeChartInstance {
  data: { datasets: { data: (number | null)[] }[] };
  options: unknown;
  destroyed: boolean;
  updates: number;
}

// jsdom has no canvas: a stand-in Chart that "draws" synchronously and calls the plugins' afterRender hook.
jest.mock('chart.js', () => {
  class FakeChart {
    static register = jest.fn();
    static instances: FakeChart[] = [];
    width = 640;
    height = 320;
    data: unknown;
    options: unknown;
    destroyed = false;
    updates = 0;
    private readonly plugins: { afterRender?: (chart: unknown) => void }[];

    constructor(
      readonly canvas: HTMLCanvasElement,
      config: { data: unknown; options: unknown; plugins?: { afterRender?: (chart: unknown) => void }[] },
    ) {
      this.data = config.data;
      this.options = config.options;
      this.plugins = config.plugins ?? [];
      FakeChart.instances.push(this);
      this.render();
    }

    update(): void {
      this.updates += 1;
      this.render();
    }

    destroy(): void {
      this.destroyed = true;
    }

    private render(): void {
      for (const plugin of this.plugins) plugin.afterRender?.(this);
    }
  }
  return {
    Chart: FakeChart,
    CategoryScale: {},
    Filler: {},
    Legend: {},
    LinearScale: {},
    LineController: {},
    LineElement: {},
    PointElement: {},
    Tooltip: {},
  };
});

const chartJsMock = jest.requireMock('chart.js') as {
  Chart: { instances: FakeChartInstance[]; register: jest.Mock };
};

const serviceLevel: KpiDisplay = {
  code: 'service_level',
  name: 'Service level',
  unit: 'percent',
  direction: 'higher_is_better',
  displayPrecision: 1,
};

function point(periodStart: string, value: number | null): KpiTrendPointDto {
  return { periodStart, value, numerator: value ?? 0, denominator: 1 };
}

/** Lets the lazy Chart.js import resolve and the chart render. */
async function settle(fixture: { whenStable(): Promise<unknown> }): Promise<void> {
  await fixture.whenStable();
  await new Promise((resolve) => setTimeout(resolve));
  await fixture.whenStable();
}

describe('KpiTrendChartComponent', () => {
  beforeEach(() => {
    chartJsMock.Chart.instances.length = 0;
  });

  async function createChart(points: KpiTrendPointDto[]) {
    const fixture = TestBed.createComponent(KpiTrendChartComponent);
    fixture.componentRef.setInput('kpi', serviceLevel);
    fixture.componentRef.setInput('points', points);
    fixture.componentRef.setInput('granularity', 'day');
    fixture.componentRef.setInput('from', '2025-03-01');
    fixture.componentRef.setInput('to', '2025-03-03');
    const host = fixture.nativeElement as HTMLElement;
    expect(host.getAttribute('data-rendered')).toBe('false');
    await settle(fixture);
    return { fixture, host };
  }

  it('marks the host once Chart.js has drawn, with the number of points that have a value', async () => {
    const { host } = await createChart([point('2025-03-01', 0.8), point('2025-03-02', null), point('2025-03-03', 0.82)]);

    expect(host.getAttribute('data-testid')).toBe('kpi-trend-chart');
    expect(host.getAttribute('data-rendered')).toBe('true');
    expect(host.getAttribute('data-point-count')).toBe('2');
    expect(chartJsMock.Chart.instances).toHaveLength(1);
    expect(chartJsMock.Chart.register).toHaveBeenCalledTimes(1);
  });

  it('gives the canvas role="img" and an aria-label naming the KPI and range', async () => {
    const { host } = await createChart([point('2025-03-01', 0.8), point('2025-03-03', 0.82)]);
    const canvas = host.querySelector('canvas');

    expect(canvas?.getAttribute('role')).toBe('img');
    expect(canvas?.getAttribute('aria-label')).toBe(
      'Service level by day from 1 Mar 2025 to 3 Mar 2025: 2 data points, latest 82.0 %',
    );
    expect(host.querySelectorAll('tbody tr')).toHaveLength(2);
  });

  it('updates the same chart when the points change', async () => {
    const { fixture, host } = await createChart([point('2025-03-01', 0.8)]);
    const chart = chartJsMock.Chart.instances[0];

    fixture.componentRef.setInput('points', [point('2025-03-01', 0.8), point('2025-03-02', 0.81), point('2025-03-03', 0.9)]);
    await settle(fixture);

    expect(chartJsMock.Chart.instances).toHaveLength(1);
    expect(chart.updates).toBe(1);
    expect(chart.data.datasets[0].data).toEqual([0.8, 0.81, 0.9]);
    expect(host.getAttribute('data-rendered')).toBe('true');
    expect(host.getAttribute('data-point-count')).toBe('3');
  });

  it('draws the drift overlay: control limits, and marks the host with the events and start dates shown', async () => {
    const { fixture, host } = await createChart([point('2025-03-01', 0.8), point('2025-03-02', 0.81), point('2025-03-03', 0.7)]);
    expect(host.getAttribute('data-event-count')).toBe('0');
    expect(host.getAttribute('data-band')).toBe('false');
    const marker = (eventId: string, type: 'start' | 'detected', date: string) => ({
      eventId,
      type,
      date,
      kind: 'drift' as const,
      direction: 'adverse' as const,
      status: 'open' as const,
      label: `since ${date}`,
    });
    fixture.componentRef.setInput('overlay', {
      band: [{ periodStart: '2025-03-01', center: 0.8, lower: 0.77, upper: 0.83 }],
      markers: [
        marker('e1', 'start', '2025-03-02'),
        marker('e1', 'detected', '2025-03-03'),
        // Started before the range: pinned to the left edge. A detection before the range is not drawn.
        marker('e2', 'start', '2025-02-01'),
        marker('e3', 'detected', '2025-02-10'),
      ],
    });
    await settle(fixture);

    const chart = chartJsMock.Chart.instances[0];
    expect(chart.data.datasets).toHaveLength(3);
    expect(host.getAttribute('data-band')).toBe('true');
    expect(host.getAttribute('data-event-count')).toBe('2');
    expect(host.getAttribute('data-start-dates')).toBe('2025-02-01,2025-03-02');
    expect(host.getAttribute('data-rendered')).toBe('true');
  });

  it('destroys the chart with the component', async () => {
    const { fixture } = await createChart([point('2025-03-01', 0.8)]);
    const chart = chartJsMock.Chart.instances[0];

    fixture.destroy();

    expect(chart.destroyed).toBe(true);
  });
});
