import { Workbook } from 'exceljs';
import { cellText, readXlsx } from './xlsx';

describe('cellText', () => {
  it.each([
    [null, undefined, ''],
    ['Querétaro', undefined, 'Querétaro'],
    [1234.5, undefined, '1234.5'],
    [0.9401, '0.00%', '94.01%'],
    [0.1 + 0.2, '0%', '30%'],
    [332 / 86_400, '[h]:mm:ss', '0:05:32'],
    [1.5, '[h]:mm', '36:00:00'],
    [new Date(Date.UTC(2024, 2, 4)), 'dd/mm/yyyy', '2024-03-04'],
    [new Date(Date.UTC(2024, 2, 4, 9, 30, 15)), 'dd/mm/yyyy hh:mm', '2024-03-04T09:30:15'],
    [new Date(Date.UTC(1899, 11, 30, 0, 5, 32)), '[h]:mm:ss', '0:05:32'],
    [true, undefined, 'true'],
    [{ richText: [{ text: 'Mon' }, { text: 'terrey' }] }, undefined, 'Monterrey'],
    [{ text: 'link', hyperlink: 'https://example.com' }, undefined, 'link'],
    [{ formula: 'A1*2', result: 42 }, undefined, '42'],
    [{ formula: 'A1/B1', result: 0.5 }, '0.0%', '50%'],
    [{ error: '#N/A' }, undefined, '#N/A'],
  ])('%j (%s) -> %j', (value, numFmt, expected) => {
    expect(cellText(value as never, numFmt)).toBe(expected);
  });
});

describe('readXlsx', () => {
  async function book(): Promise<Uint8Array> {
    const wb = new Workbook();
    wb.addWorksheet('Notas').getCell('A1').value = 'léame';
    const ws = wb.addWorksheet('Datos');
    ws.getCell('A1').value = 'Reporte diario';
    ws.addRow([]);
    ws.getRow(3).values = ['Fecha', 'Sitio', 'Nivel', '', ''];
    ws.getRow(4).values = [new Date(Date.UTC(2024, 2, 4)), 'MTY', 0.8];
    ws.getRow(4).getCell(3).numFmt = '0.0%';
    ws.getRow(6).values = [new Date(Date.UTC(2024, 2, 5)), 'GDL', 0.75, '', 'extra'];
    return new Uint8Array(await wb.xlsx.writeBuffer());
  }

  it('skips a title row, keeps Excel row numbers and reports values beyond the header', async () => {
    const table = await readXlsx(await book(), { sheet: 'datos' });
    expect(table.sheet).toBe('Datos');
    expect(table.sheetNames).toEqual(['Notas', 'Datos']);
    expect(table.headerLine).toBe(3);
    expect(table.header).toEqual(['Fecha', 'Sitio', 'Nivel']);
    expect(table.rows).toEqual([{ line: 4, cells: { Fecha: '2024-03-04', Sitio: 'MTY', Nivel: '80%' } }]);
    expect(table.errors).toEqual([
      expect.objectContaining({ line: 6, reason: 'has 1 value(s) beyond the 3 columns of the header' }),
    ]);
  });

  it('reads the first sheet by default and honours headerRow', async () => {
    expect((await readXlsx(await book())).header).toEqual(['léame']);
    const table = await readXlsx(await book(), { sheet: 'Datos', headerRow: 1 });
    expect(table.header).toEqual(['Reporte diario']);
  });
});
