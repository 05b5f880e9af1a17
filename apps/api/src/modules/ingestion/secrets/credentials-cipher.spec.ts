import { createCipheriv, randomBytes } from 'node:crypto';
import { agentPseudonymiser, CredentialsCipher, hashApiKey, newApiKey } from './credentials-cipher';

describe('CredentialsCipher', () => {
  const cipher = new CredentialsCipher(randomBytes(32));

  it('round-trips credentials and never stores them in clear', () => {
    const sealed = cipher.encrypt({ token: 'super-secret-token' }, 'feed-1');
    expect(sealed).not.toContain('super-secret');
    expect(sealed.startsWith('v2.default.')).toBe(true);
    expect(cipher.decrypt(sealed, 'feed-1')).toEqual({ token: 'super-secret-token' });
  });

  it.each([
    ['another feed id', (s: string) => s, 'feed-2'],
    ['a tampered ciphertext', (s: string) => s.slice(0, -2) + (s.endsWith('A') ? 'BB' : 'AA'), 'feed-1'],
    ['another key', (s: string) => s, 'other-key'],
  ])('refuses %s', (_label, mutate, feedId) => {
    const sealed = mutate(cipher.encrypt({ token: 't' }, 'feed-1'));
    const reader = feedId === 'other-key' ? new CredentialsCipher(randomBytes(32)) : cipher;
    expect(() => reader.decrypt(sealed, feedId === 'other-key' ? 'feed-1' : feedId)).toThrow();
  });

  it('rejects keys that are not 32 bytes', () => {
    expect(() => new CredentialsCipher(randomBytes(16))).toThrow('32 bytes');
  });

  it('refuses a truncated authentication tag', () => {
    const [v, id, iv, tag, body] = cipher.encrypt({ token: 't' }, 'feed-1').split('.');
    const short = Buffer.from(tag, 'base64url').subarray(0, 4).toString('base64url');
    expect(() => cipher.decrypt([v, id, iv, short, body].join('.'), 'feed-1')).toThrow();
  });
});

describe('CredentialsCipher key rotation', () => {
  const oldKey = randomBytes(32);
  const newKey = randomBytes(32);
  const ring = (currentKeyId: string, ...ids: string[]) => ({
    currentKeyId,
    keys: new Map(ids.map((id) => [id, id === 'k1' ? oldKey : newKey] as [string, Buffer])),
  });

  /** The format before key ids: v1.<iv>.<tag>.<ciphertext>, sealed with a single key. */
  function sealV1(key: Buffer, plain: Record<string, string>, feedId: string): string {
    const iv = randomBytes(12);
    const c = createCipheriv('aes-256-gcm', key, iv);
    c.setAAD(Buffer.from(feedId));
    const body = Buffer.concat([c.update(JSON.stringify(plain), 'utf8'), c.final()]);
    return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
  }

  it('seals with the current key id and still opens values sealed with an older key of the ring', () => {
    const before = new CredentialsCipher(ring('k1', 'k1'));
    const sealedOld = before.encrypt({ token: 'a' }, 'feed-1');
    expect(sealedOld.startsWith('v2.k1.')).toBe(true);

    const after = new CredentialsCipher(ring('k2', 'k1', 'k2'));
    expect(after.encrypt({ token: 'b' }, 'feed-1').startsWith('v2.k2.')).toBe(true);
    expect(after.decrypt(sealedOld, 'feed-1')).toEqual({ token: 'a' });
    expect(after.isCurrent(sealedOld)).toBe(false);

    const resealed = after.reseal(sealedOld, 'feed-1');
    expect(resealed.startsWith('v2.k2.')).toBe(true);
    expect(after.isCurrent(resealed)).toBe(true);
    // Once re-sealed the old key can go.
    expect(new CredentialsCipher(ring('k2', 'k2')).decrypt(resealed, 'feed-1')).toEqual({ token: 'a' });
  });

  it('reads v1 values with whichever key of the ring sealed them', () => {
    const v1 = sealV1(oldKey, { token: 'legacy' }, 'feed-9');
    const cipher = new CredentialsCipher(ring('k2', 'k1', 'k2'));
    expect(cipher.decrypt(v1, 'feed-9')).toEqual({ token: 'legacy' });
    expect(cipher.isCurrent(v1)).toBe(false);
    expect(cipher.reseal(v1, 'feed-9').startsWith('v2.k2.')).toBe(true);
    expect(() => new CredentialsCipher(ring('k2', 'k2')).decrypt(v1, 'feed-9')).toThrow('Unreadable credentials');
  });

  it('names a key id that is no longer configured', () => {
    const sealed = new CredentialsCipher(ring('k1', 'k1')).encrypt({ token: 'a' }, 'feed-1');
    expect(() => new CredentialsCipher(ring('k2', 'k2')).decrypt(sealed, 'feed-1')).toThrow('key "k1", which is not configured');
  });

  it('refuses a current key id that is not in the ring', () => {
    expect(() => new CredentialsCipher(ring('k3', 'k1'))).toThrow('not in the key ring');
  });
});

describe('agentPseudonymiser and api keys', () => {
  it('gives a stable keyed hash per provider, not the id', () => {
    const a = agentPseudonymiser('k'.repeat(32), 'p1');
    expect(a('AG-1')).toBe(a('AG-1'));
    expect(a('AG-1')).toMatch(/^[0-9a-f]{64}$/);
    expect(a('AG-1')).not.toBe(agentPseudonymiser('k'.repeat(32), 'p2')('AG-1'));
    expect(a('AG-1')).not.toBe(agentPseudonymiser('j'.repeat(32), 'p1')('AG-1'));
  });

  it('makes distinct keys whose hash is what is stored', () => {
    const one = newApiKey();
    const two = newApiKey();
    expect(one.key).not.toBe(two.key);
    expect(one.key.startsWith(one.prefix)).toBe(true);
    expect(hashApiKey(one.key)).toMatch(/^[0-9a-f]{64}$/);
  });
});
