import { rmSync } from 'node:fs';

export default async function globalTeardown(): Promise<void> {
  const handle = (globalThis as { __embeddedPostgres?: { stop(): Promise<void>; dataDir: string } }).__embeddedPostgres;
  if (!handle) return;
  await handle.stop();
  rmSync(handle.dataDir, { recursive: true, force: true });
}
