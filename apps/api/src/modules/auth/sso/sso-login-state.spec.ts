import { openLoginState, sealLoginState, SsoLoginState } from './sso-login-state';

describe('sealed single sign-on state', () => {
  const key = 'k'.repeat(48);
  const state: SsoLoginState = {
    state: 's1',
    nonce: 'n1',
    codeVerifier: 'v1',
    redirectUri: 'https://kpi.example.com/api/auth/sso/callback',
    returnUrl: '/providers',
    expiresAt: 2_000,
  };

  it('opens what it sealed until it expires', () => {
    const sealed = sealLoginState(state, key);
    expect(openLoginState(sealed, key, 1_999)).toEqual(state);
    expect(openLoginState(sealed, key, 2_000)).toBeNull();
  });

  it('refuses an altered state, another key and garbage', () => {
    const sealed = sealLoginState(state, key);
    const [, signature] = sealed.split('.');
    const forged = `${Buffer.from(JSON.stringify({ ...state, returnUrl: 'https://evil.example' })).toString('base64url')}.${signature}`;
    expect(openLoginState(forged, key, 0)).toBeNull();
    expect(openLoginState(sealed, 'x'.repeat(48), 0)).toBeNull();
    expect(openLoginState(undefined, key, 0)).toBeNull();
    expect(openLoginState('not-a-state', key, 0)).toBeNull();
    expect(openLoginState(`${sealed}.extra`, key, 0)).toBeNull();
  });
});
