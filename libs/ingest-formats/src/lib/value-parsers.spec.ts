import {
  DecimalSeparator,
  DurationStyle,
  PercentStyle,
  parseBoolean,
  parseDate,
  parseDuration,
  parseNonNegativeNumber,
  parseNumber,
  parsePercent,
  parseTimestamp,
} from './value-parsers';

const TZ = 'America/Mexico_City';

describe('parseNumber', () => {
  it.each<[string, DecimalSeparator, number]>([
    ['1234.5', '.', 1234.5],
    ['1234.5', ',', 1234.5],
    ['1234,5', ',', 1234.5],
    ['1234,5', '.', 1234.5],
    ['0,9401', ',', 0.9401],
    ['0.9401', ',', 0.9401],
    ['1,234.5', '.', 1234.5],
    ['1,234.5', ',', 1234.5],
    ['1.234,5', ',', 1234.5],
    ['1.234,5', '.', 1234.5],
    ['1,234,567', '.', 1234567],
    ['1.234.567', ',', 1234567],
    ['1 234,5', ',', 1234.5],
    ['1 234.5', '.', 1234.5],
    ['1 234 567', '.', 1234567],
    // The one ambiguous shape: a single separator followed by three digits.
    ['1,234', '.', 1234],
    ['1,234', ',', 1.234],
    ['1.234', ',', 1234],
    ['1.234', '.', 1.234],
    ['-12', '.', -12],
    ['+7', '.', 7],
    ['.5', '.', 0.5],
    [',5', ',', 0.5],
    ['-,5', ',', -0.5],
    ['1.2E+03', '.', 1200],
    [' 42 ', '.', 42],
    ['120', ',', 120],
  ])('%j with "%s" decimals -> %d', (text, decimalSeparator, expected) => {
    expect(parseNumber(text, { decimalSeparator })).toEqual({ ok: true, value: expected });
  });

  it.each<[string, DecimalSeparator, string]>([
    ['1,23,4', '.', 'is not a number'],
    ['1.234.5', '.', 'is not a number'],
    ['1,234,5', ',', 'is not a number'],
    ['abc', '.', 'is not a number'],
    ['12 abc', '.', 'is not a number'],
    ['1 2', '.', 'is not a number'],
    ['', '.', 'is empty'],
    ['N/A', ',', 'is not a number'],
    ['12-3', '.', 'is not a number'],
  ])('%j with "%s" decimals fails: %s', (text, decimalSeparator, reason) => {
    const result = parseNumber(text, { decimalSeparator });
    expect(result.ok).toBe(false);
    expect(!result.ok && result.reason).toContain(reason);
  });

  it('rejects negative counts with the standard sentence', () => {
    expect(parseNonNegativeNumber('-12')).toEqual({
      ok: false,
      reason: 'is negative; counts cannot be negative',
    });
    expect(parseNonNegativeNumber('0')).toEqual({ ok: true, value: 0 });
  });
});

describe('parsePercent', () => {
  it.each<[string, PercentStyle, DecimalSeparator, number]>([
    ['94.01%', 'auto', '.', 0.9401],
    ['94.01 %', 'auto', '.', 0.9401],
    ['94,01%', 'auto', ',', 0.9401],
    ['0.9401', 'auto', '.', 0.9401],
    ['94.01', 'auto', '.', 0.9401],
    ['1', 'auto', '.', 1],
    ['100', 'auto', '.', 1],
    ['0', 'auto', '.', 0],
    ['0.8', 'points', '.', 0.008],
    ['94.01', 'points', '.', 0.9401],
    ['0.9401', 'ratio', '.', 0.9401],
    ['80%', 'ratio', '.', 0.8],
  ])('%j (%s, "%s") -> %d', (text, style, decimalSeparator, expected) => {
    const result = parsePercent(text, { style, decimalSeparator });
    expect(result.ok).toBe(true);
    expect(result.ok && result.value).toBeCloseTo(expected, 12);
  });

  it.each<[string, PercentStyle, string]>([
    ['101%', 'auto', 'is above 100 %'],
    ['-3%', 'auto', 'is negative'],
    ['94.01', 'ratio', 'is above 1'],
    ['abc%', 'auto', 'is not a percentage'],
    ['', 'auto', 'is empty'],
  ])('%j (%s) fails: %s', (text, style, reason) => {
    const result = parsePercent(text, { style });
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('parseDuration', () => {
  it.each<[string, DurationStyle, number]>([
    ['0:05:32', 'auto', 332],
    ['1:02:03', 'auto', 3723],
    ['26:00:00', 'auto', 93_600],
    ['5:32', 'auto', 332],
    ['75:10', 'auto', 4510],
    ['332', 'auto', 332],
    ['332.5', 'auto', 332.5],
    ['1h 2m', 'auto', 3720],
    ['1h2m3s', 'auto', 3723],
    ['5m 32s', 'auto', 332],
    ['45 seg', 'auto', 45],
    ['1.5h', 'auto', 5400],
    ['2 min', 'auto', 120],
    ['5.5', 'minutes', 330],
    ['1500', 'milliseconds', 1.5],
    ['2', 'hours', 7200],
  ])('%j (%s) -> %d s', (text, style, expected) => {
    expect(parseDuration(text, { style })).toEqual({ ok: true, value: expected });
  });

  it('reads decimal commas in seconds when the file uses them', () => {
    expect(parseDuration('332,5', { decimalSeparator: ',' })).toEqual({ ok: true, value: 332.5 });
  });

  it.each([
    ['0:65:00', 'above 59'],
    ['5:75', 'above 59'],
    ['-5', 'is negative'],
    ['5 parsecs', 'is not a duration'],
    ['1:2:3:4', 'is not a duration'],
    ['abc', 'is not a duration'],
  ])('%j fails: %s', (text, reason) => {
    const result = parseDuration(text);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('parseBoolean', () => {
  it.each([
    ['yes', true],
    ['No', false],
    ['TRUE', true],
    ['false', false],
    ['1', true],
    ['0', false],
    ['Y', true],
    ['n', false],
    ['sí', true],
    ['SI', true],
    ['S', true],
    ['verdadero', true],
    ['Falso', false],
  ])('%j -> %s', (text, expected) => {
    expect(parseBoolean(text)).toEqual({ ok: true, value: expected });
  });

  it.each(['maybe', '2', 'yes please', ''])('%j fails', (text) => {
    expect(parseBoolean(text).ok).toBe(false);
  });
});

describe('parseDate', () => {
  it.each([
    ['2024-03-05', {}, '2024-03-05'],
    ['05/03/2024', {}, '2024-03-05'],
    ['5/3/2024', {}, '2024-03-05'],
    ['05-03-2024', {}, '2024-03-05'],
    ['05.03.2024', {}, '2024-03-05'],
    ['03/05/2024', { format: 'mm/dd/yyyy' as const }, '2024-03-05'],
    ['2024/03/05', {}, '2024-03-05'],
    ['2024-03-05T10:00:00', {}, '2024-03-05'],
    ['2024-03-05 23:30', {}, '2024-03-05'],
    ['05/03/2024 23:59:59', {}, '2024-03-05'],
    // Offsets: the local date in the time zone (UTC-6 in March 2024).
    ['2024-03-05T03:10:00Z', { timeZone: TZ }, '2024-03-04'],
    ['2024-03-05T07:10:00Z', { timeZone: TZ }, '2024-03-05'],
    ['2024-03-05T23:30:00-06:00', { timeZone: TZ }, '2024-03-05'],
    ['2024-03-05T23:30:00.123+00:00', { timeZone: TZ }, '2024-03-05'],
    ['2024-03-05T01:30:00+0100', { timeZone: TZ }, '2024-03-04'],
  ])('%j %j -> %s', (text, options, expected) => {
    expect(parseDate(text, options)).toEqual({ ok: true, value: expected });
  });

  it.each([
    ['2023-02-29', {}, 'not a real calendar date'],
    ['31/04/2024', {}, 'not a real calendar date'],
    ['03/25/2024', {}, 'is it mm/dd/yyyy'],
    ['25/03/2024', { format: 'mm/dd/yyyy' as const }, 'is it dd/mm/yyyy'],
    ['2024-03-05T03:10:00Z', {}, 'time zone is needed'],
    ['March 5', {}, 'is not a date'],
    ['05/03/24', {}, 'is not a date'],
    ['2024-03-05T25:00:00', {}, 'impossible time'],
  ])('%j %j fails: %s', (text, options, reason) => {
    const result = parseDate(text, options);
    expect(!result.ok && result.reason).toContain(reason);
  });
});

describe('parseTimestamp', () => {
  it('turns an instant with an offset into the local date and time of day', () => {
    expect(parseTimestamp('2024-03-05T03:10:00Z', { timeZone: TZ })).toEqual({
      ok: true,
      value: { epochMs: Date.UTC(2024, 2, 5, 3, 10), date: '2024-03-04', secondsOfDay: 21 * 3600 + 10 * 60 },
    });
  });

  it('reads a time without offset as local wall-clock time', () => {
    expect(parseTimestamp('05/03/2024 1:30 PM', { timeZone: TZ })).toEqual({
      ok: true,
      value: { epochMs: Date.UTC(2024, 2, 5, 19, 30), date: '2024-03-05', secondsOfDay: 13.5 * 3600 },
    });
  });

  it('uses the offset in force: Mexico City had no daylight saving in 2024, New York had', () => {
    const mx = parseTimestamp('2024-07-01T12:00:00', { timeZone: TZ });
    const ny = parseTimestamp('2024-07-01T12:00:00', { timeZone: 'America/New_York' });
    expect(mx.ok && mx.value.epochMs).toBe(Date.UTC(2024, 6, 1, 18));
    expect(ny.ok && ny.value.epochMs).toBe(Date.UTC(2024, 6, 1, 16));
  });
});
