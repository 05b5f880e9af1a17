import { groupsFromClaims, parseSsoRoleMap, roleForGroups } from './sso-role-map';

describe('OIDC_ROLE_MAP', () => {
  it('parses group=role entries', () => {
    expect(parseSsoRoleMap('kpi-admins=admin, kpi-execs=executive,kpi-ams=account_manager')).toEqual([
      { group: 'kpi-admins', role: 'admin' },
      { group: 'kpi-execs', role: 'executive' },
      { group: 'kpi-ams', role: 'account_manager' },
    ]);
  });

  it('takes semicolons between entries when group names hold commas and =', () => {
    expect(parseSsoRoleMap('CN=KPI Admins,OU=Groups,DC=client=admin; CN=Execs,DC=client=executive')).toEqual([
      { group: 'CN=KPI Admins,OU=Groups,DC=client', role: 'admin' },
      { group: 'CN=Execs,DC=client', role: 'executive' },
    ]);
  });

  it('refuses entries it cannot use, naming them', () => {
    expect(() => parseSsoRoleMap('kpi-admins')).toThrow('entry "kpi-admins" must look like group=role');
    expect(() => parseSsoRoleMap('=admin')).toThrow('must look like group=role');
    expect(() => parseSsoRoleMap('vendors=provider')).toThrow('entry "vendors=provider": role must be one of admin, executive, account_manager');
    expect(() => parseSsoRoleMap(' , ')).toThrow('at least one');
  });
});

describe('roleForGroups', () => {
  const rules = parseSsoRoleMap('kpi-ams=account_manager,kpi-execs=executive,kpi-admins=admin');

  it('gives the highest mapped role whatever the order of groups and entries', () => {
    expect(roleForGroups(['kpi-ams', 'kpi-admins'], rules, null)).toBe('admin');
    expect(roleForGroups(['kpi-ams', 'kpi-execs'], rules, null)).toBe('executive');
    expect(roleForGroups(['other', 'kpi-ams'], rules, null)).toBe('account_manager');
  });

  it('falls back to the default role, or none', () => {
    expect(roleForGroups(['sales'], rules, null)).toBeNull();
    expect(roleForGroups([], rules, 'executive')).toBe('executive');
  });

  it('matches group names exactly', () => {
    expect(roleForGroups(['KPI-Admins', 'kpi-admins-old'], rules, null)).toBeNull();
  });
});

describe('groupsFromClaims', () => {
  it('reads a list, a single string, or a dotted path into nested claims', () => {
    expect(groupsFromClaims({ groups: ['a', 'b', 3] }, 'groups')).toEqual(['a', 'b']);
    expect(groupsFromClaims({ groups: 'a' }, 'groups')).toEqual(['a']);
    expect(groupsFromClaims({ realm_access: { roles: ['x'] } }, 'realm_access.roles')).toEqual(['x']);
    expect(groupsFromClaims({ 'https://client.example/groups': ['y'] }, 'https://client.example/groups')).toEqual(['y']);
    expect(groupsFromClaims({}, 'groups')).toEqual([]);
  });
});
