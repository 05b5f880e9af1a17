import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import { EscalationDetailDto } from '@kpi/contracts';
import { Observable, of, Subscription } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { Loadable } from '../core/loadable';
import { EscalationsApi } from './escalations.api';

/** One escalation: its detail and the actions on it (one at a time, each answered with the updated detail). */
@Injectable()
export class EscalationDetailStore {
  readonly api = inject(EscalationsApi);
  private readonly detail = new Loadable<EscalationDetailDto>();
  private readonly id = signal<string | null>(null);
  private action: Subscription | null = null;

  readonly escalation = this.detail.data;
  readonly status = this.detail.status;
  readonly error = this.detail.error;
  readonly notFound = computed(() => {
    const status = this.detail.error()?.status;
    return status === 400 || status === 404;
  });
  /** The action in progress (its name), if any. */
  readonly pending = signal<string | null>(null);
  readonly actionError = signal<ApiError | null>(null);
  readonly can = computed(() => new Set(this.escalation()?.availableActions ?? []));

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.detail.cancel();
      this.action?.unsubscribe();
    });
  }

  open(id: string): void {
    this.id.set(id);
    this.actionError.set(null);
    this.detail.load(this.api.get(id), { clearData: true });
  }

  reload(): void {
    const id = this.id();
    if (id) this.detail.load(this.api.get(id));
  }

  /** Runs an action; `done` is called on success (e.g. to clear a form). */
  run(name: string, request: (api: EscalationsApi, id: string) => Observable<EscalationDetailDto>, done?: () => void): void {
    const id = this.id();
    if (!id || this.pending()) return;
    this.pending.set(name);
    this.actionError.set(null);
    this.action = request(this.api, id).subscribe({
      next: (updated) => {
        this.pending.set(null);
        this.detail.load(of(updated));
        done?.();
      },
      error: (error: unknown) => {
        this.pending.set(null);
        this.actionError.set(toApiError(error));
      },
    });
  }
}
