import { BUILT_IN_KPIS } from '@kpi/domain';
import { translateFrom } from '@kpi/web-ui';
import { contracts } from '../../../i18n/en/contracts';
import { contracts as contractsEsMx } from '../../../i18n/es-MX/contracts';
import { ServiceLevelFormValue, serviceLevelFormIssues, toServiceLevelFormValue, toServiceLevelRequest } from './contract-forms';

const value = (overrides: Partial<ServiceLevelFormValue> = {}): ServiceLevelFormValue => ({
  ...toServiceLevelFormValue(null, undefined),
  name: 'Voice 80/20',
  kpiCode: 'service_level',
  target: '80',
  minimum: '75',
  poolAllocationPct: '30',
  ...overrides,
});
const t = translateFrom({ contracts });
const kpi = (code: string) => BUILT_IN_KPIS.find((definition) => definition.code === code);

describe('service level form', () => {
  it('turns percents typed in % into ratios, and back', () => {
    const request = toServiceLevelRequest(value({ earnBackPeriods: '3', siteId: 's-1' }), kpi('service_level'));
    expect(request).toMatchObject({ target: 0.8, minimum: 0.75, poolAllocationPct: 30, earnBackPeriods: 3, siteId: 's-1', serviceLine: null });
    const back = toServiceLevelFormValue(
      {
        id: 'r',
        serviceLevelId: 'sl',
        name: 'Voice 80/20',
        kpiCode: 'service_level',
        scope: { siteId: null, serviceLine: 'voice', queue: null },
        scopeLabel: '',
        target: 0.8,
        minimum: 0.75,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 30,
        earnBackPeriods: null,
        meansOfMeasurement: '',
        position: 0,
      },
      kpi('service_level'),
    );
    expect(back).toMatchObject({ target: '80', minimum: '75', serviceLine: 'voice', earnBackPeriods: '' });
  });

  it('keeps seconds as seconds and bands as bands', () => {
    expect(toServiceLevelRequest(value({ kpiCode: 'aht', target: '380', minimum: '420' }), kpi('aht'))).toMatchObject({ target: 380, minimum: 420 });
    const band = toServiceLevelRequest(
      value({ kpiCode: 'occupancy', targetLow: '85', targetHigh: '90', minimumLow: '80', minimumHigh: '95' }),
      kpi('occupancy'),
    );
    expect(band).toMatchObject({ target: { low: 0.85, high: 0.9 }, minimum: { low: 0.8, high: 0.95 } });
  });

  it.each<[string, Partial<ServiceLevelFormValue>, string, string]>([
    ['no name', { name: ' ' }, 'name', 'Give the service level a name.'],
    ['no KPI', { kpiCode: '' }, 'kpiCode', 'Choose the KPI'],
    ['minimum above target', { target: '70', minimum: '75' }, 'levels', 'Higher is better: the minimum cannot exceed the target'],
    ['over 100 %', { target: '180', minimum: '75' }, 'levels', 'Percent levels go from 0 to 100 %.'],
    ['lower is better inverted', { kpiCode: 'aht', target: '420', minimum: '380' }, 'levels', 'Lower is better'],
    ['no pool share', { poolAllocationPct: '' }, 'poolAllocationPct', 'needs its share'],
    ['pool over 100', { poolAllocationPct: '120' }, 'poolAllocationPct', 'A pool allocation is 0 to 100 %'],
    ['earn-back of 0', { earnBackPeriods: '0' }, 'earnBackPeriods', 'Earn-back needs 1 or more periods'],
    ['missing levels', { target: '' }, 'levels', 'Enter a target and a minimum.'],
  ])('explains %s', (_label, overrides, field, message) => {
    const issues = serviceLevelFormIssues(value(overrides), BUILT_IN_KPIS, 'p-1', t);
    expect(issues[field as keyof typeof issues]).toContain(message);
  });

  it('explains in Spanish when the interface is in Spanish', () => {
    const issues = serviceLevelFormIssues(value({ name: '', target: '180' }), BUILT_IN_KPIS, 'p-1', translateFrom({ contracts: contractsEsMx }));
    expect(issues.name).toBe('Ponle un nombre al nivel de servicio.');
    expect(issues.levels).toBe('Los niveles en porcentaje van de 0 a 100 %.');
  });

  it('accepts a consistent service level', () => {
    expect(serviceLevelFormIssues(value(), BUILT_IN_KPIS, 'p-1', t)).toEqual({});
    expect(serviceLevelFormIssues(value({ kind: 'key_measurement', poolAllocationPct: '' }), BUILT_IN_KPIS, 'p-1', t)).toEqual({});
  });
});
