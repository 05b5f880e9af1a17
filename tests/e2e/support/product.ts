import { killStartedApis, startBuiltApi } from '../../integration/support/api-process';
import { freePort } from '../../integration/support/free-port';
import { createTestDatabase, dropTestDatabase } from '../../integration/support/postgres-server';

export interface RunningProduct {
  baseUrl: string;
  stop(): Promise<void>;
}

/** The built product (api + web on one port) on a fresh database seeded with the demo data. */
export async function startProduct(): Promise<RunningProduct> {
  const databaseUrl = await createTestDatabase('kpi_e2e');
  const port = await freePort();
  // MAIL_CATCHER_PORT 0: any free port, so the product can run next to another api (tests, a dev server).
  const api = startBuiltApi({
    DATABASE_URL: databaseUrl,
    SEED_DEMO: 'true',
    PORT: String(port),
    HOST: '127.0.0.1',
    MAIL_CATCHER_PORT: '0',
  });
  await api.waitFor(/KPI Governance is running at/);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    async stop() {
      await killStartedApis();
      await dropTestDatabase(databaseUrl);
    },
  };
}
