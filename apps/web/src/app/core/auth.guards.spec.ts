import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { TestBed } from '@angular/core/testing';
import { ActivatedRouteSnapshot, provideRouter, Router, RouterStateSnapshot, UrlTree } from '@angular/router';
import { Role } from '@kpi/contracts';
import { AuthStore } from '@kpi/web-data-access';
import { firstValueFrom } from 'rxjs';
import { adminGuard, signedInGuard, signedOutGuard } from './auth.guards';

describe('auth guards', () => {
  let backend: HttpTestingController;
  let router: Router;

  beforeEach(() => {
    TestBed.configureTestingModule({ providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([])] });
    backend = TestBed.inject(HttpTestingController);
    router = TestBed.inject(Router);
  });

  afterEach(() => backend.verify());

  async function signInAs(role: Role): Promise<void> {
    const done = firstValueFrom(TestBed.inject(AuthStore).signIn({ email: 'a@b.c', password: 'x' }));
    backend.expectOne('/api/auth/login').flush({
      accessToken: 't',
      expiresIn: 900,
      user: { id: 'u', email: 'a@b.c', displayName: 'A', role, providerId: null, providerIds: null },
    });
    await done;
  }

  function run(guard: typeof signedInGuard, url = '/providers') {
    return TestBed.runInInjectionContext(() =>
      guard({} as ActivatedRouteSnapshot, { url } as RouterStateSnapshot),
    ) as Promise<boolean | UrlTree>;
  }

  function serialized(result: boolean | UrlTree): string | boolean {
    return typeof result === 'boolean' ? result : router.serializeUrl(result);
  }

  it('waits for the silent refresh, then sends signed-out users to sign-in with the return url', async () => {
    const result = run(signedInGuard, '/providers');
    backend.expectOne('/api/auth/refresh').flush(null, { status: 401, statusText: 'Unauthorized' });

    expect(serialized(await result)).toBe('/sign-in?returnUrl=%2Fproviders');
  });

  it('lets signed-in users in and keeps them off the sign-in page', async () => {
    await signInAs('executive');

    expect(await run(signedInGuard)).toBe(true);
    expect(serialized(await run(signedOutGuard))).toBe('/');
  });

  it('lets only admins into the admin page', async () => {
    await signInAs('account_manager');
    expect(serialized(await run(adminGuard))).toBe('/');

    await signInAs('admin');
    expect(await run(adminGuard)).toBe(true);
  });
});
