import { computed, DestroyRef, inject, Injectable, signal } from '@angular/core';
import {
  ContractTermsRequest,
  CreateContractVersionRequest,
  CreateSlaContractRequest,
  CreateSlaExclusionRequest,
  ServiceLevelRequest,
  SlaContractDto,
  SlaContractSummaryDto,
  SlaExclusionDto,
  UpdateSlaExclusionRequest,
} from '@kpi/contracts';
import { Observable, Subscription, map, tap } from 'rxjs';
import { ApiError, toApiError } from '../core/api-error';
import { Loadable } from '../core/loadable';
import { SlaApi } from './sla.api';

/** The SLA contracts the user may see (the contracts page). Provide it in the page. */
@Injectable()
export class ContractsStore {
  private readonly api = inject(SlaApi);
  private readonly list = new Loadable<SlaContractSummaryDto[]>();

  readonly contracts = computed(() => this.list.data() ?? []);
  readonly status = this.list.status;
  readonly error = this.list.error;

  constructor() {
    inject(DestroyRef).onDestroy(() => this.list.cancel());
  }

  load(): void {
    this.list.load(this.api.listContracts());
  }

  /** Creates a contract (with its first version); errors reach the caller (the form shows them). */
  create(body: CreateSlaContractRequest): Observable<SlaContractDto> {
    return this.api.createContract(body).pipe(tap(() => this.load()));
  }
}

export type ContractLoadStatus = 'idle' | 'loading' | 'success' | 'error';

/**
 * One contract and every change to it: versions (renegotiations), service levels, exclusions and their
 * approval. Each change returns an Observable so the form that made it can show the api's message; on
 * success the contract shown is the api's answer. Provide it in the contract page.
 */
@Injectable()
export class ContractStore {
  private readonly api = inject(SlaApi);
  private readonly contractId = signal<string | null>(null);
  private readonly state = signal<{ status: ContractLoadStatus; contract: SlaContractDto | null; error: ApiError | null }>({
    status: 'idle',
    contract: null,
    error: null,
  });
  private subscription: Subscription | null = null;

  readonly contract = computed(() => this.state().contract);
  readonly status = computed(() => this.state().status);
  readonly error = computed(() => this.state().error);
  readonly notFound = computed(() => {
    const status = this.state().error?.status;
    return status === 400 || status === 403 || status === 404;
  });
  /** A change in flight (buttons disable meanwhile). */
  readonly saving = signal(false);

  constructor() {
    inject(DestroyRef).onDestroy(() => this.subscription?.unsubscribe());
  }

  open(contractId: string): void {
    this.contractId.set(contractId);
    this.reload();
  }

  reload(): void {
    const id = this.contractId();
    if (!id) return;
    this.subscription?.unsubscribe();
    this.state.update((current) => ({ ...current, status: 'loading', error: null }));
    this.subscription = this.api.getContract(id).subscribe({
      next: (contract) => this.state.set({ status: 'success', contract, error: null }),
      error: (error: unknown) => this.state.set({ status: 'error', contract: null, error: toApiError(error) }),
    });
  }

  update(body: { name?: string; reference?: string | null }): Observable<SlaContractDto> {
    return this.change((id) => this.api.updateContract(id, body));
  }

  renegotiate(body: CreateContractVersionRequest): Observable<SlaContractDto> {
    return this.change((id) => this.api.createVersion(id, body));
  }

  updateVersion(versionId: string, body: Partial<ContractTermsRequest>): Observable<SlaContractDto> {
    return this.change((id) => this.api.updateVersion(id, versionId, body));
  }

  deleteVersion(versionId: string): Observable<SlaContractDto> {
    return this.change((id) => this.api.deleteVersion(id, versionId));
  }

  addServiceLevel(versionId: string, body: ServiceLevelRequest): Observable<SlaContractDto> {
    return this.change((id) => this.api.addServiceLevel(id, versionId, body));
  }

  updateServiceLevel(versionId: string, rowId: string, body: ServiceLevelRequest): Observable<SlaContractDto> {
    return this.change((id) => this.api.updateServiceLevel(id, versionId, rowId, body));
  }

  deleteServiceLevel(versionId: string, rowId: string): Observable<SlaContractDto> {
    return this.change((id) => this.api.deleteServiceLevel(id, versionId, rowId));
  }

  addExclusion(body: CreateSlaExclusionRequest): Observable<SlaExclusionDto> {
    return this.exclusionChange((id) => this.api.createExclusion(id, body));
  }

  updateExclusion(exclusionId: string, body: UpdateSlaExclusionRequest): Observable<SlaExclusionDto> {
    return this.exclusionChange((id) => this.api.updateExclusion(id, exclusionId, body));
  }

  approveExclusion(exclusionId: string): Observable<SlaExclusionDto> {
    return this.exclusionChange((id) => this.api.approveExclusion(id, exclusionId));
  }

  deleteExclusion(exclusionId: string): Observable<void> {
    return this.exclusionChange((id) => this.api.deleteExclusion(id, exclusionId).pipe(map(() => undefined)));
  }

  private change(call: (contractId: string) => Observable<SlaContractDto>): Observable<SlaContractDto> {
    return this.withId(call).pipe(tap((contract) => this.state.set({ status: 'success', contract, error: null })));
  }

  /** Exclusion calls answer with the exclusion only: reload the contract afterwards. */
  private exclusionChange<T>(call: (contractId: string) => Observable<T>): Observable<T> {
    return this.withId(call).pipe(tap(() => this.reload()));
  }

  private withId<T>(call: (contractId: string) => Observable<T>): Observable<T> {
    const id = this.contractId();
    if (!id) throw new Error('No contract open');
    this.saving.set(true);
    return call(id).pipe(
      tap({ next: () => this.saving.set(false), error: () => this.saving.set(false) }),
    );
  }
}
