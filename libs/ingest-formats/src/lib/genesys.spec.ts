import { createIngestCatalog } from './ingest-catalog';
import { GenesysMappingOptions, mapGenesysAggregates, parseGenesysJson } from './genesys';

const QUEUE = 'q-1';
const options: GenesysMappingOptions = {
  queues: {
    [QUEUE]: { siteCode: 'MTY', serviceLine: 'voice', queue: 'ventas' },
    'q-2': { siteCode: 'GDL', serviceLine: 'voice', queue: 'soporte' },
  },
  timeZone: 'America/Mexico_City',
  granularity: 'day',
};

const metric = (name: string, stats: Record<string, number>) => ({ metric: name, stats });
const day = (d: number) =>
  `2024-03-${String(d).padStart(2, '0')}T06:00:00.000Z/2024-03-${String(d + 1).padStart(2, '0')}T06:00:00.000Z`;

function response(...data: { interval: string; metrics: unknown[] }[]) {
  return { results: [{ group: { queueId: QUEUE, mediaType: 'voice' }, data }] };
}

const fullDay = [
  metric('nOffered', { count: 120 }),
  metric('tAnswered', { count: 110, sum: 1_650_000, max: 60_000, min: 1000 }),
  metric('tAbandon', { count: 10, sum: 300_000 }),
  metric('tHandle', { count: 108, sum: 32_400_000 }),
  metric('oServiceLevel', { numerator: 96, denominator: 120, ratio: 0.8, target: 0.8 }),
  metric('tTalk', { count: 108, sum: 25_000_000 }),
  metric('nTransferred', { count: 3 }),
];

const byKpi = (records: { kpiCode: string; numerator: number; denominator: number | null }[]) =>
  Object.fromEntries(records.map((r) => [r.kpiCode, [r.numerator, r.denominator]]));

describe('mapGenesysAggregates', () => {
  it('builds components: aht = tHandle.sum / 1000 over tHandle.count, asa from tAnswered, service level from oServiceLevel', () => {
    const result = mapGenesysAggregates(response({ interval: day(4), metrics: fullDay }), options);
    expect(result.errors).toEqual([]);
    expect(byKpi(result.records)).toEqual({
      service_level: [96, 120],
      asa: [1650, 110],
      aht: [32_400, 108],
      abandonment_rate: [10, 120],
    });
    expect(result.records[0]).toMatchObject({
      periodStart: '2024-03-04',
      granularity: 'day',
      siteCode: 'MTY',
      serviceLine: 'voice',
      queue: 'ventas',
      derived: false,
      source: { line: null, path: 'results[0].data[0]' },
    });
  });

  it('sums sub-day intervals into the local day and treats a missing tAbandon as no abandons', () => {
    const result = mapGenesysAggregates(
      response(
        {
          interval: '2024-03-04T06:00:00.000Z/2024-03-04T18:00:00.000Z',
          metrics: [metric('nOffered', { count: 50 }), metric('tAbandon', { count: 5 })],
        },
        {
          interval: '2024-03-04T18:00:00.000Z/2024-03-05T06:00:00.000Z',
          metrics: [metric('nOffered', { count: 30 })],
        },
      ),
      options,
    );
    expect(byKpi(result.records)).toEqual({ abandonment_rate: [5, 80] });
  });

  it('weekly granularity puts every day of an ISO week on its Monday', () => {
    const result = mapGenesysAggregates(
      response({ interval: day(4), metrics: fullDay }, { interval: day(7), metrics: fullDay }),
      { ...options, granularity: 'week' },
    );
    expect(result.records.map((r) => [r.periodStart, r.kpiCode, r.numerator, r.denominator])).toContainEqual([
      '2024-03-04',
      'service_level',
      192,
      240,
    ]);
  });

  it('overrides the service line by media type', () => {
    const json = {
      results: [
        { group: { queueId: QUEUE, mediaType: 'chat' }, data: [{ interval: day(4), metrics: fullDay }] },
      ],
    };
    const result = mapGenesysAggregates(json, { ...options, serviceLineByMedia: { chat: 'chat' } });
    expect(new Set(result.records.map((r) => r.serviceLine))).toEqual(new Set(['chat']));
  });

  it.each([
    [
      'an unknown queue id',
      { results: [{ group: { queueId: 'nope' }, data: [{ interval: day(4), metrics: fullDay }] }] },
      'results[0].group.queueId',
      'is not a mapped queue id',
    ],
    ['no group', { results: [{ data: [] }] }, 'results[0].group', 'is missing; group the query by queueId'],
    [
      'a bad interval',
      response({ interval: '2024-03-04/2024-03-05', metrics: fullDay }),
      'results[0].data[0].interval',
      'is not an ISO interval',
    ],
    [
      'an interval across two local days',
      response({ interval: '2024-03-04T00:00:00Z/2024-03-05T00:00:00Z', metrics: fullDay }),
      'results[0].data[0].interval',
      'spans more than one day',
    ],
    [
      'a stat that is not a number',
      response({ interval: day(4), metrics: [metric('nOffered', { count: -1 })] }),
      'results[0].data[0].metrics[0].stats.count',
      'is not a non-negative number',
    ],
    [
      'a missing stat',
      response({ interval: day(4), metrics: [metric('tHandle', { count: 3 })] }),
      'results[0].data[0].metrics[0].stats.sum',
      'the sum of tHandle is missing',
    ],
    [
      'a metric without name',
      response({ interval: day(4), metrics: [{ stats: {} }] }),
      'results[0].data[0].metrics[0]',
      'has no metric name',
    ],
    ['not an aggregates response', { entities: [] }, 'results', 'not a Genesys aggregates response'],
  ])('reports %s with its JSON path', (_name, json, path, reason) => {
    const result = mapGenesysAggregates(json, options);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: null, path, reason: expect.stringContaining(reason) }),
    ]);
  });

  it("warns when a KPI's metric is absent from the whole response", () => {
    const result = mapGenesysAggregates(
      response({ interval: day(4), metrics: [metric('nOffered', { count: 10 })] }),
      options,
    );
    expect(result.warnings.map((w) => w.column)).toEqual(['oServiceLevel', 'tAnswered', 'tHandle']);
    expect(result.warnings[2].reason).toBe(
      "tHandle does not appear in the response; aht is not produced (add tHandle to the query's metrics)",
    );
  });

  it('warns about tAbandon without nOffered in an interval', () => {
    const result = mapGenesysAggregates(
      response({ interval: day(4), metrics: [metric('tAbandon', { count: 2 })] }),
      options,
    );
    expect(result.warnings).toContainEqual(
      expect.objectContaining({ path: 'results[0].data[0]', column: 'nOffered' }),
    );
    expect(result.records).toEqual([]);
  });
});

describe('parseGenesysJson', () => {
  const catalog = createIngestCatalog({ sites: [{ code: 'MTY' }] });

  it("validates the mapped records (site GDL is not in this provider's catalog)", () => {
    const json = { results: [{ group: { queueId: 'q-2' }, data: [{ interval: day(4), metrics: fullDay }] }] };
    const result = parseGenesysJson(JSON.stringify(json), { ...options, catalog, today: '2024-03-10' });
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        path: 'results[0].data[0]',
        column: 'siteCode',
        value: 'GDL',
        reason: 'is not a known site of this provider',
      }),
    ]);
  });

  it('reports malformed JSON with its position', () => {
    const result = parseGenesysJson('{"results": [1, 2,]}', { ...options, catalog, today: '2024-03-10' });
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'malformed_file',
        line: 1,
        reason: 'the body is not valid JSON: expected a value at line 1, column 19 (offset 18)',
      }),
    ]);
  });
});
