import { ProviderDetailDto } from '@kpi/contracts';
import { parseProviderTrendQuery, toProviderTrendQuery, toTrendSelection } from './provider-trend.query';

const provider: ProviderDetailDto = {
  id: 'p-1',
  code: 'NORTE',
  name: 'Norte Contact',
  sites: [
    { id: 's-1', code: 'MTY', city: 'Monterrey', country: 'MX', timeZone: 'America/Monterrey' },
    { id: 's-2', code: 'GDL', city: 'Guadalajara', country: 'MX', timeZone: 'America/Mexico_City' },
  ],
  serviceLines: [],
  latest: [{ kpiCode: 'aht', value: 300, previousValue: 310, from: '2025-03-25', to: '2025-03-31' }],
  lastDataDate: '2025-03-31',
};

describe('provider trend selection in the URL', () => {
  it('reads a custom range, granularity, KPI and city', () => {
    expect(
      parseProviderTrendQuery({ kpi: 'aht', granularity: 'week', from: '2025-01-01', to: '2025-03-31', city: 'Guadalajara' }),
    ).toEqual({ kpi: 'aht', granularity: 'week', range: null, from: '2025-01-01', to: '2025-03-31', city: 'Guadalajara' });
  });

  it('ignores invalid values', () => {
    expect(
      parseProviderTrendQuery({ kpi: 'DROP TABLE', granularity: 'hour', range: '7y', from: '2025-02-31', to: '2025-03-01', city: '' }),
    ).toEqual({ kpi: null, granularity: null, range: null, from: null, to: null, city: null });
    expect(parseProviderTrendQuery({ from: '2025-04-01', to: '2025-03-01' })).toMatchObject({ from: null, to: null });
  });

  it('writes presets, or a custom range instead of the preset, leaving defaults out', () => {
    const parsed = parseProviderTrendQuery({ kpi: 'aht', granularity: 'day', range: '12m' });
    expect(toProviderTrendQuery(parsed)).toEqual({ kpi: 'aht', granularity: null, range: '12m', from: null, to: null, city: null });
    expect(toProviderTrendQuery({ ...parsed, from: '2025-01-01', to: '2025-01-31' })).toMatchObject({
      range: null,
      from: '2025-01-01',
      to: '2025-01-31',
    });
  });

  it('maps the query onto the provider: its KPIs and the site of the city', () => {
    expect(toTrendSelection(parseProviderTrendQuery({ kpi: 'aht', city: 'Guadalajara', range: '6m' }), provider, 'service_level')).toEqual({
      kpiCode: 'aht',
      granularity: 'day',
      siteId: 's-2',
      range: '6m',
      from: null,
      to: null,
    });
    expect(toTrendSelection(parseProviderTrendQuery({ kpi: 'nps', city: 'Tijuana' }), provider, 'aht')).toMatchObject({
      kpiCode: 'aht',
      siteId: null,
    });
  });
});
