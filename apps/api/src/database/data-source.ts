import * as pg from 'pg';
import { DataSource, DataSourceOptions } from 'typeorm';
import { ENTITIES } from './entities';
import { MIGRATIONS } from './migrations';

// Dates stay 'yyyy-mm-dd' strings: a calendar day must never shift with the server's time zone.
pg.types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);
// bigint counts fit in a JS number for this product's volumes.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export function buildDataSourceOptions(url: string, poolSize = 10): DataSourceOptions {
  return {
    type: 'postgres',
    driver: pg,
    url,
    entities: ENTITIES,
    migrations: MIGRATIONS,
    migrationsTableName: 'schema_migrations',
    migrationsRun: false,
    synchronize: false,
    logging: ['error'],
    extra: { max: poolSize, connectionTimeoutMillis: 10_000, application_name: 'kpi-governance' },
  };
}

export function createDataSource(url: string, poolSize?: number): DataSource {
  return new DataSource(buildDataSourceOptions(url, poolSize));
}
