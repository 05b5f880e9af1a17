import type { CurrentUser, SessionResponse } from '@kpi/contracts';
import { startTestApp, TestApp } from './support/test-app';

describe('sign-in, refresh and sign-out', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  async function login(email: string, password: string) {
    const res = await fetch(`${t.baseUrl}/api/auth/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    return { res, body: (await res.json()) as SessionResponse & { message?: string } };
  }

  function refreshCookie(res: Response): string {
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kpi_refresh='));
    if (!cookie) throw new Error('no refresh cookie');
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Strict/i);
    expect(cookie).toMatch(/Path=\/api\/auth/);
    return cookie.split(';')[0];
  }

  it('signs in with the demo password and returns the user with its provider scope', async () => {
    const { res, body } = await login('maria.lopez@demo.kpigov.mx', 'demo-password');
    expect(res.status).toBe(200);
    expect(body.accessToken).toEqual(expect.any(String));
    expect(body.expiresIn).toBe(900);
    expect(body.user).toMatchObject({ email: 'maria.lopez@demo.kpigov.mx', role: 'account_manager' });
    expect(body.user.providerIds).toHaveLength(2);
    refreshCookie(res);

    const me = await t.request<CurrentUser>('GET', '/auth/me', { token: body.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe('maria.lopez@demo.kpigov.mx');
  });

  it('stores argon2id hashes, never plain passwords', async () => {
    const [row] = await t.dataSource.query(`SELECT password_hash FROM users WHERE email = 'admin@demo.kpigov.mx'`);
    expect(row.password_hash).toMatch(/^\$argon2id\$/);
  });

  it.each([
    ['maria.lopez@demo.kpigov.mx', 'wrong-password'],
    ['nobody@demo.kpigov.mx', 'demo-password'],
  ])('refuses %s with a wrong password or unknown account, with the same message', async (email, password) => {
    const { res, body } = await login(email, password);
    expect(res.status).toBe(401);
    expect(body.message).toBe('Email or password is incorrect');
  });

  it('denies data routes without a token, with a malformed token and with a forged one', async () => {
    expect((await t.request('GET', '/providers')).status).toBe(401);
    expect((await t.request('GET', '/providers', { token: 'not-a-jwt' })).status).toBe(401);
    const { body } = await login('jorge.ramirez@demo.kpigov.mx', 'demo-password');
    const [header, payload] = body.accessToken.split('.');
    const forgedPayload = Buffer.from(
      JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), role: 'admin' }),
    ).toString('base64url');
    const forged = `${header}.${forgedPayload}.${body.accessToken.split('.')[2]}`;
    expect((await t.request('GET', '/providers', { token: forged })).status).toBe(401);
  });

  it('rotates the refresh token: the new one works, the used one is refused', async () => {
    const { res } = await login('exec@demo.kpigov.mx', 'demo-password');
    const first = refreshCookie(res);
    const refreshed = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie: first } });
    expect(refreshed.status).toBe(200);
    const session = (await refreshed.json()) as SessionResponse;
    expect(session.user.role).toBe('executive');
    const second = refreshCookie(refreshed);
    expect(second).not.toBe(first);

    const reused = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie: first } });
    expect(reused.status).toBe(401);
    const again = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie: second } });
    expect(again.status).toBe(200);
  });

  it('sign-out revokes the refresh session and clears the cookie', async () => {
    const { res } = await login('admin@demo.kpigov.mx', 'demo-password');
    const cookie = refreshCookie(res);
    const out = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie } });
    expect(out.status).toBe(204);
    expect(out.headers.getSetCookie().join(';')).toMatch(/kpi_refresh=;/);
    const after = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie } });
    expect(after.status).toBe(401);
  });

  it('a disabled user is refused at once, even with a valid access token', async () => {
    const session = await t.signIn('lead@norte.demo.kpigov.mx');
    expect((await t.request('GET', '/providers', { token: session.accessToken })).status).toBe(200);
    await t.dataSource.query(`UPDATE users SET disabled_at = now() WHERE email = 'lead@norte.demo.kpigov.mx'`);
    expect((await t.request('GET', '/providers', { token: session.accessToken })).status).toBe(401);
    await t.dataSource.query(`UPDATE users SET disabled_at = NULL WHERE email = 'lead@norte.demo.kpigov.mx'`);
  });
});
