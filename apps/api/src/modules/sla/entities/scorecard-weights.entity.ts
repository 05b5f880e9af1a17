import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

const numeric = { to: (value: number) => value, from: (value: string) => Number(value) };

/** The admin-set scorecard weights: a single row (id 1). Any non-negative numbers, normalised when used. */
@Entity({ name: 'scorecard_weights' })
export class ScorecardWeightsEntity {
  @PrimaryColumn({ type: 'smallint', default: 1 })
  id: number;

  @Column({ name: 'sla_attainment', type: 'numeric', transformer: numeric })
  slaAttainment: number;

  @Column({ name: 'qa_score', type: 'numeric', transformer: numeric })
  qaScore: number;

  @Column({ name: 'escalation_responsiveness', type: 'numeric', transformer: numeric })
  escalationResponsiveness: number;

  @Column({ name: 'data_timeliness', type: 'numeric', transformer: numeric })
  dataTimeliness: number;

  @Column({ name: 'updated_by', type: 'uuid', nullable: true })
  updatedBy: string | null;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
