import { CustomKpiInput, findKpiDefinition, validateCustomKpi } from './custom-kpi';
import { anObservation as o } from './kpi-observation.mock';
import { formatKpiValue } from './kpi-value';
import { rollupKpi } from './rollup';
import { classifyAttainment } from './attainment';

const ratio: CustomKpiInput = {
  code: 'email_tat_24h',
  name: 'Emails answered within 24 h',
  kind: 'ratio_of_sums',
  unit: 'percent',
  direction: 'higher_is_better',
  numeratorLabel: 'emails answered within 24 h',
  denominatorLabel: 'emails answered',
  serviceLines: ['email'],
};

function definitionOf(input: CustomKpiInput) {
  const result = validateCustomKpi(input);
  if (!result.ok) throw new Error(JSON.stringify(result.issues));
  return result.value;
}

describe('validateCustomKpi: valid definitions', () => {
  it('turns a ratio of sums into a KpiDefinition that rolls up like a built-in', () => {
    const definition = definitionOf(ratio);
    expect(definition).toMatchObject({
      code: 'email_tat_24h',
      aggregation: 'ratio_of_sums',
      direction: 'higher_is_better',
      denominatorLabel: 'emails answered',
      displayPrecision: 1,
      builtIn: false,
    });
    const point = rollupKpi(
      definition,
      [o('email_tat_24h', '2024-03-04', 'mty', 45, 50), o('email_tat_24h', '2024-03-05', 'gdl', 5, 50)],
      { granularity: 'week' },
    ).series[0].points[0];
    // (45 + 5) / (50 + 50) = 0.5
    expect(point.value).toBe(0.5);
    expect(formatKpiValue(definition, point.value)).toBe('50.0 %');
  });

  it('rolls a weighted mean up as sum(value x weight) / sum(weight)', () => {
    const definition = definitionOf({
      code: 'qa_mean_score',
      name: 'Mean QA score (1-5)',
      kind: 'weighted_mean',
      unit: 'score',
      direction: 'higher_is_better',
      valueLabel: 'QA score',
      weightLabel: 'evaluations',
      displayPrecision: 2,
      serviceLines: ['voice', 'chat'],
    });
    expect(definition.aggregation).toBe('ratio_of_sums');
    expect(definition.numeratorLabel).toBe('sum of QA score x evaluations');
    expect(definition.denominatorLabel).toBe('sum of evaluations');
    // mty: mean 4.0 over 10 evaluations -> 40 / 10 ; gdl: mean 3.0 over 30 -> 90 / 30
    // weighted: (40 + 90) / (10 + 30) = 3.25 ; the mean of the two means would be 3.5
    const point = rollupKpi(
      definition,
      [o('qa_mean_score', '2024-03-04', 'mty', 40, 10), o('qa_mean_score', '2024-03-04', 'gdl', 90, 30)],
      { granularity: 'day' },
    ).series[0].points[0];
    expect(point.value).toBe(3.25);
  });

  it.each([
    ['sum', 'sum', 'higher_is_better'],
    ['stock', 'stock', 'lower_is_better'],
  ] as const)('maps kind %s to aggregation %s without a denominator', (kind, aggregation, direction) => {
    const definition = definitionOf({
      code: `custom_${kind}`,
      name: `A ${kind}`,
      kind,
      unit: 'count',
      direction,
      numeratorLabel: 'items',
      serviceLines: ['back_office'],
    });
    expect(definition.aggregation).toBe(aggregation);
    expect(definition.denominatorLabel).toBeNull();
  });

  it('makes a band KPI judged inside its band', () => {
    const definition = definitionOf({
      code: 'chat_concurrency_use',
      name: 'Chat concurrency utilisation',
      kind: 'band',
      unit: 'percent',
      numeratorLabel: 'concurrent chat seconds',
      denominatorLabel: 'available chat slot seconds',
      band: { low: 0.7, high: 0.85 },
      serviceLines: ['chat'],
    });
    expect(definition).toMatchObject({
      direction: 'target_band',
      aggregation: 'ratio_of_sums',
      band: { low: 0.7, high: 0.85 },
    });
    expect(
      classifyAttainment(definition, 0.8, { target: definition.band!, minimum: definition.band! }).status,
    ).toBe('met');
    expect(
      classifyAttainment(definition, 0.9, { target: definition.band!, minimum: definition.band! }).status,
    ).toBe('breached');
  });
});

describe('validateCustomKpi: errors', () => {
  it.each<[string, Partial<CustomKpiInput>, string, string]>([
    ['a code with capitals', { code: 'Email_TAT' }, 'code', 'invalid_format'],
    ['a one-letter code', { code: 'e' }, 'code', 'invalid_format'],
    ['a built-in code', { code: 'service_level' }, 'code', 'duplicate'],
    ['a blank name', { name: '  ' }, 'name', 'required'],
    ['no direction', { direction: undefined }, 'direction', 'required'],
    ['no denominator label', { denominatorLabel: null }, 'denominatorLabel', 'required'],
    ['a band on a ratio KPI', { band: { low: 0.1, high: 0.2 } }, 'band', 'not_allowed'],
    ['a denominator on a sum', { kind: 'sum' }, 'denominatorLabel', 'not_allowed'],
    [
      'a weighted mean without weight label',
      { kind: 'weighted_mean', valueLabel: 'score' },
      'weightLabel',
      'required',
    ],
    ['a band KPI without band', { kind: 'band', direction: undefined }, 'band', 'required'],
    [
      'a band KPI with a direction',
      { kind: 'band', band: { low: 0.7, high: 0.8 } },
      'direction',
      'not_allowed',
    ],
    [
      'an empty band',
      { kind: 'band', direction: undefined, band: { low: 0.9, high: 0.85 } },
      'band',
      'empty_band',
    ],
    [
      'a percent band in points',
      { kind: 'band', direction: undefined, band: { low: 85, high: 90 } },
      'band',
      'out_of_range',
    ],
    ['no service line', { serviceLines: [] }, 'serviceLines', 'required'],
    ['a service line twice', { serviceLines: ['email', 'email'] }, 'serviceLines[1]', 'duplicate'],
    ['a precision of 9', { displayPrecision: 9 }, 'displayPrecision', 'out_of_range'],
    ['a fractional precision', { displayPrecision: 1.5 }, 'displayPrecision', 'out_of_range'],
  ])('rejects %s', (_label, patch, field, code) => {
    const result = validateCustomKpi({ ...ratio, ...patch });
    expect(result.ok).toBe(false);
    expect(result.issues).toContainEqual(expect.objectContaining({ field, code }));
  });

  it('rejects a code already used by another custom KPI', () => {
    const result = validateCustomKpi(ratio, ['email_tat_24h']);
    expect(result.issues).toEqual([expect.objectContaining({ field: 'code', code: 'duplicate' })]);
  });

  it('reports every issue at once', () => {
    const result = validateCustomKpi({
      ...ratio,
      code: 'X',
      name: '',
      serviceLines: [],
      direction: undefined,
    });
    expect(result.issues.map((issue) => issue.field).sort()).toEqual([
      'code',
      'direction',
      'name',
      'serviceLines',
    ]);
  });
});

describe('findKpiDefinition', () => {
  it('finds built-ins first, then custom KPIs', () => {
    const custom = definitionOf(ratio);
    expect(findKpiDefinition('aht')?.builtIn).toBe(true);
    expect(findKpiDefinition('email_tat_24h', [custom])).toBe(custom);
    expect(findKpiDefinition('nope', [custom])).toBeUndefined();
  });
});
