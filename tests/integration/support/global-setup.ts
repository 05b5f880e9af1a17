import { chmodSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startEmbeddedPostgres } from '../../../apps/api/src/database/embedded-postgres';
import { freePort } from './free-port';

/** Without DATABASE_URL the tests run on a throw-away embedded PostgreSQL. */
export default async function globalSetup(): Promise<void> {
  if (process.env['DATABASE_URL']) return;
  const dataDir = mkdtempSync(join(tmpdir(), 'kpi-it-pg-'));
  chmodSync(dataDir, 0o755); // reachable by the postgres user when running as root
  const port = await freePort();
  const handle = await startEmbeddedPostgres({ dataDir, port, log: () => undefined });
  process.env['TEST_PG_SERVER_URL'] = handle.url;
  (globalThis as { __embeddedPostgres?: typeof handle }).__embeddedPostgres = handle;
}
