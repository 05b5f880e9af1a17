import type { CurrentUser, Role } from '@kpi/contracts';

/** The caller, as loaded from the database on each request (so role changes and disabling apply at once). */
export interface AuthenticatedUser extends CurrentUser {
  role: Role;
}

export function canSeeAllProviders(user: Pick<CurrentUser, 'role'>): boolean {
  return user.role === 'admin' || user.role === 'executive';
}
