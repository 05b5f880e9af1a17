import { createHash } from 'node:crypto';

/** The hash of the (virtual) row before the first one. */
export const GENESIS_HASH = '0'.repeat(64);

/** The chained fields of an audit row, in the form they are hashed. */
export interface AuditChainFields {
  id: number;
  at: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  actorLabel: string | null;
  action: string;
  outcome: string;
  resourceType: string | null;
  resourceId: string | null;
  providerId: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
}

export interface ChainedRow extends AuditChainFields {
  prevHash: string;
  hash: string;
}

export type ChainBreak = { id: number; reason: string };

/** JSON with object keys sorted at every level, so the same content always gives the same text. */
export function canonicalJson(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (value instanceof Date) return JSON.stringify(value.toISOString());
  if (Array.isArray(value)) return `[${value.map((v) => canonicalJson(v)).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  if (typeof value === 'number' && !Number.isFinite(value)) return 'null';
  return JSON.stringify(value);
}

export function chainHash(prevHash: string, fields: AuditChainFields): string {
  const content: AuditChainFields = {
    id: fields.id,
    at: fields.at,
    actorUserId: fields.actorUserId,
    actorApiKeyId: fields.actorApiKeyId,
    actorLabel: fields.actorLabel,
    action: fields.action,
    outcome: fields.outcome,
    resourceType: fields.resourceType,
    resourceId: fields.resourceId,
    providerId: fields.providerId,
    before: fields.before ?? null,
    after: fields.after ?? null,
    details: fields.details ?? null,
    ip: fields.ip,
    userAgent: fields.userAgent,
  };
  return createHash('sha256').update(prevHash).update(canonicalJson(content)).digest('hex');
}

/**
 * Walks rows in id order from `expectedPrev` and returns the first broken link: a row whose prev_hash is not
 * the previous row's hash (a row was deleted or inserted) or whose hash does not match its content (edited).
 */
export function findChainBreak(rows: Iterable<ChainedRow>, expectedPrev: string): { lastHash: string; broken: ChainBreak | null } {
  let prev = expectedPrev;
  for (const row of rows) {
    if (row.prevHash !== prev) return { lastHash: prev, broken: { id: row.id, reason: 'prev_hash does not match the previous row (a row was removed or inserted)' } };
    if (chainHash(row.prevHash, row) !== row.hash) return { lastHash: prev, broken: { id: row.id, reason: 'hash does not match the row content (the row was edited)' } };
    prev = row.hash;
  }
  return { lastHash: prev, broken: null };
}

/** Strips secrets from before/after snapshots and makes them plain JSON. */
export function sanitizeSnapshot(value: unknown, depth = 0): unknown {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return `<${value.length} bytes>`;
  if (depth > 8) return '<nested>';
  if (Array.isArray(value)) return value.slice(0, 500).map((v) => sanitizeSnapshot(v, depth + 1));
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      out[k] = SECRET_KEY.test(k) ? (v === null || v === undefined ? null : '<redacted>') : sanitizeSnapshot(v, depth + 1);
    }
    return out;
  }
  if (typeof value === 'string' && value.length > 4000) return `${value.slice(0, 4000)}…`;
  if (typeof value === 'bigint') return value.toString();
  return value;
}

const SECRET_KEY = /password|secret|credential|token|key_hash|keyHash|apiKey$|^key$/i;
