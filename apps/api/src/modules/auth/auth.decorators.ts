import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Request } from 'express';
import { AuthenticatedUser } from './authenticated-user';
import { ProviderScope } from './provider-scope';

// Who may call which route is data: ACCESS_MATRIX in access-matrix.ts, enforced by the global AuthGuard.

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
