import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One level of a provider's escalation matrix (contacts in escalation_level_contacts). */
@Entity({ name: 'escalation_levels' })
export class EscalationLevelEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ type: 'smallint' })
  level: number;

  @Column({ type: 'varchar', length: 160 })
  name: string;

  @Column({ name: 'ack_within_minutes', type: 'integer' })
  ackWithinMinutes: number;

  @Column({ name: 'resolve_within_minutes', type: 'integer' })
  resolveWithinMinutes: number;
}
