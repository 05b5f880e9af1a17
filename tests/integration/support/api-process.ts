import { ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const BUILT_API = join(__dirname, '..', '..', '..', 'dist', 'apps', 'api', 'main.js');

export interface ApiProcess {
  child: ChildProcess;
  output(): string;
  /** Resolves with the exit code. */
  exited: Promise<number | null>;
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<void>;
}

const running = new Set<ChildProcess>();

/** Kills every api process a test started and did not stop (call in afterEach/afterAll). */
export async function killStartedApis(): Promise<void> {
  await Promise.all(
    [...running].map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
          setTimeout(() => child.kill('SIGKILL'), 10_000).unref();
        }),
    ),
  );
  running.clear();
}

/** Runs the built api (`npm run build` first) as a real process, the way `npm start` does. */
export function startBuiltApi(env: Record<string, string>, cwd?: string): ApiProcess {
  if (!existsSync(BUILT_API)) throw new Error(`${BUILT_API} is missing: run "npm run build" before the integration tests`);
  const clean = Object.fromEntries(
    Object.entries(process.env).filter(([k]) => !['DATABASE_URL', 'PORT', 'SEED_DEMO'].includes(k)),
  );
  const child = spawn(process.execPath, [BUILT_API], {
    cwd: cwd ?? join(__dirname, '..', '..', '..'),
    // MAIL_CATCHER_PORT=0: each process's local mail catcher on its own free port.
    env: { ...clean, LOG_LEVEL: 'warn', MAIL_CATCHER_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  child.once('exit', () => running.delete(child));
  let output = '';
  const listeners = new Set<() => void>();
  const onData = (chunk: Buffer) => {
    output += chunk.toString();
    listeners.forEach((l) => l());
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    waitFor(pattern, timeoutMs = 90_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pattern.test(output)) {
            clearTimeout(timer);
            listeners.delete(check);
            resolve();
          }
        };
        const timer = setTimeout(() => {
          listeners.delete(check);
          reject(new Error(`Timed out waiting for ${pattern}; output so far:\n${output}`));
        }, timeoutMs);
        listeners.add(check);
        void exited.then((code) =>
          setTimeout(() => {
            check();
            if (listeners.has(check)) {
              clearTimeout(timer);
              listeners.delete(check);
              reject(new Error(`The api exited (code ${code}) before printing ${pattern}; output:\n${output}`));
            }
          }, 50),
        );
        check();
      });
    },
  };
}
