import type { CurrentUser, SessionResponse, SsoConfigResponse } from '@kpi/contracts';
import { freePort } from './support/free-port';
import { OidcTestAccount, OidcTestProvider, startOidcTestProvider } from './support/oidc-test-provider';
import { startTestApp, TestApp } from './support/test-app';

/** Enough of a browser for a redirect flow across two sites: a cookie jar per host:port and manual redirects. */
class TestBrowser {
  private readonly jars = new Map<string, Map<string, string>>();

  async get(url: string): Promise<Response> {
    return this.send(url, { method: 'GET' });
  }

  async post(url: string, form: Record<string, string>): Promise<Response> {
    return this.send(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams(form).toString(),
    });
  }

  cookie(origin: string, name: string): string | undefined {
    return this.jars.get(new URL(origin).host)?.get(name);
  }

  private async send(url: string, init: RequestInit): Promise<Response> {
    const host = new URL(url).host;
    const jar = this.jars.get(host) ?? new Map<string, string>();
    this.jars.set(host, jar);
    const cookieHeader = [...jar].map(([name, value]) => `${name}=${value}`).join('; ');
    const res = await fetch(url, {
      ...init,
      redirect: 'manual',
      headers: { ...(init.headers as Record<string, string>), ...(cookieHeader ? { cookie: cookieHeader } : {}) },
    });
    for (const setCookie of res.headers.getSetCookie()) {
      const [pair, ...attributes] = setCookie.split(';');
      const name = pair.slice(0, pair.indexOf('=')).trim();
      const value = pair.slice(pair.indexOf('=') + 1).trim();
      const expired = attributes.some((a) => /^\s*max-age=0\s*$/i.test(a) || (/^\s*expires=/i.test(a) && Date.parse(a.split('=')[1]) < Date.now()));
      if (expired || value === '') jar.delete(name);
      else jar.set(name, value);
    }
    return res;
  }
}

const ROLE_MAP = 'kpi-admins=admin,kpi-execs=executive,kpi-ams=account_manager';

describe('single sign-on through OpenID Connect', () => {
  let t: TestApp;
  let idp: OidcTestProvider;
  const accounts: OidcTestAccount[] = [
    { sub: 'ana', email: 'Ana.Torres@client.example', name: 'Ana Torres', groups: ['everyone', 'kpi-execs'] },
    { sub: 'bruno', email: 'bruno.diaz@client.example', name: 'Bruno Díaz', groups: ['everyone', 'sales'] },
    { sub: 'carla', email: 'carla.ruiz@client.example', name: 'Carla Ruiz', groups: ['kpi-ams', 'kpi-admins'] },
    { sub: 'demo-exec', email: 'exec@demo.kpigov.mx', name: 'Demo Exec', groups: ['kpi-execs'] },
    { sub: 'norte-lead', email: 'lead@norte.demo.kpigov.mx', name: 'Norte Lead', groups: ['kpi-execs'] },
  ];

  beforeAll(async () => {
    const idpPort = await freePort();
    t = await startTestApp({
      OIDC_ISSUER_URL: `http://127.0.0.1:${idpPort}`,
      OIDC_CLIENT_ID: 'kpi-governance',
      OIDC_CLIENT_SECRET: 'a-client-secret-for-tests',
      OIDC_SCOPES: 'openid email profile groups',
      OIDC_ROLE_MAP: ROLE_MAP,
      OIDC_DISPLAY_NAME: 'Client Directory',
      AUTH_RATE_LIMIT_PER_MINUTE: '0',
    });
    // No PUBLIC_URL / OIDC_REDIRECT_URL: the callback URL is derived from the host the sign-in came through.
    idp = await startOidcTestProvider({
      port: idpPort,
      clientId: 'kpi-governance',
      clientSecret: 'a-client-secret-for-tests',
      redirectUris: [`${t.baseUrl}/api/auth/sso/callback`],
      accounts,
    });
  });
  afterAll(async () => {
    await idp?.close();
    await t?.close();
  });

  /** From the api's login redirect to the identity provider's redirect back to the api callback (not followed). */
  async function throughIdentityProvider(browser: TestBrowser, login: string, loginPath = '/api/auth/sso/login'): Promise<string> {
    const start = await browser.get(`${t.baseUrl}${loginPath}`);
    expect(start.status).toBe(303);
    let url = new URL(start.headers.get('location')!);
    expect(url.origin).toBe(idp.issuer);
    expect(url.searchParams.get('code_challenge_method')).toBe('S256');
    expect(url.searchParams.get('state')).toEqual(expect.any(String));
    expect(url.searchParams.get('nonce')).toEqual(expect.any(String));
    for (let hop = 0; hop < 10; hop++) {
      // At the identity provider's sign-in page, submit its form.
      const res = url.pathname.startsWith('/interaction/') ? await browser.post(`${url.href}/login`, { login }) : await browser.get(url.href);
      expect([302, 303]).toContain(res.status);
      url = new URL(res.headers.get('location')!, url);
      if (url.origin === t.baseUrl) return url.href;
    }
    throw new Error('the identity provider never redirected back to the api');
  }

  /** A full sign-in: returns where the api sent the browser at the end. */
  async function signInWithSso(browser: TestBrowser, login: string, loginPath?: string): Promise<string> {
    const callbackUrl = await throughIdentityProvider(browser, login, loginPath);
    expect(callbackUrl).toContain('/api/auth/sso/callback?');
    const done = await browser.get(callbackUrl);
    expect(done.status).toBe(303);
    return done.headers.get('location')!;
  }

  /** What the web app does on start: POST /api/auth/refresh with the cookie. */
  async function refresh(browser: TestBrowser): Promise<{ status: number; body: SessionResponse }> {
    const res = await browser.post(`${t.baseUrl}/api/auth/refresh`, {});
    return { status: res.status, body: (await res.json()) as SessionResponse };
  }

  async function userRow(email: string) {
    const rows: { id: string; role: string; password_hash: string | null; sso_issuer: string | null; sso_subject: string | null; display_name: string }[] =
      await t.dataSource.query(`SELECT id, role, password_hash, sso_issuer, sso_subject, display_name FROM users WHERE lower(email) = lower($1)`, [email]);
    return rows[0];
  }

  async function auditActions(label: string): Promise<{ action: string; outcome: string; details: Record<string, unknown> | null }[]> {
    return t.dataSource.query(`SELECT action, outcome, details FROM audit_log WHERE actor_label = $1 ORDER BY id`, [label]);
  }

  it('offers single sign-on on the sign-in page', async () => {
    const res = await t.request<SsoConfigResponse>('GET', '/auth/sso/config');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ enabled: true, label: 'Client Directory' });
  });

  it('creates a new user with the role its groups map to and signs it in like a password sign-in', async () => {
    expect(await userRow('ana.torres@client.example')).toBeUndefined();
    const browser = new TestBrowser();

    const landing = await signInWithSso(browser, 'ana');

    expect(landing).toBe('/');
    expect(browser.cookie(t.baseUrl, 'kpi_refresh')).toEqual(expect.any(String));
    expect(browser.cookie(t.baseUrl, 'kpi_sso')).toBeUndefined();
    const user = await userRow('ana.torres@client.example');
    expect(user).toMatchObject({ role: 'executive', password_hash: null, sso_issuer: idp.issuer, sso_subject: 'ana', display_name: 'Ana Torres' });

    // The web app's silent refresh picks the session up from the cookie.
    const session = await refresh(browser);
    expect(session.status).toBe(200);
    expect(session.body.user).toMatchObject({ email: 'ana.torres@client.example', role: 'executive', providerIds: null });
    const me = await t.request<CurrentUser>('GET', '/auth/me', { token: session.body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({ id: user.id, role: 'executive' });

    // No password: the account cannot sign in any other way.
    const password = await t.request('POST', '/auth/login', { body: { email: 'ana.torres@client.example', password: 'demo-password' } });
    expect(password.status).toBe(401);

    const audit = await auditActions('ana.torres@client.example');
    expect(audit.map((entry) => entry.action)).toEqual(['user.sso_provisioned', 'auth.sign_in', 'auth.sign_in_failed']);
    expect(audit[1].details).toMatchObject({ method: 'sso', role: 'executive', groups: ['everyone', 'kpi-execs'] });
  });

  it('gives the highest mapped role and follows the groups when they change, ending sessions of the old role', async () => {
    const carla = accounts.find((account) => account.sub === 'carla')!;
    const first = new TestBrowser();
    await signInWithSso(first, 'carla');
    expect((await userRow(carla.email)).role).toBe('admin');
    const users = await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = $1`, [carla.email]);

    carla.groups = ['kpi-ams'];
    const second = new TestBrowser();
    await signInWithSso(second, 'carla');

    expect((await userRow(carla.email)).role).toBe('account_manager');
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM users WHERE lower(email) = $1`, [carla.email])).toEqual(users);
    expect((await refresh(first)).status).toBe(401);
    const session = await refresh(second);
    expect(session.status).toBe(200);
    // Account managers from single sign-on see no provider until an admin assigns them some.
    expect(session.body.user).toMatchObject({ role: 'account_manager', providerIds: [] });
    const changed = (await auditActions(carla.email)).find((entry) => entry.action === 'user.sso_role_changed');
    expect(changed?.details).toEqual({ from: 'admin', to: 'account_manager' });
  });

  it('signs an existing account in by its email and returns to the page asked for', async () => {
    const before = await userRow('exec@demo.kpigov.mx');
    const browser = new TestBrowser();

    const landing = await signInWithSso(browser, 'demo-exec', `/api/auth/sso/login?returnUrl=${encodeURIComponent('/providers?view=all')}`);

    expect(landing).toBe('/providers?view=all');
    const after = await userRow('exec@demo.kpigov.mx');
    expect(after).toMatchObject({ id: before.id, role: 'executive', sso_subject: 'demo-exec' });
    expect(after.password_hash).toBe(before.password_hash);
    expect((await refresh(browser)).body.user.id).toBe(before.id);
  });

  it('refuses a user whose groups map to no role, with a clear reason and without creating the user', async () => {
    const browser = new TestBrowser();

    const landing = await signInWithSso(browser, 'bruno');

    expect(landing).toBe('/sign-in?ssoError=no_role');
    expect(browser.cookie(t.baseUrl, 'kpi_refresh')).toBeUndefined();
    expect(await userRow('bruno.diaz@client.example')).toBeUndefined();
    const [failure] = await auditActions('bruno.diaz@client.example');
    expect(failure).toMatchObject({ action: 'auth.sign_in_failed', outcome: 'error:403' });
    expect(failure.details).toMatchObject({ method: 'sso', code: 'no_role' });
    expect(String(failure.details?.['reason'])).toContain('groups: everyone, sales');
  });

  it('refuses provider staff, who sign in with their password', async () => {
    const before = await userRow('lead@norte.demo.kpigov.mx');
    const landing = await signInWithSso(new TestBrowser(), 'norte-lead');
    expect(landing).toBe('/sign-in?ssoError=provider_account');
    expect(await userRow('lead@norte.demo.kpigov.mx')).toEqual(before);
  });

  it('refuses an answer whose state does not belong to the sign-in attempt in this browser', async () => {
    const browser = new TestBrowser();
    const firstAttempt = await throughIdentityProvider(browser, 'ana');
    // A second attempt in the same browser replaces the state cookie; the first answer no longer matches it.
    await browser.get(`${t.baseUrl}/api/auth/sso/login`);
    const sessionsBefore = await t.dataSource.query(`SELECT count(*)::int AS n FROM refresh_sessions`);

    const res = await browser.get(firstAttempt);

    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?ssoError=invalid');
    expect(browser.cookie(t.baseUrl, 'kpi_refresh')).toBeUndefined();
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM refresh_sessions`)).toEqual(sessionsBefore);
    const [failure] = await t.dataSource.query(
      `SELECT details FROM audit_log WHERE action = 'auth.sign_in_failed' AND details->>'reason' LIKE 'state mismatch%'`,
    );
    expect(failure.details).toMatchObject({ method: 'sso', code: 'invalid' });
  });

  it('refuses a callback without the state cookie (expired or another browser)', async () => {
    const callbackUrl = await throughIdentityProvider(new TestBrowser(), 'ana');
    const res = await new TestBrowser().get(callbackUrl);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/sign-in?ssoError=expired');
  });
});
