import { describeDelivery, describeFilters, describeFiltersShort, FilterNames } from './subscription-description';

const names: FilterNames = {
  providers: new Map([['p1', 'Norte Contact Solutions']]),
  sites: new Map([['s1', 'NORTE Monterrey']]),
  kpis: new Map([['aht', 'Average handle time']]),
};
const any = { providerIds: [], siteIds: [], kpiCodes: [], kinds: [], minSeverity: 'medium' as const };

describe('subscription descriptions (which filters applied)', () => {
  it.each([
    [any, 'providers: all yours; sites: all; KPIs: all; kinds: all; severity: medium or higher'],
    [
      { providerIds: ['p1'], siteIds: ['s1'], kpiCodes: ['aht', 'unknown'], kinds: ['drift', 'sla_breach'], minSeverity: 'high' as const },
      'providers: Norte Contact Solutions; sites: NORTE Monterrey; KPIs: Average handle time, unknown; kinds: KPI drift, SLA breach; severity: high or higher',
    ],
  ] as const)('describes %p', (filter, text) => {
    expect(describeFilters({ ...filter, kinds: [...filter.kinds] } as never, names)).toBe(text);
  });

  it.each([
    [{ immediate: true, immediateMinSeverity: 'critical', digest: 'daily', digestHour: 8, digestWeekday: 1 }, 'immediately for critical and above; daily digest at 08:00 (America/Mexico_City)'],
    [{ immediate: false, immediateMinSeverity: 'critical', digest: 'weekly', digestHour: 17, digestWeekday: 5 }, 'weekly digest on Friday at 17:00 (America/Mexico_City)'],
    [{ immediate: false, immediateMinSeverity: 'critical', digest: 'none', digestHour: 8, digestWeekday: 1 }, 'no mail (paused)'],
  ] as const)('delivery %p', (delivery, text) => {
    expect(describeDelivery({ filter: any, timeZone: 'America/Mexico_City', ...delivery })).toBe(text);
  });

  it('has a short form for footers', () => {
    expect(describeFiltersShort({ filter: { ...any, providerIds: ['a', 'b'], kinds: ['drift'] } })).toBe(
      '2 providers, all sites, all KPIs, KPI drift, medium or higher',
    );
  });
});
