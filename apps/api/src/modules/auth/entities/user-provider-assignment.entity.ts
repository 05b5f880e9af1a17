import { Entity, PrimaryColumn } from 'typeorm';

/** Which providers an account manager looks after. */
@Entity({ name: 'user_provider_assignments' })
export class UserProviderAssignmentEntity {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'provider_id', type: 'uuid' })
  providerId: string;
}
