import {
  AlertFacts,
  AlertSubscriptionFilter,
  decideImmediateAlert,
  findMuteWindow,
  matchesAlertSubscription,
  MuteWindowRule,
} from './alert-notification-policy';

const alert: AlertFacts = { providerId: 'P1', siteId: 'S1', kpiCode: 'aht', kind: 'drift', severity: 'high' };
const any: AlertSubscriptionFilter = { providerIds: [], siteIds: [], kpiCodes: [], kinds: [], minSeverity: 'low' };

describe('matchesAlertSubscription', () => {
  it.each<[string, Partial<AlertSubscriptionFilter>, Partial<AlertFacts>, boolean]>([
    ['everything', {}, {}, true],
    ['provider chosen', { providerIds: ['P1'] }, {}, true],
    ['other provider', { providerIds: ['P2'] }, {}, false],
    ['site chosen', { siteIds: ['S1', 'S2'] }, {}, true],
    ['other site', { siteIds: ['S2'] }, {}, false],
    ['provider-wide alert under a site filter', { siteIds: ['S2'] }, { siteId: null }, true],
    ['kpi chosen', { kpiCodes: ['aht'] }, {}, true],
    ['other kpi', { kpiCodes: ['service_level'] }, {}, false],
    ['alert without a kpi under a kpi filter', { kpiCodes: ['service_level'] }, { kpiCode: null, kind: 'stale_feed' }, true],
    ['kind chosen', { kinds: ['drift', 'sla_breach'] }, {}, true],
    ['other kind', { kinds: ['sla_breach'] }, {}, false],
    ['severity at the minimum', { minSeverity: 'high' }, {}, true],
    ['severity below the minimum', { minSeverity: 'critical' }, {}, false],
  ])('%s: %p', (_label, filter, facts, expected) => {
    expect(matchesAlertSubscription({ ...any, ...filter }, { ...alert, ...facts })).toBe(expected);
  });
});

describe('findMuteWindow', () => {
  const window = (extra: Partial<MuteWindowRule>): MuteWindowRule => ({
    id: 'w',
    providerId: null,
    siteId: null,
    kpiCode: null,
    startsAt: new Date('2026-11-02T00:00:00Z'),
    endsAt: new Date('2026-11-03T00:00:00Z'),
    reason: 'Planned outage',
    ...extra,
  });
  const noon = new Date('2026-11-02T12:00:00Z');
  it.each<[string, Partial<MuteWindowRule>, Date, boolean]>([
    ['everything, inside', {}, noon, true],
    ['before it starts', {}, new Date('2026-11-01T23:59:59Z'), false],
    ['the end is exclusive', {}, new Date('2026-11-03T00:00:00Z'), false],
    ['this provider', { providerId: 'P1' }, noon, true],
    ['another provider', { providerId: 'P2' }, noon, false],
    ['this site', { providerId: 'P1', siteId: 'S1' }, noon, true],
    ['another site', { siteId: 'S9' }, noon, false],
    ['another kpi', { kpiCode: 'csat' }, noon, false],
  ])('%s: %p', (_label, extra, time, muted) => {
    expect(findMuteWindow([window(extra)], alert, time) !== null).toBe(muted);
  });
});

describe('decideImmediateAlert', () => {
  const now = new Date('2026-11-02T12:00:00Z');
  const memory = (hoursAgo: number, resolutionAnnounced = false) => ({
    lastNotifiedAt: new Date(now.getTime() - hoursAgo * 3_600_000),
    lastSeverity: 'critical' as const,
    resolutionAnnounced,
  });
  it.each([
    ['new critical', 'opened', 'critical', null, true],
    ['new high, immediate only for critical', 'opened', 'high', null, false],
    ['updated soon after the last mail', 'updated', 'critical', memory(1), false],
    ['updated after the renotify interval', 'updated', 'critical', memory(25), true],
    ['reminder before the interval', 'reminder', 'critical', memory(23.9), false],
    ['reminder after the interval', 'reminder', 'critical', memory(24), true],
    ['worsened soon after the last mail', 'worsened', 'critical', memory(1), true],
    ['came back', 'reopened', 'critical', memory(1, true), true],
    ['resolved after being mailed', 'resolved', 'critical', memory(1), true],
    ['resolution announced once', 'resolved', 'critical', memory(1, true), false],
    ['resolved but never mailed', 'resolved', 'high', null, false],
    ['opened again without a resolution in between', 'opened', 'critical', memory(2), false],
  ] as const)('%s -> %p', (_label, change, severity, mem, send) => {
    const decision = decideImmediateAlert({
      change,
      severity,
      minSeverity: 'critical',
      memory: mem,
      now,
      renotifyAfterMinutes: 24 * 60,
    });
    expect(decision.send).toBe(send);
    expect(decision.reason.length).toBeGreaterThan(2);
  });
});
