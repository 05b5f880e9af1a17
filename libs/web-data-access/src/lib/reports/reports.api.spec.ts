import { recentQuarters } from './reports.api';

describe('recentQuarters', () => {
  it.each([
    ['2026-11-21', 3, ['2026-Q4', '2026-Q3', '2026-Q2']],
    ['2026-02-01', 3, ['2026-Q1', '2025-Q4', '2025-Q3']],
  ])('%s, %d', (today, count, expected) => expect(recentQuarters(today as string, count as number)).toEqual(expected));
});
