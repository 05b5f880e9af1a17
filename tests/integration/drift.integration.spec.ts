import type {
  DriftEventDetailDto,
  DriftEventListDto,
  DriftEventSummaryDto,
  DriftKpiSettingsDto,
  DriftOverlayDto,
  DriftSettingsListDto,
} from '@kpi/contracts';
import { addDays, DEMO_INCIDENTS, seededRandom } from '../../apps/api/src/modules/demo/demo-data';
import { DriftEventBus } from '../../apps/api/src/modules/drift/drift-event-bus';
import { DriftTransition } from '../../apps/api/src/modules/drift/drift.events';
import { DriftProcessor } from '../../apps/api/src/modules/drift/drift.processor';
import { DriftService } from '../../apps/api/src/modules/drift/drift.service';
import { startTestApp, TEST_DEMO_LAST_DAY, TestApp } from './support/test-app';

/** The day an injected demo problem started (days before the last demo day). */
const truth = (daysAgo: number) => addDays(TEST_DEMO_LAST_DAY, -daysAgo);
const daysBetween = (a: string, b: string) => Math.round((Date.parse(b) - Date.parse(a)) / 86_400_000);

describe('drift engine on the demo data (evaluated right after the demo seed)', () => {
  let t: TestApp;
  let admin: string;
  let drift: DriftService;
  let ids: Record<string, string>;
  let sites: Record<string, string>;
  const transitions: DriftTransition[] = [];

  beforeAll(async () => {
    t = await startTestApp();
    admin = (await t.signIn('admin@demo.kpigov.mx')).accessToken;
    drift = t.app.get(DriftService);
    t.app.get(DriftEventBus).subscribe((transition) => {
      transitions.push(transition);
    });
    const providers: { id: string; code: string }[] = await t.dataSource.query(
      `SELECT id, code FROM providers`,
    );
    ids = Object.fromEntries(providers.map((p) => [p.code, p.id]));
    const siteRows: { id: string; key: string }[] = await t.dataSource.query(
      `SELECT s.id, p.code || '/' || s.code AS key FROM sites s JOIN providers p ON p.id = s.provider_id`,
    );
    sites = Object.fromEntries(siteRows.map((s) => [s.key, s.id]));
  });
  afterAll(() => t.close());

  const events = async (query: string, token = admin) => {
    const res = await t.request<DriftEventListDto>('GET', `/drift/events?${query}`, { token });
    expect(res.status).toBe(200);
    return res.body.items;
  };

  /** Events, their history and the series state, without timestamps: what "nothing changed" compares. */
  const snapshot = async () => ({
    events: await t.dataSource.query(
      `SELECT id, series_key, kind, direction, status, detector, finding_kind, start_date, opened_on, resolved_on,
              resolution, last_data_date, magnitude, explanation, attribution, notified_magnitude
       FROM drift_events ORDER BY id`,
    ),
    history: await t.dataSource.query(
      `SELECT event_id, transition, data_date, magnitude, note FROM drift_event_history ORDER BY id`,
    ),
    series: await t.dataSource.query(
      `SELECT series_key, status, covered_to, points, tracks FROM drift_series ORDER BY series_key`,
    ),
  });

  describe('the planted problems', () => {
    it('opens an AHT drift at Norte Monterrey voice, starting near the start of the ramp', async () => {
      const found = await events(
        `providerId=${ids['NORTE']}&siteId=${sites['NORTE/MTY']}&kpiCode=aht&status=open&kind=drift`,
      );
      const voice = found.find((e) => e.serviceLine === 'voice');
      expect(voice).toMatchObject({ direction: 'adverse', level: 'site_line', alerted: true });
      // A slow ramp is seen some time after it starts (it may be dated later), never before.
      const offset = daysBetween(truth(DEMO_INCIDENTS.ahtDrift.startDaysAgo), voice!.startDate);
      expect(offset).toBeGreaterThanOrEqual(-14);
      expect(offset).toBeLessThanOrEqual(30);
      expect(voice!.magnitude).toBeGreaterThan(0.08);
      expect(voice!.explanation).toMatch(
        /^Average handle time at Monterrey voice has (gradually )?risen \d+ % .* since \d+ \w+; the other sites are stable\.$/,
      );
    });

    it('opens a service-level drift at Pacífico Guadalajara voice dated within two weeks of the step', async () => {
      const found = await events(
        `providerId=${ids['PACIFICO']}&siteId=${sites['PACIFICO/GDL']}&kpiCode=service_level&status=open`,
      );
      const voice = found.find((e) => e.serviceLine === 'voice' && e.kind === 'drift');
      expect(voice).toMatchObject({ direction: 'adverse', findingKind: 'level_shift' });
      expect(
        Math.abs(daysBetween(truth(DEMO_INCIDENTS.serviceLevelDrop.startDaysAgo), voice!.startDate)),
      ).toBeLessThanOrEqual(14);
      expect(voice!.magnitude).toBeLessThan(-0.07);
    });

    it('opens a QA regression for the Altiplano Mexico City finance team, dated near the start of the decline', async () => {
      const found = await events(
        `providerId=${ids['ALTIPLANO']}&siteId=${sites['ALTIPLANO/CDMX']}&kind=qa_regression&status=open`,
      );
      const team = found.find((e) => e.serviceLine === 'finance_accounting');
      expect(team).toMatchObject({ direction: 'adverse', kpiCode: 'qa_score', level: 'site_line' });
      expect(
        Math.abs(daysBetween(truth(DEMO_INCIDENTS.qaDecline.startDaysAgo), team!.startDate)),
      ).toBeLessThanOrEqual(14);
      const detail = (
        await t.request<DriftEventDetailDto>('GET', `/drift/events/${team!.id}`, { token: admin })
      ).body;
      const test = detail.details['test'] as {
        score: { status: string; baselineValue: number; recentValue: number };
      };
      expect(test.score.status).toBe('regressed');
      expect(test.score.baselineValue - test.score.recentValue).toBeGreaterThan(0.03);
      expect(detail.explanation).toMatch(
        /^QA has regressed at Ciudad de México finance & accounting since about .*: QA score down from/,
      );
    });

    it('raises no open QA regression where nothing was planted', async () => {
      for (const code of ['NORTE', 'PACIFICO']) {
        expect(
          await events(`providerId=${ids[code]}&kind=qa_regression&status=open&direction=adverse`),
        ).toEqual([]);
      }
    });

    it('keeps adverse events on un-planted series rare (all of them resolved, none open)', async () => {
      const planted = [
        { provider: ids['NORTE'], kpis: ['aht'] },
        // The step in service level also moves abandonment and ASA, which the demo derives from it.
        { provider: ids['PACIFICO'], kpis: ['service_level', 'abandonment_rate', 'asa'] },
        { provider: ids['ALTIPLANO'], kpis: ['qa_score', 'qa_autofail_rate'] },
      ];
      // SLA rule events are contractual facts, not detector alarms: they are checked on their own below.
      const adverse: DriftEventSummaryDto[] = (await events('direction=adverse&limit=500')).filter(
        (e) => e.kind !== 'sla' && !planted.some((p) => p.provider === e.providerId && p.kpis.includes(e.kpiCode)),
      );
      expect(adverse.filter((e) => e.status === 'open')).toEqual([]);
      expect(adverse.length).toBeLessThanOrEqual(3);
    });

    it('raises an SLA event at Pacífico Guadalajara voice from the contract terms: below its minimum or burning its budget fast', async () => {
      const found = await events(
        `providerId=${ids['PACIFICO']}&siteId=${sites['PACIFICO/GDL']}&kpiCode=service_level&kind=sla&status=open`,
      );
      const voice = found.find((e) => e.serviceLine === 'voice');
      expect(voice).toMatchObject({ kind: 'sla', direction: 'adverse', level: 'site_line' });
      expect(['breach', 'fast_burn']).toContain(voice!.findingKind);
      expect(voice!.detector).toBe(voice!.findingKind === 'fast_burn' ? 'error_budget' : 'sla_minimum');
      const detail = (await t.request<DriftEventDetailDto>('GET', `/drift/events/${voice!.id}`, { token: admin })).body;
      const sla = detail.details['sla'] as { serviceLevelName: string; minimum: number; value: number; periodStart: string };
      // The terms in force on the last demo day (renegotiated minimum 75 %) come from the SLA module.
      expect(sla).toMatchObject({ serviceLevelName: 'Voice service level 80/20 – Guadalajara', minimum: 0.75 });
      // The rule judges the period-to-date ratio of sums, recomputed here from the raw observations.
      const [raw] = await t.dataSource.query(
        `SELECT sum(numerator)::float8 / sum(denominator)::float8 AS value FROM metric_observations
         WHERE site_id = $1 AND service_line_code = 'voice' AND kpi_code = 'service_level'
           AND period_start >= $2 AND period_start <= $3`,
        [sites['PACIFICO/GDL'], sla.periodStart, voice!.lastDataDate],
      );
      expect(sla.value).toBeCloseTo(raw.value, 9);
      if (voice!.findingKind === 'breach') expect(sla.value).toBeLessThan(0.75);
    });

    it('raises SLA events only on series a demo contract service level covers, open breaches only on planted problems', async () => {
      const sla = await events('kind=sla&limit=500');
      expect(sla.length).toBeGreaterThan(0);
      const levels: { provider_id: string; kpi_code: string; site_id: string | null; service_line_code: string | null }[] =
        await t.dataSource.query(
          `SELECT DISTINCT c.provider_id, l.kpi_code, l.site_id, l.service_line_code FROM sla_service_levels l
           JOIN sla_contract_versions v ON v.id = l.contract_version_id JOIN sla_contracts c ON c.id = v.contract_id`,
        );
      for (const e of sla) {
        expect(
          levels.some(
            (l) =>
              l.provider_id === e.providerId &&
              l.kpi_code === e.kpiCode &&
              l.site_id === e.siteId &&
              l.service_line_code === e.serviceLine,
          ),
        ).toBe(true);
      }
      // Open breaches are where the demo planted a problem: Monterrey AHT (the ramp), the Guadalajara
      // service-level step and the Mexico City finance QA decline.
      const breaches = sla.filter((e) => e.status === 'open' && e.findingKind === 'breach');
      expect(breaches.map((e) => `${e.providerCode}/${e.kpiCode}/${e.siteCity}/${e.serviceLine}`).sort()).toEqual(
        expect.arrayContaining(['PACIFICO/service_level/Guadalajara/voice']),
      );
      for (const e of breaches) {
        expect([
          'NORTE/aht/Monterrey/voice',
          'PACIFICO/service_level/Guadalajara/voice',
          'ALTIPLANO/qa_score/Ciudad de México/finance_accounting',
        ]).toContain(`${e.providerCode}/${e.kpiCode}/${e.siteCity}/${e.serviceLine}`);
      }
    });

    it('attributes the provider-level AHT drift of Norte to Monterrey voice (rate, not mix)', async () => {
      const [provider] = (
        await events(`providerId=${ids['NORTE']}&kpiCode=aht&status=open&kind=drift`)
      ).filter((e) => e.level === 'provider');
      expect(provider).toBeDefined();
      const detail = (
        await t.request<DriftEventDetailDto>('GET', `/drift/events/${provider.id}`, { token: admin })
      ).body;
      expect(detail.attribution?.top?.label).toBe('Monterrey voice');
      expect(detail.attribution?.top?.share).toBeGreaterThan(0.6);
      const bySite = detail.attribution?.dimensions.find((d) => d.dimension === 'site');
      expect(bySite?.rows[0].label).toBe('Monterrey');
      const mty = bySite!.rows[0];
      expect(Math.abs(mty.rateEffect)).toBeGreaterThan(Math.abs(mty.mixEffect));
      // Contributions add up to the change of the ratio of sums.
      const sum = detail.attribution!.dimensions[0].rows.reduce((s, r) => s + r.contribution, 0);
      expect(sum).toBeCloseTo(detail.attribution!.change!, 9);
      expect(detail.explanation).toContain('Monterrey voice');
      expect(detail.evidence.some((p) => p.evidence && p.window === 'after')).toBe(true);
      expect(detail.history[0]).toMatchObject({ transition: 'opened' });
    });
  });

  describe('lifecycle guarantees', () => {
    it('keeps one open event per series and kind', async () => {
      const dupes = await t.dataSource.query(
        `SELECT series_key, kind, count(*)::int AS n FROM drift_events WHERE status = 'open' GROUP BY 1, 2 HAVING count(*) > 1`,
      );
      expect(dupes).toEqual([]);
      const [e] = await t.dataSource.query(`SELECT * FROM drift_events WHERE status = 'open' LIMIT 1`);
      await expect(
        t.dataSource.query(
          `INSERT INTO drift_events (series_key, provider_id, level, kpi_code, kind, direction, status, detector, start_date,
             opened_on, last_data_date, explanation) VALUES ($1, $2, $3, $4, $5, 'adverse', 'open', 'cusum', $6, $6, $6, 'x')`,
          [e.series_key, e.provider_id, e.level, e.kpi_code, e.kind, '2020-01-01'],
        ),
      ).rejects.toThrow(/drift_events_one_open/);
    });

    it('changes nothing when the evaluation runs again on the same data (incremental, scheduled and full)', async () => {
      const before = await snapshot();
      const seen = transitions.length;
      const incremental = await drift.evaluateProvider(ids['NORTE'], { reason: 'test' });
      expect(incremental.series).toMatchObject({ full: 0, incremental: 0 });
      await drift.evaluateAll({ reason: 'nightly' });
      expect(await snapshot()).toEqual(before);
      // Even rebuilding every series from scratch reproduces the same events.
      await drift.evaluateAll({ reason: 'test', force: true });
      expect(await snapshot()).toEqual(before);
      expect(transitions.length).toBe(seen);
    });

    it('appends a new day incrementally, only for the KPIs an ingestion run names', async () => {
      const next = addDays(TEST_DEMO_LAST_DAY, 1);
      await t.dataSource.query(
        `INSERT INTO metric_observations (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start, numerator, denominator)
         SELECT provider_id, site_id, service_line_code, queue, kpi_code, granularity, $2::date, numerator, denominator
         FROM metric_observations WHERE provider_id = $1 AND kpi_code IN ('aht', 'csat') AND period_start = $3`,
        [ids['NORTE'], next, TEST_DEMO_LAST_DAY],
      );
      const before: { series_key: string; full_evaluations: number; incremental_evaluations: number }[] =
        await t.dataSource.query(
          `SELECT series_key, full_evaluations, incremental_evaluations FROM drift_series WHERE provider_id = $1 AND kpi_code = 'aht'`,
          [ids['NORTE']],
        );
      const summary = await drift.evaluateProvider(ids['NORTE'], {
        kpiCodes: ['aht'],
        fromDate: next,
        reason: 'ingestion',
      });
      expect(summary.series).toEqual({ full: 0, incremental: before.length, unchanged: 0 });
      const after: {
        series_key: string;
        full_evaluations: number;
        incremental_evaluations: number;
        covered_to: string;
      }[] = await t.dataSource.query(
        `SELECT series_key, full_evaluations, incremental_evaluations, covered_to FROM drift_series WHERE provider_id = $1 AND kpi_code = 'aht'`,
        [ids['NORTE']],
      );
      for (const row of after) {
        const old = before.find((b) => b.series_key === row.series_key)!;
        expect(row).toMatchObject({
          full_evaluations: old.full_evaluations,
          incremental_evaluations: old.incremental_evaluations + 1,
          covered_to: next,
        });
      }
      const [{ covered }] = await t.dataSource.query(
        `SELECT max(covered_to)::text AS covered FROM drift_series WHERE provider_id = $1 AND kpi_code = 'csat'`,
        [ids['NORTE']],
      );
      expect(covered).toBe(TEST_DEMO_LAST_DAY);
      const [open] = (
        await events(`providerId=${ids['NORTE']}&siteId=${sites['NORTE/MTY']}&kpiCode=aht&status=open`)
      ).filter((e) => e.serviceLine === 'voice');
      expect(open.lastDataDate).toBe(next);
    });

    it('re-evaluates a restated series in full: the Guadalajara step erased by a restatement resolves its events', async () => {
      const gdl = sites['PACIFICO/GDL'];
      const from = truth(DEMO_INCIDENTS.serviceLevelDrop.startDaysAgo + 2);
      const seen = transitions.length;
      const [open] = (
        await events(
          `providerId=${ids['PACIFICO']}&siteId=${gdl}&kpiCode=service_level&status=open&kind=drift`,
        )
      ).filter((e) => e.serviceLine === 'voice');
      // The provider restates the Guadalajara voice service level back to its usual ~83 %.
      await t.dataSource.query(
        `UPDATE metric_observations SET numerator = round(denominator * 0.832), updated_at = now()
         WHERE site_id = $1 AND service_line_code = 'voice' AND kpi_code = 'service_level' AND period_start >= $2`,
        [gdl, from],
      );
      const summary = await drift.evaluateProvider(ids['PACIFICO'], {
        kpiCodes: ['service_level'],
        fromDate: from,
        reason: 'ingestion',
      });
      expect(summary.series.full).toBeGreaterThan(0);
      expect(summary.series.incremental).toBe(0);
      const detail = (
        await t.request<DriftEventDetailDto>('GET', `/drift/events/${open.id}`, { token: admin })
      ).body;
      expect(detail).toMatchObject({ status: 'resolved', resolution: 'restated' });
      expect(detail.history.map((h) => h.transition)).toContain('resolved');
      const resolved = transitions.slice(seen).filter((x) => x.name === 'drift.event.resolved');
      expect(resolved.map((x) => x.eventId)).toContain(open.id);
    });

    it('the nightly run catches a restatement nobody announced (fingerprint of the stored history)', async () => {
      const [row] = await t.dataSource.query(
        `SELECT full_evaluations FROM drift_series WHERE provider_id = $1 AND kpi_code = 'fcr' AND level = 'provider'`,
        [ids['NORTE']],
      );
      await t.dataSource.query(
        `UPDATE metric_observations SET numerator = numerator * 0.9 WHERE provider_id = $1 AND kpi_code = 'fcr' AND period_start = $2`,
        [ids['NORTE'], truth(200)],
      );
      await drift.evaluateAll({ reason: 'nightly' });
      const [after] = await t.dataSource.query(
        `SELECT full_evaluations, last_mode FROM drift_series WHERE provider_id = $1 AND kpi_code = 'fcr' AND level = 'provider'`,
        [ids['NORTE']],
      );
      expect(after).toEqual({ full_evaluations: row.full_evaluations + 1, last_mode: 'full' });
    });
  });

  describe('a provider whose AHT drifts and recovers, and whose service level improves', () => {
    let providerId: string;
    let siteId: string;
    const start = '2025-01-06';
    const day = (i: number) => addDays(start, i);

    /**
     * Daily AHT (300 s, +12 % on days 200..259), service level (80 %, 86 % from day 250) and ASA (20 s, +10 %
     * from day 180, a further +20 % from day 250), deterministic noise.
     */
    async function insertDays(from: number, to: number): Promise<void> {
      const rand = seededRandom(4242 + from);
      const normal = () => Math.sqrt(-2 * Math.log(Math.max(rand(), 1e-12))) * Math.cos(2 * Math.PI * rand());
      const rows: unknown[][] = [[], [], [], [], []];
      for (let i = from; i <= to; i++) {
        const handled = 1000;
        const aht = 300 * (1 + (i >= 200 && i < 260 ? 0.12 : 0)) * (1 + 0.02 * normal());
        const sl = (i >= 250 ? 0.86 : 0.8) + 0.012 * normal();
        const asa = 20 * (1 + (i >= 180 ? 0.1 : 0)) * (1 + (i >= 250 ? 0.2 : 0)) * (1 + 0.02 * normal());
        for (const [kpi, n, d] of [
          ['aht', handled * aht, handled],
          ['service_level', Math.round(2000 * sl), 2000],
          ['asa', handled * asa, handled],
        ] as const) {
          rows[0].push(kpi);
          rows[1].push(day(i));
          rows[2].push(n);
          rows[3].push(d);
          rows[4].push('');
        }
      }
      await t.dataSource.query(
        `INSERT INTO metric_observations (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start, numerator, denominator)
         SELECT $1, $2, 'voice', q, k, 'day', d, n, den FROM unnest($3::text[], $4::date[], $5::float8[], $6::float8[], $7::text[]) AS x(k, d, n, den, q)`,
        [providerId, siteId, ...rows],
      );
    }

    beforeAll(async () => {
      [{ id: providerId }] = await t.dataSource.query(
        `INSERT INTO providers (code, name) VALUES ('TESTCO', 'Test Co') RETURNING id`,
      );
      [{ id: siteId }] = await t.dataSource.query(
        `INSERT INTO sites (provider_id, code, city, time_zone) VALUES ($1, 'LEON', 'León', 'America/Mexico_City') RETURNING id`,
        [providerId],
      );
      await t.dataSource.query(
        `INSERT INTO provider_service_lines (provider_id, service_line_code) VALUES ($1, 'voice')`,
        [providerId],
      );
    });

    it('opens the AHT drift while it lasts and resolves it once AHT is back in control', async () => {
      await insertDays(0, 229);
      const seen = transitions.length;
      await drift.evaluateProvider(providerId, { reason: 'ingestion', fromDate: day(0) });
      const [open] = (await events(`providerId=${providerId}&kpiCode=aht&status=open`)).filter(
        (e) => e.level === 'site_line',
      );
      expect(open).toMatchObject({ kind: 'drift', direction: 'adverse', findingKind: 'level_shift' });
      expect(Math.abs(daysBetween(day(200), open.startDate))).toBeLessThanOrEqual(3);
      expect(transitions.slice(seen).map((x) => [x.name, x.eventId])).toContainEqual([
        'drift.event.opened',
        open.id,
      ]);

      await insertDays(230, 330);
      const summary = await drift.evaluateProvider(providerId, {
        reason: 'ingestion',
        kpiCodes: ['aht'],
        fromDate: day(230),
      });
      expect(summary.series).toMatchObject({ full: 0, incremental: 2 });
      const detail = (
        await t.request<DriftEventDetailDto>('GET', `/drift/events/${open.id}`, { token: admin })
      ).body;
      expect(detail).toMatchObject({ status: 'resolved', resolution: 'back_in_control' });
      // No flapping: it stays open through the drift and resolves only after the minimum clear duration.
      expect(daysBetween(day(260), detail.resolvedOn!)).toBeGreaterThanOrEqual(2);
      expect(detail.history.filter((h) => h.transition === 'opened')).toHaveLength(1);
      expect(detail.explanation).toMatch(/; resolved on .* \(back in control\)\.$/);
      expect(transitions.slice(seen).map((x) => [x.name, x.eventId])).toContainEqual([
        'drift.event.resolved',
        open.id,
      ]);
    });

    it('records the service-level improvement as a favourable event without alerting anyone', async () => {
      await drift.evaluateProvider(providerId, {
        reason: 'ingestion',
        kpiCodes: ['service_level'],
        fromDate: day(230),
      });
      const favourable = (
        await events(`providerId=${providerId}&kpiCode=service_level&direction=favourable`)
      ).filter((e) => e.level === 'site_line');
      expect(favourable).toHaveLength(1);
      expect(favourable[0]).toMatchObject({ status: 'open', alerted: false, kind: 'drift' });
      expect(Math.abs(daysBetween(day(250), favourable[0].startDate))).toBeLessThanOrEqual(3);
      expect(favourable[0].explanation).toContain('an improvement (recorded, not alerted)');
      expect(transitions.filter((x) => x.kpiCode === 'service_level' && x.providerId === providerId)).toEqual(
        [],
      );
      expect(await events(`providerId=${providerId}&kpiCode=service_level&direction=adverse`)).toEqual([]);
    });

    it('keeps one event while a drift gets worse, and notifies that it worsened', async () => {
      const [open] = (await events(`providerId=${providerId}&kpiCode=asa&status=open`)).filter(
        (e) => e.level === 'site_line',
      );
      expect(open.magnitude).toBeGreaterThan(0.07);
      expect(open.magnitude).toBeLessThan(0.14);
      const seen = transitions.length;
      await drift.evaluateProvider(providerId, {
        reason: 'ingestion',
        kpiCodes: ['asa'],
        fromDate: day(230),
      });
      const detail = (
        await t.request<DriftEventDetailDto>('GET', `/drift/events/${open.id}`, { token: admin })
      ).body;
      expect(detail).toMatchObject({ status: 'open', startDate: open.startDate });
      expect(detail.magnitude).toBeGreaterThan(0.25);
      expect(detail.history.map((h) => h.transition)).toEqual(expect.arrayContaining(['opened', 'worsened']));
      expect(transitions.slice(seen).map((x) => [x.name, x.eventId])).toContainEqual([
        'drift.event.worsened',
        open.id,
      ]);
    });
  });

  describe('api', () => {
    it('scopes events, details and overlays to the caller providers (404 outside)', async () => {
      const maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
      const mine = await events('limit=500', maria);
      expect(mine.length).toBeGreaterThan(0);
      expect(new Set(mine.map((e) => e.providerCode))).toEqual(new Set(['NORTE', 'PACIFICO']));
      const [altiplano] = await events(`providerId=${ids['ALTIPLANO']}&limit=1`);
      expect((await t.request('GET', `/drift/events/${altiplano.id}`, { token: maria })).status).toBe(404);
      expect(
        (await t.request('GET', `/drift/events?providerId=${ids['ALTIPLANO']}`, { token: maria })).status,
      ).toBe(404);
      expect(
        (
          await t.request('GET', `/providers/${ids['ALTIPLANO']}/kpis/qa_score/drift-overlay`, {
            token: maria,
          })
        ).status,
      ).toBe(404);
      const lead = (await t.signIn('lead@norte.demo.kpigov.mx')).accessToken;
      expect(new Set((await events('limit=500', lead)).map((e) => e.providerCode))).toEqual(
        new Set(['NORTE']),
      );
    });

    it('filters by kind, status, KPI and since, and validates the query', async () => {
      const qa = await events('kind=qa_regression&limit=500');
      expect(qa.length).toBeGreaterThan(0);
      expect(qa.every((e) => e.kind === 'qa_regression')).toBe(true);
      const recent = await events(`since=${truth(30)}&status=resolved&limit=500`);
      expect(
        recent.every(
          (e) => e.status === 'resolved' && (e.startDate >= truth(30) || e.lastDataDate >= truth(30)),
        ),
      ).toBe(true);
      for (const [query, message] of [
        ['kind=weird', 'kind must be one of drift, qa_regression, sla'],
        ['since=yesterday', 'since must be a date'],
        ['limit=0', 'limit must not be less than 1'],
      ]) {
        const res = await t.request<{ message: string }>('GET', `/drift/events?${query}`, { token: admin });
        expect(res.status).toBe(400);
        expect(res.body.message).toContain(message);
      }
      expect((await t.request('GET', '/drift/events/not-a-uuid', { token: admin })).status).toBe(404);
    });

    it('serves the chart overlay: control limits and the start marker of the Monterrey AHT drift', async () => {
      const [voice] = (
        await events(
          `providerId=${ids['NORTE']}&siteId=${sites['NORTE/MTY']}&kpiCode=aht&status=open&kind=drift`,
        )
      ).filter((e) => e.serviceLine === 'voice');
      const from = addDays(voice.startDate, -30);
      const res = await t.request<DriftOverlayDto>(
        'GET',
        `/providers/${ids['NORTE']}/kpis/aht/drift-overlay?siteId=${sites['NORTE/MTY']}&from=${from}&to=${TEST_DEMO_LAST_DAY}`,
        { token: admin },
      );
      expect(res.status).toBe(200);
      const overlay = res.body;
      expect(overlay.markers).toContainEqual(
        expect.objectContaining({ eventId: voice.id, type: 'start', date: voice.startDate }),
      );
      expect(overlay.band).toHaveLength(daysBetween(from, TEST_DEMO_LAST_DAY) + 1);
      expect(overlay.band.every((b) => b.lower < b.center && b.center < b.upper)).toBe(true);
      expect(overlay.baseline?.points).toBe(56);
      // Monday is the busy day: the weekday-adjusted centre differs from Sunday's.
      expect(new Set(overlay.band.slice(0, 7).map((b) => b.center.toFixed(3))).size).toBeGreaterThan(1);
      const weekly = await t.request<DriftOverlayDto>(
        'GET',
        `/providers/${ids['NORTE']}/kpis/aht/drift-overlay?siteId=${sites['NORTE/MTY']}&granularity=week`,
        { token: admin },
      );
      expect(weekly.body.band).toEqual([]);
      expect(weekly.body.bandNote).toContain('daily view');
      const unknown = await t.request('GET', `/providers/${ids['NORTE']}/kpis/telepathy/drift-overlay`, {
        token: admin,
      });
      expect(unknown.status).toBe(404);
    });

    it('runs the evaluate-drift job payloads of ingestion and the nightly schedule', async () => {
      const processor = t.app.get(DriftProcessor);
      await expect(
        processor.handle({
          scope: 'provider',
          providerId: ids['ALTIPLANO'],
          kpiCodes: ['qa_score'],
          reason: 'ingestion',
        }),
      ).resolves.toBeUndefined();
      await expect(processor.handle({ scope: 'all', reason: 'nightly' })).resolves.toBeUndefined();
      const res = await t.request<{ jobId: string | null }>('POST', '/drift/evaluations', {
        token: admin,
        body: { providerId: ids['NORTE'] },
      });
      expect(res.status).toBe(202);
      const maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
      expect((await t.request('POST', '/drift/evaluations', { token: maria, body: {} })).status).toBe(403);
    });

    it('lets admins set drift settings per KPI and override them per provider; a change re-evaluates in full', async () => {
      const maria = (await t.signIn('maria.lopez@demo.kpigov.mx')).accessToken;
      expect((await t.request('GET', '/drift/settings', { token: maria })).status).toBe(403);
      const list = (await t.request<DriftSettingsListDto>('GET', '/drift/settings', { token: admin })).body;
      expect(list.defaults).toMatchObject({
        detectors: ['cusum', 'variance'],
        sensitivity: 'default',
        baselineLength: 56,
      });
      expect(list.kpis.find((k) => k.kpiCode === 'aht')).toMatchObject({ source: 'default', enabled: true });

      const put = await t.request<DriftKpiSettingsDto>('PUT', '/drift/settings/csat', {
        token: admin,
        body: { sensitivity: 'low', minSamples: 28 },
      });
      expect(put.status).toBe(200);
      expect(put.body).toMatchObject({
        kpiCode: 'csat',
        sensitivity: 'low',
        minSamples: 28,
        source: 'kpi',
        detectors: ['cusum', 'variance'],
      });
      const override = await t.request<DriftKpiSettingsDto>(
        'PUT',
        `/drift/settings/csat/providers/${ids['PACIFICO']}`,
        {
          token: admin,
          body: { sensitivity: 'high', detectors: ['cusum'] },
        },
      );
      expect(override.body).toMatchObject({
        providerId: ids['PACIFICO'],
        sensitivity: 'high',
        minSamples: 28,
        detectors: ['cusum'],
        source: 'provider',
      });

      const [before] = await t.dataSource.query(
        `SELECT full_evaluations FROM drift_series WHERE provider_id = $1 AND kpi_code = 'csat' AND level = 'provider'`,
        [ids['PACIFICO']],
      );
      await drift.evaluateProvider(ids['PACIFICO'], { kpiCodes: ['csat'], reason: 'settings' });
      const [after] = await t.dataSource.query(
        `SELECT full_evaluations, state->'settings'->'cusum'->>'h' AS h, state->'settings'->'detectors' AS detectors
         FROM drift_series WHERE provider_id = $1 AND kpi_code = 'csat' AND level = 'provider'`,
        [ids['PACIFICO']],
      );
      expect(after.full_evaluations).toBeGreaterThanOrEqual(before.full_evaluations + 1);
      expect(after).toMatchObject({ h: '6', detectors: ['cusum'] });

      const bad = await t.request<{ message: string }>('PUT', '/drift/settings/csat', {
        token: admin,
        body: { detectors: ['magic'] },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toContain('detectors must be among');
      expect(
        (await t.request('PUT', '/drift/settings/telepathy', { token: admin, body: { enabled: false } }))
          .status,
      ).toBe(404);
      expect(
        (await t.request('DELETE', `/drift/settings/csat/providers/${ids['PACIFICO']}`, { token: admin }))
          .status,
      ).toBe(204);
      expect((await t.request('DELETE', '/drift/settings/csat', { token: admin })).status).toBe(204);
      expect((await t.request('DELETE', '/drift/settings/csat', { token: admin })).status).toBe(404);
    });
  });
});
