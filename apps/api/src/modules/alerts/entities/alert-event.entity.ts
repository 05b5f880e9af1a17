import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AlertChangeType, AlertKind, Severity } from '@kpi/domain';

/** A source event received by the escalation seam (one per kind + source ref). Queried with SQL in AlertsRepository. */
@Entity({ name: 'alert_events' })
export class AlertEventEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 24 })
  kind: AlertKind;

  @Column({ name: 'source_ref', type: 'varchar', length: 200 })
  sourceRef: string;

  @Column({ name: 'provider_id', type: 'uuid' })
  providerId: string;

  @Column({ name: 'site_id', type: 'uuid', nullable: true })
  siteId: string | null;

  @Column({ name: 'kpi_code', type: 'varchar', length: 64, nullable: true })
  kpiCode: string | null;

  @Column({ type: 'varchar', length: 12 })
  severity: Severity;

  @Column({ type: 'varchar', length: 12 })
  status: 'open' | 'resolved';

  @Column({ name: 'last_change', type: 'varchar', length: 12 })
  lastChange: AlertChangeType;

  @Column({ type: 'varchar', length: 300 })
  title: string;

  @Column({ name: 'escalation_id', type: 'uuid', nullable: true })
  escalationId: string | null;

  @Column({ name: 'opened_at', type: 'timestamptz' })
  openedAt: Date;

  @Column({ name: 'resolved_at', type: 'timestamptz', nullable: true })
  resolvedAt: Date | null;
}
