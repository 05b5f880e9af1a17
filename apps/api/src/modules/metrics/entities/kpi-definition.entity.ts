import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { CustomKpiKind, KpiAggregation, KpiDirection, KpiUnit, ServiceLineCode } from '@kpi/domain';

@Entity({ name: 'kpi_definitions' })
export class KpiDefinitionEntity {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  code: string;

  @Column({ type: 'varchar', length: 160 })
  name: string;

  @Column({ type: 'text' })
  description: string;

  @Column({ type: 'varchar', length: 16 })
  unit: KpiUnit;

  @Column({ type: 'varchar', length: 24 })
  direction: KpiDirection;

  @Column({ type: 'varchar', length: 32 })
  aggregation: KpiAggregation;

  @Column({ name: 'numerator_label', type: 'varchar', length: 200 })
  numeratorLabel: string;

  @Column({ name: 'denominator_label', type: 'varchar', length: 200, nullable: true })
  denominatorLabel: string | null;

  @Column({ name: 'display_precision', type: 'smallint' })
  displayPrecision: number;

  @Column({ name: 'band_low', type: 'double precision', nullable: true })
  bandLow: number | null;

  @Column({ name: 'band_high', type: 'double precision', nullable: true })
  bandHigh: number | null;

  @Column({ name: 'built_in', type: 'boolean' })
  builtIn: boolean;

  /** Custom KPIs: how the admin defined it (kept so the form can show it again); null for built-ins. */
  @Column({ name: 'custom_kind', type: 'varchar', length: 24, nullable: true })
  customKind: CustomKpiKind | null;

  @Column({ name: 'value_label', type: 'varchar', length: 200, nullable: true })
  valueLabel: string | null;

  @Column({ name: 'weight_label', type: 'varchar', length: 200, nullable: true })
  weightLabel: string | null;

  @Column({ name: 'service_lines', type: 'varchar', length: 32, array: true, default: () => "'{}'" })
  serviceLines: ServiceLineCode[];

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
