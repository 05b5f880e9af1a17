import { Controller, Delete, ForbiddenException, Get, Logger, Post, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ExecutionContextHost } from '@nestjs/core/helpers/execution-context-host';
import { ROLES } from '@kpi/contracts';
import { ACCESS_MATRIX, type AccessRule, accessRuleFor, type Caller, decideAccess, routeKey } from './access-matrix';
import type { AuthenticatedUser } from './authenticated-user';
import { AuthGuard, handlerRouteKeys } from './auth.guard';
import type { AuthService } from './auth.service';

describe('routeKey', () => {
  it.each([
    [['GET', 'api', 'providers', ':id'], 'GET /api/providers/:id'],
    [['get', 'api', '/providers/', '/:id/'], 'GET /api/providers/:id'],
    [['POST', 'api', 'escalations', '/'], 'POST /api/escalations'],
    [['GET', 'api', '', ''], 'GET /api'],
    [['PUT', 'api', 'drift/settings', ':kpiCode/providers/:providerId'], 'PUT /api/drift/settings/:kpiCode/providers/:providerId'],
  ])('%p -> %s', (parts, expected) => {
    const [method, ...path] = parts;
    expect(routeKey(method, ...path)).toBe(expected);
  });
});

describe('accessRuleFor', () => {
  const admins: AccessRule = { allow: ['admin'] };
  const matrix: Record<string, AccessRule> = {
    'GET /api/a': admins,
    'GET /api/b': { allow: ['admin'] },
    'GET /api/c': { allow: 'public' },
  };

  it('finds the entry of a listed route', () => {
    expect(accessRuleFor(matrix, ['GET /api/a'])).toBe(admins);
  });

  it('fails closed: an unlisted route, another method, a near miss or no route at all has no rule', () => {
    expect(accessRuleFor(matrix, ['GET /api/z'])).toBeUndefined();
    expect(accessRuleFor(matrix, ['POST /api/a'])).toBeUndefined();
    expect(accessRuleFor(matrix, ['GET /api/a/'])).toBeUndefined();
    expect(accessRuleFor(matrix, ['GET /api/toString'])).toBeUndefined();
    expect(accessRuleFor(matrix, [])).toBeUndefined();
  });

  it('needs every path of a multi-path handler listed, with the same callers', () => {
    expect(accessRuleFor(matrix, ['GET /api/a', 'GET /api/b'])).toEqual(admins);
    expect(accessRuleFor(matrix, ['GET /api/a', 'GET /api/z'])).toBeUndefined();
    expect(accessRuleFor(matrix, ['GET /api/a', 'GET /api/c'])).toBeUndefined();
  });
});

describe('decideAccess', () => {
  const user = (role: (typeof ROLES)[number]): Caller => ({ kind: 'user', role });
  const apiKey: Caller = { kind: 'api-key' };
  it.each<[string, AccessRule, Caller, string]>([
    ['public, nobody', { allow: 'public' }, null, 'allow'],
    ['public, a user', { allow: 'public' }, user('provider'), 'allow'],
    ['roles, nobody', { allow: ['admin'] }, null, 'unauthenticated'],
    ['roles, listed role', { allow: ['admin', 'account_manager'] }, user('account_manager'), 'allow'],
    ['roles, other role', { allow: ['admin', 'account_manager'] }, user('executive'), 'forbidden'],
    ['roles, an API key', { allow: ROLES }, apiKey, 'forbidden'],
    ['no roles at all', { allow: [] }, user('admin'), 'forbidden'],
    ['api-key, a key', { allow: 'api-key' }, apiKey, 'allow'],
    ['api-key, a user', { allow: 'api-key' }, user('admin'), 'forbidden'],
    ['api-key, nobody', { allow: 'api-key' }, null, 'unauthenticated'],
  ])('%s', (_, rule, caller, expected) => {
    expect(decideAccess(rule, caller)).toBe(expected);
  });
});

describe('ACCESS_MATRIX', () => {
  it('has well-formed keys and known roles only', () => {
    for (const [key, rule] of Object.entries(ACCESS_MATRIX)) {
      expect(key).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \/api(\/[A-Za-z0-9:_-]+)+$/);
      if (typeof rule.allow !== 'string') {
        expect(rule.allow.length).toBeGreaterThan(0);
        for (const role of rule.allow) expect(ROLES).toContain(role);
      }
    }
  });

  it('keeps executives read-only and provider staff away from feeds, contracts, keys, KPIs and administration', () => {
    // An executive's own password and notification settings, and a review pack (an export), change no governed data.
    const executiveMayWrite = (key: string) => key === 'POST /api/reports' || key.startsWith('POST /api/auth/') || key.includes(' /api/notifications/');
    for (const [key, rule] of Object.entries(ACCESS_MATRIX)) {
      if (typeof rule.allow === 'string' || key.startsWith('GET ')) continue;
      if (!executiveMayWrite(key)) expect([key, rule.allow.includes('executive')]).toEqual([key, false]);
      if (/\/(feeds|sla\/contracts|api-keys|admin|kpis|drift)\b/.test(key)) expect([key, rule.allow.includes('provider')]).toEqual([key, false]);
    }
    expect(ACCESS_MATRIX['GET /api/admin/users'].allow).toEqual(['admin']);
  });

  it('derives the escalation actions from the workflow: provider staff acknowledge and comment, only the client resolves', () => {
    expect(ACCESS_MATRIX['POST /api/escalations/:id/acknowledge'].allow).toEqual(['admin', 'account_manager', 'provider']);
    expect(ACCESS_MATRIX['POST /api/escalations/:id/comments'].allow).toEqual(['admin', 'account_manager', 'provider']);
    expect(ACCESS_MATRIX['POST /api/escalations/:id/resolve'].allow).toEqual(['admin', 'account_manager']);
  });

  it('lets an API key reach only the push routes', () => {
    const apiKeyRoutes = Object.entries(ACCESS_MATRIX).filter(([, rule]) => rule.allow === 'api-key').map(([key]) => key);
    expect(apiKeyRoutes.sort()).toEqual(['GET /api/ingest/runs/:id', 'POST /api/ingest/push']);
  });
});

// Controllers shaped like the real ones, to check the guard reads the same metadata Nest routes by.
@Controller('providers')
class ProvidersLikeController {
  @Get(':id') get() { return true; }
  @Get() list() { return true; }
}
@Controller('escalations')
class EscalationsLikeController {
  @Post(':id/resolve') resolve() { return true; }
}
@Controller()
class HealthLikeController {
  @Get('health') health() { return true; }
}
@Controller('ingest')
class PushLikeController {
  @Post('push') push() { return true; }
}
@Controller('not-in-the-matrix')
class UnlistedController {
  @Delete(':id') remove() { return true; }
}

describe('handlerRouteKeys', () => {
  const reflector = new Reflector();
  it.each<[string, object, (...args: never[]) => unknown]>([
    ['GET /api/providers/:id', ProvidersLikeController, ProvidersLikeController.prototype.get],
    ['GET /api/providers', ProvidersLikeController, ProvidersLikeController.prototype.list],
    ['POST /api/escalations/:id/resolve', EscalationsLikeController, EscalationsLikeController.prototype.resolve],
    ['GET /api/health', HealthLikeController, HealthLikeController.prototype.health],
  ])('%s', (expected, controller, handler) => {
    expect(handlerRouteKeys(reflector, controller, handler)).toEqual([expected]);
  });

  it('gives no key for a method that is not a route', () => {
    expect(handlerRouteKeys(reflector, ProvidersLikeController, () => undefined)).toEqual([]);
  });
});

describe('AuthGuard', () => {
  const users: Record<string, AuthenticatedUser> = {
    'token-admin': { id: 'u1', email: 'a@x', displayName: 'A', role: 'admin', providerId: null, providerIds: null },
    'token-provider': { id: 'u2', email: 'p@x', displayName: 'P', role: 'provider', providerId: 'p1', providerIds: ['p1'] },
    'token-executive': { id: 'u3', email: 'e@x', displayName: 'E', role: 'executive', providerId: null, providerIds: null },
  };
  const authenticate = jest.fn(async (token: string) => users[token] ?? null);
  const guard = new AuthGuard(new Reflector(), { authenticate } as unknown as AuthService);
  const logged = jest.spyOn(Logger.prototype, 'error').mockImplementation(() => undefined);

  beforeEach(() => {
    authenticate.mockClear();
    logged.mockClear();
  });

  function contextFor(controller: new () => object, handler: (...args: never[]) => unknown, headers: Record<string, string> = {}) {
    const request = { headers } as { headers: Record<string, string>; user?: AuthenticatedUser };
    return { request, context: new ExecutionContextHost([request, {}], controller as never, handler) };
  }

  it('allows a public route without looking at credentials', async () => {
    const { context } = contextFor(HealthLikeController, HealthLikeController.prototype.health, { authorization: 'Bearer junk' });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
  });

  it('signs the caller in and allows a listed role, attaching the user for @Scope()', async () => {
    const { context, request } = contextFor(ProvidersLikeController, ProvidersLikeController.prototype.get, { authorization: 'Bearer token-provider' });
    await expect(guard.canActivate(context)).resolves.toBe(true);
    expect(request.user?.id).toBe('u2');
  });

  it('answers 401 without credentials or with a bad token, 403 for a role the route does not list', async () => {
    const resolve = EscalationsLikeController.prototype.resolve;
    await expect(guard.canActivate(contextFor(EscalationsLikeController, resolve).context)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard.canActivate(contextFor(EscalationsLikeController, resolve, { authorization: 'Bearer expired' }).context)).rejects.toBeInstanceOf(UnauthorizedException);
    await expect(guard.canActivate(contextFor(EscalationsLikeController, resolve, { authorization: 'Bearer token-executive' }).context)).rejects.toBeInstanceOf(ForbiddenException);
    await expect(guard.canActivate(contextFor(EscalationsLikeController, resolve, { authorization: 'Bearer token-admin' }).context)).resolves.toBe(true);
  });

  it('lets an API key reach the push route only, and no signed-in person', async () => {
    const push = contextFor(PushLikeController, PushLikeController.prototype.push, { 'x-api-key': 'kpik_some-key' });
    await expect(guard.canActivate(push.context)).resolves.toBe(true);
    expect(authenticate).not.toHaveBeenCalled();
    const people = contextFor(ProvidersLikeController, ProvidersLikeController.prototype.list, { 'x-api-key': 'kpik_some-key' });
    await expect(guard.canActivate(people.context)).rejects.toBeInstanceOf(ForbiddenException);
    const signedIn = contextFor(PushLikeController, PushLikeController.prototype.push, { authorization: 'Bearer token-admin' });
    await expect(guard.canActivate(signedIn.context)).rejects.toBeInstanceOf(ForbiddenException);
    const nobody = contextFor(PushLikeController, PushLikeController.prototype.push);
    await expect(guard.canActivate(nobody.context)).rejects.toBeInstanceOf(UnauthorizedException);
  });

  it('refuses a route missing from the matrix, even for an admin, and logs it', async () => {
    const { context } = contextFor(UnlistedController, UnlistedController.prototype.remove, { authorization: 'Bearer token-admin' });
    await expect(guard.canActivate(context)).rejects.toBeInstanceOf(ForbiddenException);
    expect(authenticate).not.toHaveBeenCalled();
    expect(logged).toHaveBeenCalledWith(expect.stringContaining('DELETE /api/not-in-the-matrix/:id'));
  });

  it('resolves each handler once', async () => {
    const spy = jest.spyOn(Reflector.prototype, 'get');
    const fresh = new AuthGuard(new Reflector(), { authenticate } as unknown as AuthService);
    const health = HealthLikeController.prototype.health;
    await fresh.canActivate(contextFor(HealthLikeController, health).context);
    const calls = spy.mock.calls.length;
    await fresh.canActivate(contextFor(HealthLikeController, health).context);
    expect(spy.mock.calls.length).toBe(calls);
    spy.mockRestore();
  });
});
