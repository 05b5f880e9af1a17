import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One monitored series (provider, site x service line, or queue, for one KPI) and its incremental detector state. */
@Entity({ name: 'drift_series' })
export class DriftSeriesEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'series_key', type: 'varchar', length: 400, unique: true })
  seriesKey: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId: string | null;

  @Column({ name: 'service_line_code', type: 'varchar', length: 32, nullable: true })
  serviceLineCode: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  queue: string | null;

  @Column({ name: 'kpi_code', type: 'varchar', length: 64 })
  kpiCode: string;

  @Column({ type: 'varchar', length: 16 })
  level: string;

  @Column({ type: 'varchar', length: 8 })
  granularity: string;

  @Column({ name: 'granularity_reason', type: 'text' })
  granularityReason: string;

  @Column({ type: 'varchar', length: 24 })
  status: string;

  /** The @kpi/drift SeriesState (plain JSON, bounded size). */
  @Column({ type: 'jsonb', nullable: true })
  state: unknown;

  @Column({ name: 'settings_hash', type: 'varchar', length: 64, nullable: true })
  settingsHash: string | null;

  @Column({ name: 'first_date', type: 'date', nullable: true })
  firstDate: string | null;

  @Column({ name: 'detector_last_date', type: 'date', nullable: true })
  detectorLastDate: string | null;

  @Column({ name: 'covered_to', type: 'date', nullable: true })
  coveredTo: string | null;

  @Column({ type: 'integer' })
  points: number;

  @Column({ type: 'jsonb', nullable: true })
  fingerprint: unknown;

  @Column({ type: 'jsonb' })
  tracks: unknown;

  @Column({ name: 'sla_accumulators', type: 'jsonb' })
  slaAccumulators: unknown;

  @Column({ name: 'full_evaluations', type: 'integer' })
  fullEvaluations: number;

  @Column({ name: 'incremental_evaluations', type: 'integer' })
  incrementalEvaluations: number;

  @Column({ name: 'last_mode', type: 'varchar', length: 12, nullable: true })
  lastMode: string | null;

  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true })
  evaluatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
