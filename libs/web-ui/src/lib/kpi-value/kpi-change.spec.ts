import { compareKpiValues } from './kpi-change';
import { KpiDisplay } from '../kpi-display';

const serviceLevel: KpiDisplay = {
  code: 'service_level',
  name: 'Service level',
  unit: 'percent',
  direction: 'higher_is_better',
  displayPrecision: 1,
};
const aht: KpiDisplay = { code: 'aht', name: 'AHT', unit: 'seconds', direction: 'lower_is_better', displayPrecision: 0 };
const occupancy: KpiDisplay = {
  code: 'occupancy',
  name: 'Occupancy',
  unit: 'percent',
  direction: 'target_band',
  displayPrecision: 1,
  band: { low: 0.85, high: 0.9 },
};

describe('compareKpiValues', () => {
  it.each([
    ['higher is better, up', serviceLevel, 0.82, 0.8, 'up', 'good'],
    ['higher is better, down', serviceLevel, 0.78, 0.8, 'down', 'bad'],
    ['lower is better, down', aht, 290, 310, 'down', 'good'],
    ['lower is better, up', aht, 330, 310, 'up', 'bad'],
    ['band KPI, up', occupancy, 0.93, 0.88, 'up', 'neutral'],
    ['band KPI, down', occupancy, 0.8, 0.88, 'down', 'neutral'],
    ['same after rounding (81.44 % vs 81.41 %)', serviceLevel, 0.8144, 0.8141, 'flat', 'neutral'],
    ['same after rounding (312.4 s vs 311.6 s)', aht, 312.4, 311.6, 'flat', 'neutral'],
    ['no previous value', serviceLevel, 0.8, null, 'none', 'neutral'],
    ['no current value', serviceLevel, null, 0.8, 'none', 'neutral'],
    ['not a number', aht, Number.NaN, 300, 'none', 'neutral'],
  ] as const)('%s', (_case, kpi, value, previous, direction, tone) => {
    expect(compareKpiValues(kpi, value, previous)).toEqual({ direction, tone });
  });
});
