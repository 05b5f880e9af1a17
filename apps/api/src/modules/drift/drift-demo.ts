import { DataSource } from 'typeorm';
import { SlaTermsReader } from '../sla/sla-terms.reader';
import { DriftEngine } from './drift-engine';
import { DriftRepository } from './drift.repository';

/**
 * Runs the first full drift evaluation over the demo history, so a new user sees drift events at once
 * (the three planted problems of DEMO_INCIDENTS, and the SLA rules on the demo contracts seeded before
 * it). Does nothing once any series has been evaluated.
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
  const engine = new DriftEngine(repo, null, SlaTermsReader.forDataSource(dataSource));
  const summaries = await engine.evaluateAll({ reason: 'demo-seed' });
  const [{ open }] = await dataSource.query(
    `SELECT count(*)::int AS open FROM drift_events WHERE status = 'open' AND direction = 'adverse'`,
  );
  const series = summaries.reduce((n, s) => n + s.series.full + s.series.incremental, 0);
  log(
    `Evaluated drift on the demo history (${series} series) in ${Date.now() - started} ms: ${open} open adverse event(s)`,
  );
}
