import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Users signed in through single sign-on remember their identity at the identity provider (issuer + subject),
 * so a later change of email at the provider still finds the same account.
 */
export class AddUserSsoIdentity1763773000000 implements MigrationInterface {
  name = 'AddUserSsoIdentity1763773000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users ADD COLUMN sso_issuer varchar(500), ADD COLUMN sso_subject varchar(255)`);
    await q.query(`ALTER TABLE users ADD CONSTRAINT users_sso_identity_pair CHECK ((sso_issuer IS NULL) = (sso_subject IS NULL))`);
    await q.query(`CREATE UNIQUE INDEX users_sso_identity_unique ON users (sso_issuer, sso_subject) WHERE sso_subject IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS users_sso_identity_unique`);
    await q.query(`ALTER TABLE users DROP CONSTRAINT IF EXISTS users_sso_identity_pair`);
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS sso_subject, DROP COLUMN IF EXISTS sso_issuer`);
  }
}
