import { HttpErrorResponse } from '@angular/common/http';
import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { CurrentUser, LoginRequest, SessionResponse } from '@kpi/contracts';
import {
  catchError,
  defaultIfEmpty,
  finalize,
  firstValueFrom,
  map,
  Observable,
  of,
  shareReplay,
  tap,
  throwError,
} from 'rxjs';
import { AuthApi } from './auth.api';
import { MIN_REFRESH_DELAY_MS, REFRESH_LEAD_MS, REFRESH_RETRY_MS } from './auth.constants';

/** `unknown` until the silent refresh on app start has answered. */
export type AuthStatus = 'unknown' | 'signed-in' | 'signed-out';

interface Session {
  readonly accessToken: string;
  readonly user: CurrentUser;
}

/**
 * The signed-in session. The access token lives in memory only (a signal), never in storage; the api keeps the
 * refresh token in an httpOnly cookie, so a reload restores the session through `restore()`.
 */
@Injectable({ providedIn: 'root' })
export class AuthStore {
  private readonly api = inject(AuthApi);
  private readonly session = signal<Session | null>(null);
  private readonly statusState = signal<AuthStatus>('unknown');
  private refreshInFlight: Observable<string | null> | null = null;
  private refreshTimer: ReturnType<typeof setTimeout> | null = null;

  readonly status = this.statusState.asReadonly();
  readonly user = computed(() => this.session()?.user ?? null);
  readonly accessToken = computed(() => this.session()?.accessToken ?? null);
  readonly isSignedIn = computed(() => this.session() !== null);
  readonly isAdmin = computed(() => this.user()?.role === 'admin');
  /** The client's people who change governance data (executives are read-only, provider staff never manage it). */
  readonly isClientEditor = computed(() => this.user()?.role === 'admin' || this.user()?.role === 'account_manager');

  constructor() {
    inject(DestroyRef).onDestroy(() => this.clearRefreshTimer());
  }

  /** Signs in; errors (e.g. 401 with the api's message) reach the caller. */
  signIn(credentials: LoginRequest): Observable<CurrentUser> {
    return this.api.login(credentials).pipe(
      tap((response) => this.startSession(response)),
      map((response) => response.user),
    );
  }

  /** Ends the session on the api (clears the refresh cookie) and in memory. Never errors. */
  signOut(): Observable<void> {
    return this.api.logout().pipe(
      catchError(() => of(undefined)),
      defaultIfEmpty(undefined),
      map(() => this.endSession()),
    );
  }

  /** Forgets the session without calling the api (used when the api already said it is over). */
  endSession(): void {
    this.clearRefreshTimer();
    this.session.set(null);
    this.statusState.set('signed-out');
  }

  /** Silent sign-in on app start from the refresh cookie. Resolves once the status is known; never rejects. */
  restore(): Promise<void> {
    return firstValueFrom(
      this.refresh().pipe(
        map(() => undefined),
        catchError(() => {
          this.endSession();
          return of(undefined);
        }),
      ),
    );
  }

  /**
   * Gets a new access token from the refresh cookie. Concurrent callers share one request.
   * Emits the new token, or null when the api says the session is over (401/403; the session is then ended).
   * Other failures (offline, 5xx) are rethrown and leave the current session as it is.
   */
  refresh(): Observable<string | null> {
    if (!this.refreshInFlight) {
      this.refreshInFlight = this.api.refresh().pipe(
        map((response) => {
          this.startSession(response);
          return response.accessToken;
        }),
        catchError((error: unknown) => {
          if (isSessionOver(error)) {
            this.endSession();
            return of(null);
          }
          return throwError(() => error);
        }),
        finalize(() => (this.refreshInFlight = null)),
        shareReplay({ bufferSize: 1, refCount: false }),
      );
    }
    return this.refreshInFlight;
  }

  private startSession(response: SessionResponse): void {
    this.session.set({ accessToken: response.accessToken, user: response.user });
    this.statusState.set('signed-in');
    this.scheduleRefresh(refreshDelayMs(response.expiresIn));
  }

  private scheduleRefresh(delayMs: number): void {
    this.clearRefreshTimer();
    this.refreshTimer = setTimeout(() => this.refreshInBackground(), delayMs);
  }

  private refreshInBackground(): void {
    this.refreshTimer = null;
    this.refresh().subscribe({
      error: () => {
        if (this.session()) this.scheduleRefresh(REFRESH_RETRY_MS);
      },
    });
  }

  private clearRefreshTimer(): void {
    if (this.refreshTimer !== null) clearTimeout(this.refreshTimer);
    this.refreshTimer = null;
  }
}

/** How long to wait before refreshing a token that lives `expiresInSeconds`. */
export function refreshDelayMs(expiresInSeconds: number): number {
  const lifetimeMs = Math.max(0, expiresInSeconds) * 1000;
  const leadMs = Math.min(REFRESH_LEAD_MS, lifetimeMs / 5);
  return Math.max(MIN_REFRESH_DELAY_MS, lifetimeMs - leadMs);
}

function isSessionOver(error: unknown): boolean {
  return error instanceof HttpErrorResponse && (error.status === 401 || error.status === 403);
}
