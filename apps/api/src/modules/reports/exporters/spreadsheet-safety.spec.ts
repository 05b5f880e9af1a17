import { isDangerousSpreadsheetText, neutraliseSpreadsheetCell } from './spreadsheet-safety';

describe('neutraliseSpreadsheetCell', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', 'csv', `'=HYPERLINK("http://evil","x")`],
    ['+cmd', 'csv', `'+cmd`],
    ['-2+3', 'csv', `'-2+3`],
    ['@SUM(A1:A2)', 'csv', `'@SUM(A1:A2)`],
    ['\tcalc', 'csv', `'\tcalc`],
    ['\rcalc', 'csv', `'\rcalc`],
    ['Monterrey voz', 'csv', 'Monterrey voz'],
    ['a=b', 'csv', 'a=b'],
    ['', 'csv', ''],
    ['Querétaro', 'csv', 'Querétaro'],
    // In a workbook the text is kept as typed: it is stored as a string cell (never a formula).
    ['=1+1', 'xlsx', '=1+1'],
  ] as const)('%j for %s -> %j', (input, target, expected) => {
    expect(neutraliseSpreadsheetCell(input, target)).toBe(expected);
  });

  it.each([
    [-12.5, 'csv'],
    [-12.5, 'xlsx'],
    [0, 'csv'],
    [null, 'csv'],
    [undefined, 'xlsx'],
  ] as const)('leaves the non-string %j unchanged (%s)', (input, target) => {
    expect(neutraliseSpreadsheetCell(input, target)).toBe(input);
  });

  it.each([
    ['=x', true],
    ['+x', true],
    ['-x', true],
    ['@x', true],
    ['\tx', true],
    ['\rx', true],
    [' =x', false],
    ['x', false],
    ['', false],
  ])('isDangerousSpreadsheetText(%j) = %s', (input, expected) => {
    expect(isDangerousSpreadsheetText(input)).toBe(expected);
  });
});
