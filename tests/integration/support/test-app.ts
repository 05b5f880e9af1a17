import type { INestApplication } from '@nestjs/common';
import type { SessionResponse } from '@kpi/contracts';
import type { DataSource } from 'typeorm';
import { createApp, openDatabase } from '../../../apps/api/src/bootstrap';
import { AppConfig } from '../../../apps/api/src/config/app-config.service';
import { parseEnv } from '../../../apps/api/src/config/env.schema';
import { DEMO_PASSWORD } from '../../../apps/api/src/modules/demo/demo-data';
import { createTestDatabase, dropTestDatabase } from './postgres-server';

/** The fixed last day of demo history in tests, so expected values do not move with the calendar. */
export const TEST_DEMO_LAST_DAY = '2026-10-31';

export interface TestApp {
  baseUrl: string;
  app: INestApplication;
  dataSource: DataSource;
  /** Signs in as a demo user (or any user with the demo password) and returns the session. */
  signIn(email: string, password?: string): Promise<SessionResponse>;
  /** GET/POST against /api with an optional bearer token; returns status and parsed JSON body. */
  request<T = unknown>(
    method: string,
    path: string,
    options?: { token?: string; body?: unknown; headers?: Record<string, string>; rawBody?: string },
  ): Promise<{ status: number; body: T; headers: Headers }>;
  close(): Promise<void>;
}

export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const databaseUrl = await createTestDatabase();
  const config = new AppConfig(
    parseEnv({
      DATABASE_URL: databaseUrl,
      SEED_DEMO: 'true',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      WEB_DIST_DIR: '/nonexistent-web-dist',
      // Every test calls from 127.0.0.1: the per-IP request limit on /api/auth/* is off unless a test sets it.
      AUTH_RATE_LIMIT_PER_MINUTE: '0',
      ...env,
    }),
  );
  const { dataSource } = await openDatabase(config, () => undefined, TEST_DEMO_LAST_DAY);
  const app = await createApp(config, dataSource);
  await app.listen(0, '127.0.0.1');
  const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');

  const request: TestApp['request'] = async (method, path, options = {}) => {
    const headers: Record<string, string> = { ...(options.headers ?? {}) };
    if (options.token) headers['authorization'] = `Bearer ${options.token}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      headers['content-type'] ??= 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await fetch(`${baseUrl}/api${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // not JSON: keep the text
    }
    return { status: res.status, body: parsed as never, headers: res.headers };
  };

  return {
    baseUrl,
    app,
    dataSource,
    request,
    async signIn(email, password = DEMO_PASSWORD) {
      const res = await request<SessionResponse>('POST', '/auth/login', { body: { email, password } });
      if (res.status !== 200) throw new Error(`Sign-in as ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    },
    async close() {
      await app.close();
      if (dataSource.isInitialized) await dataSource.destroy();
      await dropTestDatabase(databaseUrl);
    },
  };
}
