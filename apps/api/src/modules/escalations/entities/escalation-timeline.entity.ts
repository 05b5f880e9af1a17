import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** Who did what when on an escalation (append-only). */
@Entity({ name: 'escalation_timeline' })
export class EscalationTimelineEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: number;

  @Column({ name: 'escalation_id', type: 'uuid' })
  escalationId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ name: 'actor_user_id', type: 'uuid', nullable: true })
  actorUserId: string | null;

  @Column({ name: 'actor_name', type: 'varchar', length: 200 })
  actorName: string;

  @Column({ type: 'varchar', length: 32 })
  action: string;

  @Column({ type: 'text', nullable: true })
  text: string | null;
}
