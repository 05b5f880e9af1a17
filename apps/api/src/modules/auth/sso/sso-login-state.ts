import { createHmac, timingSafeEqual } from 'node:crypto';

/** What the browser carries between leaving for the identity provider and coming back (in an httpOnly cookie). */
export interface SsoLoginState {
  state: string;
  nonce: string;
  codeVerifier: string;
  /** The redirect_uri sent to the identity provider; the token request must repeat it. */
  redirectUri: string;
  /** Where the web app goes after signing in (a path of this site). */
  returnUrl: string;
  /** Epoch milliseconds after which the attempt is void. */
  expiresAt: number;
}

/** Signs the state so the browser can hold it but not alter it (it holds the PKCE verifier: httpOnly cookie only). */
export function sealLoginState(loginState: SsoLoginState, key: string): string {
  const payload = Buffer.from(JSON.stringify(loginState)).toString('base64url');
  return `${payload}.${sign(payload, key)}`;
}

/** The state back from its sealed form; null when missing, altered, malformed or expired. */
export function openLoginState(sealed: string | undefined, key: string, now: number): SsoLoginState | null {
  if (!sealed) return null;
  const [payload, signature, extra] = sealed.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(payload, key));
  const given = Buffer.from(signature);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  let parsed: Partial<SsoLoginState>;
  try {
    parsed = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const fields = [parsed.state, parsed.nonce, parsed.codeVerifier, parsed.redirectUri, parsed.returnUrl];
  if (fields.some((field) => typeof field !== 'string') || typeof parsed.expiresAt !== 'number') return null;
  return parsed.expiresAt > now ? (parsed as SsoLoginState) : null;
}

function sign(payload: string, key: string): string {
  return createHmac('sha256', key).update(`kpi-sso-login-state.${payload}`).digest('base64url');
}
