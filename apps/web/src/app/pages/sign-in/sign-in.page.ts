import { ChangeDetectionStrategy, Component, computed, inject, input, signal } from '@angular/core';
import { toSignal } from '@angular/core/rxjs-interop';
import { NonNullableFormBuilder, ReactiveFormsModule, Validators } from '@angular/forms';
import { Router } from '@angular/router';
import { TranslocoPipe } from '@jsverse/transloco';
import type { SsoErrorCode } from '@kpi/contracts';
import { AuthApi, AuthStore, toApiError } from '@kpi/web-data-access';
import { catchError, of } from 'rxjs';
import { LanguageSwitcherComponent } from '../../core/i18n/language-switcher.component';
import { safeReturnUrl } from '../../core/return-url';

const SSO_ERROR_CODES: readonly SsoErrorCode[] = ['unavailable', 'denied', 'expired', 'invalid', 'no_email', 'no_role', 'disabled', 'provider_account'];

/**
 * Email + password sign-in, and single sign-on when configured; afterwards the user lands on the page they asked
 * for (`?returnUrl=`).
 */
@Component({
  selector: 'kpi-sign-in-page',
  changeDetection: ChangeDetectionStrategy.OnPush,
  imports: [ReactiveFormsModule, TranslocoPipe, LanguageSwitcherComponent],
  templateUrl: './sign-in.page.html',
  styleUrl: './sign-in.page.css',
})
export class SignInPage {
  private readonly auth = inject(AuthStore);
  private readonly router = inject(Router);

  /** Bound from the `returnUrl` query parameter. */
  readonly returnUrl = input<string | undefined>();
  /** Bound from the `ssoError` query parameter: why single sign-on sent the user back here. */
  readonly ssoError = input<string | undefined>();

  private readonly authApi = inject(AuthApi);
  /** Single sign-on is offered only when the api says it is configured (a failed check just hides it). */
  protected readonly sso = toSignal(this.authApi.ssoConfig().pipe(catchError(() => of(null))), { initialValue: null });
  protected readonly ssoLoginUrl = computed(() => this.authApi.ssoLoginUrl(safeReturnUrl(this.returnUrl())));
  protected readonly ssoErrorKey = computed(() => {
    const code = this.ssoError();
    return code && (SSO_ERROR_CODES as readonly string[]).includes(code) ? `signIn.ssoErrors.${code}` : null;
  });

  protected readonly form = inject(NonNullableFormBuilder).group({
    email: ['', [Validators.required, Validators.email]],
    password: ['', Validators.required],
  });
  protected readonly submitting = signal(false);
  protected readonly submitted = signal(false);
  protected readonly error = signal<string | null>(null);

  protected submit(): void {
    this.submitted.set(true);
    this.error.set(null);
    if (this.form.invalid || this.submitting()) {
      this.form.markAllAsTouched();
      return;
    }
    this.submitting.set(true);
    this.auth.signIn(this.form.getRawValue()).subscribe({
      next: () => void this.router.navigateByUrl(safeReturnUrl(this.returnUrl())),
      error: (error: unknown) => {
        this.submitting.set(false);
        this.error.set(toApiError(error).message);
      },
    });
  }

  protected showError(control: 'email' | 'password'): boolean {
    const field = this.form.controls[control];
    return field.invalid && (field.touched || this.submitted());
  }
}
