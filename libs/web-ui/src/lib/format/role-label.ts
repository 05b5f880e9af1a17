import { Role } from '@kpi/contracts';

export const ROLE_LABELS: Record<Role, string> = {
  admin: 'Administrator',
  account_manager: 'Account manager',
  executive: 'Executive',
  provider: 'Provider lead',
};

export function roleLabel(role: Role): string {
  return ROLE_LABELS[role] ?? role;
}
