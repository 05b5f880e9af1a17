import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One step in the life of a drift event: opened, updated, worsened, resolved. */
@Entity({ name: 'drift_event_history' })
export class DriftEventHistoryEntity {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'event_id', type: 'uuid' })
  eventId: string;

  @Column({ type: 'varchar', length: 12 })
  transition: string;

  @Column({ name: 'data_date', type: 'date' })
  dataDate: string;

  @Column({ type: 'double precision', nullable: true })
  magnitude: number | null;

  @Column({ type: 'text' })
  note: string;

  @Column({ type: 'timestamptz' })
  at: Date;
}
