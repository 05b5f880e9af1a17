import { csvHeaderLine, csvValueLine } from './export-csv';

const TEXT = 25;
const VARCHAR = 1043;
const INT = 23;
const FLOAT = 701;
const BOOL = 16;
const JSONB = 3802;

describe('export CSV lines', () => {
  it('writes a header line', () => {
    expect(csvHeaderLine(['id', 'name, full'])).toBe('id,"name, full"\r\n');
  });

  it.each<[string, (string | null)[], number[], string]>([
    ['NULL and empty text differ', [null, ''], [TEXT, TEXT], ',""\r\n'],
    ['booleans', ['t', 'f'], [BOOL, BOOL], 'true,false\r\n'],
    ['negative numbers stay numbers', ['-5', '-0.25'], [INT, FLOAT], '-5,-0.25\r\n'],
    ['formula-like text is neutralised', ['=HYPERLINK("x")', '+1', '@SUM(A1)', '-cmd'], [TEXT, VARCHAR, TEXT, VARCHAR], `"'=HYPERLINK(""x"")",'+1,'@SUM(A1),'-cmd\r\n`],
    ['quotes, commas and line breaks are quoted', ['a "b"', 'x,y', 'l1\nl2', ' padded '], [TEXT, TEXT, TEXT, TEXT], '"a ""b""","x,y","l1\nl2"," padded "\r\n'],
    ['JSON is written as text', ['{"a": 1}'], [JSONB], '"{""a"": 1}"\r\n'],
    ['accented text passes unchanged', ['Querétaro'], [VARCHAR], 'Querétaro\r\n'],
  ])('%s', (_name, values, types, expected) => {
    expect(csvValueLine(values, types)).toBe(expected);
  });
});
