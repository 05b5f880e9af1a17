import { HttpClient, provideHttpClient, withInterceptors } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { Router, provideRouter } from '@angular/router';
import { CurrentUser, SessionResponse } from '@kpi/contracts';
import { AuthStore } from '@kpi/web-data-access';
import { firstValueFrom } from 'rxjs';
import { authInterceptor } from './auth.interceptor';

const user: CurrentUser = {
  id: 'u-1',
  email: 'ana@client.example',
  displayName: 'Ana López',
  role: 'account_manager',
  providerId: null,
  providerIds: ['p-1'],
};

function session(accessToken: string): SessionResponse {
  return { accessToken, expiresIn: 900, user };
}

const UNAUTHORIZED = { status: 401, statusText: 'Unauthorized' };

describe('authInterceptor', () => {
  let http: HttpClient;
  let backend: HttpTestingController;
  let auth: AuthStore;
  let navigateByUrl: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      providers: [
        provideHttpClient(withInterceptors([authInterceptor])),
        provideHttpClientTesting(),
        provideRouter([]),
      ],
    });
    http = TestBed.inject(HttpClient);
    backend = TestBed.inject(HttpTestingController);
    auth = TestBed.inject(AuthStore);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);

    const signedIn = firstValueFrom(auth.signIn({ email: user.email, password: 'secret' }));
    backend.expectOne('/api/auth/login').flush(session('token-1'));
    await signedIn;
  });

  afterEach(() => backend.verify());

  it('adds the bearer token to api calls', async () => {
    const providers = firstValueFrom(http.get('/api/providers'));

    const request = backend.expectOne('/api/providers');
    expect(request.request.headers.get('Authorization')).toBe('Bearer token-1');
    expect(request.request.withCredentials).toBe(false);
    request.flush([]);
    await expect(providers).resolves.toEqual([]);
  });

  it('sends sign-in and refresh calls without a bearer token', () => {
    auth.refresh().subscribe();
    const refresh = backend.expectOne('/api/auth/refresh');
    expect(refresh.request.headers.has('Authorization')).toBe(false);
    refresh.flush(session('token-2'));
  });

  it('does not send the token to other origins', () => {
    http.get('https://tiles.example.com/map.json').subscribe();
    const request = backend.expectOne('https://tiles.example.com/map.json');
    expect(request.request.headers.has('Authorization')).toBe(false);
    request.flush({});
  });

  it('on a 401 refreshes once and retries the call once with the new token', async () => {
    const providers = firstValueFrom(http.get<unknown[]>('/api/providers'));

    backend.expectOne('/api/providers').flush({ message: 'Token expired' }, UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(session('token-2'));
    const retry = backend.expectOne('/api/providers');
    expect(retry.request.headers.get('Authorization')).toBe('Bearer token-2');
    retry.flush([{ id: 'p-1' }]);

    await expect(providers).resolves.toEqual([{ id: 'p-1' }]);
    expect(auth.accessToken()).toBe('token-2');
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('shares one refresh between calls that fail together', async () => {
    const first = firstValueFrom(http.get('/api/providers'));
    const second = firstValueFrom(http.get('/api/kpis'));

    backend.expectOne('/api/providers').flush(null, UNAUTHORIZED);
    backend.expectOne('/api/kpis').flush(null, UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(session('token-2'));
    backend.expectOne('/api/providers').flush(['a']);
    backend.expectOne('/api/kpis').flush(['b']);

    await expect(first).resolves.toEqual(['a']);
    await expect(second).resolves.toEqual(['b']);
  });

  it('goes to the sign-in page when the retried call is refused again', async () => {
    const providers = firstValueFrom(http.get('/api/providers'));

    backend.expectOne('/api/providers').flush(null, UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(session('token-2'));
    backend.expectOne('/api/providers').flush(null, UNAUTHORIZED);

    await expect(providers).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(false);
    expect(navigateByUrl).toHaveBeenCalledTimes(1);
    expect(String(navigateByUrl.mock.calls[0][0])).toBe('/sign-in');
  });

  it('goes to the sign-in page without retrying when the refresh is refused', async () => {
    const providers = firstValueFrom(http.get('/api/providers'));

    backend.expectOne('/api/providers').flush(null, UNAUTHORIZED);
    backend.expectOne('/api/auth/refresh').flush(null, UNAUTHORIZED);

    await expect(providers).rejects.toMatchObject({ status: 401 });
    backend.expectNone('/api/providers');
    expect(auth.isSignedIn()).toBe(false);
    expect(String(navigateByUrl.mock.calls[0][0])).toBe('/sign-in');
  });

  it('passes other errors through untouched', async () => {
    const provider = firstValueFrom(http.get('/api/providers/p-9'));
    backend.expectOne('/api/providers/p-9').flush({ message: 'Not found' }, { status: 404, statusText: 'Not Found' });

    await expect(provider).rejects.toMatchObject({ status: 404 });
    backend.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(true);
  });

  it('does not refresh when sign-out itself gets a 401', async () => {
    const signedOut = firstValueFrom(auth.signOut());
    const logout = backend.expectOne('/api/auth/logout');
    expect(logout.request.headers.get('Authorization')).toBe('Bearer token-1');
    logout.flush(null, UNAUTHORIZED);

    await signedOut;
    backend.expectNone('/api/auth/refresh');
    expect(auth.isSignedIn()).toBe(false);
  });
});
