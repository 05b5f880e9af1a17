import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertKind, EscalationStatus, RootCauseCategory, Severity } from '@kpi/domain';

/** An escalation (queried with SQL in EscalationsRepository; the columns the workflow changes are listed here). */
@Entity({ name: 'escalations' })
export class EscalationEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'integer' })
  number: number;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ type: 'varchar', length: 24 })
  kind: AlertKind;

  @Column({ type: 'varchar', length: 12 })
  severity: Severity;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'scope_key', type: 'varchar', length: 400 })
  scopeKey: string;

  @Column({ type: 'varchar', length: 24 })
  status: EscalationStatus;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ name: 'owner_user_id', type: 'uuid', nullable: true })
  ownerUserId: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'ack_due_at', type: 'timestamptz', nullable: true })
  ackDueAt: Date | null;

  @Column({ name: 'resolve_due_at', type: 'timestamptz', nullable: true })
  resolveDueAt: Date | null;

  @Column({ name: 'action_plan', type: 'text', nullable: true })
  actionPlan: string | null;

  @Column({ name: 'root_cause_category', type: 'varchar', length: 32, nullable: true })
  rootCauseCategory: RootCauseCategory | null;

  @Column({ name: 'corrective_action', type: 'text', nullable: true })
  correctiveAction: string | null;
}
