import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../../../config/app-config.service';
import { IngestionRepository } from '../ingestion.repository';
import { CredentialsCipher } from '../secrets/credentials-cipher';
import { DEMO_PROVIDER_CODES } from './demo-provider-data';
import { demoProviderToken } from './demo-provider.controller';

export const DEMO_PULL_FEED = 'Reporting API (demo)';
export const DEMO_UPLOAD_FEED = 'File uploads';

/**
 * Demo feeds, when demo data is seeded: per demo provider an HTTP pull feed of the simulated reporting
 * endpoint every 5 minutes (its cursor starts after the seeded history) and a file-upload feed. When DEMO_FEEDS
 * keeps them off the schedule (e.g. under tests) the pull feeds are created disabled (still runnable by hand). Runs once per
 * database (feeds found by name); the pull feeds are scheduled only when DEMO_FEEDS allows (not under tests).
 */
@Injectable()
export class DemoFeedsSeeder implements OnApplicationBootstrap {
  private readonly logger = new Logger('DemoFeeds');

  constructor(
    private readonly repository: IngestionRepository,
    private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.seedDemo) return;
    const db = this.repository.dataSource;
    const cipher = new CredentialsCipher(this.config.secretsKeyRing);
    const created = await db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(7243011)');
      const providers: { id: string; code: string; timeZone: string; lastDay: string | null }[] = await manager.query(
        `SELECT p.id, p.code, p.time_zone AS "timeZone",
                (SELECT max(period_start)::text FROM metric_observations o WHERE o.provider_id = p.id AND o.granularity = 'day') AS "lastDay"
         FROM providers p WHERE p.code = ANY($1) AND NOT EXISTS (SELECT 1 FROM feeds f WHERE f.provider_id = p.id AND f.name = $2)`,
        [DEMO_PROVIDER_CODES, DEMO_PULL_FEED],
      );
      for (const p of providers) {
        const cursor = p.lastDay ? { through: nextDay(p.lastDay) } : null;
        const [{ id }] = await manager.query(
          `INSERT INTO feeds (provider_id, name, connector, source_kind, schedule_cron, time_zone, config, batch_policy,
             expected_cadence_minutes, cursor, enabled)
           VALUES ($1, $2, 'http_pull', 'observations', '*/5 * * * *', $3, $4, 'reject_batch', 15, $5, $6) RETURNING id`,
          [
            p.id,
            DEMO_PULL_FEED,
            p.timeZone,
            { url: `/api/demo-provider/${p.code}/observations`, format: 'json', demo: true, overlapDays: 1, timeoutMs: 10_000 },
            cursor,
            // Not pulled on schedule (DEMO_FEEDS=false, or tests): disabled, so it is not reported as stale.
            this.config.demoFeedsEnabled,
          ],
        );
        await manager.query(`UPDATE feeds SET credentials_encrypted = $2 WHERE id = $1`, [id, cipher.encrypt({ token: demoProviderToken(this.config) }, id)]);
        await manager.query(
          `INSERT INTO feeds (provider_id, name, connector, source_kind, time_zone, config, batch_policy)
           VALUES ($1, $2, 'file_upload', 'observations', $3, '{}', 'quarantine_invalid') ON CONFLICT DO NOTHING`,
          [p.id, DEMO_UPLOAD_FEED, p.timeZone],
        );
      }
      return providers.length;
    });
    if (created > 0) this.logger.log(`Created demo feeds for ${created} provider(s)`);
  }
}

function nextDay(isoDate: string): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}
