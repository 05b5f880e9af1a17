import {
  BadRequestException,
  CallHandler,
  ExecutionContext,
  Injectable,
  NestInterceptor,
  SetMetadata,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import { ROUTE_ARGS_METADATA } from '@nestjs/common/constants';
import { RouteParamtypes } from '@nestjs/common/enums/route-paramtypes.enum';
import { Reflector } from '@nestjs/core';
import type { Request } from 'express';
import type { Observable } from 'rxjs';

const ACCEPTS_BODY = 'kpi:accepts-body';
const JSON_TYPES = ['application/json'];
const MULTIPART_TYPES = ['multipart/form-data'];

/**
 * The media types a handler reads from the raw request itself (e.g. the push API's CSV), for handlers whose
 * body is not a `@Body()` DTO or an uploaded file.
 */
export const AcceptsBody = (...mediaTypes: string[]): MethodDecorator & ClassDecorator => SetMetadata(ACCEPTS_BODY, mediaTypes);

/**
 * Checks the request body against what the handler takes, before guards' successors (pipes, multer, the
 * handler) see it: a `@Body()` DTO takes JSON, an uploaded file multipart, `@AcceptsBody(...)` what it lists,
 * and any other handler no body at all (an empty JSON object, as browsers send with a bodyless POST, is fine).
 * Without this, a text/plain or XML body reaches a DTO whose fields are all optional as `{}` and the
 * action runs as if nothing were wrong.
 */
@Injectable()
export class RequestBodyInterceptor implements NestInterceptor {
  private readonly accepted = new Map<unknown, string[]>();

  constructor(private readonly reflector: Reflector) {}

  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'http') return next.handle();
    const req = context.switchToHttp().getRequest<Request>();
    if (!carriesBody(req)) return next.handle();
    const accepted = this.acceptedTypes(context);
    const mediaType = String(req.headers['content-type'] ?? '')
      .split(';')[0]
      .trim()
      .toLowerCase();
    if (accepted.length === 0) {
      if (mediaType === 'application/json' && isEmptyObject(req.body)) return next.handle();
      throw new BadRequestException('This endpoint takes no request body');
    }
    if (!accepted.includes(mediaType)) {
      throw new UnsupportedMediaTypeException(`Send the request body as ${accepted.join(' or ')}${mediaType ? `, not ${mediaType}` : ''}`);
    }
    return next.handle();
  }

  private acceptedTypes(context: ExecutionContext): string[] {
    const handler = context.getHandler();
    let types = this.accepted.get(handler);
    if (!types) {
      types = this.reflector.getAllAndOverride<string[] | undefined>(ACCEPTS_BODY, [handler, context.getClass()]) ?? fromParameters(context);
      this.accepted.set(handler, types);
    }
    return types;
  }
}

/** JSON for a `@Body()` parameter, multipart for an uploaded file, nothing otherwise. */
function fromParameters(context: ExecutionContext): string[] {
  const args = (Reflect.getMetadata(ROUTE_ARGS_METADATA, context.getClass(), context.getHandler().name) ?? {}) as Record<string, unknown>;
  const kinds = new Set(Object.keys(args).map((key) => Number(key.split(':')[0])));
  if (kinds.has(RouteParamtypes.FILE) || kinds.has(RouteParamtypes.FILES)) return MULTIPART_TYPES;
  if (kinds.has(RouteParamtypes.BODY)) return JSON_TYPES;
  return [];
}

function carriesBody(req: Request): boolean {
  return req.headers['transfer-encoding'] !== undefined || Number(req.headers['content-length'] ?? 0) > 0;
}

function isEmptyObject(value: unknown): boolean {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && Object.keys(value).length === 0;
}
