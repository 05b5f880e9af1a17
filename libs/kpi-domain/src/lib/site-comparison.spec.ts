import { findBuiltInKpi } from './kpi-catalog';
import { KpiDefinition } from './kpi-definition';
import { anObservation as o } from './kpi-observation.mock';
import { compareSites, kpiGoodness } from './site-comparison';

function kpi(code: string): KpiDefinition {
  const definition = findBuiltInKpi(code);
  if (!definition) throw new Error(`no KPI ${code}`);
  return definition;
}

describe('compareSites', () => {
  const observations = [
    // service level: mty 160/200 = 0.8, gdl 90/100 = 0.9, cdmx 70/100 = 0.7 ; overall 320/400 = 0.8
    o('service_level', '2024-03-04', 'mty', 100, 120),
    o('service_level', '2024-03-05', 'mty', 60, 80),
    o('service_level', '2024-03-04', 'gdl', 90, 100),
    o('service_level', '2024-03-04', 'cdmx', 70, 100),
    // AHT: mty 60000/200 = 300 s, gdl 28000/100 = 280 s, cdmx 32000/100 = 320 s ; overall 120000/400 = 300 s
    o('aht', '2024-03-04', 'mty', 60000, 200),
    o('aht', '2024-03-04', 'gdl', 28000, 100),
    o('aht', '2024-03-04', 'cdmx', 32000, 100),
    // occupancy (band 85..90 %): mty 0.87, gdl 0.88 (both inside: tie), cdmx 0.95 (5 points outside)
    o('occupancy', '2024-03-04', 'mty', 87, 100),
    o('occupancy', '2024-03-04', 'gdl', 88, 100),
    o('occupancy', '2024-03-04', 'cdmx', 95, 100),
    // outside the range / another provider: ignored
    o('service_level', '2024-04-01', 'qro', 0, 100),
    o('service_level', '2024-03-04', 'qro', 0, 100, { providerId: 'p2' }),
  ];
  const comparison = compareSites({
    definitions: [kpi('service_level'), kpi('aht'), kpi('occupancy'), kpi('backlog')],
    observations,
    from: '2024-03-01',
    to: '2024-03-31',
    filter: { providerId: 'p1' },
  });

  it('lists the sites with data, by city', () => {
    expect(comparison.sites).toEqual([
      { siteId: 'cdmx', city: 'Ciudad de México' },
      { siteId: 'gdl', city: 'Guadalajara' },
      { siteId: 'mty', city: 'Monterrey' },
    ]);
  });

  it.each([
    // KPI, overall, values (cdmx, gdl, mty), ranks, vs overall (positive = better)
    ['service_level', 0.8, [0.7, 0.9, 0.8], [3, 1, 2], [-0.1, 0.1, 0]],
    ['aht', 300, [320, 280, 300], [3, 1, 2], [-20, 20, 0]],
    // overall occupancy (95 + 88 + 87) / 300 = 0.9 -> inside the band, distance 0
    ['occupancy', 0.9, [0.95, 0.88, 0.87], [3, 1, 1], [-0.05, 0, 0]],
  ] as const)('%s side by side', (code, overall, values, ranks, vsOverall) => {
    const row = comparison.kpis.find((k) => k.kpiCode === code)!;
    expect(row.overall).toBeCloseTo(overall, 10);
    row.cells.forEach((cell, index) => {
      expect(cell.value).toBeCloseTo(values[index], 10);
      expect(cell.rank).toBe(ranks[index]);
      expect(cell.vsOverall).toBeCloseTo(vsOverall[index], 10);
    });
  });

  it('leaves a KPI without data unranked', () => {
    const backlog = comparison.kpis.find((k) => k.kpiCode === 'backlog')!;
    expect(backlog.overall).toBeNull();
    expect(backlog.cells.map((c) => [c.value, c.rank, c.vsOverall])).toEqual([
      [null, null, null],
      [null, null, null],
      [null, null, null],
    ]);
  });
});

describe('kpiGoodness', () => {
  it.each([
    ['service_level', 0.8, 0.8],
    ['aht', 300, -300],
    ['occupancy', 0.87, 0],
    ['occupancy', 0.8, -0.05],
    ['occupancy', 0.93, -0.03],
  ])('%s at %p -> %p', (code, value, expected) => {
    expect(kpiGoodness(kpi(code), value)).toBeCloseTo(expected, 10);
  });
});
