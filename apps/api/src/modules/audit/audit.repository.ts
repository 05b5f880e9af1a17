import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditChainFields, ChainBreak, ChainedRow, GENESIS_HASH, chainHash, findChainBreak } from './audit-chain';

/** Arbitrary constant identifying the audit chain's advisory lock. */
export const AUDIT_LOCK_KEY = 7_100_913_337;

export type NewAuditRow = Omit<AuditChainFields, 'id' | 'at'> & { at?: Date };

export interface AuditSearch {
  from?: string;
  to?: string;
  action?: string;
  actor?: string;
  providerId?: string;
  resourceType?: string;
  resourceId?: string;
  /** Restricts to these providers (the per-provider view); null = any. */
  providerIds?: string[] | null;
  actions?: string[];
  limit: number;
  offset: number;
}

interface DbRow {
  id: number;
  at: Date;
  actor_user_id: string | null;
  actor_api_key_id: string | null;
  actor_label: string | null;
  action: string;
  outcome: string;
  resource_type: string | null;
  resource_id: string | null;
  provider_id: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  ip: string | null;
  user_agent: string | null;
  prev_hash: string;
  hash: string;
  provider_name?: string | null;
}

const VERIFY_BATCH = 5000;

@Injectable()
export class AuditRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Appends one row to the chain: under a transaction-scoped advisory lock, reads the last hash, takes the next
   * id and inserts, so concurrent writers (in this or another instance) always form one linear chain.
   */
  async append(row: NewAuditRow): Promise<{ id: number; hash: string }> {
    return this.dataSource.transaction(async (em: EntityManager) => {
      await em.query(`SELECT pg_advisory_xact_lock($1)`, [AUDIT_LOCK_KEY]);
      const last: { hash: string }[] = await em.query(`SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1`);
      const prevHash = last[0]?.hash ?? GENESIS_HASH;
      const [{ id }]: { id: number }[] = await em.query(`SELECT nextval('audit_log_id_seq')::bigint AS id`);
      // Millisecond precision, so the timestamp read back is exactly the one hashed.
      const at = new Date(Math.floor((row.at ?? new Date()).getTime())).toISOString();
      const fields: AuditChainFields = { ...row, id: Number(id), at, before: row.before ?? null, after: row.after ?? null, details: row.details ?? null };
      const hash = chainHash(prevHash, fields);
      await em.query(
        `INSERT INTO audit_log (id, at, actor_user_id, actor_api_key_id, actor_label, action, outcome, resource_type, resource_id,
                                provider_id, before, after, details, ip, user_agent, prev_hash, hash)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11::jsonb, $12::jsonb, $13::jsonb, $14, $15, $16, $17)`,
        [
          fields.id,
          at,
          fields.actorUserId,
          fields.actorApiKeyId,
          fields.actorLabel,
          fields.action,
          fields.outcome,
          fields.resourceType,
          fields.resourceId,
          fields.providerId,
          jsonParam(fields.before),
          jsonParam(fields.after),
          jsonParam(fields.details),
          fields.ip,
          fields.userAgent,
          prevHash,
          hash,
        ],
      );
      return { id: fields.id, hash };
    });
  }

  /** Recomputes the whole chain in id order, in batches; the first broken link or null. */
  verify(): Promise<{ rows: number; broken: ChainBreak | null }> {
    return verifyAuditChain((sql, params) => this.dataSource.query(sql, params));
  }

  async search(q: AuditSearch): Promise<{ total: number; rows: (ChainedRow & { providerName: string | null })[] }> {
    const params: unknown[] = [];
    const where: string[] = [];
    const add = (sql: (p: string) => string, value: unknown) => {
      params.push(value);
      where.push(sql(`$${params.length}`));
    };
    if (q.from) add((p) => `a.at >= ${p}::timestamptz`, q.from);
    if (q.to) add((p) => `a.at < ${p}::timestamptz`, q.to);
    if (q.action) add((p) => `a.action LIKE ${p} || '%'`, q.action.replace(/[\\%_]/g, (c) => `\\${c}`));
    if (q.actor) add((p) => `(a.actor_label ILIKE '%' || ${p} || '%' OR a.actor_user_id::text = ${p} OR a.actor_api_key_id::text = ${p})`, q.actor.replace(/[\\%_]/g, (c) => `\\${c}`));
    if (q.providerId) add((p) => `a.provider_id = ${p}::uuid`, q.providerId);
    if (q.resourceType) add((p) => `a.resource_type = ${p}`, q.resourceType);
    if (q.resourceId) add((p) => `a.resource_id = ${p}`, q.resourceId);
    if (q.providerIds) add((p) => `a.provider_id = ANY(${p}::uuid[])`, q.providerIds);
    if (q.actions) add((p) => `a.action = ANY(${p}::text[])`, q.actions);
    const whereSql = where.length ? `WHERE ${where.join(' AND ')}` : '';
    const [{ total }]: { total: number }[] = await this.dataSource.query(`SELECT count(*)::int AS total FROM audit_log a ${whereSql}`, params);
    const rows: DbRow[] = await this.dataSource.query(
      `SELECT a.*, p.name AS provider_name FROM audit_log a LEFT JOIN providers p ON p.id = a.provider_id ${whereSql}
       ORDER BY a.id DESC LIMIT $${params.length + 1} OFFSET $${params.length + 2}`,
      [...params, q.limit, q.offset],
    );
    return { total, rows: rows.map((r) => ({ ...toChained(r), providerName: r.provider_name ?? null })) };
  }

  /** A row of any table as JSON, for before/after snapshots (table and key come from the audit's own registry). */
  async snapshot(sql: string, id: string): Promise<unknown> {
    const rows: { doc: unknown }[] = await this.dataSource.query(sql, [id]);
    return rows[0]?.doc ?? null;
  }

  async apiKeyByHash(hash: string): Promise<{ id: string; providerId: string } | null> {
    const rows: { id: string; provider_id: string }[] = await this.dataSource.query(
      `SELECT id, provider_id FROM provider_api_keys WHERE key_hash = $1`,
      [hash],
    );
    return rows[0] ? { id: rows[0].id, providerId: rows[0].provider_id } : null;
  }
}

function jsonParam(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

function toChained(r: DbRow): ChainedRow {
  return {
    id: Number(r.id),
    at: r.at.toISOString(),
    actorUserId: r.actor_user_id,
    actorApiKeyId: r.actor_api_key_id,
    actorLabel: r.actor_label,
    action: r.action,
    outcome: r.outcome,
    resourceType: r.resource_type,
    resourceId: r.resource_id,
    providerId: r.provider_id,
    before: r.before,
    after: r.after,
    details: r.details,
    ip: r.ip,
    userAgent: r.user_agent,
    prevHash: r.prev_hash,
    hash: r.hash,
  };
}

/** The chain check shared by the service and `npm run audit:verify` (which has no Nest context). */
export async function verifyAuditChain(query: (sql: string, params: unknown[]) => Promise<unknown[]>): Promise<{ rows: number; broken: ChainBreak | null }> {
  let prev = GENESIS_HASH;
  let afterId = 0;
  let count = 0;
  for (;;) {
    const rows = (await query(`SELECT * FROM audit_log WHERE id > $1 ORDER BY id LIMIT $2`, [afterId, VERIFY_BATCH])) as DbRow[];
    if (rows.length === 0) return { rows: count, broken: null };
    const result = findChainBreak(rows.map(toChained), prev);
    const broken = result.broken;
    if (broken) return { rows: count + rows.findIndex((r) => Number(r.id) === broken.id), broken };
    prev = result.lastHash;
    afterId = Number(rows[rows.length - 1].id);
    count += rows.length;
  }
}
