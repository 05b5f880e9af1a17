import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import type { Role } from '@kpi/contracts';
import type { Request } from 'express';
import { AuthenticatedUser } from './authenticated-user';
import { ProviderScope } from './provider-scope';

export const IS_PUBLIC = 'kpi:isPublic';
export const ROLES = 'kpi:roles';

/** Marks a route as reachable without signing in (the global guard denies everything else). */
export const Public = () => SetMetadata(IS_PUBLIC, true);

/** Restricts a route to the given roles. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES, roles);

export interface AuthenticatedRequest extends Request {
  user?: AuthenticatedUser;
}

export const CurrentUserParam = createParamDecorator((_: unknown, ctx: ExecutionContext): AuthenticatedUser => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('CurrentUserParam used on a public route');
  return user;
});

/** The caller's provider scope; use it for every data query. */
export const Scope = createParamDecorator((_: unknown, ctx: ExecutionContext): ProviderScope => {
  const user = ctx.switchToHttp().getRequest<AuthenticatedRequest>().user;
  if (!user) throw new Error('Scope used on a public route');
  return ProviderScope.of(user);
});
