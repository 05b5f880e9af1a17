import { SetMetadata } from '@nestjs/common';

export const AUDIT_SPEC = 'kpi:audit';

export interface AuditOptions {
  /** Resource type recorded with the entry; with a snapshot in audit-resources.ts, changes record before/after. */
  resource?: string;
  /** Route parameter holding the resource id (defaults: none; the response's `id` is used for creations). */
  idParam?: string;
  /** Route parameter holding the provider id (default `providerId`). */
  providerParam?: string;
  /** Take before/after snapshots of the resource (changes). */
  change?: boolean;
  /** The caller is a provider API key (X-Api-Key header) rather than a signed-in user. */
  apiKey?: boolean;
}

export interface AuditSpec extends AuditOptions {
  action: string;
}

/**
 * Records every call of the route in the audit trail (global AuditInterceptor), e.g.
 * `@Audit('provider.view', { resource: 'provider', idParam: 'id', providerParam: 'id' })`.
 */
export const Audit = (action: string, options: AuditOptions = {}) => SetMetadata(AUDIT_SPEC, { action, ...options } satisfies AuditSpec);
