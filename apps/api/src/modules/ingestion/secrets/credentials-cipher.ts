import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { DEFAULT_KEY_ID, type SecretsKeyRing } from '../../../config/app-config.service';

/**
 * AES-256-GCM for feed credentials at rest, the feed id as associated data so a ciphertext copied onto another
 * feed does not decrypt. Sealed as `v2.<keyId>.<iv>.<tag>.<ciphertext>` (base64url) with the ring's current key;
 * the older `v1.<iv>.<tag>.<ciphertext>` (no key id) stays readable: each key of the ring is tried, and GCM's tag
 * tells which one fits.
 */
export class CredentialsCipher {
  private readonly ring: SecretsKeyRing;

  constructor(keys: Buffer | SecretsKeyRing) {
    this.ring = Buffer.isBuffer(keys) ? { currentKeyId: DEFAULT_KEY_ID, keys: new Map([[DEFAULT_KEY_ID, keys]]) } : keys;
    for (const [id, key] of this.ring.keys) {
      if (key.length !== 32) throw new Error(`The secrets key "${id}" must be 32 bytes`);
      if (!/^[A-Za-z0-9_-]+$/.test(id)) throw new Error(`The secrets key id "${id}" may only have letters, digits, _ and -`);
    }
    if (!this.ring.keys.has(this.ring.currentKeyId)) throw new Error(`The current secrets key "${this.ring.currentKeyId}" is not in the key ring`);
  }

  get currentKeyId(): string {
    return this.ring.currentKeyId;
  }

  encrypt(plain: Record<string, string>, feedId: string): string {
    const keyId = this.ring.currentKeyId;
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key(keyId), iv);
    cipher.setAAD(Buffer.from(feedId));
    const body = Buffer.concat([cipher.update(JSON.stringify(plain), 'utf8'), cipher.final()]);
    return ['v2', keyId, iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  decrypt(sealed: string, feedId: string): Record<string, string> {
    const parts = sealed.split('.');
    if (parts[0] === 'v2' && parts.length === 5) {
      const [, keyId, iv, tag, body] = parts;
      if (!this.ring.keys.has(keyId)) throw new Error(`Credentials are sealed with key "${keyId}", which is not configured in SECRETS_KEYS`);
      return open(this.key(keyId), iv, tag, body, feedId);
    }
    if (parts[0] === 'v1' && parts.length === 4) {
      const [, iv, tag, body] = parts;
      const ordered = [this.ring.currentKeyId, ...[...this.ring.keys.keys()].filter((id) => id !== this.ring.currentKeyId)];
      for (const keyId of ordered) {
        try {
          return open(this.key(keyId), iv, tag, body, feedId);
        } catch {
          // not this key: try the next one
        }
      }
    }
    throw new Error('Unreadable credentials');
  }

  /** True when the value is sealed with the current key in the current format (nothing to re-seal). */
  isCurrent(sealed: string): boolean {
    return sealed.startsWith(`v2.${this.ring.currentKeyId}.`);
  }

  /** The same credentials sealed with the current key. */
  reseal(sealed: string, feedId: string): string {
    return this.encrypt(this.decrypt(sealed, feedId), feedId);
  }

  private key(keyId: string): Buffer {
    const key = this.ring.keys.get(keyId);
    if (!key) throw new Error(`Unknown secrets key "${keyId}"`);
    return key;
  }
}

function open(key: Buffer, iv: string, tag: string, body: string, feedId: string): Record<string, string> {
  // A full 16-byte tag only: GCM would otherwise accept a truncated (weaker) one.
  const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(iv, 'base64url'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(feedId));
  decipher.setAuthTag(Buffer.from(tag, 'base64url'));
  const plain = Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString('utf8');
  return JSON.parse(plain) as Record<string, string>;
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
