import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { OutboxKind, OutboxStatus } from '@kpi/contracts';

/** One rendered message waiting for, or done with, delivery (queried with SQL in OutboxRepository). */
@Entity({ name: 'email_outbox' })
export class EmailOutboxEntity {
  /** Also the Message-ID: `<id@kpi-governance>`. */
  @PrimaryColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 16 })
  kind: OutboxKind;

  @Column({ name: 'to_address', type: 'varchar', length: 254 })
  toAddress: string;

  @Column({ type: 'varchar', length: 400 })
  subject: string;

  @Column({ type: 'varchar', length: 12 })
  status: OutboxStatus;

  @Column({ type: 'integer' })
  attempts: number;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;
}
