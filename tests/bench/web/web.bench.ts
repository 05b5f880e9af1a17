/**
 * web.initial_js_gzip_kb: gzip bytes of the JavaScript the first page loads (index.html's scripts and
 * modulepreloads), fetched from the running product with Accept-Encoding: gzip.
 * api.portfolio_p95_ms / api.provider_p95_ms: p95 latency of GET /api/portfolio/overview (what the portfolio page
 * loads: heatmap with SLA status, counts, ranking, worst changes) and GET /api/providers/:id
 * under 50 concurrent clients (autocannon) against the built api over 5 million observations.
 * Baselines from the same run: GET /api/health under the same load (the framework's floor).
 */
import autocannon from 'autocannon';
import { existsSync } from 'node:fs';
import * as http from 'node:http';
import { join } from 'node:path';
import { MetricsRollupService } from '../../../apps/api/src/modules/metrics/metrics-rollup.service';
import { killStartedApis, startBuiltApi } from '../../integration/support/api-process';
import { freePort } from '../../integration/support/free-port';
import { printFigure, reportFigures, timeIt } from '../bench-report';
import { openBenchDatabase } from '../support/bench-database';

const TARGET_OBSERVATIONS = Number(process.env['BENCH_WEB_OBSERVATIONS'] ?? 5_000_000);
const CONNECTIONS = 50;
const DURATION_S = Number(process.env['BENCH_WEB_DURATION_S'] ?? 15);
const WEB_DIST = join(__dirname, '..', '..', '..', 'dist', 'apps', 'web', 'browser', 'index.html');

async function main(): Promise<void> {
  if (!existsSync(WEB_DIST)) throw new Error('Build first: npm run build');
  const db = await openBenchDatabase('web', true);
  try {
    const synthetic = await timeIt(() => addSyntheticObservations(db.dataSource, TARGET_OBSERVATIONS));
    const [{ total }] = await db.dataSource.query(`SELECT count(*)::int AS total FROM metric_observations`);
    console.log(`observations: ${total} (synthetic part inserted in ${(synthetic.ms / 1000).toFixed(1)} s)`);
    const refresh = await timeIt(() => MetricsRollupService.forDataSource(db.dataSource).refreshAll());
    console.log(`rollups refreshed in ${(refresh.ms / 1000).toFixed(1)} s`);

    const port = await freePort();
    const api = startBuiltApi({ DATABASE_URL: db.url, PORT: String(port), HOST: '127.0.0.1', SEED_DEMO: 'false', LOG_LEVEL: 'error', ENABLE_SCHEDULER: 'false' });
    await api.waitFor(/KPI Governance is running at/, 300_000);
    const base = `http://127.0.0.1:${port}`;
    try {
      const initialKb = await initialJavaScriptGzipKb(base);
      const login = await fetch(`${base}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: 'admin@demo.kpigov.mx', password: 'demo-password' }),
      });
      const { accessToken } = (await login.json()) as { accessToken: string };
      const headers = { authorization: `Bearer ${accessToken}` };
      const providers = (await (await fetch(`${base}/api/providers`, { headers })).json()) as { id: string; code: string }[];
      const norte = providers.find((p) => p.code === 'NORTE');
      if (!norte) throw new Error('demo provider missing');

      const health = await load(`${base}/api/health`, {});
      const portfolio = await load(`${base}/api/portfolio/overview`, headers);
      const providerList = await load(`${base}/api/providers`, headers);
      const provider = await load(`${base}/api/providers/${norte.id}`, headers);

      printFigure('web.initial_js_gzip_kb', initialKb, 'kB', { name: 'target', value: 250 });
      printFigure('api.portfolio_p95_ms', portfolio.p95, 'ms', { name: 'api.health_p95_ms', value: health.p95 });
      printFigure('api.provider_p95_ms', provider.p95, 'ms', { name: 'api.health_p95_ms', value: health.p95 });
      printFigure('api.providers_list_p95_ms', providerList.p95, 'ms', { name: 'api.health_p95_ms', value: health.p95 });
      console.log(`  (${providers.length} providers; req/s portfolio ${portfolio.rps}, providers ${providerList.rps}, provider ${provider.rps}, health ${health.rps}; errors ${portfolio.errors + providerList.errors + provider.errors})`);
      reportFigures({
        'web.initial_js_gzip_kb': Number(initialKb.toFixed(1)),
        'api.portfolio_p95_ms': portfolio.p95,
        'api.provider_p95_ms': provider.p95,
        'api.providers_list_p95_ms': providerList.p95,
        'api.health_p95_ms': health.p95,
      });
    } finally {
      await killStartedApis();
    }
  } finally {
    await db.close();
  }
}

async function initialJavaScriptGzipKb(base: string): Promise<number> {
  const html = (await rawGet(`${base}/`)).body.toString('utf8');
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+)"/g)) urls.add(m[1]);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g)) urls.add(m[1]);
  let bytes = 0;
  for (const url of urls) {
    const res = await rawGet(new URL(url, `${base}/`).toString(), { 'accept-encoding': 'gzip' });
    // Files under compression's 1 kB threshold travel uncompressed; larger ones must be gzip.
    if (res.encoding !== 'gzip' && res.body.length > 1024) throw new Error(`${url} was not served gzip-compressed`);
    bytes += res.body.length; // bytes on the wire
  }
  return bytes / 1024;
}

/** node:http does not decompress, so the body length is what was transferred. */
function rawGet(url: string, headers: Record<string, string> = {}): Promise<{ body: Buffer; encoding: string | undefined }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ body: Buffer.concat(chunks), encoding: res.headers['content-encoding'] }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

async function load(url: string, headers: Record<string, string>): Promise<{ p95: number; rps: number; errors: number }> {
  const result = await autocannon({ url, connections: CONNECTIONS, duration: DURATION_S, headers });
  const latency = result.latency as unknown as Record<string, number>;
  const p95 = latency['p97_5'] !== undefined && latency['p95'] === undefined ? latency['p97_5'] : latency['p95'];
  return { p95: Math.round(p95 ?? Number.NaN), rps: Math.round(result.requests.average), errors: result.errors + result.non2xx };
}

/** Synthetic providers (4 sites x 3 service lines x 3 queues x 9 KPIs, 548 days each) up to the target size. */
async function addSyntheticObservations(ds: import('typeorm').DataSource, target: number): Promise<void> {
  const [{ existing }] = await ds.query(`SELECT count(*)::int AS existing FROM metric_observations`);
  const perProvider = 4 * 3 * 3 * 9 * 548;
  const providers = Math.ceil(Math.max(0, target - existing) / perProvider);
  if (providers === 0) return;
  await ds.query(
    `INSERT INTO providers (code, name) SELECT 'SYN' || g, 'Synthetic BPO ' || g FROM generate_series(1, $1) g`,
    [providers],
  );
  await ds.query(`INSERT INTO provider_service_lines (provider_id, service_line_code)
                  SELECT p.id, l FROM providers p, unnest(ARRAY['voice','chat','email']) l WHERE p.code LIKE 'SYN%'`);
  await ds.query(`INSERT INTO sites (provider_id, code, city, time_zone)
                  SELECT p.id, 'S' || s, (ARRAY['Monterrey','Guadalajara','Ciudad de México','Querétaro'])[s], 'America/Mexico_City'
                  FROM providers p, generate_series(1, 4) s WHERE p.code LIKE 'SYN%'`);
  await ds.query(
    `INSERT INTO metric_observations (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start, numerator, denominator)
     SELECT s.provider_id, s.id, l, 'q' || q, k, 'day', d::date,
            round((800 + 200 * sin(extract(doy FROM d) / 9.0)) * 0.8), 800 + 200 * sin(extract(doy FROM d) / 9.0)
     FROM sites s JOIN providers p ON p.id = s.provider_id AND p.code LIKE 'SYN%',
          unnest(ARRAY['voice','chat','email']) l, generate_series(1, 3) q,
          unnest(ARRAY['service_level','asa','aht','abandonment_rate','fcr','csat','qa_score','qa_autofail_rate','tat_compliance']) k,
          generate_series(DATE '2026-10-31' - 547, DATE '2026-10-31', interval '1 day') d`,
  );
  await ds.query(`ANALYZE metric_observations`);
}

void main().catch(async (error) => {
  console.error(error);
  await killStartedApis();
  process.exit(1);
});
