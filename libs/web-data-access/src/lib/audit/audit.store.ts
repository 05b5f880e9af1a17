import { computed, DestroyRef, inject, Injectable } from '@angular/core';
import { AuditPageDto, AuditVerificationDto } from '@kpi/contracts';
import { Loadable } from '../core/loadable';
import { AuditApi, AuditFilter } from './audit.api';

/** The admin audit search, and the chain check. Provide it in the page component. */
@Injectable()
export class AuditStore {
  private readonly api = inject(AuditApi);
  private readonly page = new Loadable<AuditPageDto>();
  private readonly check = new Loadable<AuditVerificationDto>();

  readonly entries = computed(() => this.page.data()?.entries ?? []);
  readonly total = computed(() => this.page.data()?.total ?? 0);
  readonly status = this.page.status;
  readonly error = this.page.error;
  readonly verification = this.check.data;
  readonly verificationStatus = this.check.status;
  readonly verificationError = this.check.error;

  constructor() {
    inject(DestroyRef).onDestroy(() => {
      this.page.cancel();
      this.check.cancel();
    });
  }

  search(filter: AuditFilter): void {
    this.page.load(this.api.search(filter));
  }

  /** Who accessed one provider's data (the account managers' view). */
  providerAccess(providerId: string, filter: Pick<AuditFilter, 'limit' | 'offset'> = {}): void {
    this.page.load(this.api.providerAccess(providerId, filter), { clearData: true });
  }

  verify(): void {
    this.check.load(this.api.verify());
  }
}
