import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';

const VERSION = 'v1';

/**
 * AES-256-GCM for feed credentials at rest: `v1.<iv>.<tag>.<ciphertext>` (base64url), the feed id as
 * associated data so a ciphertext copied onto another feed does not decrypt.
 */
export class CredentialsCipher {
  constructor(private readonly key: Buffer) {
    if (key.length !== 32) throw new Error('The secrets key must be 32 bytes');
  }

  encrypt(plain: Record<string, string>, feedId: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(feedId));
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return [VERSION, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string, feedId: string): Record<string, string> {
    const [version, iv, tag, body] = sealed.split('.');
    if (version !== VERSION || !iv || !tag || body === undefined) throw new Error('Unreadable credentials');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAAD(Buffer.from(feedId));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
    return JSON.parse(plain) as Record<string, string>;
  }
}

/** QA agent ids -> HMAC-SHA256 (hex), keyed by PSEUDONYMISATION_KEY and the provider. */
export function agentPseudonymiser(key: string, providerId: string): (agentId: string) => string {
  return (agentId) => createHmac('sha256', key).update(`${providerId}:${agentId.trim()}`).digest('hex');
}

/** Push API keys: stored as SHA-256 only; the key has enough entropy for a plain hash. */
export function hashApiKey(key: string): string {
  return createHash('sha256').update(key).digest('hex');
}

export function newApiKey(): { key: string; prefix: string } {
  const key = `kpik_${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, 12) };
}
