import { readFileSync } from 'node:fs';
import { createServer, IncomingMessage, Server, ServerResponse } from 'node:http';
import { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { SERVICE_LINES } from '@kpi/domain';
import type { DataSource } from 'typeorm';
import { createProvider, FreshProvider } from './fresh-provider';

export const FIXTURES = join(__dirname, '..', '..', 'fixtures', 'ingest');

export function fixture(name: string): Buffer {
  return readFileSync(join(FIXTURES, name));
}

export function expectation(name: string): {
  kind: string;
  format?: 'csv' | 'xlsx';
  mapping?: Record<string, unknown>;
  options?: Record<string, unknown>;
  expected: { records: number; errors?: { line: number | null; column: string | null; reason: string; suggestion?: string; path?: string }[] };
} {
  return JSON.parse(readFileSync(join(FIXTURES, name.replace(/\.(csv|xlsx|json)$/, '.expected.json')), 'utf8'));
}

/** A provider with the fixtures' sites (tests/fixtures/ingest/catalog.json) and every service line. */
export async function createFixtureProvider(dataSource: DataSource, code: string): Promise<FreshProvider> {
  const catalog = JSON.parse(readFileSync(join(FIXTURES, 'catalog.json'), 'utf8')) as { sites: { code: string; city: string; name?: string }[] };
  const provider = await createProvider(
    dataSource,
    code,
    // The sites table has a city but no name: a site known by its name (CDMX) gets it as the city.
    catalog.sites.map((s) => ({ code: s.code, city: s.name ?? s.city, lines: SERVICE_LINES.map((l) => l.code) })),
  );
  return provider;
}

export type Handler = (req: IncomingMessage, res: ServerResponse, url: URL) => void;

/** A real HTTP server on a free 127.0.0.1 port; the handler can be swapped between tests. */
export async function startProviderServer(initial: Handler): Promise<{ url: string; server: Server; requests: URL[]; setHandler(h: Handler): void; close(): Promise<void> }> {
  let handler = initial;
  const requests: URL[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push(url);
    handler(req, res, url);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    server,
    requests,
    setHandler: (h) => (handler = h),
    close: () => new Promise<void>((resolve) => { server.closeAllConnections(); server.close(() => resolve()); }),
  };
}

export async function waitFor<T>(probe: () => Promise<T | null | undefined | false>, timeoutMs = 30_000, what = 'condition'): Promise<T> {
  const started = Date.now();
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() - started > timeoutMs) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
