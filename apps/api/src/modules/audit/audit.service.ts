import { Injectable, Logger } from '@nestjs/common';
import type { AuditEntryDto, AuditPageDto, AuditVerificationDto } from '@kpi/contracts';
import { PROVIDER_ACCESS_ACTIONS } from '@kpi/contracts';
import { ProviderScope } from '../auth/provider-scope';
import { sanitizeSnapshot } from './audit-chain';
import { AUDIT_SNAPSHOTS } from './audit-resources';
import { AuditRepository, AuditSearch } from './audit.repository';

export interface AuditRecord {
  action: string;
  outcome?: string;
  actorUserId?: string | null;
  actorApiKeyId?: string | null;
  actorLabel?: string | null;
  resourceType?: string | null;
  resourceId?: string | null;
  providerId?: string | null;
  before?: unknown;
  after?: unknown;
  details?: unknown;
  ip?: string | null;
  userAgent?: string | null;
}

export type AuditFilter = Omit<AuditSearch, 'providerIds' | 'actions' | 'limit' | 'offset'> & { limit?: number; offset?: number };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const EXPORT_MAX_ROWS = 50_000;

/** The audit trail: append (hash-chained), search, export, verify. */
@Injectable()
export class AuditService {
  private readonly logger = new Logger(AuditService.name);

  constructor(private readonly repository: AuditRepository) {}

  /** Appends one record; secrets in before/after/details are redacted and long strings cut. */
  async record(entry: AuditRecord): Promise<void> {
    await this.repository.append({
      action: entry.action.slice(0, 64),
      outcome: (entry.outcome ?? 'success').slice(0, 16),
      actorUserId: validUuid(entry.actorUserId),
      actorApiKeyId: validUuid(entry.actorApiKeyId),
      actorLabel: entry.actorLabel?.slice(0, 254) ?? null,
      resourceType: entry.resourceType?.slice(0, 48) ?? null,
      resourceId: entry.resourceId?.slice(0, 128) ?? null,
      providerId: validUuid(entry.providerId),
      before: cleanJson(entry.before),
      after: cleanJson(entry.after),
      details: cleanJson(entry.details),
      ip: entry.ip?.slice(0, 64) ?? null,
      userAgent: entry.userAgent?.slice(0, 400) ?? null,
    });
  }

  /** The current state of an audited resource, for before/after; null when unknown or absent. */
  async snapshot(resourceType: string | undefined, id: string | undefined | null): Promise<unknown> {
    const spec = resourceType ? AUDIT_SNAPSHOTS[resourceType] : undefined;
    if (!spec || !id || (spec.uuid && !UUID.test(id))) return null;
    try {
      return sanitizeSnapshot(await this.repository.snapshot(spec.sql, id));
    } catch (error) {
      this.logger.warn(`audit snapshot of ${resourceType} ${id} failed: ${String(error)}`);
      return null;
    }
  }

  async apiKeyOf(hash: string): Promise<{ id: string; providerId: string } | null> {
    return this.repository.apiKeyByHash(hash);
  }

  async search(filter: AuditFilter): Promise<AuditPageDto> {
    const page = await this.repository.search({ ...filter, limit: clamp(filter.limit ?? 100, 1, 500), offset: Math.max(0, filter.offset ?? 0) });
    return { total: page.total, entries: page.rows.map(toDto) };
  }

  /** Who accessed one provider's data (views, downloads, exports), for its account managers. */
  async providerAccess(scope: ProviderScope, providerId: string, filter: AuditFilter): Promise<AuditPageDto> {
    scope.assertVisible(providerId);
    const page = await this.repository.search({
      ...filter,
      providerId,
      actions: [...PROVIDER_ACCESS_ACTIONS],
      limit: clamp(filter.limit ?? 100, 1, 500),
      offset: Math.max(0, filter.offset ?? 0),
    });
    return { total: page.total, entries: page.rows.map(toDto) };
  }

  async exportCsv(filter: AuditFilter): Promise<string> {
    const page = await this.repository.search({ ...filter, limit: EXPORT_MAX_ROWS, offset: 0 });
    const header = ['id', 'at', 'actor', 'actor_user_id', 'actor_api_key_id', 'action', 'outcome', 'resource_type', 'resource_id', 'provider_id', 'provider', 'ip', 'user_agent', 'before', 'after', 'details', 'hash'];
    const lines = [header.join(',')];
    for (const r of page.rows) {
      lines.push(
        [r.id, r.at, r.actorLabel, r.actorUserId, r.actorApiKeyId, r.action, r.outcome, r.resourceType, r.resourceId, r.providerId, r.providerName, r.ip, r.userAgent,
          json(r.before), json(r.after), json(r.details), r.hash]
          .map(csvCell)
          .join(','),
      );
    }
    return `${lines.join('\r\n')}\r\n`;
  }

  async verify(): Promise<AuditVerificationDto> {
    const result = await this.repository.verify();
    return { ok: result.broken === null, rowsChecked: result.rows, brokenAt: result.broken };
  }
}

function toDto(r: Awaited<ReturnType<AuditRepository['search']>>['rows'][number]): AuditEntryDto {
  const { prevHash: _prev, ...rest } = r;
  return rest;
}

function validUuid(value: string | null | undefined): string | null {
  return value && UUID.test(value) ? value : null;
}

function cleanJson(value: unknown): unknown {
  if (value === undefined || value === null) return null;
  // Through JSON and back: what is hashed is exactly what jsonb will give back (no NUL characters, no undefined).
  const text = JSON.stringify(sanitizeSnapshot(value));
  return text === undefined ? null : JSON.parse(text.replace(/\\u0000/g, ''));
}

function json(value: unknown): string | null {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** RFC 4180 quoting, and a leading quote on cells a spreadsheet would run as a formula. */
function csvCell(value: unknown): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function clamp(n: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, Math.trunc(n)));
}
