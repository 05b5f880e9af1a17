import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Role } from '@kpi/contracts';

@Entity({ name: 'users' })
export class UserEntity {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'varchar', length: 254 })
  email: string;

  @Column({ name: 'display_name', type: 'varchar', length: 160 })
  displayName: string;

  /** argon2id hash; null for accounts that may not sign in with a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'varchar', length: 24 })
  role: Role;

  @Column({ name: 'provider_id', type: 'uuid', nullable: true })
  providerId: string | null;

  /** Issuer and subject at the identity provider, for users that signed in through single sign-on. */
  @Column({ name: 'sso_issuer', type: 'varchar', length: 500, nullable: true })
  ssoIssuer: string | null;

  @Column({ name: 'sso_subject', type: 'varchar', length: 255, nullable: true })
  ssoSubject: string | null;

  @Column({ name: 'disabled_at', type: 'timestamptz', nullable: true })
  disabledAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
