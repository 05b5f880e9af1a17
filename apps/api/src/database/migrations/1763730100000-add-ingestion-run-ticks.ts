import { MigrationInterface, QueryRunner } from 'typeorm';

/** The schedule tick a run belongs to (one run per feed, tick and attempt), and the feed's last error. */
export class AddIngestionRunTicks1763730100000 implements MigrationInterface {
  name = 'AddIngestionRunTicks1763730100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE ingestion_runs ADD COLUMN tick timestamptz`);
    await q.query(`CREATE UNIQUE INDEX ingestion_runs_feed_tick_attempt ON ingestion_runs (feed_id, tick, attempt) WHERE tick IS NOT NULL`);
    await q.query(`CREATE INDEX ingestion_runs_status ON ingestion_runs (status) WHERE status IN ('queued','running')`);
    await q.query(`CREATE INDEX metric_restatements_run ON metric_restatements (run_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS metric_restatements_run`);
    await q.query(`DROP INDEX IF EXISTS ingestion_runs_status`);
    await q.query(`DROP INDEX IF EXISTS ingestion_runs_feed_tick_attempt`);
    await q.query(`ALTER TABLE ingestion_runs DROP COLUMN IF EXISTS tick`);
  }
}
