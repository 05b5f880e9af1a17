import { jsonNestsDeeperThan, refuseDeepJson } from './json-depth';

const bytes = (text: string) => new TextEncoder().encode(text);

describe('jsonNestsDeeperThan', () => {
  it.each([
    ['{"a":[1,{"b":2}]}', 3, false],
    ['{"a":[1,{"b":2}]}', 2, true],
    ['[[[]]]', 3, false],
    ['[[[[]]]]', 3, true],
    ['{"text":"[[[[[[{{{{"}', 1, false],
    ['{"text":"quote \\" then [[[["}', 1, false],
    ['"just a string"', 0, false],
  ])('%s with at most %d levels: %s', (text, max, expected) => {
    expect(jsonNestsDeeperThan(bytes(text), max)).toBe(expected);
  });

  it('refuses 10,000 levels with a 400 the exception filter can show', () => {
    const deep = Buffer.from(`${'['.repeat(10_000)}${']'.repeat(10_000)}`);
    expect(() => refuseDeepJson(null, null, deep)).toThrow(expect.objectContaining({ status: 400, message: 'The JSON body is nested deeper than 32 levels' }));
    expect(() => refuseDeepJson(null, null, Buffer.from('{"a":[1]}'))).not.toThrow();
  });
});
