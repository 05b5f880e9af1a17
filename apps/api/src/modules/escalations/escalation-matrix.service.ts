import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import {
  ALERT_KINDS,
  DEFAULT_ESCALATION_LEVELS,
  resolveTriggerRules,
  SEVERITIES,
  type AlertKind,
  type EscalationTriggerRules,
  type Severity,
} from '@kpi/domain';
import type { EscalationMatrixDto, SaveEscalationMatrixRequest } from '@kpi/contracts';
import type { SqlExecutor } from '../alerts/alert.types';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { EscalationMatrixRepository } from './escalation-matrix.repository';
import type { MatrixContact, MatrixLevel } from './escalation.types';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * The escalation matrix of each provider: levels with contacts and time limits, and the rules deciding which
 * alerts open an escalation. A provider without one gets a default: its account managers, then its own
 * staff, then the executives.
 */
@Injectable()
export class EscalationMatrixService {
  constructor(
    private readonly matrix: EscalationMatrixRepository,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async levelsFor(db: SqlExecutor, providerId: string): Promise<{ levels: MatrixLevel[]; isDefault: boolean }> {
    const configured = await this.matrix.levels(db, providerId);
    if (configured.length > 0) return { levels: configured, isDefault: false };
    const people = await this.matrix.defaultContacts(db, providerId);
    const fallback = people.admins;
    const contactsByLevel: MatrixContact[][] = [people.managers, people.providerStaff, people.executives];
    return {
      isDefault: true,
      levels: DEFAULT_ESCALATION_LEVELS.map((rule, i) => ({
        ...rule,
        contacts: contactsByLevel[i]?.length ? contactsByLevel[i] : fallback,
      })),
    };
  }

  async rulesFor(db: SqlExecutor, providerId: string): Promise<Required<EscalationTriggerRules>> {
    return resolveTriggerRules(await this.matrix.rules(db, providerId));
  }

  async get(scope: ProviderScope, providerId: string): Promise<EscalationMatrixDto> {
    scope.assertVisible(providerId);
    const [provider] = await this.dataSource.query(`SELECT id, code, name FROM providers WHERE id = $1`, [providerId]);
    if (!provider) throw new NotFoundException('Provider not found');
    const { levels, isDefault } = await this.levelsFor(this.dataSource, providerId);
    const rules = await this.rulesFor(this.dataSource, providerId);
    return {
      providerId,
      providerCode: provider.code,
      providerName: provider.name,
      rules: rules as Record<AlertKind, Severity | null>,
      levels,
      isDefault,
    };
  }

  async list(scope: ProviderScope): Promise<EscalationMatrixDto[]> {
    const params: unknown[] = [];
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM providers WHERE ${scope.sqlCondition('id', params)} ORDER BY name`,
      params,
    );
    return Promise.all(rows.map((r) => this.get(scope, r.id)));
  }

  async save(user: AuthenticatedUser, providerId: string, request: SaveEscalationMatrixRequest): Promise<EscalationMatrixDto> {
    const scope = ProviderScope.of(user);
    scope.assertVisible(providerId);
    const [provider] = await this.dataSource.query(`SELECT id FROM providers WHERE id = $1`, [providerId]);
    if (!provider) throw new NotFoundException('Provider not found');
    if (request.levels.length === 0) throw new BadRequestException('An escalation matrix needs at least one level');
    const userIds = request.levels.flatMap((l) => l.contacts.map((c) => c.userId)).filter((id): id is string => Boolean(id));
    const users = await this.matrix.users(this.dataSource, userIds);
    // Outside contacts typed again by address keep the name they had.
    const knownNames = new Map(
      (await this.matrix.levels(this.dataSource, providerId)).flatMap((l) => l.contacts).map((c) => [c.email.toLowerCase(), c.name]),
    );
    const byEmail = await this.matrix.usersByEmail(
      this.dataSource,
      request.levels.flatMap((l) => l.contacts.filter((c) => !c.userId).map((c) => c.email.trim())),
    );
    const levels: MatrixLevel[] = request.levels.map((level, i) => ({
      level: i + 1,
      name: level.name.trim(),
      ackWithinMinutes: level.ackWithinMinutes,
      resolveWithinMinutes: level.resolveWithinMinutes,
      contacts: level.contacts.map((c) => {
        if (c.userId) {
          const known = users.get(c.userId);
          if (!known) throw new BadRequestException(`Level ${i + 1}: unknown user ${c.userId}`);
          return known;
        }
        const email = c.email.trim();
        if (!EMAIL.test(email)) throw new BadRequestException(`Level ${i + 1}: "${c.email}" is not an email address`);
        // An address that belongs to a user becomes that user (who can then sign in and act on the escalation).
        const user = byEmail.get(email.toLowerCase());
        if (user) return user;
        return { userId: null, name: (c.name ?? '').trim() || knownNames.get(email.toLowerCase()) || email, email };
      }),
    }));
    for (const level of levels) {
      if (level.contacts.length === 0) throw new BadRequestException(`Level ${level.level} (${level.name}) needs at least one contact`);
      if (level.resolveWithinMinutes < level.ackWithinMinutes) {
        throw new BadRequestException(`Level ${level.level}: the time to resolve cannot be shorter than the time to acknowledge`);
      }
    }
    const rules: EscalationTriggerRules = {};
    for (const [kind, value] of Object.entries(request.rules ?? {})) {
      if (!ALERT_KINDS.includes(kind as AlertKind)) throw new BadRequestException(`Unknown alert kind "${kind}" in rules`);
      if (value !== null && !SEVERITIES.includes(value as Severity)) {
        throw new BadRequestException(`rules.${kind} must be one of ${SEVERITIES.join(', ')} or null`);
      }
      (rules as Record<AlertKind, Severity | null>)[kind as AlertKind] = value as Severity | null;
    }
    const current = (await this.matrix.rules(this.dataSource, providerId)) ?? {};
    await this.dataSource.transaction((db) => this.matrix.save(db, providerId, { ...current, ...rules }, levels, user.id));
    return this.get(scope, providerId);
  }
}
