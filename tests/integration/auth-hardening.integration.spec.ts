import type { CurrentUser, ResealCredentialsResultDto, SessionResponse, UserSummary } from '@kpi/contracts';
import { JwtService } from '@nestjs/jwt';
import { createCipheriv, randomBytes } from 'node:crypto';
import { AppConfig } from '../../apps/api/src/config/app-config.service';
import { parseEnv } from '../../apps/api/src/config/env.schema';
import { SignInThrottleService } from '../../apps/api/src/modules/auth/sign-in-throttle.service';
import { CredentialsCipher } from '../../apps/api/src/modules/ingestion/secrets/credentials-cipher';
import { startTestApp, TestApp } from './support/test-app';

const JWT_SECRET = 'auth-hardening-test-secret-0123456789abcdef';
const OLD_KEY = randomBytes(32);
const NEW_KEY = randomBytes(32);

interface Login {
  status: number;
  body: SessionResponse & { message?: string };
  retryAfter: string | null;
  cookie: string | null;
}

async function login(t: TestApp, email: string, password: string, headers: Record<string, string> = {}): Promise<Login> {
  const res = await fetch(`${t.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ email, password }),
  });
  const cookie = res.headers.getSetCookie().find((c) => c.startsWith('kpi_refresh='))?.split(';')[0] ?? null;
  return { status: res.status, body: (await res.json()) as Login['body'], retryAfter: res.headers.get('retry-after'), cookie };
}

async function me(t: TestApp, token: string): Promise<number> {
  return (await t.request<CurrentUser>('GET', '/auth/me', { token })).status;
}

async function userId(t: TestApp, email: string): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM users WHERE email = $1`, [email]);
  return row.id;
}

describe('auth hardening (default limits: 5 failures -> 15 minutes)', () => {
  let t: TestApp;
  let admin: SessionResponse;

  beforeAll(async () => {
    t = await startTestApp({
      JWT_SECRET,
      SECRETS_KEY: OLD_KEY.toString('hex'),
      SECRETS_KEYS: `k2:${NEW_KEY.toString('hex')}`,
    });
    admin = await t.signIn('admin@demo.kpigov.mx');
  });
  afterAll(() => t.close());

  describe('sign-in lockout', () => {
    it('locks an account after 5 failures, refuses even the right password with 429 + Retry-After, and audits it', async () => {
      const email = 'jorge.ramirez@demo.kpigov.mx';
      const statuses: number[] = [];
      for (let i = 0; i < 5; i++) statuses.push((await login(t, email, `wrong-${i}`)).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429]);

      const locked = await login(t, email, 'demo-password');
      expect(locked.status).toBe(429);
      expect(locked.body.message).toMatch(/too many failed sign-in attempts: this account is temporarily locked\. Try again in 15 minutes/i);
      expect(Number(locked.retryAfter)).toBeGreaterThan(14 * 60);
      expect(Number(locked.retryAfter)).toBeLessThanOrEqual(15 * 60);
      expect(locked.cookie).toBeNull();

      const [audit] = await t.dataSource.query(
        `SELECT actor_user_id, details FROM audit_log WHERE action = 'auth.lockout' AND actor_label = $1`,
        [email],
      );
      expect(audit.actor_user_id).toBe(await userId(t, email));
      expect(audit.details).toMatchObject({ kind: 'account', maxFailures: 5, windowMinutes: 15 });
      const refused = await t.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action = 'auth.sign_in_failed' AND outcome = 'error:429' AND actor_label = $1`,
        [email],
      );
      expect(refused[0].n).toBe(1);

      // The lock lives in the database: another api instance (a fresh service on the same database) sees it too.
      const otherInstance = new SignInThrottleService(t.dataSource, new AppConfig(parseEnv({})));
      expect(await otherInstance.activeLock('JORGE.RAMIREZ@demo.kpigov.mx', '10.9.9.9')).toMatchObject({ kind: 'account' });

      // Once the lock is over the right password works, and success clears the count.
      await t.dataSource.query(`UPDATE sign_in_throttles SET locked_until = now() - interval '1 second' WHERE kind = 'account' AND key = $1`, [email]);
      expect((await login(t, email, 'demo-password')).status).toBe(200);
      expect(await t.dataSource.query(`SELECT 1 FROM sign_in_throttles WHERE kind = 'account' AND key = $1`, [email])).toHaveLength(0);
    });

    it('a successful sign-in resets the count', async () => {
      const email = 'exec@demo.kpigov.mx';
      for (let i = 0; i < 4; i++) expect((await login(t, email, 'wrong')).status).toBe(401);
      expect((await login(t, email, 'demo-password')).status).toBe(200);
      for (let i = 0; i < 4; i++) expect((await login(t, email, 'wrong')).status).toBe(401);
      expect((await login(t, email, 'demo-password')).status).toBe(200);
    });

    it('locks unknown emails the same way, so a lockout does not reveal which accounts exist', async () => {
      const statuses: number[] = [];
      for (let i = 0; i < 6; i++) statuses.push((await login(t, 'nobody-here@demo.kpigov.mx', 'whatever')).status);
      expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    });
  });

  describe('session revocation', () => {
    it('sign-out revokes the session: its access token is refused at once (with the cookie, or with the token alone)', async () => {
      const session = await login(t, 'maria.lopez@demo.kpigov.mx', 'demo-password');
      expect(await me(t, session.body.accessToken)).toBe(200);
      const out = await fetch(`${t.baseUrl}/api/auth/logout`, { method: 'POST', headers: { cookie: session.cookie as string } });
      expect(out.status).toBe(204);
      expect(await me(t, session.body.accessToken)).toBe(401);

      const other = await t.signIn('maria.lopez@demo.kpigov.mx');
      expect((await t.request('POST', '/auth/logout', { token: other.accessToken })).status).toBe(204);
      expect(await me(t, other.accessToken)).toBe(401);
    });

    it('refreshing keeps the session: the rotated refresh token is refused, the session stays valid', async () => {
      const session = await login(t, 'exec@demo.kpigov.mx', 'demo-password');
      const refreshed = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie: session.cookie as string } });
      expect(refreshed.status).toBe(200);
      const next = (await refreshed.json()) as SessionResponse;
      expect(await me(t, next.accessToken)).toBe(200);
      expect(await me(t, session.body.accessToken)).toBe(200);
      const reused = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie: session.cookie as string } });
      expect(reused.status).toBe(401);
    });

    it('refuses a token whose session expired, and a validly signed token that names no session', async () => {
      const session = await t.signIn('exec@demo.kpigov.mx');
      const { sid } = JSON.parse(Buffer.from(session.accessToken.split('.')[1], 'base64url').toString());
      expect(sid).toEqual(expect.any(String));
      await t.dataSource.query(`UPDATE refresh_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [sid]);
      expect(await me(t, session.accessToken)).toBe(401);

      const jwt = new JwtService({ secret: JWT_SECRET });
      const user = await userId(t, 'exec@demo.kpigov.mx');
      expect(await me(t, await jwt.signAsync({ sub: user, role: 'executive' }, { expiresIn: 600 }))).toBe(401);
      expect(await me(t, await jwt.signAsync({ sub: user, role: 'executive', sid: '00000000-0000-4000-8000-000000000000' }, { expiresIn: 600 }))).toBe(401);
    });

    it('a role change by an admin revokes all of that user\'s sessions (access and refresh)', async () => {
      const email = 'jorge.ramirez@demo.kpigov.mx';
      const before = await login(t, email, 'demo-password');
      expect(await me(t, before.body.accessToken)).toBe(200);
      const id = await userId(t, email);

      const changed = await t.request<UserSummary>('PATCH', `/admin/users/${id}`, { token: admin.accessToken, body: { role: 'executive' } });
      expect(changed.status).toBe(200);
      expect(changed.body).toMatchObject({ role: 'executive', providerIds: [] });

      expect(await me(t, before.body.accessToken)).toBe(401);
      const refresh = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST', headers: { cookie: before.cookie as string } });
      expect(refresh.status).toBe(401);
      const after = await t.signIn(email);
      expect(after.user.role).toBe('executive');

      const audit = await t.dataSource.query(`SELECT before, after FROM audit_log WHERE action = 'user.update' AND resource_id = $1`, [id]);
      expect(audit[0].before).toMatchObject({ role: 'account_manager' });
      expect(audit[0].after).toMatchObject({ role: 'executive' });
      expect(JSON.stringify(audit[0])).not.toContain('argon2');
    });

    it('a provider-assignment change revokes the sessions; a name change does not', async () => {
      const email = 'maria.lopez@demo.kpigov.mx';
      const id = await userId(t, email);
      const session = await t.signIn(email);
      expect(session.user.providerIds).toHaveLength(2);

      const renamed = await t.request('PATCH', `/admin/users/${id}`, { token: admin.accessToken, body: { displayName: 'María López G.' } });
      expect(renamed.status).toBe(200);
      expect(await me(t, session.accessToken)).toBe(200);

      const keep = [session.user.providerIds?.[0] as string];
      const reassigned = await t.request<UserSummary>('PATCH', `/admin/users/${id}`, { token: admin.accessToken, body: { providerIds: keep } });
      expect(reassigned.status).toBe(200);
      expect(reassigned.body.providerIds).toEqual(keep);
      expect(await me(t, session.accessToken)).toBe(401);
      expect((await t.signIn(email)).user.providerIds).toEqual(keep);
    });

    it('disabling a user revokes the sessions and blocks sign-in; enabling lets them back', async () => {
      const email = 'lead@norte.demo.kpigov.mx';
      const id = await userId(t, email);
      const session = await t.signIn(email);
      const disabled = await t.request<UserSummary>('PATCH', `/admin/users/${id}`, { token: admin.accessToken, body: { disabled: true } });
      expect(disabled.status).toBe(200);
      expect(disabled.body.disabledAt).toEqual(expect.any(String));
      expect(await me(t, session.accessToken)).toBe(401);
      expect((await login(t, email, 'demo-password')).status).toBe(401);

      expect((await t.request('PATCH', `/admin/users/${id}`, { token: admin.accessToken, body: { disabled: false } })).status).toBe(200);
      expect((await login(t, email, 'demo-password')).status).toBe(200);
    });

    it('refuses an admin changing their own role, and inconsistent provider links, storing nothing', async () => {
      const self = await t.request<{ message: string }>('PATCH', `/admin/users/${admin.user.id}`, { token: admin.accessToken, body: { role: 'executive' } });
      expect(self.status).toBe(400);
      expect(self.body.message).toMatch(/cannot change your own role/);
      const id = await userId(t, 'exec@demo.kpigov.mx');
      const bad = await t.request<{ message: string }>('PATCH', `/admin/users/${id}`, { token: admin.accessToken, body: { role: 'provider' } });
      expect(bad.status).toBe(400);
      expect(bad.body.message).toBe('providerId is required for a provider user');
      const [row] = await t.dataSource.query(`SELECT role FROM users WHERE id = $1`, [id]);
      expect(row.role).toBe('executive');
    });
  });

  describe('password rules', () => {
    it('"change my password" needs the current one, applies the rules, and signs out the other sessions only', async () => {
      const email = 'exec@demo.kpigov.mx';
      const current = await t.signIn(email);
      const elsewhere = await t.signIn(email);
      const change = (currentPassword: string, newPassword: string) =>
        t.request<{ message: string }>('POST', '/auth/password', { token: current.accessToken, body: { currentPassword, newPassword } });

      const wrong = await change('not-my-password', 'a sturdy new passphrase');
      expect(wrong.status).toBe(400);
      expect(wrong.body.message).toBe('The current password is incorrect');
      expect((await change('demo-password', 'short-one')).body.message).toBe('The password must be at least 12 characters long');
      expect((await change('demo-password', email)).body.message).toBe('The password must not be your email address');
      expect((await change('demo-password', 'Password1234')).body.message).toMatch(/too common/);
      expect((await login(t, email, 'demo-password')).status).toBe(200);

      expect((await change('demo-password', 'a sturdy new passphrase')).status).toBe(204);
      expect(await me(t, current.accessToken)).toBe(200);
      expect(await me(t, elsewhere.accessToken)).toBe(401);
      expect((await login(t, email, 'demo-password')).status).toBe(401);
      expect((await login(t, email, 'a sturdy new passphrase')).status).toBe(200);
      const [audit] = await t.dataSource.query(`SELECT details FROM audit_log WHERE action = 'auth.password_change' AND outcome = 'success'`);
      expect(audit.details.revokedSessions).toBeGreaterThanOrEqual(1);
    });

    it('admins create users only with a password that passes the rules; nothing is stored otherwise', async () => {
      const body = { email: 'nuevo.usuario@cliente.mx', displayName: 'Nuevo Usuario', role: 'executive' };
      const weak = await t.request<{ message: string }>('POST', '/admin/users', { token: admin.accessToken, body: { ...body, password: 'qwerty123456' } });
      expect(weak.status).toBe(400);
      expect(weak.body.message).toMatch(/too common/);
      expect(await t.dataSource.query(`SELECT 1 FROM users WHERE email = $1`, [body.email])).toHaveLength(0);

      const created = await t.request<UserSummary>('POST', '/admin/users', { token: admin.accessToken, body: { ...body, password: 'lunes de tacos y datos' } });
      expect(created.status).toBe(201);
      expect(created.body).toMatchObject({ email: body.email, role: 'executive', disabledAt: null });
      expect((await login(t, body.email, 'lunes de tacos y datos')).status).toBe(200);
      const duplicate = await t.request('POST', '/admin/users', { token: admin.accessToken, body: { ...body, email: 'NUEVO.usuario@cliente.mx' } });
      expect(duplicate.status).toBe(409);
    });

    it('an admin password reset applies the rules and ends the user\'s sessions', async () => {
      const email = 'nuevo.usuario@cliente.mx';
      const id = await userId(t, email);
      const session = await login(t, email, 'lunes de tacos y datos');
      const weak = await t.request<{ message: string }>('POST', `/admin/users/${id}/password`, { token: admin.accessToken, body: { password: email } });
      expect(weak.status).toBe(400);
      expect(await me(t, session.body.accessToken)).toBe(200);
      const reset = await t.request('POST', `/admin/users/${id}/password`, { token: admin.accessToken, body: { password: 'otra frase bastante larga' } });
      expect(reset.status).toBe(204);
      expect(await me(t, session.body.accessToken)).toBe(401);
      expect((await login(t, email, 'otra frase bastante larga')).status).toBe(200);
    });

    it('only admins manage users', async () => {
      const manager = await t.signIn('lead@norte.demo.kpigov.mx');
      expect((await t.request('POST', '/admin/users', { token: manager.accessToken, body: {} })).status).toBe(403);
    });
  });

  describe('CORS and CSP (no CORS_ORIGINS: same origin only)', () => {
    it('answers a cross-origin preflight without Access-Control-Allow-Origin', async () => {
      const res = await fetch(`${t.baseUrl}/api/providers`, {
        method: 'OPTIONS',
        headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
      expect(res.headers.get('access-control-allow-origin')).toBeNull();
      expect(res.headers.get('access-control-allow-credentials')).toBeNull();
      const get = await fetch(`${t.baseUrl}/api/health`, { headers: { origin: 'https://evil.example' } });
      expect(get.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('sends a strict Content-Security-Policy: scripts from the app only, no inline scripts or handlers', async () => {
      const res = await fetch(`${t.baseUrl}/api/health`);
      const csp = res.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).map(([name, ...values]) => [name, values]));
      expect(directives.get('default-src')).toEqual(["'self'"]);
      expect(directives.get('script-src')).toEqual(["'self'"]);
      expect(directives.get('script-src-attr')).toEqual(["'none'"]);
      expect(directives.get('object-src')).toEqual(["'none'"]);
      expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
      expect(directives.get('base-uri')).toEqual(["'self'"]);
      expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    });
  });

  describe('feed credentials key rotation', () => {
    /** The original format, without a key id. */
    function sealV1(key: Buffer, plain: Record<string, string>, feedId: string): string {
      const iv = randomBytes(12);
      const c = createCipheriv('aes-256-gcm', key, iv);
      c.setAAD(Buffer.from(feedId));
      const body = Buffer.concat([c.update(JSON.stringify(plain), 'utf8'), c.final()]);
      return ['v1', iv.toString('base64url'), c.getAuthTag().toString('base64url'), body.toString('base64url')].join('.');
    }

    it('re-seals every feed with the current key, keeps old values readable first, reports unreadable ones, and audits', async () => {
      const feeds: { id: string }[] = await t.dataSource.query(`SELECT id FROM feeds ORDER BY id LIMIT 4`);
      expect(feeds).toHaveLength(4);
      const [v1Feed, oldKeyFeed, lostKeyFeed, currentFeed] = feeds.map((f) => f.id);
      const oldCipher = new CredentialsCipher(OLD_KEY);
      const plain = (id: string) => ({ token: `secret-of-${id}` });
      const seal = async (id: string, sealed: string) => t.dataSource.query(`UPDATE feeds SET credentials_encrypted = $2 WHERE id = $1`, [id, sealed]);
      await seal(v1Feed, sealV1(OLD_KEY, plain(v1Feed), v1Feed));
      await seal(oldKeyFeed, oldCipher.encrypt(plain(oldKeyFeed), oldKeyFeed));
      const lost = new CredentialsCipher({ currentKeyId: 'k9', keys: new Map([['k9', randomBytes(32)]]) }).encrypt(plain(lostKeyFeed), lostKeyFeed);
      await seal(lostKeyFeed, lost);
      const newOnly = new CredentialsCipher({ currentKeyId: 'k2', keys: new Map([['k2', NEW_KEY]]) });
      await seal(currentFeed, newOnly.encrypt(plain(currentFeed), currentFeed));

      const manager = await t.signIn('maria.lopez@demo.kpigov.mx');
      expect((await t.request('POST', '/admin/feed-credentials/reseal', { token: manager.accessToken })).status).toBe(403);

      const res = await t.request<ResealCredentialsResultDto>('POST', '/admin/feed-credentials/reseal', { token: admin.accessToken });
      expect(res.status).toBe(200);
      expect(res.body.currentKeyId).toBe('k2');
      expect(res.body.unreadableFeedIds).toEqual([lostKeyFeed]);
      expect(res.body.resealed).toBeGreaterThanOrEqual(2);

      const rows: { id: string; sealed: string }[] = await t.dataSource.query(
        `SELECT id, credentials_encrypted AS sealed FROM feeds WHERE credentials_encrypted IS NOT NULL`,
      );
      for (const row of rows) {
        if (row.id === lostKeyFeed) {
          expect(row.sealed).toBe(lost);
          continue;
        }
        expect(row.sealed.startsWith('v2.k2.')).toBe(true);
        // The old key is no longer needed for anything.
        expect(() => newOnly.decrypt(row.sealed, row.id)).not.toThrow();
      }
      for (const id of [v1Feed, oldKeyFeed, currentFeed]) {
        expect(newOnly.decrypt(rows.find((r) => r.id === id)?.sealed as string, id)).toEqual(plain(id));
      }

      const [audit] = await t.dataSource.query(`SELECT actor_user_id, outcome, details FROM audit_log WHERE action = 'feed_credentials.reseal'`);
      expect(audit).toMatchObject({ actor_user_id: admin.user.id, outcome: 'partial' });
      expect(audit.details).toMatchObject({ currentKeyId: 'k2', unreadableFeedIds: [lostKeyFeed] });

      const again = await t.request<ResealCredentialsResultDto>('POST', '/admin/feed-credentials/reseal', { token: admin.accessToken });
      expect(again.body.resealed).toBe(0);
    });
  });

  describe('SQL parameters', () => {
    it.each([
      ["x' OR '1'='1"],
      ["'; DROP TABLE users; --"],
      ['%'],
      ["admin' UNION SELECT password_hash FROM users --"],
    ])('treats %p in the audit actor search as data', async (actor) => {
      const all = await t.request<{ total: number }>('GET', '/admin/audit', { token: admin.accessToken });
      expect(all.body.total).toBeGreaterThan(0);
      const res = await t.request<{ total: number; entries: unknown[] }>('GET', `/admin/audit?actor=${encodeURIComponent(actor)}`, { token: admin.accessToken });
      expect(res.status).toBe(200);
      expect(res.body.total).toBe(0);
      expect(JSON.stringify(res.body)).not.toContain('argon2');
      const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM users`);
      expect(n).toBeGreaterThan(4);
    });

    it('treats an injection string in a sign-in email/password as data', async () => {
      expect((await login(t, "admin@demo.kpigov.mx' --", 'x')).status).toBe(400);
      expect((await login(t, 'admin@demo.kpigov.mx', "' OR '1'='1")).status).toBe(401);
    });
  });
});

describe('auth hardening with configured limits (per IP, rate limit, CORS_ORIGINS)', () => {
  let t: TestApp;
  const partner = 'https://kpi.partner.example';

  beforeAll(async () => {
    t = await startTestApp({ SIGN_IN_MAX_FAILURES_PER_IP: '3', AUTH_RATE_LIMIT_PER_MINUTE: '8', CORS_ORIGINS: `${partner},http://localhost:4200` });
  });
  afterAll(() => t.close());

  it('answers preflights from listed origins only, with credentials', async () => {
    const preflight = (origin: string) =>
      fetch(`${t.baseUrl}/api/providers`, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' },
      });
    const listed = await preflight(partner);
    expect(listed.headers.get('access-control-allow-origin')).toBe(partner);
    expect(listed.headers.get('access-control-allow-credentials')).toBe('true');
    expect(listed.headers.get('access-control-allow-headers')).toMatch(/authorization/);
    const unlisted = await preflight('https://evil.example');
    expect(unlisted.headers.get('access-control-allow-origin')).toBeNull();
    expect(unlisted.headers.get('access-control-allow-credentials')).toBeNull();
  });

  it('blocks an address after too many failures across accounts, even for a right password elsewhere', async () => {
    // X-Forwarded-For is ignored (trust proxy = loopback only applies to a proxy in front): every call is 127.0.0.1.
    expect((await login(t, 'a@x.mx', 'wrong')).status).toBe(401);
    expect((await login(t, 'b@x.mx', 'wrong')).status).toBe(401);
    const third = await login(t, 'c@x.mx', 'wrong');
    expect(third.status).toBe(429);
    const right = await login(t, 'admin@demo.kpigov.mx', 'demo-password');
    expect(right.status).toBe(429);
    expect(right.body.message).toMatch(/from your network address/);
    expect(Number(right.retryAfter)).toBeGreaterThan(0);
    const [audit] = await t.dataSource.query(`SELECT resource_type, details FROM audit_log WHERE action = 'auth.lockout'`);
    expect(audit).toMatchObject({ resource_type: 'ip', details: { kind: 'ip', maxFailures: 3 } });
  });

  it('rate-limits /api/auth/* per address with 429 and Retry-After', async () => {
    const statuses: number[] = [];
    let retryAfter: string | null = null;
    for (let i = 0; i < 8; i++) {
      const res = await fetch(`${t.baseUrl}/api/auth/refresh`, { method: 'POST' });
      statuses.push(res.status);
      if (res.status === 429) retryAfter ??= res.headers.get('retry-after');
    }
    // 4 sign-ins above + these: the 9th request of the minute is the first one refused.
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429, 429, 429]);
    expect(Number(retryAfter)).toBeGreaterThan(0);
    // Other api routes are not limited by it.
    expect((await fetch(`${t.baseUrl}/api/health`)).status).toBe(200);
  });
});
