import { computed, signal } from '@angular/core';
import { Observable, Subscription } from 'rxjs';
import { ApiError, toApiError } from './api-error';

export type LoadStatus = 'idle' | 'loading' | 'success' | 'error';

export interface LoadState<T> {
  readonly status: LoadStatus;
  readonly data: T | null;
  readonly error: ApiError | null;
}

const IDLE: LoadState<never> = { status: 'idle', data: null, error: null };

/**
 * Signal state for one remote value: loading, data and error. A new `load` cancels the previous request,
 * so a slow answer can never overwrite a newer one. Data stays visible while reloading unless `clearData` is set.
 */
export class Loadable<T> {
  private readonly state = signal<LoadState<T>>(IDLE);
  private subscription: Subscription | null = null;

  readonly status = computed(() => this.state().status);
  readonly data = computed(() => this.state().data);
  readonly error = computed(() => this.state().error);
  readonly loading = computed(() => this.state().status === 'loading');

  load(source: Observable<T>, options: { clearData?: boolean } = {}): void {
    this.cancel();
    this.state.update((current) => ({
      status: 'loading',
      data: options.clearData ? null : current.data,
      error: null,
    }));
    this.subscription = source.subscribe({
      next: (data) => this.state.set({ status: 'success', data, error: null }),
      error: (error: unknown) => this.state.set({ status: 'error', data: null, error: toApiError(error) }),
    });
  }

  reset(): void {
    this.cancel();
    this.state.set(IDLE);
  }

  cancel(): void {
    this.subscription?.unsubscribe();
    this.subscription = null;
  }
}
