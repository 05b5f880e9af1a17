import type { DriftEventSummaryDto } from '@kpi/contracts';
import { driftEventToTrigger, driftSeverity, driftSourceRef } from './drift-alert.mapping';
import { slaBreachSourceRef, slaBreachToTrigger } from './sla-breach.watcher';
import { staleFeedSeverity, staleFeedToTrigger } from './stale-feed.seam';

const event = (extra: Partial<DriftEventSummaryDto> = {}): DriftEventSummaryDto => ({
  id: 'e1',
  providerId: 'p1',
  providerCode: 'NORTE',
  providerName: 'Norte',
  siteId: 's1',
  siteCity: 'Monterrey',
  serviceLine: 'voice',
  queue: '',
  level: 'site_line',
  kpiCode: 'aht',
  kind: 'drift',
  direction: 'adverse',
  status: 'open',
  detector: 'cusum',
  findingKind: 'trend',
  startDate: '2026-07-03',
  openedOn: '2026-08-01',
  resolvedOn: null,
  resolution: null,
  lastDataDate: '2026-10-31',
  magnitude: 0.124,
  baselineValue: 355,
  currentValue: 399,
  explanation: 'AHT at Monterrey voice has risen 12.4 % since 3 July.',
  alerted: true,
  ...extra,
});

describe('drift events -> the escalation seam', () => {
  it.each([
    [{ kind: 'drift', magnitude: 0.2 }, 'critical'],
    [{ kind: 'drift', magnitude: 0.1 }, 'high'],
    [{ kind: 'drift', magnitude: -0.04 }, 'medium'],
    [{ kind: 'drift', magnitude: 0.01 }, 'low'],
    [{ kind: 'qa_regression', magnitude: -0.09, findingKind: 'score' }, 'critical'],
    [{ kind: 'qa_regression', magnitude: -0.04, findingKind: 'score' }, 'high'],
    [{ kind: 'qa_regression', magnitude: -0.01, findingKind: 'score' }, 'medium'],
    [{ kind: 'qa_regression', magnitude: 2, findingKind: 'auto_fail' }, 'high'],
    [{ kind: 'sla', findingKind: 'breach' }, 'critical'],
    [{ kind: 'sla', findingKind: 'fast_burn' }, 'medium'],
    [{ kind: 'sla', findingKind: 'at_risk' }, 'low'],
  ] as const)('%p is %s', (facts, severity) => {
    expect(driftSeverity(facts as never)).toBe(severity);
  });

  it('maps an event to a report with scope, since when, how much and its explanation', () => {
    expect(driftEventToTrigger(event(), 'Average handle time', 'worsened')).toEqual({
      kind: 'drift',
      providerId: 'p1',
      scope: { siteId: 's1', serviceLine: 'voice', queue: null, kpiCode: 'aht' },
      severity: 'high',
      sourceRef: driftSourceRef('e1'),
      title: 'Average handle time drift at Monterrey',
      detail: {
        since: '2026-07-03',
        magnitude: 0.124,
        baselineValue: 355,
        currentValue: 399,
        explanation: 'AHT at Monterrey voice has risen 12.4 % since 3 July.',
        transition: 'worsened',
        data: { driftEventId: 'e1', detector: 'cusum', findingKind: 'trend', level: 'site_line' },
      },
    });
    expect(driftEventToTrigger(event({ kind: 'sla', findingKind: 'breach', siteCity: null }), 'Service level', null)).toMatchObject({
      kind: 'sla_breach',
      severity: 'critical',
      title: 'Service level below the SLA minimum',
    });
    expect(driftEventToTrigger(event({ kind: 'qa_regression' }), null, null)).toMatchObject({ kind: 'qa_regression', title: 'aht regression at Monterrey' });
  });
});

describe('SLA breaches -> the escalation seam', () => {
  it('raises a breached period once per service level and period, critical for critical levels', () => {
    const input = slaBreachToTrigger(
      'p1',
      'Norte MSA 2026',
      { serviceLevelId: 'sl1', name: 'Service level 80/20', kpiCode: 'service_level', kind: 'critical', scopeLabel: 'All sites · voice' },
      { period: { from: '2026-10-01', to: '2026-10-31' }, periodLabel: 'October 2026', value: 0.74, minimum: 0.8, target: 0.85 } as never,
      { unit: 'percent', displayPrecision: 1, name: 'Service level' },
    );
    expect(input).toMatchObject({
      kind: 'sla_breach',
      severity: 'critical',
      sourceRef: slaBreachSourceRef('sl1', '2026-10-01'),
      title: 'Service level 80/20 breached in October 2026',
      scope: { kpiCode: 'service_level', label: 'All sites · voice' },
      detail: { since: '2026-10-01', baselineValue: 0.8, currentValue: 0.74 },
    });
    expect(input.detail?.magnitude).toBeCloseTo(-0.075, 10);
    expect(input.detail?.explanation).toBe(
      'Service level was 74.0 % in October 2026, below the minimum of 80.0 % (target 85.0 %) of "Norte MSA 2026".',
    );
  });
});

describe('stale feeds -> the escalation seam', () => {
  it.each([
    [30, 60, 'medium'],
    [90, 60, 'high'],
    [300, 60, 'critical'],
  ])('%d minutes late on a %d-minute cadence is %s', (late, cadence, severity) => {
    expect(staleFeedSeverity({ minutesLate: late, expectedCadenceMinutes: cadence })).toBe(severity);
  });

  it('is idempotent per feed and staleness episode', () => {
    const input = staleFeedToTrigger({
      feedId: 'f1',
      feedName: 'Daily AP invoices',
      providerId: 'p3',
      staleSince: '2026-11-20T06:00:00.000Z',
      lastSuccessAt: '2026-11-19T06:00:00.000Z',
      expectedCadenceMinutes: 1440,
      minutesLate: 180,
    });
    expect(input).toMatchObject({
      kind: 'stale_feed',
      severity: 'medium',
      sourceRef: 'stale-feed:f1:2026-11-20T06:00:00.000Z',
      scope: { feedId: 'f1' },
      title: 'No data from feed "Daily AP invoices"',
      detail: { since: '2026-11-20' },
    });
  });
});
