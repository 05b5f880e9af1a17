import type { DataSource } from 'typeorm';

export interface FreshProvider {
  id: string;
  code: string;
  /** Site ids by site code. */
  sites: Record<string, string>;
}

export interface RawObservation {
  siteCode: string;
  serviceLine: string;
  queue?: string;
  kpiCode: string;
  date: string;
  numerator: number;
  denominator: number | null;
}

/** A provider of its own (no demo data), with sites in the given cities and their service lines. */
export async function createProvider(
  dataSource: DataSource,
  code: string,
  sites: { code: string; city: string; lines: string[] }[],
): Promise<FreshProvider> {
  const [{ id }] = await dataSource.query(
    `INSERT INTO providers (code, name, time_zone) VALUES ($1, $2, 'America/Mexico_City') RETURNING id`,
    [code, `${code} test provider`],
  );
  const siteIds: Record<string, string> = {};
  for (const site of sites) {
    const [row] = await dataSource.query(
      `INSERT INTO sites (provider_id, code, city, time_zone) VALUES ($1, $2, $3, 'America/Mexico_City') RETURNING id`,
      [id, site.code, site.city],
    );
    siteIds[site.code] = row.id;
  }
  for (const line of [...new Set(sites.flatMap((site) => site.lines))]) {
    await dataSource.query(`INSERT INTO provider_service_lines (provider_id, service_line_code) VALUES ($1, $2)`, [id, line]);
  }
  return { id, code, sites: siteIds };
}

/** Inserts raw daily observations (what an ingestion run commits), set-based. */
export async function insertObservations(
  dataSource: DataSource,
  provider: FreshProvider,
  rows: readonly RawObservation[],
): Promise<void> {
  await dataSource.query(
    `INSERT INTO metric_observations (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start,
                                      numerator, denominator)
     SELECT $1, s, l, q, k, 'day', d, n, den
     FROM unnest($2::uuid[], $3::text[], $4::text[], $5::text[], $6::date[], $7::float8[], $8::float8[])
       AS t(s, l, q, k, d, n, den)
     ON CONFLICT (provider_id, site_id, service_line_code, queue, kpi_code, granularity, period_start)
     DO UPDATE SET numerator = EXCLUDED.numerator, denominator = EXCLUDED.denominator, updated_at = now()`,
    [
      provider.id,
      rows.map((row) => provider.sites[row.siteCode]),
      rows.map((row) => row.serviceLine),
      rows.map((row) => row.queue ?? ''),
      rows.map((row) => row.kpiCode),
      rows.map((row) => row.date),
      rows.map((row) => row.numerator),
      rows.map((row) => row.denominator),
    ],
  );
}

/** Every date of a month `yyyy-mm`. */
export function daysOf(month: string): string[] {
  const [year, m] = month.split('-').map(Number);
  const days = new Date(Date.UTC(year, m, 0)).getUTCDate();
  return Array.from({ length: days }, (_, index) => `${month}-${String(index + 1).padStart(2, '0')}`);
}
