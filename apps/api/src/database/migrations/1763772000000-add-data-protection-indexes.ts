import { MigrationInterface, QueryRunner } from 'typeorm';

/** Indexes for the retention purge (by age, across providers) and for erasing one QA agent's rows. */
export class AddDataProtectionIndexes1763772000000 implements MigrationInterface {
  name = 'AddDataProtectionIndexes1763772000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS qa_evaluations_evaluated_at ON qa_evaluations (evaluated_at)`);
    await q.query(`CREATE INDEX IF NOT EXISTS qa_evaluations_provider_agent ON qa_evaluations (provider_id, agent_key)`);
    await q.query(`CREATE INDEX IF NOT EXISTS ingestion_runs_started_at ON ingestion_runs (started_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS ingestion_runs_started_at`);
    await q.query(`DROP INDEX IF EXISTS qa_evaluations_provider_agent`);
    await q.query(`DROP INDEX IF EXISTS qa_evaluations_evaluated_at`);
  }
}
