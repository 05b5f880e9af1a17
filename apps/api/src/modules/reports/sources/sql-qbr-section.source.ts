import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { FeedTimeliness, QbrSectionSource, RestatementSummary, Stakeholder } from './qbr-section-sources';

const num = (value: unknown): number => (value === null || value === undefined ? 0 : Number(value));
const numOrNull = (value: unknown): number | null => (value === null || value === undefined ? null : Number(value));
const iso = (value: unknown): string | null => (value === null || value === undefined ? null : new Date(value as string).toISOString());

/**
 * The QBR section source on the tables of modules without a service yet: `metric_restatements`,
 * `ingestion_runs` and `feeds` (ingestion), `users` and `user_provider_assignments` (auth). Read-only.
 */
@Injectable()
export class SqlQbrSectionSource implements QbrSectionSource {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async restatements(providerId: string, from: string, to: string, receivedAfter?: Date): Promise<RestatementSummary[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.kpi_code, s.code AS site_code, s.city, r.service_line_code, r.queue,
              to_char(date_trunc('month', r.period_start), 'YYYY-MM') AS month,
              count(*)::int AS restated, min(r.restated_at) AS first_at, max(r.restated_at) AS last_at,
              sum(r.old_numerator) AS old_num, sum(r.new_numerator) AS new_num,
              sum(r.old_denominator) AS old_den, sum(r.new_denominator) AS new_den
         FROM metric_restatements r JOIN sites s ON s.id = r.site_id
        WHERE r.provider_id = $1 AND r.period_start BETWEEN $2 AND $3 AND ($4::timestamptz IS NULL OR r.restated_at > $4)
        GROUP BY 1, 2, 3, 4, 5, 6
        ORDER BY 6, 1, 2, 4, 5
        LIMIT 2000`,
      [providerId, from, to, receivedAfter ?? null],
    );
    return rows.map((row) => ({
      kpiCode: row['kpi_code'] as string,
      siteCode: row['site_code'] as string,
      city: row['city'] as string,
      serviceLine: row['service_line_code'] as string,
      queue: row['queue'] as string,
      month: row['month'] as string,
      restatedObservations: num(row['restated']),
      firstRestatedAt: iso(row['first_at']) as string,
      lastRestatedAt: iso(row['last_at']) as string,
      oldNumerator: num(row['old_num']),
      newNumerator: num(row['new_num']),
      oldDenominator: numOrNull(row['old_den']),
      newDenominator: numOrNull(row['new_den']),
    }));
  }

  async restatementCountSince(providerIds: readonly string[], from: string, to: string, receivedAfter: Date): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM metric_restatements
        WHERE provider_id = ANY($1::uuid[]) AND period_start BETWEEN $2 AND $3 AND restated_at > $4`,
      [[...providerIds], from, to, receivedAfter],
    );
    return num(row?.n);
  }

  async timeliness(providerId: string, from: string, to: string): Promise<FeedTimeliness[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT r.feed_id, coalesce(f.name, 'Runs without a feed (' || min(r.connector) || ')') AS feed_name,
              coalesce(f.connector, min(r.connector)) AS connector,
              count(*)::int AS runs,
              count(*) FILTER (WHERE r.status = 'succeeded')::int AS succeeded,
              count(*) FILTER (WHERE r.status = 'partial')::int AS partial,
              count(*) FILTER (WHERE r.status IN ('failed','rejected'))::int AS failed,
              coalesce(sum(r.rows_received), 0)::bigint AS rows_received,
              coalesce(sum(r.rows_rejected), 0)::bigint AS rows_rejected,
              max(r.finished_at) FILTER (WHERE r.status IN ('succeeded','partial')) AS last_success,
              avg(extract(epoch FROM (r.finished_at - (r.window_to + 1)::timestamptz)) / 3600)
                FILTER (WHERE r.window_to IS NOT NULL AND r.finished_at IS NOT NULL) AS delay_hours
         FROM ingestion_runs r LEFT JOIN feeds f ON f.id = r.feed_id
        WHERE r.provider_id = $1 AND r.started_at >= $2::date AND r.started_at < ($3::date + 1)
        GROUP BY r.feed_id, f.name, f.connector
        ORDER BY 2`,
      [providerId, from, to],
    );
    return rows.map((row) => ({
      feedId: (row['feed_id'] as string | null) ?? null,
      feedName: row['feed_name'] as string,
      connector: row['connector'] as string,
      runs: num(row['runs']),
      succeeded: num(row['succeeded']),
      partial: num(row['partial']),
      failed: num(row['failed']),
      rowsReceived: num(row['rows_received']),
      rowsRejected: num(row['rows_rejected']),
      lastSuccessAt: iso(row['last_success']),
      meanDelayHours: numOrNull(row['delay_hours']),
    }));
  }

  async stakeholders(providerId: string): Promise<Stakeholder[]> {
    const rows: Record<string, unknown>[] = await this.dataSource.query(
      `SELECT u.id, u.email, u.display_name, u.role FROM users u
        WHERE u.disabled_at IS NULL
          AND ((u.role = 'provider' AND u.provider_id = $1)
            OR (u.role = 'account_manager' AND EXISTS (
                  SELECT 1 FROM user_provider_assignments a WHERE a.user_id = u.id AND a.provider_id = $1)))
        ORDER BY u.role, u.email`,
      [providerId],
    );
    return rows.map((row) => ({
      userId: row['id'] as string,
      email: row['email'] as string,
      name: row['display_name'] as string,
      role: row['role'] as string,
    }));
  }
}
