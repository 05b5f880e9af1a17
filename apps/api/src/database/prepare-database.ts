import { DataSource } from 'typeorm';
import { seedDemoData } from '../modules/demo/demo-seed';
import { syncBuiltInCatalog } from '../modules/metrics/kpi-catalog-sync';

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
  }
}
