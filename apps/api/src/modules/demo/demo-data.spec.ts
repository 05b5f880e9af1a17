import { DEMO_INCIDENTS, addDays, generateDemoObservations } from './demo-data';

const LAST_DAY = '2026-11-20';

function series(kpi: string, provider: string, site: string, line: string) {
  return generateDemoObservations(LAST_DAY).filter(
    (r) => r.kpiCode === kpi && r.providerCode === provider && r.siteCode === site && r.serviceLine === line,
  );
}

function ratio(rows: { numerator: number; denominator: number | null }[]) {
  return rows.reduce((s, r) => s + r.numerator, 0) / rows.reduce((s, r) => s + (r.denominator ?? 0), 0);
}

describe('generateDemoObservations', () => {
  it('is deterministic and covers 18 months of days ending on the last day', () => {
    const a = generateDemoObservations(LAST_DAY);
    const b = generateDemoObservations(LAST_DAY);
    expect(a).toEqual(b);
    const days = new Set(a.map((r) => r.periodStart));
    expect(days.size).toBe(548);
    expect([...days].sort().at(-1)).toBe(LAST_DAY);
  });

  it('keeps every ratio component consistent (numerator within 0..denominator for rates)', () => {
    for (const row of generateDemoObservations(LAST_DAY)) {
      expect(row.numerator).toBeGreaterThanOrEqual(0);
      if (['service_level', 'abandonment_rate', 'fcr', 'csat', 'qa_score', 'accuracy'].includes(row.kpiCode)) {
        expect(row.numerator).toBeLessThanOrEqual(row.denominator!);
      }
    }
  });

  it('injects the service-level step drop at Pacífico Guadalajara voice', () => {
    const { startDaysAgo } = DEMO_INCIDENTS.serviceLevelDrop;
    const rows = series('service_level', 'PACIFICO', 'GDL', 'voice');
    const cut = addDays(LAST_DAY, -startDaysAgo);
    const before = ratio(rows.filter((r) => r.periodStart < addDays(cut, -1) && r.periodStart >= addDays(cut, -90)));
    const after = ratio(rows.filter((r) => r.periodStart > cut));
    expect(before - after).toBeGreaterThan(0.07);
  });

  it('injects a gradual AHT rise at Norte Monterrey voice and none at Norte Mexico City', () => {
    const aht = (site: string) => {
      const rows = series('aht', 'NORTE', site, 'voice');
      return { start: ratio(rows.slice(-160, -130)), end: ratio(rows.slice(-14)) };
    };
    const mty = aht('MTY');
    const cdmx = aht('CDMX');
    expect(mty.end / mty.start).toBeGreaterThan(1.1);
    expect(Math.abs(cdmx.end / cdmx.start - 1)).toBeLessThan(0.04);
  });

  it('injects the QA decline at Altiplano Mexico City finance', () => {
    const rows = series('qa_score', 'ALTIPLANO', 'CDMX', 'finance_accounting');
    expect(ratio(rows.slice(-120, -91)) - ratio(rows.slice(-14))).toBeGreaterThan(0.06);
  });
});
