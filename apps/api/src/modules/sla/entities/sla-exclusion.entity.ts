import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Dates carved out of a contract's measurement; applied once approved (a separate action). */
@Entity({ name: 'sla_exclusions' })
export class SlaExclusionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'contract_id', type: 'uuid' })
  contractId: string;

  @Column({ name: 'from_date', type: 'date' })
  fromDate: string;

  @Column({ name: 'to_date', type: 'date' })
  toDate: string;

  @Column({ type: 'text' })
  reason: string;

  /** null = every site. */
  @Column({ name: 'site_ids', type: 'uuid', array: true, nullable: true })
  siteIds: string[] | null;

  /** Stable service level ids; null = every service level of the contract. */
  @Column({ name: 'service_level_ids', type: 'uuid', array: true, nullable: true })
  serviceLevelIds: string[] | null;

  @Column({ name: 'requested_by', type: 'uuid', nullable: true })
  requestedBy: string | null;

  @Column({ name: 'requested_at', type: 'timestamptz', default: () => 'now()' })
  requestedAt: Date;

  @Column({ name: 'approved_by', type: 'uuid', nullable: true })
  approvedBy: string | null;

  /** Who approved, kept as written at the time (the audit trail survives a deleted account). */
  @Column({ name: 'approved_by_name', type: 'varchar', length: 160, nullable: true })
  approvedByName: string | null;

  @Column({ name: 'approved_at', type: 'timestamptz', nullable: true })
  approvedAt: Date | null;
}
