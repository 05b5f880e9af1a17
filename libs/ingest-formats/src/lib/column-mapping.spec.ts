import {
  ColumnMapping,
  effectiveDecimalSeparator,
  parseColumnMapping,
  resolveColumns,
  suggestColumnMapping,
  suggestMapping,
} from './column-mapping';
import {
  CONTACT_TARGET_FIELDS,
  LONG_TARGET_FIELDS,
  QA_TARGET_FIELDS,
  WIDE_TARGET_FIELDS,
} from './column-mapping.constants';
import { IssueCollector } from './ingest-issue';

describe('suggestMapping', () => {
  it('maps a Spanish wide export', () => {
    const header = [
      'Fecha',
      'Sitio',
      'Cola',
      'Ofrecidas',
      'Atendidas',
      'Abandonadas',
      'TMO',
      'Nivel de servicio',
      'Comentarios',
    ];
    const suggestion = suggestMapping(header, WIDE_TARGET_FIELDS);
    expect(suggestion.columns).toEqual({
      date: 'Fecha',
      site: 'Sitio',
      queue: 'Cola',
      offered: 'Ofrecidas',
      answered: 'Atendidas',
      abandoned: 'Abandonadas',
      aht: 'TMO',
      service_level: 'Nivel de servicio',
    });
    expect(suggestion.unmappedHeaders).toEqual(['Comentarios']);
  });

  it.each([
    ['AHT', 'aht'],
    ['TMO (hh:mm:ss)', 'aht'],
    ['% Abandono', 'abandonment_rate'],
    ['NIVEL DE SERVICIO %', 'service_level'],
    ['Llamadas Ofrecidas', 'offered'],
    ['Contestadas', 'answered'],
    ['Atendidas en nivel', 'answered_within_threshold'],
    ['Answered within SL', 'answered_within_threshold'],
    ['Línea de servicio', 'service_line'],
    ['Offerd', 'offered'],
  ])('header %j -> %s', (header, target) => {
    expect(suggestMapping([header], WIDE_TARGET_FIELDS).columns).toEqual({ [target]: header });
  });

  it('uses each header once and prefers the more specific alias', () => {
    const suggestion = suggestMapping(['Atendidas', 'Atendidas en nivel'], WIDE_TARGET_FIELDS);
    expect(suggestion.columns).toEqual({
      answered: 'Atendidas',
      answered_within_threshold: 'Atendidas en nivel',
    });
  });

  it('maps per-contact and QA headers', () => {
    expect(
      suggestMapping(
        [
          'ID Llamada',
          'Fecha y hora',
          'Sitio',
          'Canal',
          'Cola',
          'Atendida',
          'Espera (seg)',
          'Conversación',
          'ACW',
          'Encuesta',
        ],
        CONTACT_TARGET_FIELDS,
      ).columns,
    ).toEqual({
      contact_id: 'ID Llamada',
      started_at: 'Fecha y hora',
      site: 'Sitio',
      service_line: 'Canal',
      queue: 'Cola',
      answered: 'Atendida',
      wait_seconds: 'Espera (seg)',
      talk_seconds: 'Conversación',
      acw_seconds: 'ACW',
      satisfaction: 'Encuesta',
    });
    expect(
      suggestMapping(
        ['Evaluación', 'Fecha', 'Agente', 'Equipo', 'Sitio', 'Puntos', 'Puntos posibles', 'Falla crítica'],
        QA_TARGET_FIELDS,
      ).columns,
    ).toEqual({
      evaluation_id: 'Evaluación',
      evaluated_at: 'Fecha',
      agent_id: 'Agente',
      team: 'Equipo',
      site: 'Sitio',
      score: 'Puntos',
      possible: 'Puntos posibles',
      auto_fail: 'Falla crítica',
    });
  });
});

describe('suggestColumnMapping', () => {
  it('guesses the long layout from a KPI + numerator header', () => {
    const { mapping } = suggestColumnMapping([
      'date',
      'site',
      'service_line',
      'queue',
      'kpi',
      'numerator',
      'denominator',
    ]);
    expect(mapping.layout).toBe('long');
    expect(mapping.columns['kpi']).toBe('kpi');
  });

  it('guesses the wide layout otherwise', () => {
    expect(suggestColumnMapping(['Fecha', 'Sitio', 'Ofrecidas', 'Atendidas']).mapping.layout).toBe('wide');
  });
});

describe('parseColumnMapping', () => {
  it('accepts a valid saved mapping', () => {
    const json = {
      version: 1,
      layout: 'wide',
      columns: { date: 'Fecha' },
      constants: { service_line: 'voice', granularity: 'day' },
      formats: { date: 'dd/mm/yyyy', decimalSeparator: ',' },
    };
    expect(parseColumnMapping(json)).toEqual({ ok: true, value: json });
  });

  it('lists every problem', () => {
    const result = parseColumnMapping({
      version: 2,
      layout: 'wide',
      columns: { offerd: 'Ofrecidas' },
      formats: { date: 'dd.mm.yy', colour: 'red' },
      constants: { granularity: 'hourly' },
    });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.problems).toEqual([
      'version must be 1',
      'columns.offerd is not a target field of the wide layout (did you mean "offered"?)',
      'formats.date must be one of auto, dd/mm/yyyy, mm/dd/yyyy, yyyy-mm-dd',
      'formats.colour is not a known format',
      'constants.granularity must be day, week or month',
    ]);
  });

  it('rejects non-objects', () => {
    expect(parseColumnMapping('x')).toEqual({ ok: false, problems: ['the mapping must be a JSON object'] });
  });
});

describe('resolveColumns', () => {
  const mapping: ColumnMapping = {
    version: 1,
    layout: 'long',
    columns: { date: 'Fecha', site: 'SITIO', kpi: 'kpi', numerator: 'numerador', denominator: 'denominador' },
    constants: { service_line: 'voice' },
  };

  it('matches headers exactly or case/accent-insensitively', () => {
    const issues = new IssueCollector();
    const resolved = resolveColumns(
      mapping,
      ['fecha', 'Sitio', 'kpi', 'Numerador', 'Denominador'],
      1,
      issues,
    );
    expect(issues.errors).toEqual([]);
    expect(resolved && Object.fromEntries(resolved.index)).toEqual({
      date: 0,
      site: 1,
      kpi: 2,
      numerator: 3,
      denominator: 4,
    });
  });

  it('reports a missing column with a suggestion, and missing required targets', () => {
    const issues = new IssueCollector();
    const resolved = resolveColumns(
      { ...mapping, columns: { ...mapping.columns, numerator: 'numerator' }, constants: {} },
      ['Fecha', 'Sitio', 'kpi', 'numerador', 'denominador'],
      1,
      issues,
    );
    expect(resolved).toBeNull();
    expect(issues.errors).toEqual([
      expect.objectContaining({
        line: 1,
        column: 'numerator',
        reason: 'is mapped to "numerator" but is not a column of this file',
        suggestion: 'numerador',
      }),
      expect.objectContaining({
        line: 1,
        column: null,
        reason: 'the mapping gives no column or constant for "service_line"',
      }),
    ]);
  });

  it('refuses a target given both a column and a constant', () => {
    const issues = new IssueCollector();
    resolveColumns(
      { ...mapping, constants: { site: 'MTY', service_line: 'voice' } },
      ['Fecha', 'SITIO', 'kpi', 'numerador', 'denominador'],
      1,
      issues,
    );
    expect(issues.errors.map((e) => e.reason)).toEqual([
      'the mapping gives "site" both a column and a constant; keep one',
    ]);
  });

  it.each(LONG_TARGET_FIELDS)('the long layout knows %s', (target) => {
    expect(
      WIDE_TARGET_FIELDS.includes(target) || ['kpi', 'numerator', 'denominator', 'value'].includes(target),
    ).toBe(true);
  });
});

describe('effectiveDecimalSeparator', () => {
  it.each([
    [undefined, ';', ','],
    [undefined, ',', '.'],
    [undefined, null, '.'],
    [{ decimalSeparator: '.' as const }, ';', '.'],
    [{ decimalSeparator: ',' as const }, ',', ','],
  ])('%j with %j -> %j', (formats, delimiter, expected) => {
    expect(effectiveDecimalSeparator(formats, delimiter as ',' | ';' | null)).toBe(expected);
  });
});
