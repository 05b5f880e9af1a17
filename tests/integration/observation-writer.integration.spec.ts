import type { PoolClient } from 'pg';
import type { DataSource } from 'typeorm';
import { StorableObservation, writeObservations } from '../../apps/api/src/modules/ingestion/storage/observation-writer';
import { startTestApp, TestApp } from './support/test-app';

describe('bulk observation writer (COPY + set-based merge)', () => {
  let t: TestApp;
  let providerId: string;
  let siteId: string;
  beforeAll(async () => {
    t = await startTestApp({ SEED_DEMO: 'false' });
    [{ id: providerId }] = await t.dataSource.query(`INSERT INTO providers (code, name) VALUES ('TEST', 'Test BPO') RETURNING id`);
    [{ id: siteId }] = await t.dataSource.query(
      `INSERT INTO sites (provider_id, code, city, time_zone) VALUES ($1, 'LEON', 'León', 'America/Mexico_City') RETURNING id`,
      [providerId],
    );
  });
  afterAll(() => t.close());

  const rows = (values: Array<[string, number, number | null]>, queue = 'ventas\tnorte'): StorableObservation[] =>
    values.map(([periodStart, numerator, denominator]) => ({
      siteId,
      serviceLineCode: 'voice',
      queue,
      kpiCode: 'service_level',
      granularity: 'day',
      periodStart,
      numerator,
      denominator,
    }));

  async function inTransaction<T>(ds: DataSource, work: (client: PoolClient) => Promise<T>): Promise<T> {
    const runner = ds.createQueryRunner();
    const client = (await runner.connect()) as PoolClient;
    await runner.startTransaction();
    try {
      const result = await work(client);
      await runner.commitTransaction();
      return result;
    } catch (error) {
      await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }

  const batch = () =>
    rows([
    ['2026-10-01', 800, 1000],
    ['2026-10-02', 790, 1000],
    ['2026-10-03', 805.5, 1000],
  ]);

  it('inserts new rows and reports what it touched', async () => {
    const result = await inTransaction(t.dataSource, (c) => writeObservations(c, providerId, null, batch()));
    expect(result).toEqual({
      received: 3,
      inserted: 3,
      updated: 0,
      unchanged: 0,
      restated: 0,
      affected: { from: '2026-10-01', to: '2026-10-03', kpiCodes: ['service_level'] },
    });
    const [{ queue }] = await t.dataSource.query(`SELECT DISTINCT queue FROM metric_observations WHERE provider_id = $1`, [providerId]);
    expect(queue).toBe('ventas\tnorte'); // COPY escaping kept the tab
  });

  it('changes nothing when the same data is sent again, three times', async () => {
    const before = await t.dataSource.query(`SELECT id, numerator, updated_at FROM metric_observations WHERE provider_id = $1 ORDER BY id`, [providerId]);
    for (let i = 0; i < 3; i++) {
      const result = await inTransaction(t.dataSource, (c) => writeObservations(c, providerId, null, batch()));
      expect(result).toMatchObject({ received: 3, inserted: 0, updated: 0, unchanged: 3, restated: 0, affected: null });
    }
    const after = await t.dataSource.query(`SELECT id, numerator, updated_at FROM metric_observations WHERE provider_id = $1 ORDER BY id`, [providerId]);
    expect(after).toEqual(before);
  });

  it('keeps a restated value as a revision with the old and new value', async () => {
    const result = await inTransaction(t.dataSource, (c) =>
      writeObservations(c, providerId, null, rows([['2026-10-02', 760, 1000], ['2026-10-04', 810, 1000]])),
    );
    expect(result).toMatchObject({ inserted: 1, updated: 1, unchanged: 0, restated: 1 });
    const [revision] = await t.dataSource.query(`SELECT * FROM metric_restatements WHERE provider_id = $1`, [providerId]);
    expect(revision).toMatchObject({ period_start: '2026-10-02', old_numerator: 790, new_numerator: 760, old_denominator: 1000, new_denominator: 1000 });
  });

  it('leaves the database as it was when the run fails before commit', async () => {
    const count = async () => Number((await t.dataSource.query(`SELECT count(*) FROM metric_observations WHERE provider_id = $1`, [providerId]))[0].count);
    const before = await count();
    await expect(
      inTransaction(t.dataSource, async (c) => {
        await writeObservations(c, providerId, null, rows([['2026-10-20', 700, 1000]]));
        throw new Error('connector failed after the write');
      }),
    ).rejects.toThrow('connector failed');
    expect(await count()).toBe(before);
  });

  it('stores identical duplicates in one batch once', async () => {
    const result = await inTransaction(t.dataSource, (c) =>
      writeObservations(c, providerId, null, rows([['2026-10-10', 1, 2], ['2026-10-10', 1, 2]], 'dup')),
    );
    expect(result).toMatchObject({ received: 2, inserted: 1, unchanged: 0 });
  });
});
