import { createIngestCatalog } from './ingest-catalog';
import { parsePushBatch } from './push-batch';

const options = {
  catalog: createIngestCatalog({ sites: [{ code: 'MTY', city: 'Monterrey' }] }),
  today: '2024-03-10',
  timeZone: 'America/Mexico_City',
};
const item = {
  periodStart: '2024-03-04',
  siteCode: 'MTY',
  serviceLine: 'voice',
  queue: 'ventas',
  kpiCode: 'service_level',
  numerator: 80,
  denominator: 100,
};

describe('parsePushBatch', () => {
  it.each([
    ['an object with observations', { observations: [item] }, 'observations[0]'],
    ['a bare array', [item], '[0]'],
    ['JSON text', JSON.stringify({ observations: [item] }), 'observations[0]'],
  ])('accepts %s', async (_name, body, path) => {
    const result = await parsePushBatch(body, options);
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      { ...item, granularity: 'day', derived: false, source: { line: null, path } },
    ]);
  });

  it('accepts snake_case and short names, dd/mm/yyyy dates and a missing queue', async () => {
    const result = await parsePushBatch(
      [
        {
          date: '04/03/2024',
          site: 'Monterrey',
          service_line: 'Voz',
          kpi: 'AHT',
          numerator: 33_200,
          denominator: 100,
        },
      ],
      options,
    );
    expect(result.records).toEqual([
      expect.objectContaining({
        periodStart: '2024-03-04',
        siteCode: 'MTY',
        serviceLine: 'voice',
        queue: '',
        kpiCode: 'aht',
      }),
    ]);
  });

  it('reads CSV text in the long layout, guessing the columns from the header', async () => {
    const csv =
      'date,site,service_line,queue,kpi,numerator,denominator\n2024-03-04,MTY,voice,ventas,service_level,80,100\n';
    const result = await parsePushBatch(csv, options);
    expect(result.errors).toEqual([]);
    expect(result.records).toEqual([
      expect.objectContaining({ kpiCode: 'service_level', numerator: 80, source: { line: 2 } }),
    ]);
  });

  it.each([
    ['not a batch', { data: [] }, 'observations', 'is missing: send { "observations": [ ... ] }'],
    ['an item that is not an object', [42], '[0]', 'must be an object'],
    [
      'malformed JSON text',
      '{"observations": [}',
      undefined,
      'the body is not valid JSON: expected a value at line 1, column 19',
    ],
  ])('reports %s', async (_name, body, path, reason) => {
    const result = await parsePushBatch(body, options);
    expect(result.errors).toEqual([
      expect.objectContaining({
        reason: expect.stringContaining(reason),
        ...(path !== undefined ? { path } : {}),
      }),
    ]);
  });

  it('refuses batches above maxRecords', async () => {
    const result = await parsePushBatch({ observations: [item, item, item] }, { ...options, maxRecords: 2 });
    expect(result.records).toEqual([]);
    expect(result.errors).toEqual([
      expect.objectContaining({
        code: 'too_large',
        reason: 'holds 3 observations; one push accepts at most 2, split the batch',
      }),
    ]);
  });

  it('reports an unknown field once per batch with a suggestion', async () => {
    const result = await parsePushBatch(
      [
        { ...item, denominatr: 5 },
        { ...item, queue: 'b', denominatr: 5 },
      ],
      options,
    );
    expect(result.warnings).toEqual([
      expect.objectContaining({ path: '[0].denominatr', column: 'denominatr', suggestion: 'denominator' }),
    ]);
  });
});
