import { Body, Controller, Delete, Get, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import type {
  AlertSubscriptionDto,
  MailboxListDto,
  MailboxMessageDto,
  MailboxStatusDto,
  MuteWindowDto,
  NotificationSettingsDto,
  OutboxListDto,
} from '@kpi/contracts';
import { parseId } from '../../common/parse-id.pipe';
import { CurrentUserParam } from '../auth/auth.decorators';
import type { AuthenticatedUser } from '../auth/authenticated-user';
import { CreateMuteWindowDto } from './dto/create-mute-window.dto';
import { OutboxQueryDto } from './dto/outbox-query.dto';
import { SaveSettingsDto } from './dto/save-settings.dto';
import { SaveSubscriptionDto } from './dto/save-subscription.dto';
import { MailboxService } from './mailbox.service';
import { OutboxService } from './outbox.service';
import { SubscriptionsService } from './subscriptions.service';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(
    private readonly subscriptions: SubscriptionsService,
    private readonly outbox: OutboxService,
    private readonly mailbox: MailboxService,
  ) {}

  @Get('settings')
  settings(@CurrentUserParam() user: AuthenticatedUser): Promise<NotificationSettingsDto> {
    return this.subscriptions.settings(user);
  }

  @Put('settings')
  saveSettings(@CurrentUserParam() user: AuthenticatedUser, @Body() body: SaveSettingsDto): Promise<NotificationSettingsDto> {
    return this.subscriptions.saveSettings(user, body);
  }

  @Get('subscriptions')
  listSubscriptions(@CurrentUserParam() user: AuthenticatedUser): Promise<AlertSubscriptionDto[]> {
    return this.subscriptions.list(user);
  }

  @Post('subscriptions')
  createSubscription(@CurrentUserParam() user: AuthenticatedUser, @Body() body: SaveSubscriptionDto): Promise<AlertSubscriptionDto> {
    return this.subscriptions.create(user, body);
  }

  @Put('subscriptions/:id')
  updateSubscription(
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('id', parseId('Subscription')) id: string,
    @Body() body: SaveSubscriptionDto,
  ): Promise<AlertSubscriptionDto> {
    return this.subscriptions.update(user, id, body);
  }

  @Delete('subscriptions/:id')
  @HttpCode(204)
  removeSubscription(@CurrentUserParam() user: AuthenticatedUser, @Param('id', parseId('Subscription')) id: string): Promise<void> {
    return this.subscriptions.remove(user, id);
  }

  @Post('subscriptions/:id/send-digest')
  @HttpCode(202)
  async sendDigestNow(
    @CurrentUserParam() user: AuthenticatedUser,
    @Param('id', parseId('Subscription')) id: string,
  ): Promise<{ outcome: string }> {
    return { outcome: await this.subscriptions.sendDigestNow(user, id) };
  }

  @Get('mute-windows')
  muteWindows(@CurrentUserParam() user: AuthenticatedUser): Promise<MuteWindowDto[]> {
    return this.subscriptions.muteWindows(user);
  }

  @Post('mute-windows')
  addMuteWindow(@CurrentUserParam() user: AuthenticatedUser, @Body() body: CreateMuteWindowDto): Promise<MuteWindowDto[]> {
    return this.subscriptions.addMuteWindow(user, body);
  }

  @Delete('mute-windows/:id')
  @HttpCode(204)
  removeMuteWindow(@CurrentUserParam() user: AuthenticatedUser, @Param('id', parseId('Mute window')) id: string): Promise<void> {
    return this.subscriptions.removeMuteWindow(user, id);
  }

  /** The sent-mail log: status per message (queued, sent, failed with the reason). */
  @Get('outbox')
  listOutbox(@CurrentUserParam() user: AuthenticatedUser, @Query() query: OutboxQueryDto): Promise<OutboxListDto> {
    return this.outbox.list(user, query);
  }

  @Post('outbox/:id/retry')
  @HttpCode(202)
  async retryOutbox(@CurrentUserParam() user: AuthenticatedUser, @Param('id', parseId('Message')) id: string): Promise<void> {
    await this.outbox.retry(user, id);
  }

  @Get('mailbox/status')
  mailboxStatus(): MailboxStatusDto {
    return this.mailbox.status();
  }

  /** Mail received by the built-in local mail catcher (when SMTP_URL is not set). */
  @Get('mailbox')
  listMailbox(@CurrentUserParam() user: AuthenticatedUser, @Query() query: OutboxQueryDto): Promise<MailboxListDto> {
    return this.mailbox.list(user, { limit: Math.min(query.limit ?? 50, 200), offset: query.offset ?? 0 });
  }

  @Get('mailbox/:id')
  getMailboxMessage(@CurrentUserParam() user: AuthenticatedUser, @Param('id', parseId('Message')) id: string): Promise<MailboxMessageDto> {
    return this.mailbox.get(user, id);
  }
}
