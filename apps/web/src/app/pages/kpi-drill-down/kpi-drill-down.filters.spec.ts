import {
  DEFAULT_DRILL_DOWN_FILTERS,
  defaultPeriod,
  DrillDownFilters,
  parseDrillDownQuery,
  toDrillDownQuery,
  toRollupQuery,
} from './kpi-drill-down.filters';

const NORTE = '0b9a3f5e-1c2d-4e5f-8a9b-0c1d2e3f4a5b';
const PACIFICO = '1c2d3e4f-5a6b-4c7d-8e9f-a0b1c2d3e4f5';
const SITE = '2d3e4f5a-6b7c-4d8e-9fa0-b1c2d3e4f5a6';

describe('drill-down filters in the URL', () => {
  it('reads every filter from the query', () => {
    expect(
      parseDrillDownQuery({
        providers: `${NORTE},${PACIFICO}`,
        city: 'Guadalajara',
        site: SITE,
        line: 'voice',
        from: '2025-01-01',
        to: '2025-03-31',
        granularity: 'month',
        groupBy: 'city',
      }),
    ).toEqual({
      providerIds: [NORTE, PACIFICO],
      city: 'Guadalajara',
      siteId: SITE,
      serviceLine: 'voice',
      from: '2025-01-01',
      to: '2025-03-31',
      granularity: 'month',
      groupBy: 'city',
    });
  });

  it('gives the defaults for an empty query', () => {
    expect(parseDrillDownQuery({})).toEqual(DEFAULT_DRILL_DOWN_FILTERS);
  });

  it('ignores invalid values, keeping the valid ones', () => {
    expect(
      parseDrillDownQuery({
        providers: `${NORTE},not-an-id,${NORTE}`,
        city: '   ',
        site: '42',
        line: 'telepathy',
        from: '2025-02-30',
        to: '2025-13-01',
        granularity: 'hourly',
        groupBy: 'planet',
      }),
    ).toEqual({ ...DEFAULT_DRILL_DOWN_FILTERS, providerIds: [NORTE] });
  });

  it('drops a range whose start is after its end', () => {
    const filters = parseDrillDownQuery({ from: '2025-04-01', to: '2025-03-01', city: 'Monterrey' });
    expect(filters).toMatchObject({ from: null, to: null, city: 'Monterrey' });
  });

  it('accepts repeated parameters as a list', () => {
    expect(parseDrillDownQuery({ providers: [NORTE, PACIFICO], city: ['Guadalajara', 'Monterrey'] })).toMatchObject({
      providerIds: [NORTE, PACIFICO],
      city: 'Guadalajara',
    });
  });

  it('writes only what differs from the defaults, and clears the rest', () => {
    expect(toDrillDownQuery({ ...DEFAULT_DRILL_DOWN_FILTERS, city: 'Guadalajara' })).toEqual({
      providers: null,
      city: 'Guadalajara',
      site: null,
      line: null,
      from: null,
      to: null,
      granularity: null,
      groupBy: null,
    });
  });

  it('survives a round trip through the URL', () => {
    const filters: DrillDownFilters = {
      providerIds: [PACIFICO],
      city: 'Guadalajara',
      siteId: SITE,
      serviceLine: 'chat',
      from: '2025-01-01',
      to: '2025-06-30',
      granularity: 'day',
      groupBy: 'provider',
    };
    const query = Object.fromEntries(Object.entries(toDrillDownQuery(filters)).filter(([, value]) => value !== null));
    expect(parseDrillDownQuery(query as Record<string, string>)).toEqual(filters);
  });
});

describe('drill-down period and api query', () => {
  it('defaults to the three calendar months ending with the latest data date', () => {
    expect(defaultPeriod('2025-03-12', new Date('2026-01-01T00:00:00Z'))).toEqual({ from: '2025-01-01', to: '2025-03-12' });
    expect(defaultPeriod('2025-02-28', new Date())).toEqual({ from: '2024-12-01', to: '2025-02-28' });
  });

  it('falls back to today without data', () => {
    expect(defaultPeriod(null, new Date('2026-05-20T12:00:00Z'))).toEqual({ from: '2026-03-01', to: '2026-05-20' });
  });

  it('asks the api for one value per group for the table and buckets for the trend', () => {
    const filters: DrillDownFilters = { ...DEFAULT_DRILL_DOWN_FILTERS, city: 'Guadalajara', providerIds: [NORTE] };
    const period = { from: '2025-01-01', to: '2025-03-31' };
    expect(toRollupQuery('service_level', filters, period, 'table')).toEqual({
      kpi: 'service_level',
      granularity: 'range',
      from: '2025-01-01',
      to: '2025-03-31',
      providerIds: [NORTE],
      siteIds: undefined,
      cities: ['Guadalajara'],
      serviceLines: undefined,
      groupBy: ['providerId', 'siteId'],
    });
    expect(toRollupQuery('service_level', { ...filters, groupBy: 'serviceLine' }, period, 'table').groupBy).toEqual(['serviceLine']);
    expect(toRollupQuery('service_level', filters, period, 'trend')).toMatchObject({ granularity: 'week', groupBy: undefined });
  });
});
