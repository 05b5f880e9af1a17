import { AppConfig } from './app-config.service';
import { InvalidConfigError, parseEnv } from './env.schema';

const BASE = { OIDC_ISSUER_URL: 'https://login.client.example/realms/staff', OIDC_CLIENT_ID: 'kpi', OIDC_ROLE_MAP: 'kpi-admins=admin' };

describe('single sign-on configuration', () => {
  it('is off without OIDC_ISSUER_URL', () => {
    expect(new AppConfig(parseEnv({})).sso).toBeNull();
  });

  it('reads the settings with their defaults, the redirect URL derived from PUBLIC_URL', () => {
    const sso = new AppConfig(parseEnv({ ...BASE, PUBLIC_URL: 'https://kpi.client.example' })).sso;
    expect(sso).toEqual({
      issuerUrl: BASE.OIDC_ISSUER_URL,
      clientId: 'kpi',
      clientSecret: null,
      redirectUrl: 'https://kpi.client.example/api/auth/sso/callback',
      scopes: 'openid email profile',
      groupsClaim: 'groups',
      roleMap: [{ group: 'kpi-admins', role: 'admin' }],
      defaultRole: null,
      displayName: null,
    });
  });

  it('leaves the redirect URL to each request when neither OIDC_REDIRECT_URL nor PUBLIC_URL is set', () => {
    expect(new AppConfig(parseEnv(BASE)).sso?.redirectUrl).toBeNull();
    expect(new AppConfig(parseEnv({ ...BASE, OIDC_REDIRECT_URL: 'https://sso.example/cb', PUBLIC_URL: 'https://x.example' })).sso?.redirectUrl).toBe(
      'https://sso.example/cb',
    );
  });

  it('takes a default role instead of a role map', () => {
    expect(new AppConfig(parseEnv({ ...BASE, OIDC_ROLE_MAP: undefined, OIDC_DEFAULT_ROLE: 'executive' })).sso?.defaultRole).toBe('executive');
  });

  it('allows plain http only for an identity provider on this machine', () => {
    expect(parseEnv({ ...BASE, OIDC_ISSUER_URL: 'http://127.0.0.1:8080' }).OIDC_ISSUER_URL).toBe('http://127.0.0.1:8080');
    expect(parseEnv({ ...BASE, OIDC_ISSUER_URL: 'http://localhost:8080/realms/x' }).OIDC_ISSUER_URL).toBe('http://localhost:8080/realms/x');
  });

  it.each([
    [{ OIDC_ISSUER_URL: 'http://login.client.example' }, 'OIDC_ISSUER_URL must use https (plain http is allowed only for localhost / 127.0.0.1)'],
    [{ OIDC_CLIENT_ID: undefined }, 'OIDC_CLIENT_ID must be set when OIDC_ISSUER_URL is set'],
    [{ OIDC_ROLE_MAP: undefined }, 'OIDC_ROLE_MAP (or OIDC_DEFAULT_ROLE) must be set'],
    [{ OIDC_ROLE_MAP: 'kpi-admins:admin' }, 'OIDC_ROLE_MAP entry "kpi-admins:admin" must look like group=role'],
    [{ OIDC_DEFAULT_ROLE: 'admin' }, 'OIDC_DEFAULT_ROLE must be none, executive or account_manager'],
    [{ OIDC_SCOPES: 'email profile' }, 'OIDC_SCOPES must include openid'],
  ])('refuses %p with a clear reason', (override, reason) => {
    const raw: Record<string, string | undefined> = { ...BASE, ...override };
    expect(() => parseEnv(raw)).toThrow(InvalidConfigError);
    expect(() => parseEnv(raw)).toThrow(reason);
  });
});
