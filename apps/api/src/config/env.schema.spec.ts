import { InvalidConfigError, parseEnv } from './env.schema';

describe('parseEnv', () => {
  it('applies defaults to an empty environment', () => {
    const env = parseEnv({});
    expect(env.PORT).toBe(3000);
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.SEED_DEMO).toBe('auto');
    expect(env.ENABLE_SCHEDULER).toBe(true);
  });

  it('treats empty strings as unset', () => {
    expect(parseEnv({ DATABASE_URL: '' }).DATABASE_URL).toBeUndefined();
  });

  it.each([
    [{ DATABASE_URL: 'mysql://x@y/z' }, 'DATABASE_URL must be a URL like postgres://'],
    [{ DATABASE_URL: 'not a url' }, 'DATABASE_URL must be a URL like postgres://'],
    [{ PORT: 'abc' }, 'PORT must be a port number'],
    [{ PORT: '70000' }, 'PORT must be between 1 and 65535'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be at least 32 characters'],
    [{ ENABLE_SCHEDULER: 'maybe' }, 'ENABLE_SCHEDULER must be true or false'],
    [{ SECRETS_KEYS: 'k1:tooshort' }, 'SECRETS_KEYS must be a comma list of id:key'],
    [{ SECRETS_KEYS: `k1:${'a'.repeat(64)},k1:${'b'.repeat(64)}` }, 'SECRETS_KEYS has the same key id twice'],
    [{ SECRETS_KEYS: `k1:${'a'.repeat(64)}`, SECRETS_KEY_ID: 'k2' }, 'SECRETS_KEY_ID "k2" is not one of the ids in SECRETS_KEYS'],
    [{ CORS_ORIGINS: 'https://a.example.com/app' }, 'CORS_ORIGINS must be a comma list of origins'],
    [{ SIGN_IN_MAX_FAILURES: '0' }, 'SIGN_IN_MAX_FAILURES'],
  ])('rejects %p with a one-line reason', (raw, reason) => {
    expect(() => parseEnv(raw)).toThrow(InvalidConfigError);
    try {
      parseEnv(raw);
    } catch (error) {
      const message = (error as Error).message;
      expect(message).toContain(reason);
      expect(message).not.toContain('\n');
    }
  });

  it('names every bad variable in the same line', () => {
    expect(() => parseEnv({ PORT: 'x', LOG_LEVEL: 'loud' })).toThrow(/PORT .*; LOG_LEVEL /);
  });
});
