/**
 * KPI rollups (npm run bench -- --only rollup).
 *
 * 1. Generates 5,000,000 daily observations with one set-based INSERT ... generate_series into a throw-away
 *    database (DATABASE_URL's server when set, else a temporary embedded PostgreSQL): 100 providers x 3 sites
 *    x 2 service lines x 8 KPIs (ratios, averages kept as sum + count, and a stock) x 1,042 days.
 * 2. Full refresh of the rollup tables (MetricsRollupService.refreshAll), then an incremental one (one provider,
 *    last week) as an ingestion run would trigger.
 * 3. rollup.portfolio_ms: what the portfolio page asks (latest 7 days with data vs the 7 days before, per
 *    provider x KPI, all providers) read from the rollup tables, against rollup.raw_ms: the same answer
 *    recomputed from the raw observations in the same run. Median of RUNS runs after a warm-up. The two
 *    answers must be identical, or the benchmark fails.
 * 4. The same for a portfolio-wide KPI query: monthly service level per provider over two years
 *    (rollup.monthly_query_ms vs rollup.monthly_query_raw_ms).
 */
import { isDeepStrictEqual } from 'node:util';
import { ProviderScope } from '../../../apps/api/src/modules/auth/provider-scope';
import { RollupQueryDto } from '../../../apps/api/src/modules/metrics/dto/rollup-query.dto';
import { MetricsRollupRepository } from '../../../apps/api/src/modules/metrics/metrics-rollup.repository';
import { MetricsRollupService } from '../../../apps/api/src/modules/metrics/metrics-rollup.service';
import { MetricsRepository } from '../../../apps/api/src/modules/metrics/metrics.repository';
import { MetricsService } from '../../../apps/api/src/modules/metrics/metrics.service';
import { printFigure, reportFigures, timeIt } from '../bench-report';
import { openBenchDatabase } from '../support/bench-database';

const PROVIDERS = Number(process.env['BENCH_ROLLUP_PROVIDERS'] ?? 100);
const SITES = 3;
const LINES = ['voice', 'chat'];
const KPIS = ['service_level', 'abandonment_rate', 'asa', 'aht', 'fcr', 'csat', 'qa_score', 'backlog'];
const DAYS = Number(process.env['BENCH_ROLLUP_DAYS'] ?? 1042);
const LAST_DAY = '2026-10-31';
const RUNS = 7;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function timeRuns<T>(fn: () => Promise<T>): Promise<{ ms: number; result: T }> {
  let result = await fn(); // warm-up
  const times: number[] = [];
  for (let run = 0; run < RUNS; run++) {
    const timed = await timeIt(fn);
    times.push(timed.ms);
    result = timed.result as Awaited<T>;
  }
  return { ms: median(times), result };
}

async function main(): Promise<void> {
  const db = await openBenchDatabase('rollup');
  const ds = db.dataSource;
  try {
    const generated = await timeIt(async () => {
      await ds.query(
        `INSERT INTO providers (code, name) SELECT 'BENCH' || g, 'Bench provider ' || g FROM generate_series(1, $1) g`,
        [PROVIDERS],
      );
      await ds.query(
        `INSERT INTO sites (provider_id, code, city, time_zone)
         SELECT p.id, 'S' || s, (ARRAY['Monterrey','Guadalajara','Querétaro','Mérida','León'])[1 + (p.n + s) % 5], 'America/Mexico_City'
         FROM (SELECT id, row_number() OVER (ORDER BY code) AS n FROM providers) p CROSS JOIN generate_series(1, $1) s`,
        [SITES],
      );
      await ds.query(
        `INSERT INTO provider_service_lines (provider_id, service_line_code)
         SELECT p.id, l FROM providers p CROSS JOIN unnest($1::text[]) l`,
        [LINES],
      );
      // One statement: every site x line x KPI x day, components with weekly seasonality and noise.
      await ds.query(
        `INSERT INTO metric_observations (provider_id, site_id, service_line_code, queue, kpi_code, granularity,
                                          period_start, numerator, denominator)
         SELECT s.provider_id, s.id, l.line, '', k.code, 'day', d.day,
                CASE k.code
                  WHEN 'service_level' THEN round(v.offered * (0.78 + 0.1 * random()))
                  WHEN 'abandonment_rate' THEN round(v.offered * (0.02 + 0.05 * random()))
                  WHEN 'asa' THEN round(v.offered * (10 + 30 * random()))
                  WHEN 'aht' THEN round(v.offered * (300 + 120 * random()) * 1000) / 1000
                  WHEN 'fcr' THEN round(v.offered * (0.7 + 0.1 * random()))
                  WHEN 'csat' THEN round(v.offered * 0.08 * (0.8 + 0.15 * random()))
                  WHEN 'qa_score' THEN round(1800 * (0.85 + 0.1 * random()))
                  ELSE round(v.offered * 0.3 * (0.5 + random()))
                END,
                CASE k.code
                  WHEN 'csat' THEN round(v.offered * 0.08)
                  WHEN 'qa_score' THEN 1800
                  WHEN 'backlog' THEN NULL
                  ELSE v.offered
                END
         FROM sites s
         CROSS JOIN unnest($1::text[]) l(line)
         CROSS JOIN unnest($2::text[]) k(code)
         CROSS JOIN generate_series($3::date - ($4::int - 1), $3::date, interval '1 day') d(day)
         CROSS JOIN LATERAL (SELECT (800 + 600 * random()) * CASE extract(isodow FROM d.day) WHEN 6 THEN 0.6 WHEN 7 THEN 0.45 ELSE 1 END
                             * (0.9 + 0.2 * random()) AS raw) r
         CROSS JOIN LATERAL (SELECT greatest(20, round(r.raw)) AS offered) v`,
        [LINES, KPIS, LAST_DAY, DAYS],
      );
      const [{ n }] = await ds.query(`SELECT count(*)::int AS n FROM metric_observations`);
      return n as number;
    });
    const observations = generated.result;
    printFigure('rollup.observations', observations, 'rows');
    printFigure('rollup.generate_ms', Math.round(generated.ms), 'ms');

    const rollups = new MetricsRollupService(new MetricsRollupRepository(ds));
    const full = await timeIt(() => rollups.refreshAll());
    const [{ rows: rollupRows }] = await ds.query(`SELECT count(*)::int AS rows FROM metric_rollups`);
    printFigure('rollup.refresh_full_ms', Math.round(full.ms), 'ms', { name: 'rollup rows written', value: rollupRows, unit: 'rows' });

    const [{ id: oneProvider }] = await ds.query(`SELECT id FROM providers ORDER BY code LIMIT 1`);
    const incremental = await timeIt(() => rollups.refreshRange(oneProvider, '2026-10-25', LAST_DAY));
    printFigure('rollup.refresh_incremental_ms', Math.round(incremental.ms), 'ms');

    const metrics = new MetricsService(new MetricsRepository(ds), rollups);
    const scope = ProviderScope.all();
    const viaRollups = await timeRuns(() => metrics.latestSnapshots(scope, 'rollups'));
    const viaRaw = await timeRuns(() => metrics.latestSnapshots(scope, 'raw'));
    if (viaRollups.result.size !== PROVIDERS) throw new Error(`expected ${PROVIDERS} providers, got ${viaRollups.result.size}`);
    if (!isDeepStrictEqual(viaRollups.result, viaRaw.result)) {
      throw new Error('The portfolio read from the rollups differs from the raw recomputation');
    }
    printFigure('rollup.raw_ms', Number(viaRaw.ms.toFixed(2)), 'ms');
    printFigure('rollup.portfolio_ms', Number(viaRollups.ms.toFixed(2)), 'ms', { name: 'rollup.raw_ms', value: Number(viaRaw.ms.toFixed(2)) });
    console.log(
      `portfolio answers identical: ${viaRollups.result.size} providers x ${KPIS.length} KPIs (first: ${JSON.stringify(
        [...viaRollups.result.values()][0][0],
      )})`,
    );

    const query = Object.assign(new RollupQueryDto(), {
      kpi: 'service_level',
      granularity: 'month' as const,
      from: '2024-11-01',
      to: LAST_DAY,
      groupBy: ['providerId' as const],
    });
    const monthly = await timeRuns(() => metrics.rollup(scope, query, 'rollups'));
    const monthlyRaw = await timeRuns(() => metrics.rollup(scope, query, 'raw'));
    if (!isDeepStrictEqual(monthly.result, monthlyRaw.result)) {
      throw new Error('The monthly KPI query read from the rollups differs from the raw recomputation');
    }
    printFigure('rollup.monthly_query_raw_ms', Number(monthlyRaw.ms.toFixed(2)), 'ms');
    printFigure('rollup.monthly_query_ms', Number(monthly.ms.toFixed(2)), 'ms', {
      name: 'rollup.monthly_query_raw_ms',
      value: Number(monthlyRaw.ms.toFixed(2)),
    });

    reportFigures({
      'rollup.portfolio_ms': Number(viaRollups.ms.toFixed(2)),
      'rollup.raw_ms': Number(viaRaw.ms.toFixed(2)),
      'rollup.monthly_query_ms': Number(monthly.ms.toFixed(2)),
      'rollup.monthly_query_raw_ms': Number(monthlyRaw.ms.toFixed(2)),
      'rollup.refresh_full_ms': Math.round(full.ms),
      'rollup.refresh_incremental_ms': Math.round(incremental.ms),
      'rollup.observations': observations,
    });
  } finally {
    await db.close();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
