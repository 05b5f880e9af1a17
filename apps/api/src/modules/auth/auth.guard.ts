import { CanActivate, ExecutionContext, ForbiddenException, Injectable, Logger, RequestMethod, UnauthorizedException } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { Reflector } from '@nestjs/core';
import { AccessRule, ACCESS_MATRIX, accessRuleFor, API_PREFIX, Caller, decideAccess, RouteKey, routeKey } from './access-matrix';
import { AuthenticatedRequest } from './auth.decorators';
import { AuthService } from './auth.service';

const API_KEY_HEADER = 'x-api-key';

interface HandlerAccess {
  keys: RouteKey[];
  rule: AccessRule | undefined;
}

/**
 * Global guard, the one place access is decided: it looks the handler's route up in ACCESS_MATRIX and allows
 * the call, or answers 401 (no valid credential) or 403 (a credential the route does not accept). A route
 * missing from the matrix is refused and logged. Provider scoping of the data stays with @Scope() in services.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger(AuthGuard.name);
  private readonly handlers = new Map<unknown, HandlerAccess>();

  constructor(
    private readonly reflector: Reflector,
    private readonly auth: AuthService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const access = this.accessOf(context);
    if (!access.rule) {
      this.logger.error(`Refused ${access.keys.join(', ') || context.getClass().name}: the route is not in the access matrix`);
      throw new ForbiddenException('This endpoint is not open to anyone');
    }
    if (access.rule.allow === 'public') return true;

    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const decision = decideAccess(access.rule, await this.callerOf(request));
    if (decision === 'unauthenticated') {
      throw new UnauthorizedException(access.rule.allow === 'api-key' ? 'A valid X-Api-Key header is required' : 'Sign in required');
    }
    if (decision === 'forbidden') throw new ForbiddenException('Your role does not allow this');
    return true;
  }

  /** The matrix entry of a handler, resolved from its controller and method metadata once and then cached. */
  private accessOf(context: ExecutionContext): HandlerAccess {
    const handler = context.getHandler();
    let access = this.handlers.get(handler);
    if (!access) {
      const keys = handlerRouteKeys(this.reflector, context.getClass(), handler);
      access = { keys, rule: accessRuleFor(ACCESS_MATRIX, keys) };
      this.handlers.set(handler, access);
    }
    return access;
  }

  /**
   * One credential per request: an X-Api-Key header (a provider system) or a bearer token (a person). The key
   * itself is checked where it is used, by the push service (which also keeps it to its own provider and has
   * refused keys audited); here it only decides which routes the request may reach.
   */
  private async callerOf(request: AuthenticatedRequest): Promise<Caller> {
    const key = request.headers[API_KEY_HEADER];
    if (typeof key === 'string' && key.trim()) return { kind: 'api-key' };
    const header = request.headers.authorization;
    const token = header?.startsWith('Bearer ') ? header.slice(7).trim() : undefined;
    if (!token) return null;
    const user = await this.auth.authenticate(token);
    if (!user) throw new UnauthorizedException('Session expired, please sign in again');
    request.user = user;
    return { kind: 'user', role: user.role };
  }
}

/** Every `'METHOD /api/path'` a handler is registered under, from the same metadata Nest routes by. */
export function handlerRouteKeys(reflector: Reflector, controller: object, handler: object): RouteKey[] {
  const methodValue = reflector.get<RequestMethod | undefined>(METHOD_METADATA, handler as never);
  const method = methodValue === undefined ? undefined : RequestMethod[methodValue];
  if (!method) return [];
  const controllerPaths = pathsOf(reflector.get<string | string[] | undefined>(PATH_METADATA, controller as never));
  const handlerPaths = pathsOf(reflector.get<string | string[] | undefined>(PATH_METADATA, handler as never));
  return controllerPaths.flatMap((base) => handlerPaths.map((path) => routeKey(method, API_PREFIX, base, path)));
}

function pathsOf(value: string | string[] | undefined): string[] {
  if (value === undefined) return ['/'];
  return Array.isArray(value) ? (value.length > 0 ? value : ['/']) : [value];
}
