/**
 * Drift engine on the demo data (npm run bench:drift, or npm run bench -- --only drift).
 *
 * On a freshly seeded demo database (3 providers, 18 months of daily components, on DATABASE_URL's
 * server or a temporary embedded PostgreSQL):
 *  - drift.engine_full_eval_demo_s: the full evaluation of every series from an empty drift state
 *    (what runs after the demo seed): loading the components, the detectors with their replayed alert
 *    tracks, the daily QA regression test, and writing series states and events;
 *  - drift.engine_rerun_demo_s: the nightly run right after it (fingerprints checked, nothing new);
 *  - drift.engine_new_day_demo_s: one new day for every provider, evaluated incrementally from the stored states.
 * Baseline in the same run: loading the same components with the engine's query only.
 */
import { DriftEngine } from '../../../apps/api/src/modules/drift/drift-engine';
import { DriftRepository } from '../../../apps/api/src/modules/drift/drift.repository';
import { NO_SLA_TERMS } from '../../../apps/api/src/modules/drift/sla-terms.port';
import { printFigure, reportFigures, timeIt } from '../bench-report';
import { openBenchDatabase } from '../support/bench-database';

async function main(): Promise<void> {
  const db = await openBenchDatabase('drift_engine', true);
  try {
    const { dataSource } = db;
    const repo = new DriftRepository(dataSource);
    const engine = new DriftEngine(repo, null, NO_SLA_TERMS);
    // The demo seed already evaluated once: start again from an empty drift state.
    await dataSource.query(`TRUNCATE drift_event_history, drift_events, drift_series, drift_qa_groups`);
    const providers = await repo.providerIds();

    const load = await timeIt(async () => {
      let rows = 0;
      for (const id of providers) {
        const kpis = await repo.store.kpisWithData(id);
        rows += (
          await repo.store.dailyComponents(
            id,
            kpis.map((kpiCode) => ({ kpiCode, from: null })),
          )
        ).length;
      }
      return rows;
    });
    const full = await timeIt(() => engine.evaluateAll({ reason: 'bench' }));
    const series = full.result.reduce((n, s) => n + s.series.full, 0);
    const qaGroups = full.result.reduce((n, s) => n + s.qaGroups.full, 0);
    const [{ events, open }] = await dataSource.query(
      `SELECT count(*)::int AS events, (count(*) FILTER (WHERE status = 'open' AND direction = 'adverse'))::int AS open FROM drift_events`,
    );
    const rerun = await timeIt(() => engine.evaluateAll({ reason: 'nightly' }));

    await dataSource.query(
      `INSERT INTO metric_observations (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start, numerator, denominator)
       SELECT provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start + 1, numerator, denominator
       FROM metric_observations WHERE granularity = 'day' AND period_start = (SELECT max(period_start) FROM metric_observations)`,
    );
    const [{ day }] = await dataSource.query(
      `SELECT max(period_start)::text AS day FROM metric_observations`,
    );
    const newDay = await timeIt(async () => {
      for (const id of providers) await engine.evaluateProvider(id, { reason: 'ingestion', fromDate: day });
    });

    console.log(
      `Demo data: ${providers.length} providers, ${load.result} slice-days loaded, ${series} series and ${qaGroups} QA groups, ` +
        `${events} events (${open} open adverse)`,
    );
    const figures = {
      'drift.engine_full_eval_demo_s': full.ms / 1000,
      'drift.engine_rerun_demo_s': rerun.ms / 1000,
      'drift.engine_new_day_demo_s': newDay.ms / 1000,
      'drift.engine_load_demo_s': load.ms / 1000,
    };
    const baseline = { name: 'loading the components only', value: load.ms / 1000 };
    printFigure('drift.engine_full_eval_demo_s', figures['drift.engine_full_eval_demo_s'], 's', baseline);
    printFigure('drift.engine_rerun_demo_s', figures['drift.engine_rerun_demo_s'], 's', {
      name: 'drift.engine_full_eval_demo_s',
      value: figures['drift.engine_full_eval_demo_s'],
    });
    printFigure('drift.engine_new_day_demo_s', figures['drift.engine_new_day_demo_s'], 's', {
      name: 'drift.engine_full_eval_demo_s',
      value: figures['drift.engine_full_eval_demo_s'],
    });
    reportFigures(figures);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
