import { BadRequestException, ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { CreateUserRequest, Role, UpdateUserRequest, UserSummary } from '@kpi/contracts';
import { DataSource, EntityManager } from 'typeorm';
import { AuthService } from '../auth/auth.service';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { hashPassword } from '../auth/password-hasher';
import { passwordProblems } from '../auth/password-policy';
import { UsersRepository } from '../auth/users.repository';

interface ProviderLinks {
  providerId: string | null;
  providerIds: string[];
}

/**
 * User administration. Whatever changes what a user may see (role, provider, assignments) or disables the
 * account revokes all of their sessions, so the change applies to open browsers at once, not at token expiry.
 */
@Injectable()
export class UsersService {
  constructor(
    private readonly users: UsersRepository,
    private readonly auth: AuthService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  list(): Promise<UserSummary[]> {
    return this.users.listAll();
  }

  async create(request: CreateUserRequest): Promise<UserSummary> {
    const links = linksFor(request.role, request.providerId ?? null, request.providerIds ?? []);
    if (request.password !== undefined) {
      const problems = passwordProblems(request.password, { email: request.email });
      if (problems.length > 0) throw new BadRequestException(problems);
    }
    const passwordHash = request.password === undefined ? null : await hashPassword(request.password);
    const id = await this.dataSource.transaction(async (manager) => {
      await assertProvidersExist(manager, links);
      let rows: { id: string }[];
      try {
        rows = await manager.query(
          `INSERT INTO users (email, display_name, password_hash, role, provider_id) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
          [request.email.trim(), request.displayName.trim(), passwordHash, request.role, links.providerId],
        );
      } catch (error) {
        if ((error as { code?: string }).code === '23505') throw new ConflictException(`A user with the email ${request.email} already exists`);
        throw error;
      }
      await replaceAssignments(manager, rows[0].id, links.providerIds);
      return rows[0].id;
    });
    return this.summary(id);
  }

  async update(actor: AuthenticatedUser, id: string, request: UpdateUserRequest): Promise<UserSummary> {
    const current = await this.summary(id);
    const role = request.role ?? current.role;
    if (id === actor.id && ((request.role !== undefined && request.role !== current.role) || request.disabled === true)) {
      throw new BadRequestException('You cannot change your own role or disable your own account; ask another admin');
    }
    const links = linksFor(
      role,
      request.providerId !== undefined ? request.providerId : role === current.role ? current.providerId : null,
      request.providerIds ?? (role === current.role ? current.providerIds : []),
    );
    const accessChanged =
      role !== current.role || links.providerId !== current.providerId || !sameSet(links.providerIds, current.providerIds);
    const disabling = request.disabled === true && current.disabledAt === null;
    await this.dataSource.transaction(async (manager) => {
      await assertProvidersExist(manager, links);
      await manager.query(
        `UPDATE users SET display_name = coalesce($2, display_name), role = $3, provider_id = $4,
           disabled_at = CASE WHEN $5::boolean IS NULL THEN disabled_at WHEN $5 THEN coalesce(disabled_at, now()) ELSE NULL END,
           updated_at = now()
         WHERE id = $1`,
        [id, request.displayName?.trim() ?? null, role, links.providerId, request.disabled ?? null],
      );
      await replaceAssignments(manager, id, links.providerIds);
    });
    if (accessChanged || disabling) await this.auth.revokeSessions(id);
    return this.summary(id);
  }

  /** An admin sets a new password (e.g. the user forgot theirs); the user's sessions end. */
  async setPassword(id: string, password: string): Promise<void> {
    const user = await this.summary(id);
    await this.auth.setPassword(id, user.email, password);
    await this.auth.revokeSessions(id);
  }

  private async summary(id: string): Promise<UserSummary> {
    const user = await this.users.findSummary(id);
    if (!user) throw new NotFoundException('User not found');
    return user;
  }
}

/** Which provider links a role has: a provider user works for one provider, an account manager looks after several. */
function linksFor(role: Role, providerId: string | null, providerIds: string[]): ProviderLinks {
  if (role === 'provider') {
    if (!providerId) throw new BadRequestException('providerId is required for a provider user');
    if (providerIds.length > 0) throw new BadRequestException('providerIds is only for account managers');
    return { providerId, providerIds: [] };
  }
  if (providerId) throw new BadRequestException('providerId is only for provider users');
  if (role !== 'account_manager' && providerIds.length > 0) throw new BadRequestException('providerIds is only for account managers');
  return { providerId: null, providerIds: [...new Set(providerIds)] };
}

async function assertProvidersExist(manager: EntityManager, links: ProviderLinks): Promise<void> {
  const ids = [...(links.providerId ? [links.providerId] : []), ...links.providerIds];
  if (ids.length === 0) return;
  const found: { id: string }[] = await manager.query(`SELECT id FROM providers WHERE id = ANY($1::uuid[])`, [ids]);
  const missing = ids.filter((id) => !found.some((row) => row.id === id));
  if (missing.length > 0) throw new BadRequestException(`Unknown provider id(s): ${missing.join(', ')}`);
}

async function replaceAssignments(manager: EntityManager, userId: string, providerIds: string[]): Promise<void> {
  await manager.query(`DELETE FROM user_provider_assignments WHERE user_id = $1 AND NOT (provider_id = ANY($2::uuid[]))`, [userId, providerIds]);
  await manager.query(
    `INSERT INTO user_provider_assignments (user_id, provider_id) SELECT $1, unnest($2::uuid[]) ON CONFLICT DO NOTHING`,
    [userId, providerIds],
  );
}

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id) => b.includes(id));
}
