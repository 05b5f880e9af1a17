import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { MeasurementPeriod, ServiceLevelKind, ServiceLineCode } from '@kpi/domain';

const numeric = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/**
 * One service level of one contract version. `serviceLevelId` is stable across versions (a renegotiated
 * target is the same service level with new terms). Levels are numbers, or bands (low/high) for band KPIs.
 */
@Entity({ name: 'sla_service_levels' })
export class SlaServiceLevelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contract_version_id', type: 'uuid' })
  contractVersionId: string;

  @Column({ name: 'service_level_id', type: 'uuid' })
  serviceLevelId: string;

  @Column({ type: 'varchar', length: 200 })
  name: string;

  @Column({ name: 'kpi_code', type: 'varchar', length: 64 })
  kpiCode: string;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId: string | null;

  @Column({ name: 'service_line_code', type: 'varchar', length: 32, nullable: true })
  serviceLineCode: ServiceLineCode | null;

  @Column({ type: 'varchar', length: 120, nullable: true })
  queue: string | null;

  @Column({ type: 'double precision', nullable: true })
  target: number | null;

  @Column({ name: 'target_low', type: 'double precision', nullable: true })
  targetLow: number | null;

  @Column({ name: 'target_high', type: 'double precision', nullable: true })
  targetHigh: number | null;

  @Column({ type: 'double precision', nullable: true })
  minimum: number | null;

  @Column({ name: 'minimum_low', type: 'double precision', nullable: true })
  minimumLow: number | null;

  @Column({ name: 'minimum_high', type: 'double precision', nullable: true })
  minimumHigh: number | null;

  @Column({ name: 'measurement_period', type: 'varchar', length: 12 })
  measurementPeriod: MeasurementPeriod;

  @Column({ type: 'varchar', length: 16 })
  kind: ServiceLevelKind;

  @Column({ name: 'pool_allocation_pct', type: 'numeric', precision: 6, scale: 3, transformer: numeric })
  poolAllocationPct: number;

  @Column({ name: 'earn_back_periods', type: 'integer', nullable: true })
  earnBackPeriods: number | null;

  @Column({ name: 'means_of_measurement', type: 'text', default: '' })
  meansOfMeasurement: string;

  @Column({ type: 'integer', default: 0 })
  position: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
