import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

/** Drift settings of a KPI (provider_id null) or a provider's override; null fields fall back to the level above. */
@Entity({ name: 'drift_settings' })
export class DriftSettingEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'kpi_code', type: 'varchar', length: 64 })
  kpiCode: string;

  @Column({ name: 'provider_id', type: 'uuid', nullable: true })
  providerId: string | null;

  @Column({ type: 'boolean', nullable: true })
  enabled: boolean | null;

  @Column({ type: 'text', array: true, nullable: true })
  detectors: string[] | null;

  @Column({ type: 'varchar', length: 16, nullable: true })
  sensitivity: string | null;

  @Column({ name: 'baseline_length', type: 'integer', nullable: true })
  baselineLength: number | null;

  @Column({ name: 'min_samples', type: 'integer', nullable: true })
  minSamples: number | null;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
