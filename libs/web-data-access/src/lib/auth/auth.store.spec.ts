import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { CurrentUser, SessionResponse } from '@kpi/contracts';
import { firstValueFrom } from 'rxjs';
import { AuthStore, refreshDelayMs } from './auth.store';

const manager: CurrentUser = {
  id: 'u-1',
  email: 'ana@client.example',
  displayName: 'Ana López',
  role: 'account_manager',
  providerId: null,
  providerIds: ['p-1'],
};

function session(accessToken: string, user: CurrentUser = manager, expiresIn = 900): SessionResponse {
  return { accessToken, expiresIn, user };
}

describe('AuthStore', () => {
  let store: AuthStore;
  let http: HttpTestingController;

  beforeEach(() => {
    jest.useFakeTimers();
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting()] });
    store = TestBed.inject(AuthStore);
    http = TestBed.inject(HttpTestingController);
  });

  afterEach(() => {
    http.verify();
    jest.useRealTimers();
  });

  it('starts with an unknown status and no session', () => {
    expect(store.status()).toBe('unknown');
    expect(store.isSignedIn()).toBe(false);
    expect(store.accessToken()).toBeNull();
  });

  it('signs in with the credentials and keeps the token in memory only', async () => {
    const user = firstValueFrom(store.signIn({ email: 'ana@client.example', password: 'secret' }));

    const request = http.expectOne('/api/auth/login');
    expect(request.request.method).toBe('POST');
    expect(request.request.body).toEqual({ email: 'ana@client.example', password: 'secret' });
    expect(request.request.withCredentials).toBe(true);
    request.flush(session('token-1'));

    await expect(user).resolves.toEqual(manager);
    expect(store.status()).toBe('signed-in');
    expect(store.accessToken()).toBe('token-1');
    expect(store.user()?.displayName).toBe('Ana López');
    expect(store.isAdmin()).toBe(false);
    expect(JSON.stringify({ ...localStorage })).not.toContain('token-1');
    expect(JSON.stringify({ ...sessionStorage })).not.toContain('token-1');
    expect(document.cookie).not.toContain('token-1');
  });

  it('passes a failed sign-in to the caller and stays signed out', async () => {
    const attempt = firstValueFrom(store.signIn({ email: 'ana@client.example', password: 'wrong' }));
    http
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' }, {
        status: 401,
        statusText: 'Unauthorized',
      });

    await expect(attempt).rejects.toMatchObject({ status: 401 });
    expect(store.isSignedIn()).toBe(false);
  });

  it('knows an admin', async () => {
    const user = firstValueFrom(store.signIn({ email: 'root@client.example', password: 'x' }));
    http.expectOne('/api/auth/login').flush(session('t', { ...manager, role: 'admin', providerIds: null }));
    await user;
    expect(store.isAdmin()).toBe(true);
  });

  describe('restore (silent refresh on app start)', () => {
    it('restores the session from the refresh cookie', async () => {
      const restored = store.restore();
      const request = http.expectOne('/api/auth/refresh');
      expect(request.request.method).toBe('POST');
      expect(request.request.withCredentials).toBe(true);
      request.flush(session('token-from-cookie'));

      await restored;
      expect(store.status()).toBe('signed-in');
      expect(store.accessToken()).toBe('token-from-cookie');
    });

    it('ends signed out when there is no valid cookie, without rejecting', async () => {
      const restored = store.restore();
      http.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });

      await expect(restored).resolves.toBeUndefined();
      expect(store.status()).toBe('signed-out');
    });

    it('ends signed out when the api cannot be reached', async () => {
      const restored = store.restore();
      http.expectOne('/api/auth/refresh').error(new ProgressEvent('error'));

      await restored;
      expect(store.status()).toBe('signed-out');
    });
  });

  describe('refresh', () => {
    it('shares one request between concurrent callers', async () => {
      const first = firstValueFrom(store.refresh());
      const second = firstValueFrom(store.refresh());

      http.expectOne('/api/auth/refresh').flush(session('token-2'));

      await expect(first).resolves.toBe('token-2');
      await expect(second).resolves.toBe('token-2');
    });

    it('emits null and ends the session when the api refuses', async () => {
      const token = firstValueFrom(store.refresh());
      http.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });

      await expect(token).resolves.toBeNull();
      expect(store.status()).toBe('signed-out');
    });

    it('rethrows other failures and keeps the session', async () => {
      const signIn = firstValueFrom(store.signIn({ email: 'a@b.c', password: 'x' }));
      http.expectOne('/api/auth/login').flush(session('token-1'));
      await signIn;

      const token = firstValueFrom(store.refresh());
      http.expectOne('/api/auth/refresh').flush(null, { status: 503, statusText: 'Unavailable' });

      await expect(token).rejects.toMatchObject({ status: 503 });
      expect(store.accessToken()).toBe('token-1');
    });

    it('refreshes in the background one minute before the token expires', async () => {
      const signIn = firstValueFrom(store.signIn({ email: 'a@b.c', password: 'x' }));
      http.expectOne('/api/auth/login').flush(session('token-1', manager, 900));
      await signIn;

      jest.advanceTimersByTime(839_999);
      http.expectNone('/api/auth/refresh');

      jest.advanceTimersByTime(1);
      http.expectOne('/api/auth/refresh').flush(session('token-2', manager, 900));
      expect(store.accessToken()).toBe('token-2');

      // ...and schedules the next one from the new token's lifetime.
      jest.advanceTimersByTime(840_000);
      http.expectOne('/api/auth/refresh').flush(session('token-3', manager, 900));
      expect(store.accessToken()).toBe('token-3');
    });

    it('retries a failed background refresh later while the session lasts', async () => {
      const signIn = firstValueFrom(store.signIn({ email: 'a@b.c', password: 'x' }));
      http.expectOne('/api/auth/login').flush(session('token-1', manager, 900));
      await signIn;

      jest.advanceTimersByTime(840_000);
      http.expectOne('/api/auth/refresh').error(new ProgressEvent('error'));
      expect(store.isSignedIn()).toBe(true);

      jest.advanceTimersByTime(30_000);
      http.expectOne('/api/auth/refresh').flush(session('token-2'));
      expect(store.accessToken()).toBe('token-2');
    });
  });

  describe('signOut', () => {
    async function signIn(): Promise<void> {
      const done = firstValueFrom(store.signIn({ email: 'a@b.c', password: 'x' }));
      http.expectOne('/api/auth/login').flush(session('token-1'));
      await done;
    }

    it('calls logout (which clears the cookie) and forgets the session', async () => {
      await signIn();
      const done = firstValueFrom(store.signOut());
      const request = http.expectOne('/api/auth/logout');
      expect(request.request.method).toBe('POST');
      expect(request.request.withCredentials).toBe(true);
      request.flush(null, { status: 204, statusText: 'No Content' });

      await done;
      expect(store.status()).toBe('signed-out');
      expect(store.accessToken()).toBeNull();

      jest.advanceTimersByTime(3_600_000);
      http.expectNone('/api/auth/refresh');
    });

    it('forgets the session even when logout fails', async () => {
      await signIn();
      const done = firstValueFrom(store.signOut());
      http.expectOne('/api/auth/logout').flush(null, { status: 500, statusText: 'Server Error' });

      await done;
      expect(store.isSignedIn()).toBe(false);
    });
  });
});

describe('refreshDelayMs', () => {
  it.each([
    [900, 840_000],
    [3600, 3_540_000],
    [60, 48_000],
    [10, 8_000],
    [2, 5_000],
    [0, 5_000],
  ])('a token living %p s is refreshed after %p ms', (expiresIn, delay) => {
    expect(refreshDelayMs(expiresIn)).toBe(delay);
  });
});
