import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A drift event: open -> (updated) -> resolved; one open event per series and kind. */
@Entity({ name: 'drift_events' })
export class DriftEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'series_key', type: 'varchar', length: 400 })
  seriesKey: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId: string | null;

  @Column({ name: 'service_line_code', type: 'varchar', length: 32, nullable: true })
  serviceLineCode: string | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  queue: string | null;

  @Column({ type: 'varchar', length: 16 })
  level: string;

  @Column({ name: 'kpi_code', type: 'varchar', length: 64 })
  kpiCode: string;

  @Column({ type: 'varchar', length: 24 })
  kind: string;

  @Column({ type: 'varchar', length: 12 })
  direction: string;

  @Column({ type: 'varchar', length: 12 })
  status: string;

  @Column({ type: 'varchar', length: 40 })
  detector: string;

  @Column({ name: 'finding_kind', type: 'varchar', length: 40, nullable: true })
  findingKind: string | null;

  @Column({ type: 'varchar', length: 8 })
  granularity: string;

  @Column({ name: 'start_date', type: 'date' })
  startDate: string;

  @Column({ name: 'opened_on', type: 'date' })
  openedOn: string;

  @Column({ name: 'resolved_on', type: 'date', nullable: true })
  resolvedOn: string | null;

  @Column({ type: 'varchar', length: 24, nullable: true })
  resolution: string | null;

  @Column({ name: 'last_data_date', type: 'date' })
  lastDataDate: string;

  @Column({ type: 'double precision', nullable: true })
  magnitude: number | null;

  @Column({ name: 'baseline_value', type: 'double precision', nullable: true })
  baselineValue: number | null;

  @Column({ name: 'current_value', type: 'double precision', nullable: true })
  currentValue: number | null;

  @Column({ type: 'double precision', nullable: true })
  score: number | null;

  @Column({ name: 'p_value', type: 'double precision', nullable: true })
  pValue: number | null;

  @Column({ type: 'text' })
  explanation: string;

  @Column({ type: 'jsonb' })
  evidence: unknown;

  @Column({ type: 'jsonb', nullable: true })
  attribution: unknown;

  @Column({ type: 'jsonb' })
  details: unknown;

  @Column({ name: 'notified_magnitude', type: 'double precision', nullable: true })
  notifiedMagnitude: number | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
