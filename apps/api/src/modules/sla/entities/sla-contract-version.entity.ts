import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';

const numeric = { to: (value: number) => value, from: (value: string | null) => (value === null ? null : Number(value)) };

/** The terms of a contract from `effectiveFrom` (a renegotiation adds a version). Money % are points (12 = 12 %). */
@Entity({ name: 'sla_contract_versions' })
export class SlaContractVersionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId: string;

  @Column({ type: 'integer' })
  version: number;

  @Column({ type: 'char', length: 3 })
  currency: string;

  @Column({ name: 'monthly_fee', type: 'numeric', precision: 16, scale: 2, transformer: numeric })
  monthlyFee: number;

  @Column({ name: 'at_risk_pct', type: 'numeric', precision: 6, scale: 3, transformer: numeric })
  atRiskPct: number;

  @Column({ name: 'effective_from', type: 'date' })
  effectiveFrom: string;

  @Column({ name: 'effective_to', type: 'date', nullable: true })
  effectiveTo: string | null;

  @Column({ type: 'text', default: '' })
  notes: string;

  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
