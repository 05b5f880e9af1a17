import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Severity } from '@kpi/domain';

/** A user's alert subscription (queried with SQL in SubscriptionsRepository / RecipientsRepository). */
@Entity({ name: 'alert_subscriptions' })
export class AlertSubscriptionEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'varchar', length: 120 })
  name: string;

  @Column({ name: 'min_severity', type: 'varchar', length: 12 })
  minSeverity: Severity;

  @Column({ type: 'boolean' })
  immediate: boolean;

  @Column({ type: 'varchar', length: 8 })
  digest: 'none' | 'daily' | 'weekly';

  @Column({ name: 'digest_hour', type: 'smallint' })
  digestHour: number;

  @Column({ type: 'boolean' })
  enabled: boolean;
}
