import { createIngestCatalog } from './ingest-catalog';
import { IssueCollector, formatIngestError, formatIngestErrors } from './ingest-issue';
import { ObservationInput } from './observation-record';
import { ObservationValidator, validateObservations } from './validate-observations';

const catalog = createIngestCatalog({
  sites: [
    { code: 'MTY', city: 'Monterrey' },
    { code: 'QRO', city: 'Querétaro' },
    { code: 'MID', city: 'Mérida' },
  ],
});
const today = '2024-03-10';

let nextLine = 2;
function input(overrides: Partial<ObservationInput> = {}): ObservationInput {
  return {
    periodStart: '2024-03-04',
    granularity: 'day',
    siteCode: 'MTY',
    serviceLine: 'voice',
    queue: 'general',
    kpiCode: 'service_level',
    numerator: 80,
    denominator: 100,
    source: { line: nextLine++ },
    columns: {
      periodStart: 'date',
      siteCode: 'site',
      serviceLine: 'line',
      kpiCode: 'kpi',
      numerator: 'numerator',
      denominator: 'denominator',
      granularity: 'granularity',
    },
    ...overrides,
  };
}

describe('validateObservations', () => {
  it('accepts a valid record and stores codes for names, cities and aliases', () => {
    const result = validateObservations(
      [
        input({
          siteCode: 'Queretaro',
          serviceLine: 'Voz',
          kpiCode: 'Nivel de servicio',
          source: { line: 2 },
        }),
      ],
      catalog,
      { today },
    );
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      {
        periodStart: '2024-03-04',
        granularity: 'day',
        siteCode: 'QRO',
        serviceLine: 'voice',
        queue: 'general',
        kpiCode: 'service_level',
        numerator: 80,
        denominator: 100,
        derived: false,
        source: { line: 2 },
      },
    ]);
  });

  it.each<[string, Partial<ObservationInput>, string, string | null, string, string | undefined]>([
    [
      'unknown site',
      { siteCode: 'Monterey' },
      'site',
      'Monterey',
      'is not a known site of this provider',
      'Monterrey',
    ],
    [
      'unknown KPI',
      { kpiCode: 'servce_level' },
      'kpi',
      'servce_level',
      'is not a known KPI code',
      'service_level',
    ],
    ['unknown line', { serviceLine: 'voise' }, 'line', 'voise', 'is not a known service line', 'voice'],
    ['empty site', { siteCode: '' }, 'site', null, 'the site is empty', undefined],
    [
      'negative numerator',
      { numerator: -12, rawNumerator: '-12' },
      'numerator',
      '-12',
      'is negative; contacts answered within threshold cannot be negative',
      undefined,
    ],
    [
      'numerator above denominator',
      { numerator: 130, denominator: 120 },
      'numerator',
      '130',
      'is above the denominator 120 (column "denominator"); contacts answered within threshold cannot exceed contacts offered',
      undefined,
    ],
    [
      'zero denominator',
      { numerator: 0, denominator: 0 },
      'denominator',
      '0',
      'is 0; service_level needs contacts offered above 0',
      undefined,
    ],
    [
      'negative denominator',
      { numerator: 0, denominator: -5 },
      'denominator',
      '-5',
      'is negative',
      undefined,
    ],
    [
      'missing denominator of a rate',
      { denominator: null },
      'denominator',
      null,
      'the denominator is empty; service_level needs contacts offered',
      undefined,
    ],
    [
      'denominator on a stock KPI',
      { kpiCode: 'backlog', numerator: 12, denominator: 3 },
      'denominator',
      '3',
      'is set, but backlog has no denominator; leave it empty',
      undefined,
    ],
    [
      'future period',
      { periodStart: '2024-03-11' },
      'date',
      '2024-03-11',
      'is in the future (today is 2024-03-10)',
      undefined,
    ],
    [
      'not a date',
      { periodStart: '04/03/2024' },
      'date',
      '04/03/2024',
      'is not a yyyy-mm-dd date',
      undefined,
    ],
    [
      'impossible date',
      { periodStart: '2023-02-29' },
      'date',
      '2023-02-29',
      'is not a yyyy-mm-dd date',
      undefined,
    ],
    [
      'week not on a Monday',
      { periodStart: '2024-03-06', granularity: 'week' },
      'date',
      '2024-03-06',
      'is not the first day of its week',
      '2024-03-04',
    ],
    [
      'month not on the 1st',
      { periodStart: '2024-02-15', granularity: 'month' },
      'date',
      '2024-02-15',
      'is not the first day of its month',
      '2024-02-01',
    ],
    [
      'unknown granularity',
      { granularity: 'hour' },
      'granularity',
      'hour',
      'is not a granularity',
      undefined,
    ],
    [
      'numerator not a number (JSON)',
      { numerator: '80' as unknown as number },
      'numerator',
      '80',
      'is not a number',
      undefined,
    ],
    ['NaN numerator', { numerator: NaN }, 'numerator', 'NaN', 'is not a number', undefined],
    [
      'NPS outside its denominator',
      { kpiCode: 'nps', numerator: -130, denominator: 100 },
      'numerator',
      '-130',
      'is outside -100..100',
      undefined,
    ],
  ])('%s', (_name, overrides, column, value, reason, suggestion) => {
    const result = validateObservations([input(overrides)], catalog, { today });
    expect(result.records).toEqual([]);
    expect(result.errors).toHaveLength(1);
    const [error] = result.errors;
    expect(error.column).toBe(column);
    expect(error.value).toBe(value);
    expect(error.reason).toContain(reason);
    expect(error.suggestion).toBe(suggestion);
    expect(result.stats.recordsRejected).toBe(1);
  });

  it.each<[string, Partial<ObservationInput>]>([
    ['backlog without denominator', { kpiCode: 'backlog', numerator: 12, denominator: null }],
    ['negative NPS', { kpiCode: 'nps', numerator: -20, denominator: 100 }],
    ['attrition without a headcount reading', { kpiCode: 'attrition', numerator: 2, denominator: null }],
    [
      'aht (an average: numerator above denominator is fine)',
      { kpiCode: 'aht', numerator: 33_200, denominator: 100 },
    ],
    ['a week starting on Monday', { periodStart: '2024-03-04', granularity: 'week' }],
    ['a month starting on the 1st', { periodStart: '2024-03-01', granularity: 'month' }],
    ['today', { periodStart: today }],
    ['no queue', { queue: undefined }],
  ])('accepts %s', (_name, overrides) => {
    const result = validateObservations([input(overrides)], catalog, { today });
    expect(result.errors).toEqual([]);
    expect(result.records).toHaveLength(1);
  });

  it('drops an identical repeat with a warning, and rejects both sides of a conflicting repeat', () => {
    const records = [
      input({ source: { line: 7 } }),
      input({ source: { line: 8 } }),
      input({ source: { line: 12 }, numerator: 90 }),
      input({ source: { line: 13 }, queue: 'other' }),
    ];
    const result = validateObservations(records, catalog, { today });
    expect(result.records.map((r) => r.source.line)).toEqual([13]);
    expect(result.warnings.map(formatIngestError)).toEqual([
      'line 8: repeats service_level 2024-03-04 (day) MTY/voice/general from line 7 with the same values; counted once',
    ]);
    expect(result.errors.map(formatIngestError)).toEqual([
      'line 12: repeats service_level 2024-03-04 (day) MTY/voice/general from line 7 with different values (80/100 there, 90/100 here); both are rejected',
    ]);
    expect(result.stats).toMatchObject({ duplicates: 1, recordsRejected: 2, recordsOut: 1 });
  });

  it('treats spellings of the same site as the same key', () => {
    const result = validateObservations(
      [
        input({ siteCode: 'MTY', source: { line: 2 } }),
        input({ siteCode: 'Monterrey', numerator: 81, source: { line: 3 } }),
      ],
      catalog,
      { today },
    );
    expect(result.errors.map((e) => e.reason)).toEqual([
      expect.stringContaining('from line 2 with different values'),
    ]);
  });

  it('in streaming mode rejects only the later conflicting record (the earlier was handed out)', () => {
    const issues = new IssueCollector();
    const validator = new ObservationValidator(catalog, { today }, issues, false);
    expect(validator.validate([input({ source: { line: 2 } })])).toHaveLength(1);
    expect(validator.validate([input({ source: { line: 3 }, numerator: 79 })])).toHaveLength(0);
    expect(issues.errors[0].reason).toContain('this one is rejected');
  });

  it('names JSON paths for pushed records', () => {
    const result = validateObservations(
      [input({ source: { line: null, path: 'observations[3]' }, columns: undefined, siteCode: 'Merida ' })],
      catalog,
      { today },
    );
    expect(result.errors).toEqual([]);
    expect(result.records[0].siteCode).toBe('MID');
    const bad = validateObservations(
      [input({ source: { line: null, path: 'observations[4]' }, columns: undefined, numerator: -1 })],
      catalog,
      { today },
    );
    expect(formatIngestError(bad.errors[0])).toBe(
      'observations[4], column "numerator": "-1" is negative; contacts answered within threshold cannot be negative',
    );
  });

  it('caps the listed errors and counts the rest', () => {
    const records = Array.from({ length: 1500 }, (_, i) =>
      input({ siteCode: 'Nowhere', source: { line: i + 2 } }),
    );
    const result = validateObservations(records, catalog, { today });
    expect(result.errors).toHaveLength(1000);
    expect(result.stats).toMatchObject({ errorCount: 1500, errorsOmitted: 500, recordsRejected: 1500 });
    expect(formatIngestErrors(result.errors, result.stats.errorCount).split('\n').pop()).toBe(
      '... and 500 more',
    );
  });

  it('throws on a malformed today (programmer error)', () => {
    expect(() => validateObservations([], catalog, { today: '10/03/2024' })).toThrow(RangeError);
  });
});

describe('formatIngestError', () => {
  it.each([
    [
      {
        code: 'out_of_range' as const,
        line: 7,
        column: 'offered',
        value: '-12',
        reason: 'is negative; counts cannot be negative',
      },
      'line 7, column "offered": "-12" is negative; counts cannot be negative',
    ],
    [
      {
        code: 'unknown_reference' as const,
        line: 3,
        column: 'Sitio',
        value: 'Monterey',
        reason: 'is not a known site of this provider',
        suggestion: 'Monterrey',
      },
      'line 3, column "Sitio": "Monterey" is not a known site of this provider; did you mean "Monterrey"?',
    ],
    [
      {
        code: 'malformed_file' as const,
        line: 9,
        column: null,
        value: null,
        reason: 'has a quoted value that is never closed (the file ends inside quotes)',
      },
      'line 9: has a quoted value that is never closed (the file ends inside quotes)',
    ],
    [
      {
        code: 'unknown_reference' as const,
        line: null,
        path: 'results[2].group.queueId',
        column: null,
        value: 'abc',
        reason: 'is not a mapped queue id',
      },
      'results[2].group.queueId: "abc" is not a mapped queue id',
    ],
    [
      { code: 'malformed_file' as const, line: null, column: null, value: null, reason: 'the file is empty' },
      'file: the file is empty',
    ],
  ])('%j', (issue, text) => {
    expect(formatIngestError(issue)).toBe(text);
  });
});
