/**
 * `npm run audit:verify`: recomputes the audit trail's hash chain with the api's configuration
 * (DATABASE_URL, or the embedded PostgreSQL's data directory and port). Prints OK, or the first broken link
 * with its id, and exits 1.
 */
import 'reflect-metadata';
import { AppConfig } from '../../apps/api/src/config/app-config.service';
import { createDataSource } from '../../apps/api/src/database/data-source';
import { startEmbeddedPostgres } from '../../apps/api/src/database/embedded-postgres';
import { verifyAuditChain } from '../../apps/api/src/modules/audit/audit.repository';

async function main(): Promise<number> {
  const config = AppConfig.fromProcessEnv();
  let url = config.databaseUrl;
  const embedded = url ? null : await startEmbeddedPostgres({ dataDir: config.embeddedPostgresDir, port: config.embeddedPostgresPort, log: () => undefined });
  url ??= embedded!.url;
  const dataSource = createDataSource(url, 2);
  try {
    await dataSource.initialize();
    const result = await verifyAuditChain((sql, params) => dataSource.query(sql, params));
    if (result.broken) {
      process.stdout.write(`BROKEN at audit_log id ${result.broken.id}: ${result.broken.reason} (${result.rows} rows verified before it)\n`);
      return 1;
    }
    process.stdout.write(`OK: ${result.rows} audit rows, hash chain intact\n`);
    return 0;
  } finally {
    if (dataSource.isInitialized) await dataSource.destroy();
    await embedded?.stop();
  }
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    process.stderr.write(`audit:verify failed: ${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  },
);
