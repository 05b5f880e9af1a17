import { provideHttpClient } from '@angular/common/http';
import { HttpTestingController, provideHttpClientTesting } from '@angular/common/http/testing';
import { ComponentFixture, TestBed } from '@angular/core/testing';
import { provideRouter, Router } from '@angular/router';
import type { SsoConfigResponse } from '@kpi/contracts';
import { SignInPage } from './sign-in.page';
import { provideTranslationsForTests } from '@kpi/web-ui';
import { en } from '../../../i18n/en';

describe('SignInPage', () => {
  let fixture: ComponentFixture<SignInPage>;
  let backend: HttpTestingController;
  let navigateByUrl: jest.SpyInstance;

  beforeEach(async () => {
    TestBed.configureTestingModule({
      imports: [SignInPage],
      providers: [provideHttpClient(), provideHttpClientTesting(), provideRouter([]), provideTranslationsForTests({ en })],
    });
    backend = TestBed.inject(HttpTestingController);
    navigateByUrl = jest.spyOn(TestBed.inject(Router), 'navigateByUrl').mockResolvedValue(true);
    await render({ enabled: false, label: null });
  });

  /** Creates the page and answers its single sign-on check. */
  async function render(sso: SsoConfigResponse, inputs: Record<string, string> = {}): Promise<void> {
    fixture = TestBed.createComponent(SignInPage);
    for (const [name, value] of Object.entries(inputs)) fixture.componentRef.setInput(name, value);
    backend.expectOne('/api/auth/sso/config').flush(sso);
    await fixture.whenStable();
  }

  afterEach(() => backend.verify());

  const byTestId = <T extends HTMLElement>(id: string) =>
    (fixture.nativeElement as HTMLElement).querySelector<T>(`[data-testid="${id}"]`);

  function fill(email: string, password: string): void {
    const emailInput = byTestId<HTMLInputElement>('sign-in-email')!;
    const passwordInput = byTestId<HTMLInputElement>('sign-in-password')!;
    emailInput.value = email;
    emailInput.dispatchEvent(new Event('input'));
    passwordInput.value = password;
    passwordInput.dispatchEvent(new Event('input'));
  }

  it('labels its fields', () => {
    const page = fixture.nativeElement as HTMLElement;
    expect(page.querySelector('label[for="sign-in-email"]')?.textContent).toContain('Email');
    expect(page.querySelector('label[for="sign-in-password"]')?.textContent).toContain('Password');
  });

  it('asks for missing fields without calling the api', async () => {
    byTestId<HTMLButtonElement>('sign-in-submit')!.click();
    await fixture.whenStable();

    expect((fixture.nativeElement as HTMLElement).textContent).toContain('Enter your email address.');
    backend.expectNone('/api/auth/login');
  });

  it('disables the button while signing in and shows the api error', async () => {
    fill('ana@client.example', 'wrong');
    byTestId<HTMLButtonElement>('sign-in-submit')!.click();
    await fixture.whenStable();

    expect(byTestId<HTMLButtonElement>('sign-in-submit')!.disabled).toBe(true);
    backend
      .expectOne('/api/auth/login')
      .flush({ statusCode: 401, error: 'Unauthorized', message: 'Invalid email or password' }, {
        status: 401,
        statusText: 'Unauthorized',
      });
    await fixture.whenStable();

    expect(byTestId('sign-in-error')?.textContent?.trim()).toBe('Invalid email or password');
    expect(byTestId<HTMLButtonElement>('sign-in-submit')!.disabled).toBe(false);
    expect(navigateByUrl).not.toHaveBeenCalled();
  });

  it('goes back to the requested page after signing in', async () => {
    fixture.componentRef.setInput('returnUrl', '/providers/p-1');
    fill('ana@client.example', 'secret');
    byTestId<HTMLButtonElement>('sign-in-submit')!.click();

    backend.expectOne('/api/auth/login').flush({
      accessToken: 't',
      expiresIn: 900,
      user: { id: 'u', email: 'ana@client.example', displayName: 'Ana', role: 'executive', providerId: null, providerIds: null },
    });
    await fixture.whenStable();

    expect(navigateByUrl).toHaveBeenCalledWith('/providers/p-1');
  });

  it('ignores a return url that leaves the app', async () => {
    fixture.componentRef.setInput('returnUrl', 'https://evil.example');
    fill('ana@client.example', 'secret');
    byTestId<HTMLButtonElement>('sign-in-submit')!.click();
    backend.expectOne('/api/auth/login').flush({
      accessToken: 't',
      expiresIn: 900,
      user: { id: 'u', email: 'ana@client.example', displayName: 'Ana', role: 'executive', providerId: null, providerIds: null },
    });

    expect(navigateByUrl).toHaveBeenCalledWith('/');
  });

  it('offers single sign-on only when the api has it configured, keeping the return url', async () => {
    expect(byTestId('sign-in-sso')).toBeNull();

    await render({ enabled: true, label: null }, { returnUrl: '/providers/p-1' });
    const link = byTestId<HTMLAnchorElement>('sign-in-sso')!;
    expect(link.textContent?.trim()).toBe('Sign in with single sign-on');
    expect(link.getAttribute('href')).toBe('/api/auth/sso/login?returnUrl=%2Fproviders%2Fp-1');

    await render({ enabled: true, label: 'Client Entra ID' });
    expect(byTestId('sign-in-sso')?.textContent?.trim()).toBe('Sign in with Client Entra ID');
    expect(byTestId('sign-in-sso')?.getAttribute('href')).toBe('/api/auth/sso/login');
  });

  it('explains why single sign-on sent the user back', async () => {
    await render({ enabled: true, label: null }, { ssoError: 'no_role' });
    expect(byTestId('sign-in-sso-error')?.getAttribute('role')).toBe('alert');
    expect(byTestId('sign-in-sso-error')?.textContent).toContain('not in a group that has access');

    await render({ enabled: true, label: null }, { ssoError: '<script>' });
    expect(byTestId('sign-in-sso-error')).toBeNull();
  });
});
