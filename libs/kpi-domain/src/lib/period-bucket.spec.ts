import {
  PeriodGranularity,
  bucketEnd,
  bucketLabel,
  bucketStart,
  enumerateBuckets,
  rangeBucket,
  shiftBucket,
} from './period-bucket';

describe('bucketStart / bucketEnd / bucketLabel', () => {
  // 2024-03-06 is a Wednesday in ISO week 10; 2024-03-10 is the Sunday of the same week.
  it.each<[string, PeriodGranularity, string, string, string]>([
    ['2024-03-06', 'day', '2024-03-06', '2024-03-06', '2024-03-06'],
    ['2024-03-06', 'week', '2024-03-04', '2024-03-10', '2024-W10'],
    ['2024-03-10', 'week', '2024-03-04', '2024-03-10', '2024-W10'],
    ['2024-03-06', 'month', '2024-03-01', '2024-03-31', '2024-03'],
    ['2024-02-15', 'month', '2024-02-01', '2024-02-29', '2024-02'],
    ['2024-03-06', 'quarter', '2024-01-01', '2024-03-31', '2024-Q1'],
    ['2024-11-30', 'quarter', '2024-10-01', '2024-12-31', '2024-Q4'],
    ['2024-03-06', 'year', '2024-01-01', '2024-12-31', '2024'],
    ['2025-01-01', 'week', '2024-12-30', '2025-01-05', '2025-W01'],
  ])('%s by %s -> %s..%s (%s)', (date, granularity, start, end, label) => {
    expect(bucketStart(date, granularity)).toBe(start);
    expect(bucketEnd(date, granularity)).toBe(end);
    expect(bucketLabel(date, granularity)).toBe(label);
  });
});

describe('enumerateBuckets', () => {
  it('returns whole months overlapping the range', () => {
    expect(enumerateBuckets('2024-01-30', '2024-03-02', 'month').map((b) => [b.start, b.end])).toEqual([
      ['2024-01-01', '2024-01-31'],
      ['2024-02-01', '2024-02-29'],
      ['2024-03-01', '2024-03-31'],
    ]);
  });

  it('returns Monday-based weeks', () => {
    expect(enumerateBuckets('2024-03-06', '2024-03-18', 'week').map((b) => b.label)).toEqual([
      '2024-W10',
      '2024-W11',
      '2024-W12',
    ]);
  });

  it('handles days, quarters and years', () => {
    expect(enumerateBuckets('2024-02-28', '2024-03-01', 'day')).toHaveLength(3);
    expect(enumerateBuckets('2024-02-15', '2024-08-01', 'quarter').map((b) => b.label)).toEqual([
      '2024-Q1',
      '2024-Q2',
      '2024-Q3',
    ]);
    expect(enumerateBuckets('2023-12-31', '2024-01-01', 'year').map((b) => b.label)).toEqual([
      '2023',
      '2024',
    ]);
  });

  it('rejects an inverted range', () => {
    expect(() => enumerateBuckets('2024-03-02', '2024-03-01', 'day')).toThrow(RangeError);
    expect(() => rangeBucket({ from: '2024-03-02', to: '2024-03-01' })).toThrow(RangeError);
  });
});

describe('shiftBucket', () => {
  it.each<[string, PeriodGranularity, number, string, string]>([
    ['2024-01-15', 'month', 2, '2024-03-01', '2024-03-31'],
    ['2024-01-15', 'month', -1, '2023-12-01', '2023-12-31'],
    ['2024-03-06', 'week', 1, '2024-03-11', '2024-03-17'],
    ['2024-11-01', 'quarter', 1, '2025-01-01', '2025-03-31'],
    ['2024-02-29', 'day', 1, '2024-03-01', '2024-03-01'],
    ['2024-02-29', 'month', 0, '2024-02-01', '2024-02-29'],
  ])('%s by %s shifted %p -> %s..%s', (date, granularity, steps, start, end) => {
    const bucket = shiftBucket(date, granularity, steps);
    expect([bucket.start, bucket.end]).toEqual([start, end]);
  });
});
