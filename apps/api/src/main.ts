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
    await app.close().catch(() => undefined);
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop().catch(() => undefined);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));

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
