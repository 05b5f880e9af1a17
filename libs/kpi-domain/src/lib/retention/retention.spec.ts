import { retentionCutoff, retentionCutoffs } from './retention';
import { DEFAULT_RETENTION_POLICY, PURGEABLE_DATA_KINDS } from './retention.constants';

describe('retentionCutoff', () => {
  it.each<[string, number, string]>([
    ['2026-11-15T10:00:00.000Z', 18, '2025-05-15'],
    ['2026-11-15T23:59:59.999Z', 24, '2024-11-15'],
    ['2026-11-15T00:00:00.000Z', 1, '2026-10-15'],
    ['2026-01-10T08:00:00.000Z', 1, '2025-12-10'],
    // Month ends clamp to the shorter month.
    ['2026-08-31T12:00:00.000Z', 6, '2026-02-28'],
    ['2028-08-31T12:00:00.000Z', 6, '2028-02-29'],
    ['2028-02-29T12:00:00.000Z', 12, '2027-02-28'],
    ['2027-03-31T00:00:00.000Z', 18, '2025-09-30'],
  ])('%s minus %i months -> %s', (now, months, expected) => {
    expect(retentionCutoff(new Date(now), months)).toEqual({ cutoffDate: expected, cutoff: `${expected}T00:00:00.000Z` });
  });

  it('uses the UTC date of now, whatever the local offset of the instant written', () => {
    // 2026-11-15 20:00 in Mexico City is already 2026-11-16 in UTC.
    expect(retentionCutoff(new Date('2026-11-15T20:00:00-06:00'), 18).cutoffDate).toBe('2025-05-16');
  });

  it('gives the same cutoff all day long', () => {
    const morning = retentionCutoff(new Date('2026-11-15T00:00:01Z'), 18);
    const night = retentionCutoff(new Date('2026-11-15T23:59:59Z'), 18);
    expect(morning).toEqual(night);
  });

  it.each([0, -1, 1.5, Number.NaN])('refuses a period of %p months', (months) => {
    expect(() => retentionCutoff(new Date('2026-11-15T00:00:00Z'), months)).toThrow(RangeError);
  });

  it('refuses an invalid now', () => {
    expect(() => retentionCutoff(new Date('not a date'), 18)).toThrow(RangeError);
  });
});

describe('retentionCutoffs', () => {
  it('gives every purgeable kind its own cutoff under the default policy', () => {
    expect(retentionCutoffs(new Date('2026-11-15T10:00:00Z'), DEFAULT_RETENTION_POLICY, PURGEABLE_DATA_KINDS)).toEqual([
      { kind: 'qa_evaluations', months: 18, cutoffDate: '2025-05-15', cutoff: '2025-05-15T00:00:00.000Z' },
      { kind: 'ingestion_row_errors', months: 24, cutoffDate: '2024-11-15', cutoff: '2024-11-15T00:00:00.000Z' },
    ]);
  });

  it('follows a configured policy', () => {
    const cutoffs = retentionCutoffs(new Date('2026-11-15T10:00:00Z'), { qa_evaluations: 6, ingestion_row_errors: 3 }, PURGEABLE_DATA_KINDS);
    expect(cutoffs.map((c) => [c.kind, c.cutoffDate])).toEqual([
      ['qa_evaluations', '2026-05-15'],
      ['ingestion_row_errors', '2026-08-15'],
    ]);
  });
});
