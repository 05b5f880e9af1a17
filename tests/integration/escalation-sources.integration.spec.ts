import { ProviderScope } from '../../apps/api/src/modules/auth/provider-scope';
import { DriftEventBus } from '../../apps/api/src/modules/drift/drift-event-bus';
import { DRIFT_TRANSITIONS } from '../../apps/api/src/modules/drift/drift.events';
import { DriftService } from '../../apps/api/src/modules/drift/drift.service';
import type { DriftEventQueryDto } from '../../apps/api/src/modules/drift/dto/drift-event-query.dto';
import { DriftEscalationSubscriber } from '../../apps/api/src/modules/escalations/sources/drift-escalation.subscriber';
import { SlaBreachWatcher } from '../../apps/api/src/modules/escalations/sources/sla-breach.watcher';
import { StaleFeedWatcher } from '../../apps/api/src/modules/escalations/sources/stale-feed.watcher';
import { IngestionClock } from '../../apps/api/src/modules/ingestion/ingestion.clock';
import { SlaPerformanceService } from '../../apps/api/src/modules/sla/sla-performance.service';
import { startTestApp, TestApp } from './support/test-app';

/** The sources wired to the escalation seam: drift events (bus + reconciliation), SLA breaches, stale feeds. */
describe('escalation sources', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startTestApp({ ENABLE_SCHEDULER: 'false', MAIL_CATCHER_PORT: '0' });
  });
  afterAll(() => t.close());

  const alerts = (kind: string) =>
    t.dataSource.query(`SELECT source_ref, status, severity, escalation_id FROM alert_events WHERE kind = $1 ORDER BY source_ref`, [kind]);

  it('raises every open adverse drift event once, and the bus resolves them', async () => {
    const drift = t.app.get(DriftService);
    const open = await drift.listEvents(ProviderScope.all(), { status: 'open', direction: 'adverse', limit: 500 } as DriftEventQueryDto);
    expect(open.total).toBeGreaterThan(0); // the demo's planted problems
    const subscriber = t.app.get(DriftEscalationSubscriber);
    const first = await subscriber.reconcile();
    expect(first.raised).toBe(open.total);
    const raised = await t.dataSource.query(`SELECT source_ref FROM alert_events WHERE source_ref LIKE 'drift-event:%'`);
    expect(raised.map((r: { source_ref: string }) => r.source_ref).sort()).toEqual(open.items.map((e) => `drift-event:${e.id}`).sort());
    // Again: nothing changes (idempotent per source).
    expect(await subscriber.reconcile()).toEqual({ raised: 0, resolved: 0 });
    // The planted AHT drift at Norte's Monterrey voice queue joined the seeded escalation of that scope.
    const [aht] = await t.dataSource.query(
      `SELECT a.escalation_id, e.title FROM alert_events a JOIN escalations e ON e.id = a.escalation_id
       WHERE a.source_ref LIKE 'drift-event:%' AND a.kpi_code = 'aht' AND e.title = 'Average handle time drift at Monterrey'`,
    );
    expect(aht).toBeDefined();

    // A resolved transition on the drift module's bus resolves the alert.
    const target = open.items[0];
    await t.app.get(DriftEventBus).publish([
      {
        name: DRIFT_TRANSITIONS.resolved,
        eventId: target.id,
        providerId: target.providerId,
        siteId: target.siteId,
        serviceLine: target.serviceLine,
        kpiCode: target.kpiCode,
        kind: target.kind,
        direction: 'adverse',
        dataDate: '2026-10-31',
        magnitude: target.magnitude,
        explanation: 'Back in control',
      },
    ]);
    const [resolved] = await t.dataSource.query(`SELECT status FROM alert_events WHERE source_ref = $1`, [`drift-event:${target.id}`]);
    expect(resolved.status).toBe('resolved');
  });

  it('raises each final SLA period below its minimum once', async () => {
    const sla = t.app.get(SlaPerformanceService);
    const now = new Date();
    const to = now.toISOString().slice(0, 7);
    const from = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - 1, 1)).toISOString().slice(0, 7);
    const expected: string[] = [];
    for (const { id } of await t.dataSource.query(`SELECT id FROM providers`)) {
      const attainment = await sla.attainment(ProviderScope.all(), id, { from, to });
      for (const contract of attainment.contracts) {
        for (const level of contract.serviceLevels) {
          for (const result of level.results) {
            if (result.final && result.status === 'breached') expected.push(`sla-breach:${level.serviceLevelId}:${result.period.from}`);
          }
        }
      }
    }
    expect(expected.length).toBeGreaterThan(0); // the demo contracts are breached in October (e.g. Pacífico's service level)
    const watcher = t.app.get(SlaBreachWatcher);
    expect(await watcher.reconcile(now)).toBe(expected.length);
    expect(await watcher.reconcile(now)).toBe(0);
    const rows = await alerts('sla_breach');
    // Breaches open escalations (critical service levels are critical).
    const breached = rows.filter((r: { source_ref: string }) => r.source_ref.startsWith('sla-breach:'));
    expect(breached.every((r: { escalation_id: string | null }) => r.escalation_id !== null)).toBe(true);
    expect(rows.map((r: { source_ref: string }) => r.source_ref).filter((ref: string) => ref.startsWith('sla-breach:')).sort()).toEqual(expected.sort());
  });

  it('raises a stale feed, escalates it as it gets later, and resolves it when data arrives', async () => {
    const [provider] = await t.dataSource.query(`SELECT id FROM providers WHERE code = 'ALTIPLANO'`);
    const [feed] = await t.dataSource.query(
      `INSERT INTO feeds (provider_id, name, connector, expected_cadence_minutes, last_success_at, created_at)
       VALUES ($1, 'Daily AP invoices (test)', 'push', 60, now() - interval '90 minutes', now() - interval '10 days') RETURNING id`,
      [provider.id],
    );
    const watcher = t.app.get(StaleFeedWatcher);
    expect(await watcher.reconcile()).toEqual({ raised: 1, resolved: 0 });
    let [row] = (await alerts('stale_feed')).filter((r: { source_ref: string }) => r.source_ref.startsWith(`stale-feed:${feed.id}:`));
    expect(row).toMatchObject({ status: 'open', severity: 'medium', escalation_id: null }); // 30 minutes late: alerted, not escalated
    expect(await watcher.reconcile()).toEqual({ raised: 0, resolved: 0 });

    // Five hours later, still nothing: the same episode is now critical (worse), and escalated.
    const clock = jest.spyOn(t.app.get(IngestionClock), 'now').mockReturnValue(new Date(Date.now() + 5 * 3_600_000));
    try {
      expect(await watcher.reconcile()).toEqual({ raised: 1, resolved: 0 });
    } finally {
      clock.mockRestore();
    }
    const episode = (await alerts('stale_feed')).filter((r: { source_ref: string }) => r.source_ref.startsWith(`stale-feed:${feed.id}:`));
    expect(episode).toHaveLength(1);
    expect(episode[0]).toMatchObject({ source_ref: row.source_ref, severity: 'critical', status: 'open' });
    expect(episode[0].escalation_id).not.toBeNull();

    // Data again: the alert is resolved.
    await t.dataSource.query(`UPDATE feeds SET last_success_at = now() WHERE id = $1`, [feed.id]);
    expect(await watcher.reconcile()).toEqual({ raised: 0, resolved: 1 });
    [row] = (await alerts('stale_feed')).filter((r: { source_ref: string }) => r.source_ref.startsWith(`stale-feed:${feed.id}:`));
    expect(row.status).toBe('resolved');
  });
});
