import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { DataSource } from 'typeorm';
import { AppConfig } from '../../config/app-config.service';

/** What an unsubscribe link stops: one alert subscription, or escalation mail to one address. */
export type UnsubscribeTarget = { t: 'sub'; id: string } | { t: 'addr'; e: string };

const KEY_NAME = 'unsubscribe';

/**
 * Signed unsubscribe tokens (HMAC-SHA256). The key is generated once and kept in the database, so every api
 * instance signs and verifies the same way, and links stay valid across restarts.
 */
@Injectable()
export class UnsubscribeTokensService {
  private key: Promise<Buffer> | null = null;

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly config: AppConfig,
  ) {}

  async sign(target: UnsubscribeTarget): Promise<string> {
    const payload = Buffer.from(JSON.stringify(target)).toString('base64url');
    return `${payload}.${await this.mac(payload)}`;
  }

  async verify(token: string | undefined | null): Promise<UnsubscribeTarget | null> {
    if (!token || token.length > 2000) return null;
    const [payload, signature, extra] = token.split('.');
    if (!payload || !signature || extra !== undefined) return null;
    const expected = Buffer.from(await this.mac(payload));
    const given = Buffer.from(signature);
    if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
    try {
      const target = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as UnsubscribeTarget;
      if (target.t === 'sub' && typeof target.id === 'string') return target;
      if (target.t === 'addr' && typeof target.e === 'string') return target;
      return null;
    } catch {
      return null;
    }
  }

  /** The link printed in emails (GET shows a confirmation page; POST, also RFC 8058 one-click, unsubscribes). */
  async url(target: UnsubscribeTarget): Promise<string> {
    return `${this.config.publicUrl}/api/notifications/unsubscribe?token=${encodeURIComponent(await this.sign(target))}`;
  }

  private async mac(payload: string): Promise<string> {
    return createHmac('sha256', await this.secret())
      .update(payload)
      .digest('base64url');
  }

  private secret(): Promise<Buffer> {
    this.key ??= this.loadSecret().catch((error) => {
      this.key = null;
      throw error;
    });
    return this.key;
  }

  private async loadSecret(): Promise<Buffer> {
    await this.dataSource.query(`INSERT INTO notification_keys (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING`, [
      KEY_NAME,
      randomBytes(48).toString('base64url'),
    ]);
    const [row] = await this.dataSource.query(`SELECT secret FROM notification_keys WHERE name = $1`, [KEY_NAME]);
    return Buffer.from(row.secret as string, 'base64url');
  }
}
