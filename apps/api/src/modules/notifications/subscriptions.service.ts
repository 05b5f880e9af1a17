import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { isValidTimeZone } from '@kpi/domain';
import type {
  AlertSubscriptionDto,
  CreateMuteWindowRequest,
  MuteWindowDto,
  NotificationSettingsDto,
  SaveAlertSubscriptionRequest,
  SaveNotificationSettingsRequest,
} from '@kpi/contracts';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { ProviderScope } from '../auth/provider-scope';
import { DigestOutcome, DigestService } from './digest.service';
import { RecipientsRepository } from './recipients.repository';
import { describeSubscription } from './subscription-description';
import { SubscriptionRow, SubscriptionsRepository, SubscriptionValues } from './subscriptions.repository';

const MAX_MUTE_DAYS = 366;

/** "My alerts": a user's subscriptions, time zone and quiet hours, and mute windows. Everything is their own. */
@Injectable()
export class SubscriptionsService {
  constructor(
    private readonly subscriptions: SubscriptionsRepository,
    private readonly recipients: RecipientsRepository,
    private readonly digests: DigestService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  async list(user: AuthenticatedUser): Promise<AlertSubscriptionDto[]> {
    const rows = await this.subscriptions.listForUser(user.id);
    const settings = await this.subscriptions.settings(user.id, user.email);
    const names = await this.recipients.filterNames(this.dataSource, rows.map(filterOf));
    return rows.map((row) => toDto(row, describeSubscription({ ...deliveryOf(row), timeZone: settings.timeZone }, names)));
  }

  async create(user: AuthenticatedUser, request: SaveAlertSubscriptionRequest): Promise<AlertSubscriptionDto> {
    const id = await this.subscriptions.insert(user.id, await this.validated(user, request, null));
    return this.get(user, id);
  }

  async update(user: AuthenticatedUser, id: string, request: SaveAlertSubscriptionRequest): Promise<AlertSubscriptionDto> {
    const current = await this.subscriptions.findForUser(user.id, id);
    if (!current) throw new NotFoundException('Subscription not found');
    await this.subscriptions.update(user.id, id, await this.validated(user, request, current));
    return this.get(user, id);
  }

  async remove(user: AuthenticatedUser, id: string): Promise<void> {
    if (!(await this.subscriptions.delete(user.id, id))) throw new NotFoundException('Subscription not found');
  }

  /** Builds this subscription's digest now (what is new since its last digest); 'empty' when nothing is. */
  async sendDigestNow(user: AuthenticatedUser, id: string): Promise<DigestOutcome> {
    const current = await this.subscriptions.findForUser(user.id, id);
    if (!current) throw new NotFoundException('Subscription not found');
    if (!current.enabled || current.digest === 'none') {
      throw new BadRequestException('Turn on a daily or weekly digest for this subscription first');
    }
    return this.digests.sendNow(id);
  }

  settings(user: AuthenticatedUser): Promise<NotificationSettingsDto> {
    return this.subscriptions.settings(user.id, user.email);
  }

  async saveSettings(user: AuthenticatedUser, request: SaveNotificationSettingsRequest): Promise<NotificationSettingsDto> {
    if (!isValidTimeZone(request.timeZone)) throw new BadRequestException(`Unknown time zone "${request.timeZone}"`);
    if ((request.quietHoursStart === null) !== (request.quietHoursEnd === null)) {
      throw new BadRequestException('Give both quiet-hours limits, or neither');
    }
    await this.subscriptions.saveSettings(user.id, request.timeZone, request.quietHoursStart, request.quietHoursEnd);
    return this.settings(user);
  }

  muteWindows(user: AuthenticatedUser): Promise<MuteWindowDto[]> {
    return this.subscriptions.muteWindows(user.id);
  }

  async addMuteWindow(user: AuthenticatedUser, request: CreateMuteWindowRequest): Promise<MuteWindowDto[]> {
    const scope = ProviderScope.of(user);
    const startsAt = new Date(request.startsAt);
    const endsAt = new Date(request.endsAt);
    if (!(endsAt.getTime() > startsAt.getTime())) throw new BadRequestException('endsAt must be after startsAt');
    if (endsAt.getTime() - startsAt.getTime() > MAX_MUTE_DAYS * 86_400_000) {
      throw new BadRequestException(`A mute window may last at most ${MAX_MUTE_DAYS} days`);
    }
    let providerId = request.providerId ?? null;
    if (providerId) await this.assertProviders(scope, [providerId]);
    if (request.siteId) {
      const owner = (await this.subscriptions.sitesProviders([request.siteId])).get(request.siteId);
      if (!owner || !scope.includes(owner) || (providerId && owner !== providerId)) throw new NotFoundException('Site not found');
      providerId ??= owner;
    }
    if (request.kpiCode && !(await this.subscriptions.knownKpis([request.kpiCode])).has(request.kpiCode)) {
      throw new BadRequestException(`Unknown KPI "${request.kpiCode}"`);
    }
    await this.subscriptions.insertMuteWindow(user.id, {
      providerId,
      siteId: request.siteId ?? null,
      kpiCode: request.kpiCode ?? null,
      startsAt,
      endsAt,
      reason: request.reason.trim(),
    });
    return this.muteWindows(user);
  }

  async removeMuteWindow(user: AuthenticatedUser, id: string): Promise<void> {
    if (!(await this.subscriptions.deleteMuteWindow(user.id, id))) throw new NotFoundException('Mute window not found');
  }

  private async get(user: AuthenticatedUser, id: string): Promise<AlertSubscriptionDto> {
    const found = (await this.list(user)).find((s) => s.id === id);
    if (!found) throw new NotFoundException('Subscription not found');
    return found;
  }

  /** Checks every id against what the user may see (unknown or foreign ids are "not found"). */
  private async validated(
    user: AuthenticatedUser,
    r: SaveAlertSubscriptionRequest,
    current: SubscriptionRow | null,
  ): Promise<SubscriptionValues> {
    const scope = ProviderScope.of(user);
    const providerIds = unique(r.providerIds ?? current?.providerIds ?? []);
    const siteIds = unique(r.siteIds ?? current?.siteIds ?? []);
    const kpiCodes = unique(r.kpiCodes ?? current?.kpiCodes ?? []);
    await this.assertProviders(scope, providerIds);
    const siteOwners = await this.subscriptions.sitesProviders(siteIds);
    for (const siteId of siteIds) {
      const owner = siteOwners.get(siteId);
      if (!owner || !scope.includes(owner)) throw new NotFoundException('Site not found');
    }
    const known = await this.subscriptions.knownKpis(kpiCodes);
    const unknown = kpiCodes.filter((code) => !known.has(code));
    if (unknown.length > 0) throw new BadRequestException(`Unknown KPI ${unknown.map((c) => `"${c}"`).join(', ')}`);
    return {
      name: r.name.trim(),
      providerIds,
      siteIds,
      kpiCodes,
      kinds: unique(r.kinds ?? current?.kinds ?? []),
      minSeverity: r.minSeverity ?? current?.minSeverity ?? 'medium',
      immediate: r.immediate ?? current?.immediate ?? true,
      immediateMinSeverity: r.immediateMinSeverity ?? current?.immediateMinSeverity ?? 'critical',
      digest: r.digest ?? current?.digest ?? 'daily',
      digestHour: r.digestHour ?? current?.digestHour ?? 8,
      digestWeekday: r.digestWeekday ?? current?.digestWeekday ?? 1,
      enabled: r.enabled ?? current?.enabled ?? true,
    };
  }

  private async assertProviders(scope: ProviderScope, ids: string[]): Promise<void> {
    const existing = await this.subscriptions.existingProviders(ids);
    for (const id of ids) {
      scope.assertVisible(id);
      if (!existing.has(id)) throw new NotFoundException('Provider not found');
    }
  }
}

function unique<T>(values: readonly T[]): T[] {
  return [...new Set(values)];
}

function filterOf(row: SubscriptionRow) {
  return { providerIds: row.providerIds, siteIds: row.siteIds, kpiCodes: row.kpiCodes, kinds: row.kinds, minSeverity: row.minSeverity };
}

function deliveryOf(row: SubscriptionRow) {
  return {
    filter: filterOf(row),
    immediate: row.immediate,
    immediateMinSeverity: row.immediateMinSeverity,
    digest: row.digest,
    digestHour: row.digestHour,
    digestWeekday: row.digestWeekday,
  };
}

function toDto(row: SubscriptionRow, description: string): AlertSubscriptionDto {
  return {
    id: row.id,
    name: row.name,
    providerIds: row.providerIds,
    siteIds: row.siteIds,
    kpiCodes: row.kpiCodes,
    kinds: row.kinds,
    minSeverity: row.minSeverity,
    immediate: row.immediate,
    immediateMinSeverity: row.immediateMinSeverity,
    digest: row.digest,
    digestHour: row.digestHour,
    digestWeekday: row.digestWeekday,
    enabled: row.enabled,
    createdAt: row.createdAt.toISOString(),
    lastDigestAt: row.lastDigestAt ? row.lastDigestAt.toISOString() : null,
    description,
  };
}
