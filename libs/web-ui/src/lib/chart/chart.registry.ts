import {
  CategoryScale,
  Chart,
  Filler,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from 'chart.js';

let registered = false;

/**
 * Registers only the Chart.js pieces the KPI charts use, once, and returns the Chart class. Named imports keep the
 * rest of Chart.js out of the bundle. Load this module through `loadKpiChartJs()` so it stays in a lazy chunk.
 */
export function registerKpiChartComponents(): typeof Chart {
  if (!registered) {
    Chart.register(LineController, LineElement, PointElement, LinearScale, CategoryScale, Tooltip, Legend, Filler);
    registered = true;
  }
  return Chart;
}
