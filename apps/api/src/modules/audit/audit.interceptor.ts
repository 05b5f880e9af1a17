import { CallHandler, ExecutionContext, HttpException, Injectable, NestInterceptor } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import { Observable, from, lastValueFrom } from 'rxjs';
import { hashApiKey } from '../ingestion/secrets/credentials-cipher';
import type { AuthenticatedRequest } from '../auth/auth.decorators';
import { AUDITED_ROUTES } from './audit-resources';
import { AUDIT_SPEC, AuditSpec } from './audit.decorator';
import { AuditService } from './audit.service';

const API_KEY_HEADER = 'x-api-key';

/**
 * The one place requests are audited: routes marked @Audit(...) (or listed in AUDITED_ROUTES) are recorded
 * with the caller, the resource, the provider, before/after snapshots for changes, and the outcome.
 * The record is written before the response goes out, so an unrecorded access never succeeds.
 */
@Injectable()
export class AuditInterceptor implements NestInterceptor {
  constructor(
    private readonly reflector: Reflector,
    private readonly audit: AuditService,
  ) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const spec = this.reflector.get<AuditSpec | undefined>(AUDIT_SPEC, context.getHandler()) ?? routeSpec(req);
    if (!spec) return next.handle();
    return from(this.run(spec, req, next));
  }

  private async run(spec: AuditSpec, req: AuthenticatedRequest, next: CallHandler): Promise<unknown> {
    const params = (req.params ?? {}) as Record<string, string>;
    const resourceId = spec.idParam ? params[spec.idParam] : undefined;
    const before = spec.change ? await this.audit.snapshot(spec.resource, resourceId) : undefined;
    const actor = await this.actor(spec, req);
    const base = {
      action: spec.action,
      actorUserId: req.user?.id ?? null,
      actorApiKeyId: actor.apiKeyId,
      actorLabel: req.user?.email ?? actor.label,
      resourceType: spec.resource ?? null,
      ip: req.ip ?? null,
      userAgent: headerText(req, 'user-agent'),
    };
    const providerParam = params[spec.providerParam ?? 'providerId'];
    let result: unknown;
    try {
      result = await lastValueFrom(next.handle(), { defaultValue: undefined });
    } catch (error) {
      const status = error instanceof HttpException ? error.getStatus() : 500;
      await this.audit.record({
        ...base,
        outcome: `error:${status}`,
        resourceId: resourceId ?? null,
        providerId: providerParam ?? actor.providerId ?? providerOf(before),
        details: { method: req.method, path: req.originalUrl?.split('?')[0] ?? null, query: queryOf(req) },
      });
      throw error;
    }
    const createdId = resourceId ?? idOf(result);
    const after = spec.change ? ((await this.audit.snapshot(spec.resource, createdId)) ?? (req.method === 'DELETE' ? null : result ?? null)) : undefined;
    await this.audit.record({
      ...base,
      outcome: 'success',
      resourceId: createdId ?? null,
      providerId: providerParam ?? actor.providerId ?? providerOf(after) ?? providerOf(before) ?? providerOf(result),
      before: before ?? null,
      after: after ?? null,
      details: { method: req.method, path: req.originalUrl?.split('?')[0] ?? null, query: queryOf(req) },
    });
    return result;
  }

  private async actor(spec: AuditSpec, req: Request): Promise<{ apiKeyId: string | null; providerId: string | null; label: string | null }> {
    if (!spec.apiKey) return { apiKeyId: null, providerId: null, label: null };
    const key = headerText(req, API_KEY_HEADER)?.trim();
    if (!key) return { apiKeyId: null, providerId: null, label: 'api-key:missing' };
    const found = await this.audit.apiKeyOf(hashApiKey(key));
    return found
      ? { apiKeyId: found.id, providerId: found.providerId, label: `api-key:${key.slice(0, 12)}` }
      : { apiKeyId: null, providerId: null, label: 'api-key:unknown' };
  }
}

function routeSpec(req: Request): AuditSpec | undefined {
  const path = (req.route as { path?: string } | undefined)?.path;
  return path ? AUDITED_ROUTES[`${req.method} ${path}`] : undefined;
}

function headerText(req: Request, name: string): string | null {
  const value = req.headers[name];
  return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : null;
}

function queryOf(req: Request): Record<string, unknown> | null {
  const q = req.query as Record<string, unknown> | undefined;
  return q && Object.keys(q).length > 0 ? q : null;
}

function idOf(value: unknown): string | undefined {
  const v = value as { id?: unknown; runId?: unknown; code?: unknown } | null;
  const id = v?.id ?? v?.runId ?? v?.code;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : undefined;
}

function providerOf(value: unknown): string | null {
  if (!value || typeof value !== 'object') return null;
  const v = value as { providerId?: unknown; provider_id?: unknown };
  const id = v.providerId ?? v.provider_id;
  return typeof id === 'string' ? id : null;
}
