import { DataSource } from 'typeorm';
import { hashPassword } from '../auth/password-hasher';
import { DEMO_PASSWORD, DEMO_PROVIDERS, DEMO_USERS, DemoObservation, generateDemoObservations } from './demo-data';

const CHUNK = 20_000;

/**
 * Seeds the demo providers, users and history into an empty database, in one transaction.
 * Returns false (and changes nothing) when providers already exist.
 */
export async function seedDemoData(dataSource: DataSource, lastDay: string): Promise<boolean> {
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  return dataSource.transaction(async (manager) => {
    // Serialise concurrent first boots of several instances.
    await manager.query('SELECT pg_advisory_xact_lock(7243001)');
    const [{ count }] = await manager.query('SELECT count(*)::int AS count FROM providers');
    if (count > 0) return false;

    const providerIds = new Map<string, string>();
    const siteIds = new Map<string, string>();
    for (const provider of DEMO_PROVIDERS) {
      const [{ id }] = await manager.query(
        `INSERT INTO providers (code, name, time_zone) VALUES ($1, $2, $3) RETURNING id`,
        [provider.code, provider.name, provider.timeZone],
      );
      providerIds.set(provider.code, id);
      const lines = new Set(provider.sites.flatMap((s) => s.lines));
      for (const line of lines) {
        await manager.query(`INSERT INTO provider_service_lines (provider_id, service_line_code) VALUES ($1, $2)`, [id, line]);
      }
      for (const site of provider.sites) {
        const [{ id: siteId }] = await manager.query(
          `INSERT INTO sites (provider_id, code, city, country, time_zone) VALUES ($1, $2, $3, 'MX', $4) RETURNING id`,
          [id, site.code, site.city, site.timeZone],
        );
        siteIds.set(`${provider.code}/${site.code}`, siteId);
      }
    }

    for (const user of DEMO_USERS) {
      const employer = user.role === 'provider' ? providerIds.get(user.providers[0]) : null;
      const [{ id }] = await manager.query(
        `INSERT INTO users (email, display_name, password_hash, role, provider_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [user.email, user.displayName, passwordHash, user.role, employer ?? null],
      );
      if (user.role === 'account_manager') {
        for (const code of user.providers) {
          await manager.query(`INSERT INTO user_provider_assignments (user_id, provider_id) VALUES ($1, $2)`, [
            id,
            providerIds.get(code),
          ]);
        }
      }
    }

    const observations = generateDemoObservations(lastDay);
    for (let start = 0; start < observations.length; start += CHUNK) {
      await insertObservations(manager, observations.slice(start, start + CHUNK), providerIds, siteIds);
    }
    return true;
  });
}

async function insertObservations(
  manager: { query: (sql: string, params: unknown[]) => Promise<unknown> },
  rows: DemoObservation[],
  providerIds: Map<string, string>,
  siteIds: Map<string, string>,
): Promise<void> {
  await manager.query(
    `INSERT INTO metric_observations
       (provider_id, site_id, service_line_code, kpi_code, granularity, period_start, numerator, denominator)
     SELECT p, s, l, k, 'day', d, n, den
     FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::date[], $6::float8[], $7::float8[])
       AS t(p, s, l, k, d, n, den)`,
    [
      rows.map((r) => providerIds.get(r.providerCode)),
      rows.map((r) => siteIds.get(`${r.providerCode}/${r.siteCode}`)),
      rows.map((r) => r.serviceLine),
      rows.map((r) => r.kpiCode),
      rows.map((r) => r.periodStart),
      rows.map((r) => r.numerator),
      rows.map((r) => r.denominator),
    ],
  );
}
