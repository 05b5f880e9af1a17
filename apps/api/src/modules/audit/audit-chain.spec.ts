import { AuditChainFields, canonicalJson, chainHash, ChainedRow, findChainBreak, GENESIS_HASH, sanitizeSnapshot } from './audit-chain';

function row(id: number, overrides: Partial<AuditChainFields> = {}): AuditChainFields {
  return {
    id,
    at: `2026-11-0${id}T10:00:00.000Z`,
    actorUserId: null,
    actorApiKeyId: null,
    actorLabel: `user${id}@example.com`,
    action: 'provider.view',
    outcome: 'success',
    resourceType: 'provider',
    resourceId: 'p1',
    providerId: null,
    before: null,
    after: { b: 1, a: [2, { d: 3, c: 4 }] },
    details: null,
    ip: '127.0.0.1',
    userAgent: 'test',
    ...overrides,
  };
}

function chain(n: number): ChainedRow[] {
  const rows: ChainedRow[] = [];
  let prev = GENESIS_HASH;
  for (let i = 1; i <= n; i++) {
    const r = row(i);
    const hash = chainHash(prev, r);
    rows.push({ ...r, prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('canonicalJson', () => {
  it.each([
    [{ b: 1, a: 2 }, '{"a":2,"b":1}'],
    [{ a: { z: null, y: [1, 'x'] } }, '{"a":{"y":[1,"x"],"z":null}}'],
    [{ a: undefined, b: 1 }, '{"b":1}'],
    [null, 'null'],
    [[{ b: 1, a: 0 }], '[{"a":0,"b":1}]'],
  ])('%j -> %s', (input, expected) => {
    expect(canonicalJson(input)).toBe(expected);
  });

  it('does not depend on key order', () => {
    expect(chainHash(GENESIS_HASH, row(1, { after: { x: 1, y: 2 } }))).toBe(chainHash(GENESIS_HASH, row(1, { after: { y: 2, x: 1 } })));
  });
});

describe('findChainBreak', () => {
  it.each<[string, (rows: ChainedRow[]) => ChainedRow[], number | null, RegExp | null]>([
    ['an intact chain', (rows) => rows, null, null],
    ['an edited label', (rows) => rows.map((r) => (r.id === 3 ? { ...r, actorLabel: 'other@example.com' } : r)), 3, /edited/],
    ['an edited after snapshot', (rows) => rows.map((r) => (r.id === 2 ? { ...r, after: { b: 2 } } : r)), 2, /edited/],
    ['a deleted middle row', (rows) => rows.filter((r) => r.id !== 2), 3, /removed/],
    ['a deleted first row', (rows) => rows.filter((r) => r.id !== 1), 2, /removed/],
    ['a re-hashed edited row', (rows) => rows.map((r) => (r.id === 2 ? { ...r, action: 'x', hash: chainHash(r.prevHash, { ...r, action: 'x' }) } : r)), 3, /removed/],
  ])('%s', (_name, tamper, brokenId, reason) => {
    const result = findChainBreak(tamper(chain(4)), GENESIS_HASH);
    expect(result.broken?.id ?? null).toBe(brokenId);
    if (reason) expect(result.broken?.reason).toMatch(reason);
  });
});

describe('sanitizeSnapshot', () => {
  it.each([
    [{ name: 'x', credentials_encrypted: 'abc', password_hash: 'h', key_hash: 'k', token: 't' }, { name: 'x', credentials_encrypted: '<redacted>', password_hash: '<redacted>', key_hash: '<redacted>', token: '<redacted>' }],
    [{ key: 'kpk_live', label: 'l' }, { key: '<redacted>', label: 'l' }],
    [{ at: new Date('2026-01-01T00:00:00Z'), nested: { secret: null } }, { at: '2026-01-01T00:00:00.000Z', nested: { secret: null } }],
  ])('%j', (input, expected) => {
    expect(sanitizeSnapshot(input)).toEqual(expected);
  });
});
