import ExcelJS from 'exceljs';
import { diffFigures, figuresSnapshot } from '../quarterly-review.model';
import { reviewToCsvFiles, reviewToCsvZip, tableToCsv } from './csv.exporter';
import { reviewToPdf } from './pdf.exporter';
import { pdfText } from './pdf-text.testing';
import { sampleReview } from './review-fixture';
import { reviewToXlsx, uniqueSheetName } from './xlsx.exporter';
import { readZip } from './zip-writer';


describe('CSV exporter', () => {
  it('writes UTF-8 with a BOM, a header row, plain numbers and neutralised text', () => {
    const table = sampleReview().sections[1].tables[0];
    const text = tableToCsv(table).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]).toBe('Service level,Queue,Month,Period end,Value,Observations,Credit (MXN)');
    expect(lines[1]).toBe(`Voice 80/20 – Guadalajara,'+cmd,2026-07,2026-07-31,0.7432,31,129600`);
    // a real negative number stays a number
    expect(lines[2]).toBe('AHT – Monterrey,voz-mty,2026-07,2026-07-31,351.25,31,-1500.5');
    expect(lines[3]).toBe('');
  });

  it('quotes separators and quotes, and prefixes formula text', () => {
    const table = sampleReview().sections[2].tables[0];
    const lines = tableToCsv(table).toString('utf8').slice(1).split('\r\n');
    expect(lines[1]).toBe(`"'=HYPERLINK(""http://evil"",""x"")",María López,2026-11-15`);
    expect(lines[2]).toBe(`"Staff ""Querétaro"", night shift",'@ops,`);
  });

  it('zips one CSV per table', () => {
    const review = sampleReview();
    const files = readZip(reviewToCsvZip(review));
    expect([...files.keys()]).toEqual(reviewToCsvFiles(review).map((f) => f.fileName));
    expect(files.get('attainment.csv')?.toString('utf8')).toBe(tableToCsv(review.sections[1].tables[0]).toString('utf8'));
  });
});

describe('Excel exporter', () => {
  it('has an overview and a sheet per table with numbers, formats, frozen headers and text-only injection samples', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reviewToXlsx(sampleReview())) as never);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Overview', 'Executive summary', 'Service level attainment', 'Commentary and agreed actions']);

    const attainment = workbook.getWorksheet('Service level attainment')!;
    expect(attainment.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(attainment.getRow(1).getCell(1).value).toBe('Service level');
    const value = attainment.getRow(2).getCell(5);
    expect(value.value).toBe(0.7432);
    expect(value.numFmt).toBe('0.0%');
    expect(attainment.getRow(3).getCell(5).numFmt).toBe('0.0');
    expect(attainment.getRow(2).getCell(6).numFmt).toBe('0');
    expect(attainment.getRow(3).getCell(7).value).toBe(-1500.5);
    expect(attainment.getRow(3).getCell(7).numFmt).toBe('#,##0.00');
    const date = attainment.getRow(2).getCell(4);
    expect(date.value).toEqual(new Date('2026-07-31T00:00:00.000Z'));
    expect(date.numFmt).toBe('yyyy-mm-dd');
    const queue = attainment.getRow(2).getCell(2);
    expect(queue.value).toBe('+cmd');
    expect(queue.type).toBe(ExcelJS.ValueType.String);
    expect(queue.numFmt).toBe('@');
    expect(attainment.getColumn(1).width).toBeGreaterThan(10);

    const actions = workbook.getWorksheet('Commentary and agreed actions')!;
    const evil = actions.getRow(2).getCell(1);
    expect(evil.type).toBe(ExcelJS.ValueType.String);
    expect(evil.formula).toBeUndefined();
    expect(evil.value).toBe('=HYPERLINK("http://evil","x")');
  });

  it('makes sheet names valid and unique', () => {
    const used = new Set<string>();
    expect(uniqueSheetName('Restatements / timeliness: [data]', used)).toBe('Restatements timeliness data');
    expect(uniqueSheetName('A very long section title that exceeds the limit', used)).toHaveLength(31);
    expect(uniqueSheetName('A very long section title that exceeds the limit', used)).toMatch(/\(2\)$/);
  });
});

describe('PDF exporter', () => {
  it('has a cover, a table of contents with page numbers, section titles, figures and page numbers', async () => {
    const rendered: string[] = [];
    const pdf = await reviewToPdf(sampleReview(), (chart) => {
      rendered.push(chart.key);
      return null;
    });
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const { text, total } = pdfText(pdf);
    expect(total).toBe(5);
    expect(text).toContain('Table of contents');
    expect(text).toMatch(/1\. Executive summary[\s.]*3/);
    expect(text).toMatch(/3\. Commentary and agreed actions[\s.]*5/);
    expect(text).toContain('74.3 %');
    expect(text).toContain('351.3');
    expect(text).toContain('129,600.00');
    expect(text).toContain('Page 2 of 5');
    expect(text).toContain('Page 5 of 5');
    expect(text).toContain('Pacífico BPO');
    expect(rendered).toEqual(['chart-service_level']);
  });
});

describe('figures snapshot', () => {
  it('keeps the numbers of restatable tables and reports what changed', () => {
    const issued = sampleReview();
    const current = sampleReview();
    current.sections[1].tables[0].rows[0].cells['value'] = 0.75;
    const changes = diffFigures(figuresSnapshot(issued), figuresSnapshot(current));
    expect(changes).toEqual([{ table: 'attainment', row: 'sl-gdl|2026-07', column: 'value', issued: 0.7432, current: 0.75 }]);
    expect(Object.keys(figuresSnapshot(issued)).some((key) => key.startsWith('agreed_actions'))).toBe(false);
    expect(diffFigures(figuresSnapshot(issued), figuresSnapshot(sampleReview()))).toEqual([]);
  });
});
