import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { openDatabase } from '../../../apps/api/src/bootstrap';
import { AppConfig } from '../../../apps/api/src/config/app-config.service';
import { parseEnv } from '../../../apps/api/src/config/env.schema';
import { startEmbeddedPostgres } from '../../../apps/api/src/database/embedded-postgres';
import { freePort } from '../../integration/support/free-port';

export interface BenchDatabase {
  dataSource: DataSource;
  url: string;
  close(): Promise<void>;
}

/**
 * A throw-away, migrated database for one benchmark: on DATABASE_URL's server when set, else on a
 * temporary embedded PostgreSQL.
 */
export async function openBenchDatabase(name: string, seedDemo = false): Promise<BenchDatabase> {
  let serverUrl = process.env['DATABASE_URL'];
  let stopEmbedded: (() => Promise<void>) | undefined;
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'kpi-bench-pg-'));
    chmodSync(dir, 0o755);
    const handle = await startEmbeddedPostgres({ dataDir: dir, port: await freePort(), log: () => undefined });
    serverUrl = handle.url;
    stopEmbedded = async () => {
      await handle.stop();
      rmSync(dir, { recursive: true, force: true });
    };
  }
  const database = `kpi_bench_${name}_${process.pid}`;
  const admin = new Client({ connectionString: withDatabase(serverUrl, 'postgres') });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
  await admin.query(`CREATE DATABASE ${database}`);
  await admin.end();
  const url = withDatabase(serverUrl, database);
  const config = new AppConfig(parseEnv({ DATABASE_URL: url, SEED_DEMO: seedDemo ? 'true' : 'false', LOG_LEVEL: 'silent' }));
  const { dataSource } = await openDatabase(config, () => undefined, '2026-10-31');
  return {
    dataSource,
    url,
    async close() {
      await dataSource.destroy();
      const drop = new Client({ connectionString: withDatabase(serverUrl as string, 'postgres') });
      await drop.connect();
      await drop.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
      await drop.end();
      await stopEmbedded?.();
    },
  };
}

function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
