/**
 * ingest.bulk_rows_per_s: 1,000,000 observations through the bulk path (COPY into staging + one set-based
 * merge with restatement detection, in one transaction), against ingest.copy_rows_per_s: a plain COPY of the
 * same rows into an identical table (same columns, constraints and indexes). Target: bulk >= 0.5 x COPY.
 *
 * ingest.push_csv_rows_per_s: 1,000,000 long-format CSV rows (about 60 MB) pushed over HTTP to a running api
 * (in-process createApp, real HTTP, X-Api-Key, Content-Type: text/csv) end to end: the body streams through
 * the chunked CSV parser (decode, map, validate, duplicate check) into the same COPY + merge bulk path, in one
 * transaction, plus the run bookkeeping and the rollup refresh the push answers after. Printed with
 * ingest.bulk_rows_per_s (store only) as its baseline.
 */
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import {
  StorableObservation,
  writeObservations,
} from '../../../apps/api/src/modules/ingestion/storage/observation-writer';
import type { PushAcceptedDto } from '@kpi/contracts';
import { createApp, openDatabase } from '../../../apps/api/src/bootstrap';
import { AppConfig } from '../../../apps/api/src/config/app-config.service';
import { parseEnv } from '../../../apps/api/src/config/env.schema';
import { hashApiKey, newApiKey } from '../../../apps/api/src/modules/ingestion/secrets/credentials-cipher';
import { printFigure, reportFigures, timeIt } from '../bench-report';
import { openBenchDatabase } from '../support/bench-database';

const ROWS = Number(process.env['BENCH_INGEST_ROWS'] ?? 1_000_000);
const KPIS = [
  'service_level',
  'asa',
  'aht',
  'abandonment_rate',
  'fcr',
  'csat',
  'qa_score',
  'qa_autofail_rate',
  'occupancy',
  'shrinkage',
];
const LINES = ['voice', 'chat', 'email', 'it_helpdesk'];

function* observations(siteIds: string[]): Generator<StorableObservation> {
  const perDay = siteIds.length * LINES.length * KPIS.length;
  const days = Math.ceil(ROWS / perDay);
  let produced = 0;
  for (let d = 0; d < days; d++) {
    const date = new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10);
    for (const siteId of siteIds)
      for (const line of LINES)
        for (const kpi of KPIS) {
          if (produced++ >= ROWS) return;
          const den = 500 + ((d * 7 + produced) % 900);
          yield {
            siteId,
            serviceLineCode: line,
            queue: '',
            kpiCode: kpi,
            granularity: 'day',
            periodStart: date,
            numerator: Math.round(den * 0.8),
            denominator: den,
          };
        }
  }
}

async function main(): Promise<void> {
  const db = await openBenchDatabase('ingest');
  try {
    const [{ id: providerId }] = await db.dataSource.query(
      `INSERT INTO providers (code, name) VALUES ('BENCH', 'Bench BPO') RETURNING id`,
    );
    const siteIds: string[] = [];
    for (let i = 0; i < 25; i++) {
      const [{ id }] = await db.dataSource.query(
        `INSERT INTO sites (provider_id, code, city, time_zone) VALUES ($1, $2, 'Monterrey', 'America/Monterrey') RETURNING id`,
        [providerId, `S${i}`],
      );
      siteIds.push(id);
    }
    // Identical table: same columns, defaults, checks, indexes (LIKE ... INCLUDING ALL) and the same foreign keys.
    await db.dataSource.query(
      `CREATE TABLE metric_observations_copy (LIKE metric_observations INCLUDING ALL)`,
    );
    await db.dataSource.query(`
      ALTER TABLE metric_observations_copy
        ADD FOREIGN KEY (provider_id) REFERENCES providers(id) ON DELETE CASCADE,
        ADD FOREIGN KEY (site_id) REFERENCES sites(id) ON DELETE CASCADE,
        ADD FOREIGN KEY (service_line_code) REFERENCES service_lines(code),
        ADD FOREIGN KEY (kpi_code) REFERENCES kpi_definitions(code),
        ADD FOREIGN KEY (source_run_id) REFERENCES ingestion_runs(id) ON DELETE SET NULL`);

    const withClient = async <T>(work: (c: PoolClient) => Promise<T>) => {
      const runner = db.dataSource.createQueryRunner();
      const client = (await runner.connect()) as PoolClient;
      await runner.startTransaction();
      try {
        const result = await work(client);
        await runner.commitTransaction();
        return result;
      } finally {
        await runner.release();
      }
    };

    // A second copy target without foreign keys, to show what the FK checks cost (information only).
    await db.dataSource.query(
      `CREATE TABLE metric_observations_nofk (LIKE metric_observations INCLUDING ALL)`,
    );

    // Each timed phase starts after a CHECKPOINT, so none pays for flushing the WAL the previous one wrote.
    const settle = () => db.dataSource.query('CHECKPOINT');
    const plainCopy = async (table: string) => {
      await settle();
      return timeIt(() =>
        withClient(async (client) => {
          const lines = Readable.from(
            (function* () {
              let chunk: string[] = [];
              for (const r of observations(siteIds)) {
                chunk.push(
                  `${providerId}\t${r.siteId}\t${r.serviceLineCode}\t${r.queue}\t${r.kpiCode}\t${r.granularity}\t${r.periodStart}\t${r.numerator}\t${r.denominator}\n`,
                );
                if (chunk.length >= 5000) {
                  yield chunk.join('');
                  chunk = [];
                }
              }
              if (chunk.length) yield chunk.join('');
            })(),
          );
          await pipeline(
            lines,
            client.query(
              copyFrom(
                `COPY ${table} (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start, numerator, denominator) FROM STDIN`,
              ),
            ),
          );
        }),
      );
    };
    // Plain COPY baseline first, into the identical table.
    const copy = await plainCopy('metric_observations_copy');
    const copyNoFk = await plainCopy('metric_observations_nofk');

    await settle();
    const bulk = await timeIt(() =>
      withClient((client) => writeObservations(client, providerId, null, observations(siteIds))),
    );
    if (bulk.result.inserted !== ROWS)
      throw new Error(`bulk path stored ${bulk.result.inserted} rows, expected ${ROWS}`);

    await settle();
    const again = await timeIt(() =>
      withClient((client) => writeObservations(client, providerId, null, observations(siteIds))),
    );
    if (again.result.unchanged !== ROWS)
      throw new Error(`re-ingest changed rows: ${JSON.stringify(again.result)}`);

    const copyRate = Math.round(ROWS / (copy.ms / 1000));
    const bulkRate = Math.round(ROWS / (bulk.ms / 1000));
    const reRate = Math.round(ROWS / (again.ms / 1000));
    printFigure('ingest.copy_rows_per_s', copyRate, 'rows/s');
    printFigure('ingest.bulk_rows_per_s', bulkRate, 'rows/s', {
      name: 'ingest.copy_rows_per_s',
      value: copyRate,
    });
    printFigure('ingest.bulk_vs_copy', bulkRate / copyRate, 'x', { name: 'target', value: 0.5 });
    const noFkRate = Math.round(ROWS / (copyNoFk.ms / 1000));
    printFigure('ingest.copy_without_fk_rows_per_s', noFkRate, 'rows/s', {
      name: 'ingest.copy_rows_per_s',
      value: copyRate,
    });
    printFigure('ingest.reingest_rows_per_s', reRate, 'rows/s', {
      name: 'ingest.bulk_rows_per_s',
      value: bulkRate,
    });

    const pushCsvRate = await pushCsvOverHttp(db.url, db.dataSource);
    printFigure('ingest.push_csv_rows_per_s', pushCsvRate, 'rows/s', {
      name: 'ingest.bulk_rows_per_s',
      value: bulkRate,
    });
    reportFigures({
      'ingest.bulk_rows_per_s': bulkRate,
      'ingest.copy_rows_per_s': copyRate,
      'ingest.bulk_vs_copy': Number((bulkRate / copyRate).toFixed(3)),
      'ingest.reingest_rows_per_s': reRate,
      'ingest.copy_without_fk_rows_per_s': noFkRate,
      'ingest.push_csv_rows_per_s': pushCsvRate,
    });
  } finally {
    await db.close();
  }
}

/** 1,000,000 long-format CSV rows for a provider of its own with 25 sites (all new periods, like the bulk figure). */
function longCsv(siteCodes: string[]): string {
  const perDay = siteCodes.length * LINES.length * KPIS.length;
  const days = Math.ceil(ROWS / perDay);
  const parts: string[] = ['date,site,service_line,queue,kpi,numerator,denominator\n'];
  let produced = 0;
  for (let d = 0; d < days && produced < ROWS; d++) {
    const date = new Date(Date.UTC(2022, 0, 1 + d)).toISOString().slice(0, 10);
    const chunk: string[] = [];
    for (const site of siteCodes)
      for (const line of LINES)
        for (const kpi of KPIS) {
          if (produced++ >= ROWS) break;
          const den = 500 + ((d * 7 + produced) % 900);
          chunk.push(`${date},${site},${line},,${kpi},${Math.round(den * 0.8)},${den}\n`);
        }
    parts.push(chunk.join(''));
  }
  return parts.join('');
}

async function pushCsvOverHttp(url: string, dataSource: import('typeorm').DataSource): Promise<number> {
  const [{ id: providerId }] = await dataSource.query(
    `INSERT INTO providers (code, name) VALUES ('BENCHCSV', 'Bench CSV BPO') RETURNING id`,
  );
  const siteCodes: string[] = [];
  for (let i = 0; i < 25; i++) {
    await dataSource.query(
      `INSERT INTO sites (provider_id, code, city, time_zone) VALUES ($1, $2, $3, 'America/Monterrey')`,
      [providerId, `C${i}`, `Bench City ${i}`],
    );
    siteCodes.push(`C${i}`);
  }
  const { key, prefix } = newApiKey();
  await dataSource.query(
    `INSERT INTO provider_api_keys (provider_id, key_prefix, key_hash, label) VALUES ($1, $2, $3, 'bench')`,
    [providerId, prefix, hashApiKey(key)],
  );
  const config = new AppConfig(
    parseEnv({
      DATABASE_URL: url,
      SEED_DEMO: 'false',
      LOG_LEVEL: 'silent',
      NODE_ENV: 'test',
      ENABLE_SCHEDULER: 'false',
      DEMO_FEEDS: 'false',
      MAIL_CATCHER_PORT: '0',
      WEB_DIST_DIR: '/nonexistent-web-dist',
    }),
  );
  // The api gets a data source of its own (closing the app closes it); the bench's stays open for db.close().
  const { dataSource: appDataSource } = await openDatabase(config, () => undefined, '2026-10-31');
  const app = await createApp(config, appDataSource);
  await app.listen(0, '127.0.0.1');
  try {
    const baseUrl = (await app.getUrl()).replace('[::1]', '127.0.0.1');
    const csv = longCsv(siteCodes);
    const pushed = await timeIt(async () => {
      const res = await fetch(`${baseUrl}/api/ingest/push`, {
        method: 'POST',
        headers: { 'x-api-key': key, 'content-type': 'text/csv' },
        body: csv,
      });
      return { status: res.status, body: (await res.json()) as PushAcceptedDto };
    });
    const { status, body } = pushed.result;
    if (status !== 201 || body.status !== 'succeeded' || body.counts.inserted !== ROWS)
      throw new Error(`CSV push of ${ROWS} rows: ${status} ${JSON.stringify(body)}`);
    const [{ n }] = await dataSource.query(
      `SELECT count(*)::int AS n FROM metric_observations WHERE provider_id = $1`,
      [providerId],
    );
    if (n !== ROWS) throw new Error(`CSV push stored ${n} rows, expected ${ROWS}`);
    console.log(
      `ingest.push_csv: ${ROWS} rows, ${(Buffer.byteLength(csv) / 1048576).toFixed(1)} MB in ${(pushed.ms / 1000).toFixed(1)} s`,
    );
    return Math.round(ROWS / (pushed.ms / 1000));
  } finally {
    await app.close();
    if (appDataSource.isInitialized) await appDataSource.destroy();
  }
}

void main().catch((error) => {
  console.error(error);
  process.exit(1);
});
