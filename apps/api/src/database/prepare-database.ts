import { DataSource } from 'typeorm';
import { seedDemoEscalations } from '../modules/demo/demo-escalations-seed';
import { seedDemoData } from '../modules/demo/demo-seed';
import { seedDemoSlaContracts } from '../modules/demo/demo-sla-seed';
import { evaluateDemoDrift } from '../modules/drift/drift-demo';
import { syncBuiltInCatalog } from '../modules/metrics/kpi-catalog-sync';
import { MetricsRollupService } from '../modules/metrics/metrics-rollup.service';

export interface PrepareDatabaseOptions {
  seedDemo: boolean;
  /** The last day of demo history (yesterday in production; fixed in tests). */
  demoLastDay: string;
  log: (message: string) => void;
}

/** Applies pending migrations, syncs the built-in catalog and seeds demo data into an empty database. */
export async function prepareDatabase(dataSource: DataSource, options: PrepareDatabaseOptions): Promise<void> {
  // Several instances may boot at once: one migrates, the others wait on the lock and find nothing to do.
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  let applied: { name: string }[];
  try {
    await lock.query('SELECT pg_advisory_lock(7243000)');
    applied = await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await lock.query('SELECT pg_advisory_unlock(7243000)').catch(() => undefined);
    await lock.release();
  }
  if (applied.length > 0) options.log(`Applied ${applied.length} migration(s): ${applied.map((m) => m.name).join(', ')}`);
  await dataSource.transaction((manager) => syncBuiltInCatalog(manager));
  if (options.seedDemo) {
    const started = Date.now();
    const seeded = await seedDemoData(dataSource, options.demoLastDay);
    if (seeded) options.log(`Seeded demo providers, users and 18 months of history in ${Date.now() - started} ms`);
    const contracts = await seedDemoSlaContracts(dataSource, options.demoLastDay);
    if (contracts) options.log('Seeded demo SLA contracts');
    if (seeded || contracts) await buildRollups(dataSource, options, true);
    // First drift evaluation of the demo history, so the drift events are there from the first sign-in.
    await evaluateDemoDrift(dataSource, options.log);
    // Escalation matrices, alert subscriptions and a few escalations with history.
    if (await seedDemoEscalations(dataSource, options.demoLastDay)) options.log('Seeded demo escalations and alert subscriptions');
  }
  // A database that has observations but no KPI rollups yet (upgraded, restored) gets them built once.
  await buildRollups(dataSource, options, false);
}

async function buildRollups(dataSource: DataSource, options: PrepareDatabaseOptions, always: boolean): Promise<void> {
  const rollups = MetricsRollupService.forDataSource(dataSource);
  const started = Date.now();
  let built = always;
  if (always) await rollups.refreshAll();
  else built = await rollups.ensureBuilt();
  if (built) options.log(`Built KPI rollups in ${Date.now() - started} ms`);
}
