import type { INestApplication } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import type { DataSource } from 'typeorm';
import { createApp, openDatabase } from '../../apps/api/src/bootstrap';
import { AppConfig } from '../../apps/api/src/config/app-config.service';
import { parseEnv } from '../../apps/api/src/config/env.schema';
import { hashPassword } from '../../apps/api/src/modules/auth/password-hasher';
import { FeedSchedulerService } from '../../apps/api/src/modules/ingestion/feed-scheduler.service';
import { IngestionClock } from '../../apps/api/src/modules/ingestion/ingestion.clock';
import { createFixtureProvider, startProviderServer, waitFor } from './support/ingestion-helpers';
import { createTestDatabase, dropTestDatabase } from './support/postgres-server';

interface Instance {
  app: INestApplication;
  dataSource: DataSource;
  baseUrl: string;
}

/** Two api instances on one database: each schedule tick of a feed becomes exactly one run. */
describe('feed schedules across two api processes', () => {
  let databaseUrl: string;
  const instances: Instance[] = [];

  async function start(): Promise<Instance> {
    const config = new AppConfig(
      parseEnv({ DATABASE_URL: databaseUrl, SEED_DEMO: 'false', LOG_LEVEL: 'silent', NODE_ENV: 'test', WEB_DIST_DIR: '/nonexistent', MAIL_CATCHER_PORT: '0', ENABLE_EMAIL: 'false' }),
    );
    const { dataSource } = await openDatabase(config, () => undefined, '2026-10-31');
    const app = await createApp(config, dataSource);
    await app.listen(0, '127.0.0.1');
    const instance = { app, dataSource, baseUrl: (await app.getUrl()).replace('[::1]', '127.0.0.1') };
    jest.spyOn(app.get(IngestionClock), 'now').mockImplementation(() => new Date('2024-03-10T18:00:00Z'));
    instances.push(instance);
    return instance;
  }

  beforeAll(async () => {
    databaseUrl = await createTestDatabase();
  });
  afterAll(async () => {
    for (const i of instances) {
      await i.app.close();
      if (i.dataSource.isInitialized) await i.dataSource.destroy();
    }
    await dropTestDatabase(databaseUrl);
  });

  it('registers per-feed cron schedules at runtime, changes them without restart, and runs each tick once', async () => {
    const a = await start();
    const b = await start();
    const provider = await createFixtureProvider(a.dataSource, 'SCHED');
    await a.dataSource.query(`INSERT INTO users (email, display_name, password_hash, role) VALUES ('admin@sched.test', 'Admin', $1, 'admin')`, [
      await hashPassword('demo-password'),
    ]);
    const login = await fetch(`${a.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'admin@sched.test', password: 'demo-password' }),
    });
    const token = ((await login.json()) as { accessToken: string }).accessToken;
    const server = await startProviderServer((_req, res) => {
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ observations: [{ date: '2024-03-09', site: 'MTY', service_line: 'voice', queue: 'q', kpi: 'service_level', numerator: 80, denominator: 100 }] }));
    });
    const ticks = { a: jest.spyOn(a.app.get(FeedSchedulerService), 'tick'), b: jest.spyOn(b.app.get(FeedSchedulerService), 'tick') };
    try {
      const created = await fetch(`${a.baseUrl}/api/ingestion/feeds`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ providerId: provider.id, name: 'Every second', connector: 'http_pull', scheduleCron: '* * * * * *', config: { url: `${server.url}/kpis` } }),
      });
      expect(created.status).toBe(201);
      const feed = (await created.json()) as { id: string };
      await b.app.get(FeedSchedulerService).sync(); // instance B would pick it up on its next periodic sync
      for (const i of [a, b]) expect(i.app.get(SchedulerRegistry).doesExist('cron', `feed:${feed.id}`)).toBe(true);

      await new Promise((r) => setTimeout(r, 5_000));
      // Change the schedule through the api (no restart): every instance re-registers the new expression.
      const patched = await fetch(`${a.baseUrl}/api/ingestion/feeds/${feed.id}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ scheduleCron: '0 0 1 1 *' }),
      });
      expect(patched.status).toBe(200);
      await b.app.get(FeedSchedulerService).sync();
      for (const i of [a, b]) {
        const job = i.app.get(SchedulerRegistry).getCronJob(`feed:${feed.id}`) as unknown as { cronTime: { source: string } };
        expect(String(job.cronTime.source)).toBe('0 0 1 1 *');
      }
      expect(ticks.a.mock.calls.length).toBeGreaterThanOrEqual(3);
      expect(ticks.b.mock.calls.length).toBeGreaterThanOrEqual(3);

      const jobs = await a.dataSource.query(`SELECT data->>'tick' AS tick FROM pgboss.job WHERE name = 'ingest-feed' AND data->>'feedId' = $1`, [feed.id]);
      const distinctTicks = new Set(jobs.map((j: { tick: string }) => j.tick));
      expect(jobs.length).toBe(distinctTicks.size); // both instances enqueued every tick, one job per tick
      expect(jobs.length).toBeGreaterThanOrEqual(3);
      const runs = await waitFor(async () => {
        const rows = await a.dataSource.query(`SELECT tick, status FROM ingestion_runs WHERE feed_id = $1 AND status <> 'running'`, [feed.id]);
        return rows.length >= jobs.length ? rows : null;
      }, 30_000, 'runs of every tick');
      expect(runs.length).toBe(jobs.length);
      expect(new Set(runs.map((r: { tick: Date }) => new Date(r.tick).toISOString())).size).toBe(runs.length);
      expect(runs.every((r: { status: string }) => r.status === 'succeeded')).toBe(true);
      const [{ n }] = await a.dataSource.query(`SELECT count(*)::int AS n FROM metric_observations WHERE provider_id = $1`, [provider.id]);
      expect(n).toBe(1);
    } finally {
      await server.close();
    }
  });
});
