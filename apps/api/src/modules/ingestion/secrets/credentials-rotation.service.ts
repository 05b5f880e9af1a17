import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { ResealCredentialsResultDto } from '@kpi/contracts';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../../config/app-config.service';
import { AuditService } from '../../audit/audit.service';
import type { AuthenticatedUser } from '../../auth/authenticated-user';
import { CredentialsCipher } from './credentials-cipher';

/** Key rotation: re-seals every feed's stored credentials with the current key (SECRETS_KEY_ID). */
@Injectable()
export class CredentialsRotationService {
  private readonly cipher: CredentialsCipher;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    config: AppConfig,
  ) {
    this.cipher = new CredentialsCipher(config.secretsKeyRing);
  }

  async resealAll(actor: AuthenticatedUser | null, context: { ip?: string; userAgent?: string } = {}): Promise<ResealCredentialsResultDto> {
    const result = await this.dataSource.transaction(async (manager) => {
      // Row locks, so a feed edited meanwhile is not overwritten with its old credentials.
      const feeds: { id: string; sealed: string }[] = await manager.query(
        `SELECT id, credentials_encrypted AS sealed FROM feeds WHERE credentials_encrypted IS NOT NULL ORDER BY id FOR UPDATE`,
      );
      let resealed = 0;
      const unreadableFeedIds: string[] = [];
      for (const feed of feeds) {
        if (this.cipher.isCurrent(feed.sealed)) continue;
        let next: string;
        try {
          next = this.cipher.reseal(feed.sealed, feed.id);
        } catch {
          unreadableFeedIds.push(feed.id);
          continue;
        }
        await manager.query(`UPDATE feeds SET credentials_encrypted = $2 WHERE id = $1`, [feed.id, next]);
        resealed++;
      }
      return { currentKeyId: this.cipher.currentKeyId, resealed, alreadyCurrent: feeds.length - resealed - unreadableFeedIds.length, unreadableFeedIds };
    });
    await this.audit.record({
      action: 'feed_credentials.reseal',
      outcome: result.unreadableFeedIds.length > 0 ? 'partial' : 'success',
      actorUserId: actor?.id ?? null,
      actorLabel: actor?.email ?? 'system',
      resourceType: 'feed',
      details: result,
      ip: context.ip ?? null,
      userAgent: context.userAgent ?? null,
    });
    return result;
  }
}
