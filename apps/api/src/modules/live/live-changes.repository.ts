import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { LiveChangesDto } from '@kpi/contracts';
import { DataSource } from 'typeorm';
import { ProviderScope } from '../auth/provider-scope';

interface LiveChangesRow {
  ingestion: Date | null;
  drift: Date | null;
  escalations: Date | null;
}

@Injectable()
export class LiveChangesRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Three index-friendly max() lookups within the caller's providers. */
  async latest(scope: ProviderScope): Promise<LiveChangesDto> {
    const params: unknown[] = [];
    const runs = scope.sqlCondition('r.provider_id', params);
    const drift = scope.sqlCondition('d.provider_id', params);
    const escalations = scope.sqlCondition('e.provider_id', params);
    const [row] = (await this.dataSource.query(
      `SELECT
         (SELECT max(r.finished_at) FROM ingestion_runs r WHERE r.finished_at IS NOT NULL AND ${runs}) AS ingestion,
         (SELECT max(d.updated_at) FROM drift_events d WHERE ${drift}) AS drift,
         (SELECT max(t.at) FROM escalation_timeline t JOIN escalations e ON e.id = t.escalation_id WHERE ${escalations}) AS escalations`,
      params,
    )) as LiveChangesRow[];
    const iso = (value: Date | null) => (value ? new Date(value).toISOString() : null);
    return { ingestion: iso(row.ingestion), drift: iso(row.drift), escalations: iso(row.escalations) };
  }
}
