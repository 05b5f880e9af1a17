import { IngestError } from './ingest-issue';

/**
 * JSON.parse with a usable error: the line, column and offset of the first syntax error, described without
 * quoting the payload (which may hold personal data). V8's messages only sometimes carry a position, so
 * the position comes from a small grammar scan that runs only when JSON.parse fails.
 */
export function parseJsonText(
  text: string,
): { ok: true; value: unknown } | { ok: false; error: IngestError } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  try {
    return { ok: true, value: JSON.parse(body) };
  } catch {
    const problem = locateJsonError(body);
    const before = body.slice(0, problem.position);
    const line = before.split('\n').length;
    const column = problem.position - before.lastIndexOf('\n');
    return {
      ok: false,
      error: {
        code: 'malformed_file',
        line,
        column: null,
        value: null,
        reason: `the body is not valid JSON: ${problem.expected} at line ${line}, column ${column} (offset ${problem.position})`,
      },
    };
  }
}

interface JsonProblem {
  readonly position: number;
  readonly expected: string;
}

class JsonScanError extends Error {
  constructor(readonly problem: JsonProblem) {
    super(problem.expected);
  }
}

/** Position and description of the first syntax error of a text JSON.parse rejected. */
export function locateJsonError(text: string): JsonProblem {
  let pos = 0;
  const fail = (expected: string): never => {
    throw new JsonScanError({
      position: pos,
      expected: pos >= text.length ? `${expected}, but the text ends` : expected,
    });
  };
  const skipSpace = () => {
    while (pos < text.length && ' \t\n\r'.includes(text[pos])) pos++;
  };
  const literal = (word: string) => {
    for (let i = 0; i < word.length; i++, pos++) if (text[pos] !== word[i]) fail(`expected "${word}"`);
  };
  const string = () => {
    pos++;
    while (pos < text.length) {
      const c = text[pos];
      if (c === '"') {
        pos++;
        return;
      }
      if (c === '\\') {
        const next = text[pos + 1];
        if (next === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(pos + 2, pos + 6))) {
            pos++;
            fail('expected 4 hex digits after \\u');
          }
          pos += 6;
        } else if (next !== undefined && '"\\/bfnrt'.includes(next)) pos += 2;
        else {
          pos++;
          fail('expected a valid escape after \\');
        }
        continue;
      }
      if (c.charCodeAt(0) < 0x20)
        fail('expected the string to close before a control character or line break');
      pos++;
    }
    fail('expected a closing quote');
  };
  const number = () => {
    const m = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/.exec(text.slice(pos, pos + 400));
    if (!m || m[0] === '' || m[0] === '-') fail('expected a number');
    pos += (m as RegExpExecArray)[0].length;
  };
  const value = (depth: number): void => {
    if (depth > 512) fail('nesting is too deep');
    skipSpace();
    const c = text[pos];
    if (c === '{') {
      pos++;
      skipSpace();
      if (text[pos] === '}') {
        pos++;
        return;
      }
      for (;;) {
        skipSpace();
        if (text[pos] !== '"') fail('expected a double-quoted property name');
        string();
        skipSpace();
        if (text[pos] !== ':') fail('expected ":" after a property name');
        pos++;
        value(depth + 1);
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === '}') {
          pos++;
          return;
        }
        fail('expected "," or "}" after a property value');
      }
    }
    if (c === '[') {
      pos++;
      skipSpace();
      if (text[pos] === ']') {
        pos++;
        return;
      }
      for (;;) {
        value(depth + 1);
        skipSpace();
        if (text[pos] === ',') {
          pos++;
          continue;
        }
        if (text[pos] === ']') {
          pos++;
          return;
        }
        fail('expected "," or "]" after an array element');
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail('expected a value');
  };
  try {
    value(0);
    skipSpace();
    if (pos < text.length) fail('expected the end of the text after the JSON value');
  } catch (error) {
    if (error instanceof JsonScanError) return error.problem;
    throw error;
  }
  return { position: 0, expected: 'the text could not be parsed' };
}
