import { randomBytes } from 'node:crypto';
import { agentPseudonymiser, CredentialsCipher, hashApiKey, newApiKey } from './credentials-cipher';

describe('CredentialsCipher', () => {
  const cipher = new CredentialsCipher(randomBytes(32));

  it('round-trips credentials and never stores them in clear', () => {
    const sealed = cipher.encrypt({ token: 'super-secret-token' }, 'feed-1');
    expect(sealed).not.toContain('super-secret');
    expect(sealed.startsWith('v1.')).toBe(true);
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
