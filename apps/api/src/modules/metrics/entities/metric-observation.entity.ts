import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, Unique, UpdateDateColumn } from 'typeorm';

/** One KPI's components for one period x provider x site x service line x queue. Rollups recompute from these. */
@Entity({ name: 'metric_observations' })
@Unique('metric_observations_natural_key', [
  'providerId',
  'siteId',
  'serviceLineCode',
  'queue',
  'kpiCode',
  'granularity',
  'periodStart',
])
export class MetricObservationEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @Column({ name: 'service_line_code', type: 'varchar', length: 32 })
  serviceLineCode: string;

  @Column({ type: 'varchar', length: 120, default: '' })
  queue: string;

  @Column({ name: 'kpi_code', type: 'varchar', length: 64 })
  kpiCode: string;

  @Column({ type: 'varchar', length: 8, default: 'day' })
  granularity: 'day' | 'week' | 'month' | 'quarter';

  /** Local calendar date (yyyy-mm-dd) in the site's time zone. */
  @Column({ name: 'period_start', type: 'date' })
  periodStart: string;

  @Column({ type: 'double precision' })
  numerator: number;

  @Column({ type: 'double precision', nullable: true })
  denominator: number | null;

  @Column({ type: 'jsonb', nullable: true })
  extra: Record<string, number> | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
