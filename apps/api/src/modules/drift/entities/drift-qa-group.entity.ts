import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One QA group (provider, site or team) of the QA regression test, with its alert tracks. */
@Entity({ name: 'drift_qa_groups' })
export class DriftQaGroupEntity {
  @PrimaryColumn({ name: 'group_key', type: 'varchar', length: 400 })
  groupKey: string;

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

  @Column({ name: 'first_date', type: 'date', nullable: true })
  firstDate: string | null;

  @Column({ name: 'last_date', type: 'date', nullable: true })
  lastDate: string | null;

  @Column({ type: 'jsonb', nullable: true })
  fingerprint: unknown;

  @Column({ type: 'jsonb' })
  tracks: unknown;

  @Column({ name: 'last_result', type: 'jsonb', nullable: true })
  lastResult: unknown;

  @Column({ name: 'evaluated_at', type: 'timestamptz', nullable: true })
  evaluatedAt: Date | null;
}
