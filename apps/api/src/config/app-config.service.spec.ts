import { AppConfig } from './app-config.service';
import { parseEnv } from './env.schema';

describe('AppConfig secrets key ring', () => {
  const a = 'a'.repeat(64);
  const b = Buffer.alloc(32, 7).toString('base64');

  it('makes SECRETS_KEY the "default" key and the last SECRETS_KEYS entry the current one', () => {
    const ring = new AppConfig(parseEnv({ SECRETS_KEY: a, SECRETS_KEYS: `k2:${b}` })).secretsKeyRing;
    expect([...ring.keys.keys()]).toEqual(['default', 'k2']);
    expect(ring.currentKeyId).toBe('k2');
    expect(ring.keys.get('default')).toEqual(Buffer.from(a, 'hex'));
    expect(ring.keys.get('k2')).toEqual(Buffer.alloc(32, 7));
  });

  it('seals with SECRETS_KEY_ID when given', () => {
    const config = new AppConfig(parseEnv({ SECRETS_KEYS: `k1:${a}, k2:${b}`, SECRETS_KEY_ID: 'k1' }));
    expect(config.secretsKeyRing.currentKeyId).toBe('k1');
    expect(config.secretsKey).toEqual(Buffer.from(a, 'hex'));
  });

  it('reads CORS_ORIGINS as a list of origins, empty by default', () => {
    expect(new AppConfig(parseEnv({})).corsOrigins).toEqual([]);
    expect(new AppConfig(parseEnv({ CORS_ORIGINS: 'https://a.example.com, http://localhost:4200/' })).corsOrigins).toEqual([
      'https://a.example.com',
      'http://localhost:4200',
    ]);
  });
});
