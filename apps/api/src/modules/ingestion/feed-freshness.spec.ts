import { feedFreshness } from './feed-freshness';

const created = '2026-11-01T00:00:00Z';
const now = new Date('2026-11-01T12:00:00Z');

describe('feedFreshness', () => {
  it.each([
    ['no cadence', { enabled: true, expectedCadenceMinutes: null, lastSuccessAt: null }, 'unscheduled', 0],
    ['disabled', { enabled: false, expectedCadenceMinutes: 60, lastSuccessAt: null }, 'unscheduled', 0],
    ['recent success', { enabled: true, expectedCadenceMinutes: 60, lastSuccessAt: '2026-11-01T11:30:00Z' }, 'fresh', 0],
    ['success exactly one cadence ago', { enabled: true, expectedCadenceMinutes: 60, lastSuccessAt: '2026-11-01T11:00:00Z' }, 'fresh', 0],
    ['missed cadence by 90 minutes', { enabled: true, expectedCadenceMinutes: 60, lastSuccessAt: '2026-11-01T09:30:00Z' }, 'stale', 90],
    ['never succeeded, set up long ago', { enabled: true, expectedCadenceMinutes: 60, lastSuccessAt: null }, 'stale', 660],
    ['never succeeded, still within cadence', { enabled: true, expectedCadenceMinutes: 24 * 60, lastSuccessAt: null }, 'never', 0],
  ])('%s', (_label, feed, status, minutesLate) => {
    const result = feedFreshness({ ...feed, createdAt: created }, now);
    expect(result.status).toBe(status);
    expect(result.minutesLate).toBe(minutesLate);
  });

  it('says since when a feed is stale', () => {
    const result = feedFreshness({ enabled: true, expectedCadenceMinutes: 60, lastSuccessAt: '2026-11-01T09:30:00Z', createdAt: created }, now);
    expect(result.staleSince).toBe('2026-11-01T10:30:00.000Z');
  });
});
