import { locateJsonError, parseJsonText } from './json-text';

describe('parseJsonText', () => {
  it('parses valid JSON (a BOM is tolerated)', () => {
    expect(parseJsonText('\uFEFF{"a":[1,2]}')).toEqual({ ok: true, value: { a: [1, 2] } });
  });

  it.each([
    ['{"a": 1,}', 'expected a double-quoted property name', 1, 9],
    ['{"a": [1, 2', 'expected "," or "]" after an array element, but the text ends', 1, 12],
    ['', 'expected a value, but the text ends', 1, 1],
    ['{"a":\n tru}', 'expected "true"', 2, 5],
    ['[1 2]', 'expected "," or "]" after an array element', 1, 4],
    ['{"a": "x\ny"}', 'expected the string to close before a control character or line break', 1, 9],
    ['{"a": 01}', 'expected "," or "}" after a property value', 1, 8],
    ['{"a": "\\q"}', 'expected a valid escape after \\', 1, 9],
    ['{} {}', 'expected the end of the text after the JSON value', 1, 4],
    ["{'a': 1}", 'expected a double-quoted property name', 1, 2],
  ])('%j -> %s at %i:%i', (text, expected, line, column) => {
    const result = parseJsonText(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.error.line).toBe(line);
    expect(result.error.reason).toContain(expected);
    expect(result.error.reason).toContain(`line ${line}, column ${column}`);
    expect(result.error.value).toBeNull();
  });

  it('never quotes the payload', () => {
    const result = parseJsonText('{"agent": "AG-1234" "x"}');
    expect(JSON.stringify(result)).not.toContain('AG-1234');
  });

  it('agrees with JSON.parse on valid input', () => {
    for (const text of ['{"a":{"b":[true,false,null,-1.5e3,"\\u00e9"]}}', '[]', '"x"', ' 1 ']) {
      expect(() => JSON.parse(text)).not.toThrow();
      expect(locateJsonError(text).expected).toBe('the text could not be parsed');
    }
  });
});
