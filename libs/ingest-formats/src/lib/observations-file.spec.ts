import { Workbook } from 'exceljs';
import { ColumnMapping } from './column-mapping';
import { createIngestCatalog } from './ingest-catalog';
import { IngestIssue } from './ingest-issue';
import { ObservationRecord } from './observation-record';
import {
  ParseObservationsOptions,
  parseObservationsCsvChunks,
  parseObservationsFile,
} from './observations-file';

const catalog = createIngestCatalog({
  sites: [
    { code: 'MTY', city: 'Monterrey' },
    { code: 'QRO', city: 'Querétaro' },
  ],
});
const base = { catalog, today: '2024-03-10', timeZone: 'America/Mexico_City' };

const LONG: ColumnMapping = {
  version: 1,
  layout: 'long',
  columns: {
    date: 'date',
    site: 'site',
    service_line: 'line',
    queue: 'queue',
    kpi: 'kpi',
    numerator: 'num',
    denominator: 'den',
  },
};

const parseCsv = (text: string, mapping: ColumnMapping, extra: Partial<ParseObservationsOptions> = {}) =>
  parseObservationsFile(Buffer.from(text), { ...base, format: 'csv', mapping, ...extra });

const summary = (records: ObservationRecord[]) =>
  records.map(
    (r) =>
      `${r.source.line} ${r.periodStart} ${r.siteCode} ${r.kpiCode} ${r.numerator}/${r.denominator}${r.derived ? ' derived' : ''}`,
  );

describe('parseObservationsFile, long layout', () => {
  it('reads rows, fills a missing queue with "" and a missing granularity with day', async () => {
    const result = await parseCsv(
      'date,site,line,queue,kpi,num,den\n2024-03-04,MTY,voice,,service_level,80,100\n',
      LONG,
    );
    expect(result.records).toEqual([
      {
        periodStart: '2024-03-04',
        granularity: 'day',
        siteCode: 'MTY',
        serviceLine: 'voice',
        queue: '',
        kpiCode: 'service_level',
        numerator: 80,
        denominator: 100,
        derived: false,
        source: { line: 2 },
      },
    ]);
    expect(result.stats).toMatchObject({
      rowsRead: 1,
      rowsRejected: 0,
      recordsRejected: 0,
      recordsOut: 1,
      errorCount: 0,
    });
  });

  it('takes constants for the whole file', async () => {
    const mapping: ColumnMapping = {
      version: 1,
      layout: 'long',
      columns: { date: 'date', kpi: 'kpi', numerator: 'num', denominator: 'den' },
      constants: { site: 'QRO', service_line: 'back_office', queue: 'facturas', granularity: 'week' },
    };
    const result = await parseCsv('date,kpi,num,den\n2024-03-04,accuracy,990,1000\n', mapping);
    expect(result.records[0]).toMatchObject({
      siteCode: 'QRO',
      serviceLine: 'back_office',
      queue: 'facturas',
      granularity: 'week',
    });
  });

  it.each([
    ['service_level', '94.01%', '1250', 1175],
    ['service_level', '0.9401', '1250', 1175],
    ['aht', '0:05:32', '1198', 397_736],
    ['abandonment_rate', '4,16%', '1250', 52],
    ['nps', '-12.5', '240', -30],
  ])('rebuilds %s from a ready-made value %j x %s', async (kpi, value, den, numerator) => {
    const mapping: ColumnMapping = {
      version: 1,
      layout: 'long',
      columns: {
        date: 'date',
        site: 'site',
        service_line: 'line',
        kpi: 'kpi',
        value: 'value',
        denominator: 'den',
      },
    };
    const result = await parseCsv(
      `date,site,line,kpi,value,den\n2024-03-04,MTY,voice,${kpi},"${value}",${den}\n`,
      mapping,
    );
    expect(result.errors).toEqual([]);
    expect(result.records[0]).toMatchObject({
      kpiCode: kpi,
      numerator,
      denominator: Number(den),
      derived: true,
    });
  });

  it('reads a backlog value as its numerator and refuses a ready-made rate without denominator', async () => {
    const mapping: ColumnMapping = {
      version: 1,
      layout: 'long',
      columns: {
        date: 'date',
        site: 'site',
        service_line: 'line',
        kpi: 'kpi',
        value: 'value',
        denominator: 'den',
      },
    };
    const result = await parseCsv(
      'date,site,line,kpi,value,den\n2024-03-04,QRO,back_office,backlog,230,\n2024-03-04,MTY,voice,service_level,90%,\n',
      mapping,
    );
    expect(summary(result.records)).toEqual(['2 2024-03-04 QRO backlog 230/null']);
    expect(result.errors).toEqual([
      expect.objectContaining({
        line: 3,
        column: 'value',
        value: '90%',
        reason: expect.stringContaining('the denominator (contacts offered) is needed'),
      }),
    ]);
  });

  it('warns when a percentage column mixes ratios and points', async () => {
    const mapping: ColumnMapping = {
      version: 1,
      layout: 'long',
      columns: {
        date: 'date',
        site: 'site',
        service_line: 'line',
        kpi: 'kpi',
        value: 'value',
        denominator: 'den',
      },
    };
    const result = await parseCsv(
      'date,site,line,kpi,value,den\n2024-03-04,MTY,voice,service_level,0.8,100\n2024-03-05,MTY,voice,service_level,85,100\n',
      mapping,
    );
    expect(result.warnings).toEqual([
      expect.objectContaining({ column: 'value', reason: expect.stringContaining('set formats.percent') }),
    ]);
  });

  it('turns week and month names into granularities and checks period starts', async () => {
    const mapping: ColumnMapping = { ...LONG, columns: { ...LONG.columns, granularity: 'g' } };
    const result = await parseCsv(
      'date,g,site,line,queue,kpi,num,den\n2024-03-04,semanal,MTY,voice,q,fcr,1,2\n2024-03-01,Mensual,MTY,voice,q,fcr,1,2\n2024-03-06,week,MTY,voice,q,fcr,1,2\n',
      mapping,
    );
    expect(result.records.map((r) => r.granularity)).toEqual(['week', 'month']);
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 4, column: 'date', suggestion: '2024-03-04' }),
    ]);
  });

  it('reads ISO timestamps as local dates in the time zone', async () => {
    const result = await parseCsv(
      'date,site,line,queue,kpi,num,den\n2024-03-05T03:00:00Z,MTY,voice,q,fcr,1,2\n',
      LONG,
    );
    expect(result.records[0].periodStart).toBe('2024-03-04');
  });

  it('reports an empty file and a mapping for another layout', async () => {
    expect((await parseCsv('', LONG)).errors.map((e) => e.reason)).toEqual(['the file is empty']);
    expect((await parseCsv('a\n1\n', { ...LONG, layout: 'contacts' })).errors[0].reason).toBe(
      'is not an observations layout (use long or wide)',
    );
  });

  it('caps errors at maxErrors and counts the rest', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2024-03-04,Nowhere,voice,q${i},fcr,1,2`).join('\n');
    const result = await parseCsv(`date,site,line,queue,kpi,num,den\n${rows}\n`, LONG, { maxErrors: 10 });
    expect(result.errors).toHaveLength(10);
    expect(result.stats).toMatchObject({ errorCount: 30, errorsOmitted: 20, recordsRejected: 30 });
  });
});

describe('parseObservationsFile, wide layout', () => {
  const WIDE: ColumnMapping = {
    version: 1,
    layout: 'wide',
    columns: {
      date: 'Fecha',
      site: 'Sitio',
      queue: 'Cola',
      offered: 'Ofrecidas',
      answered: 'Atendidas',
      answered_within_threshold: 'En nivel',
      abandoned: 'Abandonadas',
      total_handle_seconds: 'Manejo total',
      total_wait_seconds: 'Espera total',
      backlog: 'Pendientes',
    },
    constants: { service_line: 'voice' },
  };
  const header =
    'Fecha;Sitio;Cola;Ofrecidas;Atendidas;En nivel;Abandonadas;Manejo total;Espera total;Pendientes\n';

  it('builds one record per KPI whose components are mapped (handled falls back to answered)', async () => {
    const result = await parseCsv(`${header}04/03/2024;MTY;ventas;120;110;96;10;9:00:00;0:27:30;14\n`, WIDE);
    expect(result.errors).toEqual([]);
    expect(summary(result.records)).toEqual([
      '2 2024-03-04 MTY service_level 96/120',
      '2 2024-03-04 MTY asa 1650/110',
      '2 2024-03-04 MTY aht 32400/110',
      '2 2024-03-04 MTY abandonment_rate 10/120',
      '2 2024-03-04 MTY backlog 14/null',
    ]);
  });

  it('skips KPIs with an empty component or a zero denominator on a row', async () => {
    const result = await parseCsv(
      `${header}04/03/2024;MTY;ventas;0;0;0;0;0;0;\n05/03/2024;MTY;ventas;50;45;;5;;;3\n`,
      WIDE,
    );
    expect(summary(result.records)).toEqual([
      '3 2024-03-05 MTY abandonment_rate 5/50',
      '3 2024-03-05 MTY backlog 3/null',
    ]);
  });

  it.each([
    ['04/03/2024;MTY;ventas;-12;0;0;0;0;0;0', 'Ofrecidas', '"-12" is negative; counts cannot be negative'],
    [
      '04/03/2024;MTY;ventas;120;130;96;10;0;0;0',
      'Atendidas',
      '"130" is above offered (120, column "Ofrecidas"); answered contacts cannot exceed offered contacts',
    ],
    [
      '04/03/2024;MTY;ventas;120;110;115;10;0;0;0',
      'En nivel',
      '"115" is above answered (110, column "Atendidas")',
    ],
    [
      '04/03/2024;MTY;ventas;120;110;96;10;9:75:00;0;0',
      'Manejo total',
      '"9:75:00" has minutes or seconds above 59',
    ],
    ['31/04/2024;MTY;ventas;120;110;96;10;0;0;0', 'Fecha', '"31/04/2024" is not a real calendar date'],
  ])('rejects the whole row %j', async (row, column, message) => {
    const result = await parseCsv(`${header}${row}\n`, WIDE);
    expect(result.records).toEqual([]);
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]).toMatchObject({ line: 2, column });
    expect(`"${result.errors[0].value}" ${result.errors[0].reason}`).toContain(message);
    expect(result.stats.rowsRejected).toBe(1);
  });

  it('produces only the KPIs listed in the mapping', async () => {
    const result = await parseCsv(`${header}04/03/2024;MTY;ventas;120;110;96;10;9:00:00;0:27:30;14\n`, {
      ...WIDE,
      kpis: ['aht'],
    });
    expect(result.records.map((r) => r.kpiCode)).toEqual(['aht']);
  });

  it('reports a site once per row even though the row yields several records', async () => {
    const result = await parseCsv(
      `${header}04/03/2024;Monterey;ventas;120;110;96;10;9:00:00;0:27:30;14\n`,
      WIDE,
    );
    expect(result.errors).toEqual([
      expect.objectContaining({ line: 2, column: 'Sitio', value: 'Monterey', suggestion: 'Monterrey' }),
    ]);
    expect(result.stats.recordsRejected).toBe(5);
  });
});

describe('parseObservationsFile, XLSX', () => {
  async function workbook(rows: unknown[][], sheetName = 'Datos'): Promise<Uint8Array> {
    const wb = new Workbook();
    const ws = wb.addWorksheet(sheetName);
    rows.forEach((r) => ws.addRow(r));
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('reads typed cells; line = Excel row', async () => {
    const bytes = await workbook([
      ['date', 'site', 'line', 'queue', 'kpi', 'num', 'den'],
      [new Date(Date.UTC(2024, 2, 4)), 'MTY', 'voice', 'q', 'aht', 33_200.5, 100],
      [],
      [new Date(Date.UTC(2024, 2, 5)), 'Querétaro', 'voice', 'q', 'aht', 30_000, 95],
    ]);
    const result = await parseObservationsFile(bytes, { ...base, format: 'xlsx', mapping: LONG });
    expect(result.errors).toEqual([]);
    expect(summary(result.records)).toEqual([
      '2 2024-03-04 MTY aht 33200.5/100',
      '4 2024-03-05 QRO aht 30000/95',
    ]);
  });

  it('reports a missing sheet with a suggestion, and bytes that are not XLSX', async () => {
    const bytes = await workbook([['a']], 'Diario');
    const missing = await parseObservationsFile(bytes, {
      ...base,
      format: 'xlsx',
      mapping: { ...LONG, sheet: 'Diaro' },
    });
    expect(missing.errors).toEqual([
      expect.objectContaining({
        value: 'Diaro',
        suggestion: 'Diario',
        reason: 'is not a sheet of this workbook (sheets: Diario)',
      }),
    ]);
    const garbage = await parseObservationsFile(Buffer.from('not a zip'), {
      ...base,
      format: 'xlsx',
      mapping: LONG,
    });
    expect(garbage.errors.map((e) => e.reason)).toEqual(['the file is not a readable XLSX workbook']);
  });
});

describe('parseObservationsCsvChunks', () => {
  const rows = (n: number) =>
    Array.from(
      { length: n },
      (_, i) => `2024-03-0${1 + (i % 4)},MTY,voice,q${Math.floor(i / 4)},service_level,${i % 50},100`,
    ).join('\n');

  it('yields bounded batches with running stats and one final batch', async () => {
    const text = `date,site,line,queue,kpi,num,den\n${rows(250)}\n`;
    const batches = [];
    for await (const batch of parseObservationsCsvChunks(Buffer.from(text), {
      ...base,
      mapping: LONG,
      batchSize: 100,
      chunkBytes: 512,
    }))
      batches.push(batch);
    expect(batches.map((b) => [b.records.length, b.final])).toEqual([
      [100, false],
      [100, false],
      [50, true],
    ]);
    expect(batches[2].stats).toMatchObject({ rowsRead: 250, recordsOut: 250 });
    expect(batches[0].stats.recordsOut).toBe(100);
    expect(batches.flatMap((b) => b.records).map((r) => r.source.line)).toEqual(
      Array.from({ length: 250 }, (_, i) => i + 2),
    );
  });

  it('reports each error once, in the batch where it was found, and rejects only the later conflicting duplicate', async () => {
    const text =
      'date,site,line,queue,kpi,num,den\n2024-03-04,MTY,voice,q,fcr,1,2\n2024-03-04,Nowhere,voice,q,fcr,1,2\n2024-03-04,MTY,voice,q,fcr,2,2\n';
    const errors: IngestIssue[] = [];
    const records: ObservationRecord[] = [];
    for await (const batch of parseObservationsCsvChunks(Buffer.from(text), {
      ...base,
      mapping: LONG,
      batchSize: 1,
      chunkBytes: 40,
    })) {
      errors.push(...batch.errors);
      records.push(...batch.records);
    }
    expect(records.map((r) => r.source.line)).toEqual([2]);
    expect(errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'unknown_reference'],
      [4, 'duplicate'],
    ]);
    expect(errors[1].reason).toContain('this one is rejected');
  });

  it('decides the encoding at the first non-ASCII byte', async () => {
    const latin1 = Buffer.from(
      'date,site,line,queue,kpi,num,den\n2024-03-04,Querétaro,voice,q,fcr,1,2\n',
      'latin1',
    );
    const records: ObservationRecord[] = [];
    for await (const batch of parseObservationsCsvChunks(latin1, { ...base, mapping: LONG, chunkBytes: 5 }))
      records.push(...batch.records);
    expect(records.map((r) => r.siteCode)).toEqual(['QRO']);
  });
});
