import type { Role } from '@kpi/contracts';

/** Roles single sign-on may grant. Provider users belong to a provider and are never created from the client's directory. */
export type SsoRole = Exclude<Role, 'provider'>;

export const SSO_ROLES: readonly SsoRole[] = ['admin', 'executive', 'account_manager'];

/** One `group=role` entry of OIDC_ROLE_MAP. */
export interface SsoRoleRule {
  group: string;
  role: SsoRole;
}

/**
 * Parses OIDC_ROLE_MAP: `group=role` entries separated by commas, or by semicolons when any group name
 * contains a comma (e.g. LDAP distinguished names). The role is after the last `=`, so group names may contain `=`.
 * Throws with a message naming the bad entry.
 */
export function parseSsoRoleMap(raw: string): SsoRoleRule[] {
  const separator = raw.includes(';') ? ';' : ',';
  const entries = raw
    .split(separator)
    .map((entry) => entry.trim())
    .filter((entry) => entry.length > 0);
  if (entries.length === 0) throw new Error('must list at least one group=role entry');
  return entries.map((entry) => {
    const at = entry.lastIndexOf('=');
    const group = at > 0 ? entry.slice(0, at).trim() : '';
    const role = at > 0 ? entry.slice(at + 1).trim() : '';
    if (!group || !role) throw new Error(`entry "${entry}" must look like group=role`);
    if (!isSsoRole(role)) throw new Error(`entry "${entry}": role must be one of ${SSO_ROLES.join(', ')}`);
    return { group, role };
  });
}

export function isSsoRole(value: string): value is SsoRole {
  return (SSO_ROLES as readonly string[]).includes(value);
}

/**
 * The role for a user's groups: the highest of the roles their groups map to (admin > executive >
 * account_manager), else the default role; null = no access. Group names match exactly (case-sensitive).
 */
export function roleForGroups(groups: readonly string[], rules: readonly SsoRoleRule[], defaultRole: SsoRole | null): SsoRole | null {
  const held = new Set(groups);
  const granted = new Set(rules.filter((rule) => held.has(rule.group)).map((rule) => rule.role));
  return SSO_ROLES.find((role) => granted.has(role)) ?? defaultRole;
}

/**
 * The user's groups from the claims: the claim named exactly `claimName`, else the dotted path into nested
 * objects (e.g. `realm_access.roles`). A single string counts as one group; anything else as none.
 */
export function groupsFromClaims(claims: Record<string, unknown>, claimName: string): string[] {
  let value: unknown = claims[claimName];
  if (value === undefined && claimName.includes('.')) {
    value = claimName.split('.').reduce<unknown>(
      (node, key) => (node !== null && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      claims,
    );
  }
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.filter((item): item is string => typeof item === 'string');
  return [];
}
