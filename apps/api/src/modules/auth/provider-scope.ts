import { NotFoundException } from '@nestjs/common';
import type { CurrentUser } from '@kpi/contracts';

/**
 * Which providers the caller may see. Every data query goes through this one place:
 * admins and executives see all providers, account managers their assigned ones, provider staff their own.
 */
export class ProviderScope {
  private constructor(private readonly ids: ReadonlySet<string> | null) {}

  static of(user: Pick<CurrentUser, 'providerIds'>): ProviderScope {
    return new ProviderScope(user.providerIds === null ? null : new Set(user.providerIds));
  }

  static all(): ProviderScope {
    return new ProviderScope(null);
  }

  get isUnrestricted(): boolean {
    return this.ids === null;
  }

  includes(providerId: string): boolean {
    return this.ids === null || this.ids.has(providerId);
  }

  /**
   * A SQL condition restricting `column` to the visible providers, with its parameter appended to `params`.
   * Unrestricted scopes give `TRUE`.
   */
  sqlCondition(column: string, params: unknown[]): string {
    if (this.ids === null) return 'TRUE';
    params.push([...this.ids]);
    return `${column} = ANY($${params.length}::uuid[])`;
  }

  /** 404, never 403, for a provider outside the scope: callers learn nothing about what exists. */
  assertVisible(providerId: string): void {
    if (!this.includes(providerId)) throw new NotFoundException('Provider not found');
  }
}
