import { AddressInfo, createServer } from 'node:net';
import { AppConfig } from '../../../config/app-config.service';
import { parseEnv } from '../../../config/env.schema';
import { safeReturnPath, SsoService, SsoSignInError } from './sso.service';

function serviceWith(env: Record<string, string>): SsoService {
  // Only the configuration matters for these; the collaborators are never reached.
  const unused = null as never;
  return new SsoService(new AppConfig(parseEnv(env)), unused, unused, unused, unused);
}

describe('SsoService', () => {
  it('tells the sign-in page whether single sign-on is on, and its label', () => {
    expect(serviceWith({}).publicConfig()).toEqual({ enabled: false, label: null });
    expect(
      serviceWith({
        OIDC_ISSUER_URL: 'https://login.client.example',
        OIDC_CLIENT_ID: 'kpi',
        OIDC_ROLE_MAP: 'g=admin',
        OIDC_DISPLAY_NAME: 'Client Entra ID',
      }).publicConfig(),
    ).toEqual({ enabled: true, label: 'Client Entra ID' });
  });

  it('refuses to start a sign-in when it is off', async () => {
    await expect(serviceWith({}).start('http://localhost:3000', undefined)).rejects.toThrow('Single sign-on is not configured');
  });

  it('reports an unreachable identity provider as unavailable', async () => {
    const closedPort = await new Promise<number>((resolve) => {
      const server = createServer().listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        server.close(() => resolve(port));
      });
    });
    const sso = serviceWith({ OIDC_ISSUER_URL: `http://127.0.0.1:${closedPort}`, OIDC_CLIENT_ID: 'kpi', OIDC_ROLE_MAP: 'g=admin' });
    const failure = await sso.start('http://localhost:3000', undefined).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(SsoSignInError);
    expect(failure).toMatchObject({ code: 'unavailable', reason: expect.stringContaining(`identity provider http://127.0.0.1:${closedPort} unreachable`) });
  });

  it('returns only to paths of this site', () => {
    expect(safeReturnPath('/providers/p-1?tab=sla')).toBe('/providers/p-1?tab=sla');
    expect(safeReturnPath(undefined)).toBe('/');
    expect(safeReturnPath('https://evil.example')).toBe('/');
    expect(safeReturnPath('//evil.example/x')).toBe('/');
    expect(safeReturnPath('/\\evil.example')).toBe('/');
  });
});
