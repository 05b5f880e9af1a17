import type { Chart } from 'chart.js';

let chartJs: Promise<typeof Chart> | null = null;

/** Loads Chart.js (with the KPI chart pieces registered) on first use, as its own lazy chunk. */
export function loadKpiChartJs(): Promise<typeof Chart> {
  chartJs ??= import('./chart.registry').then((registry) => registry.registerKpiChartComponents());
  return chartJs;
}
