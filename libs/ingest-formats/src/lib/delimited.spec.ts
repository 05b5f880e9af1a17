import { DelimitedReader, RawRow, detectDelimiter, parseDelimited } from './delimited';
import { IssueCollector } from './ingest-issue';

describe('detectDelimiter', () => {
  it.each([
    ['date,site,offered', ','],
    ['Fecha;Sitio;Ofrecidas', ';'],
    ['date\tsite\toffered', '\t'],
    ['"a,b";c;d', ';'],
    ['"Nivel; de servicio",x,y', ','],
    ['single', ','],
  ])('%j -> %j', (line, expected) => {
    expect(detectDelimiter(line)).toBe(expected);
  });
});

describe('parseDelimited', () => {
  it('reads a comma file with its header and physical line numbers', () => {
    const table = parseDelimited('date,site,offered\n2024-03-01,MTY,120\n2024-03-02,GDL,98\n');
    expect(table.delimiter).toBe(',');
    expect(table.header).toEqual(['date', 'site', 'offered']);
    expect(table.rows).toEqual([
      { line: 2, cells: { date: '2024-03-01', site: 'MTY', offered: '120' } },
      { line: 3, cells: { date: '2024-03-02', site: 'GDL', offered: '98' } },
    ]);
    expect(table.errors).toEqual([]);
  });

  it('detects ";" and drops trailing empty columns and blank lines', () => {
    const table = parseDelimited(
      'Fecha;Sitio;Ofrecidas;;;\n01/03/2024;MTY;120;;;\n\n;;;;;\n02/03/2024;GDL;98;;;\n',
    );
    expect(table.delimiter).toBe(';');
    expect(table.header).toEqual(['Fecha', 'Sitio', 'Ofrecidas']);
    expect(table.rows.map((r) => [r.line, r.cells['Sitio']])).toEqual([
      [2, 'MTY'],
      [5, 'GDL'],
    ]);
  });

  it('keeps quoted delimiters, doubled quotes and embedded line breaks; later rows keep their physical line', () => {
    const text =
      'id,comment,site\n1,"plain",MTY\n2,"two\nlines, and ""quotes""",GDL\n3,"three\nphysical\nlines",QRO\n4,x,LEO\n';
    const table = parseDelimited(text);
    expect(table.rows.map((r) => [r.line, r.cells['id'], r.cells['site']])).toEqual([
      [2, '1', 'MTY'],
      [3, '2', 'GDL'],
      [5, '3', 'QRO'],
      [8, '4', 'LEO'],
    ]);
    expect(table.rows[1].cells['comment']).toBe('two\nlines, and "quotes"');
  });

  it.each([
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ])('counts %s line breaks once, also inside quoted values', (_name, nl) => {
    const text = ['a,b', '1,"x', 'y"', '', '2,z', '3,w'].join(nl) + nl;
    const table = parseDelimited(text);
    expect(table.rows.map((r) => [r.line, r.cells['a']])).toEqual([
      [2, '1'],
      [5, '2'],
      [6, '3'],
    ]);
    expect(table.rows[0].cells['b']).toBe('x\ny');
  });

  it('starts counting at the header even after leading blank lines and a BOM', () => {
    const table = parseDelimited('\uFEFF\n\na,b\n1,2\n');
    expect(table.headerLine).toBe(3);
    expect(table.rows).toEqual([{ line: 4, cells: { a: '1', b: '2' } }]);
  });

  it('reads tab-separated text and a last row without a line break', () => {
    const table = parseDelimited('a\tb\n1\t2');
    expect(table.delimiter).toBe('\t');
    expect(table.rows).toEqual([{ line: 2, cells: { a: '1', b: '2' } }]);
  });

  it('pads short rows and names empty / repeated header cells', () => {
    const table = parseDelimited('a,,a\n1\n');
    expect(table.header).toEqual(['a', 'column 2', 'a (2)']);
    expect(table.rows[0].cells).toEqual({ a: '1', 'column 2': '', 'a (2)': '' });
    expect(table.warnings).toHaveLength(1);
    expect(table.warnings[0].reason).toContain('appears 2 times');
  });

  it('reports malformed records with their line and keeps every other row', () => {
    // Line 5 has a stray quote: it must not swallow lines 6 and 7. Line 7 opens a quote that never closes.
    const text = 'a,b\n1,2\n"x"y,3\n4,5\nab"c,6\n7,8\n9,"never closed\n10,11\n';
    const table = parseDelimited(text);
    expect(table.rows.map((r) => [r.line, r.cells['a']])).toEqual([
      [2, '1'],
      [4, '4'],
      [6, '7'],
      [8, '10'],
    ]);
    expect(table.errors.map((e) => [e.line, e.code])).toEqual([
      [3, 'malformed_file'],
      [5, 'malformed_file'],
      [7, 'malformed_file'],
    ]);
    expect(table.errors[0].reason).toContain('right after a closing quote');
    expect(table.errors[1].reason).toContain('quote inside an unquoted value');
    expect(table.errors[2].reason).toContain('never closed');
  });

  it('reports a quote left open at the end of the file on the line where its row starts', () => {
    const table = parseDelimited('a,b\n1,2\n3,"open\n');
    expect(table.rows.map((r) => r.line)).toEqual([2]);
    expect(table.errors).toEqual([
      expect.objectContaining({ line: 3, reason: expect.stringContaining('never closed') }),
    ]);
    // Messages never echo the row content.
    expect(table.errors.every((e) => e.value === null)).toBe(true);
  });

  it('reports values beyond the header (a decimal comma in a comma file) as an error for that row', () => {
    const table = parseDelimited('site,aht\nMTY,332,5\nGDL,300\n');
    expect(table.rows.map((r) => r.line)).toEqual([3]);
    expect(table.errors).toEqual([
      expect.objectContaining({ line: 2, reason: expect.stringContaining('beyond the 2 columns') }),
    ]);
  });

  it('honours a forced delimiter', () => {
    expect(parseDelimited('a;b,c\n1;2,3\n', { delimiter: ',' }).header).toEqual(['a;b', 'c']);
  });
});

describe('DelimitedReader (streaming)', () => {
  const text =
    'id;comment;site\r\n1;"uno";MTY\r\n2;"dos\r\nlíneas; ""citadas""";GDL\r\n\r\n3;tres;QRO\r\n4;"a\nb";LEO\r\n5;cinco;MID';

  const readInPieces = (size: number) => {
    const header: string[][] = [];
    const rows: RawRow[] = [];
    const issues = new IssueCollector();
    const reader = new DelimitedReader(
      { header: (h) => header.push(h), rows: (batch) => rows.push(...batch) },
      issues,
    );
    for (let i = 0; i < text.length; i += size) reader.write(text.slice(i, i + size));
    reader.end();
    return { header, rows, errors: issues.errors };
  };

  it.each([1, 2, 3, 5, 8, 13, 1000])('gives the same rows and lines whatever the piece size (%i)', (size) => {
    const whole = parseDelimited(text);
    const streamed = readInPieces(size);
    expect(streamed.header).toEqual([whole.header]);
    expect(
      streamed.rows.map((r) => ({
        line: r.line,
        cells: Object.fromEntries(whole.header.map((h, i) => [h, r.values[i]])),
      })),
    ).toEqual(whole.rows);
    expect(streamed.errors).toEqual([]);
    expect(whole.rows.map((r) => r.line)).toEqual([2, 3, 6, 7, 9]);
  });

  it('hands rows out in bounded batches for big inputs', () => {
    const lines = ['a,b'];
    for (let i = 0; i < 20_000; i++) lines.push(`${i},x`);
    const batches: number[] = [];
    const reader = new DelimitedReader(
      { header: () => undefined, rows: (batch) => batches.push(batch.length) },
      new IssueCollector(),
    );
    reader.write(lines.join('\n'));
    reader.end();
    expect(batches.reduce((a, b) => a + b, 0)).toBe(20_000);
    expect(Math.max(...batches)).toBeLessThanOrEqual(8192);
  });

  it('refuses writes after end (programmer error)', () => {
    const reader = new DelimitedReader(
      { header: () => undefined, rows: () => undefined },
      new IssueCollector(),
    );
    reader.end();
    expect(() => reader.write('a')).toThrow('after end');
  });
});
