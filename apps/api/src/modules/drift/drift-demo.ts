import { DataSource } from 'typeorm';
import { DriftEngine } from './drift-engine';
import { DriftRepository } from './drift.repository';
import { NO_SLA_TERMS } from './sla-terms.port';

/**
 * Runs the first full drift evaluation over the demo history, so a new user sees drift events at once
 * (the three planted problems of DEMO_INCIDENTS). Does nothing once any series has been evaluated.
 * Runs before the app starts, so no transition listener is registered yet.
 */
export async function evaluateDemoDrift(
  dataSource: DataSource,
  log: (message: string) => void,
): Promise<void> {
  const repo = new DriftRepository(dataSource);
  if ((await repo.countSeries()) > 0) return;
  const [{ any }] = await dataSource.query(`SELECT EXISTS (SELECT 1 FROM metric_observations) AS any`);
  if (!any) return;
  const started = Date.now();
  const summaries = await new DriftEngine(repo, null, NO_SLA_TERMS).evaluateAll({ reason: 'demo-seed' });
  const [{ open }] = await dataSource.query(
    `SELECT count(*)::int AS open FROM drift_events WHERE status = 'open' AND direction = 'adverse'`,
  );
  const series = summaries.reduce((n, s) => n + s.series.full + s.series.incremental, 0);
  log(
    `Evaluated drift on the demo history (${series} series) in ${Date.now() - started} ms: ${open} open adverse event(s)`,
  );
}
