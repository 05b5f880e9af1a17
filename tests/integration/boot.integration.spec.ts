import { chmodSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ProviderSummaryDto, SessionResponse } from '@kpi/contracts';
import { killStartedApis, startBuiltApi } from './support/api-process';
import { freePort } from './support/free-port';

describe('booting the built product', () => {
  afterEach(() => killStartedApis());

  it.each([
    [{ DATABASE_URL: 'mysql://root@localhost/kpi' }, /^\[kpi-governance\] Startup failed: Invalid configuration: DATABASE_URL must be a URL like postgres:\/\/user:password@host:5432\/database$/m],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', PORT: 'eighty' }, /Startup failed: Invalid configuration: PORT must be a port number$/m],
    [{ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/postgres', JWT_SECRET: 'tiny' }, /Startup failed: Invalid configuration: JWT_SECRET must be at least 32 characters$/m],
  ])('exits with a one-line reason for %p', async (env, reason) => {
    const api = startBuiltApi(env);
    expect(await api.exited).toBe(1);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(reason);
  });

  it('exits with a one-line reason when the database cannot be reached', async () => {
    const port = await freePort();
    const api = startBuiltApi({ DATABASE_URL: `postgres://postgres@127.0.0.1:${port}/kpi` });
    expect(await api.exited).toBe(1);
    const lines = api.output().trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(new RegExp(`Startup failed: Cannot connect to the database at 127\\.0\\.0\\.1:${port}/kpi: .*ECONNREFUSED`));
  });

  describe('on the embedded PostgreSQL', () => {
    const dataRoot = mkdtempSync(join(tmpdir(), 'kpi-boot-'));
    // As root the server runs as the postgres user, which must reach the folder (mkdtemp makes it 0700).
    chmodSync(dataRoot, 0o755);
    const pgDir = join(dataRoot, 'postgres');
    afterAll(() => {
      // Stop whatever server is still on the data dir, then remove it.
      const pidFile = join(pgDir, 'postmaster.pid');
      if (existsSync(pidFile)) {
        const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
        try {
          process.kill(pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
      rmSync(dataRoot, { recursive: true, force: true });
    });

    async function signedInProviders(port: number): Promise<ProviderSummaryDto[]> {
      const login = await fetch(`http://127.0.0.1:${port}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'maria.lopez@demo.kpigov.mx', password: 'demo-password' }),
      });
      const { accessToken } = (await login.json()) as SessionResponse;
      const res = await fetch(`http://127.0.0.1:${port}/api/providers`, { headers: { authorization: `Bearer ${accessToken}` } });
      return (await res.json()) as ProviderSummaryDto[];
    }

    it('starts, seeds, survives SIGKILL and starts again with the data still there', async () => {
      const pgPort = await freePort();
      const port = await freePort();
      const env = { EMBEDDED_PG_DIR: pgDir, EMBEDDED_PG_PORT: String(pgPort), PORT: String(port), HOST: '127.0.0.1' };

      const first = startBuiltApi(env);
      await first.waitFor(/provider +lead@norte/);
      expect(first.output()).toContain('Demo sign-in accounts');
      const before = await signedInProviders(port);
      expect(before.map((p) => p.code).sort()).toEqual(['NORTE', 'PACIFICO']);
      // A marker row proves the second run reads the same database, not a freshly seeded one.
      const [{ id }] = before;

      // Kill the api and its PostgreSQL hard, as a crash or `kill -9` of the process group would:
      // the pid file stays behind and the next start must cope with it.
      const postmasterPid = Number(readFileSync(join(pgDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
      first.child.kill('SIGKILL');
      process.kill(postmasterPid, 'SIGKILL');
      await first.exited;
      expect(existsSync(join(pgDir, 'postmaster.pid'))).toBe(true);

      const second = startBuiltApi(env);
      await second.waitFor(/provider +lead@norte/);
      expect(second.output()).not.toContain('Seeded demo');
      const after = await signedInProviders(port);
      expect(after.map((p) => p.id)).toContain(id);
      expect(after.find((p) => p.id === id)?.latest.length).toBeGreaterThan(0);
      const ready = await fetch(`http://127.0.0.1:${port}/api/ready`);
      expect(ready.status).toBe(200);

      // SIGKILL of the api alone: its PostgreSQL may outlive it for a moment; the next start copes.
      second.child.kill('SIGKILL');
      await second.exited;
      const third = startBuiltApi(env);
      await third.waitFor(/provider +lead@norte/);
      expect((await signedInProviders(port)).map((p) => p.id)).toContain(id);

      third.child.kill('SIGTERM');
      expect(await third.exited).toBe(0);
      // A clean stop also stops PostgreSQL, which removes its pid file.
      expect(existsSync(join(pgDir, 'postmaster.pid'))).toBe(false);
    });
  });
});
