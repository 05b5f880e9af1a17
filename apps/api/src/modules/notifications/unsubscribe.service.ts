import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../config/app-config.service';
import { OutboxService } from './outbox.service';
import { SubscriptionsRepository } from './subscriptions.repository';
import { escapeHtml, html, raw } from './templates/html';
import { UnsubscribeTokensService } from './unsubscribe-tokens.service';

export interface UnsubscribePage {
  status: number;
  html: string;
}

@Injectable()
export class UnsubscribeService {
  constructor(
    private readonly tokens: UnsubscribeTokensService,
    private readonly subscriptions: SubscriptionsRepository,
    private readonly outbox: OutboxService,
    private readonly config: AppConfig,
  ) {}

  async confirmationPage(token: string | undefined): Promise<UnsubscribePage> {
    const target = await this.tokens.verify(token);
    if (!target) return this.invalid();
    const what = target.t === 'sub' ? 'this alert subscription' : `escalation mail to ${target.e}`;
    const action = `/api/notifications/unsubscribe?token=${encodeURIComponent(token ?? '')}`;
    return {
      status: 200,
      html: page(
        'Unsubscribe',
        html`<p>Stop ${what}?</p>
<form method="post" action="${action}"><button type="submit" data-testid="unsubscribe-confirm">Unsubscribe</button></form>`,
        this.config.publicUrl,
      ),
    };
  }

  async apply(token: string | undefined): Promise<UnsubscribePage> {
    const target = await this.tokens.verify(token);
    if (!target) return this.invalid();
    if (target.t === 'sub') {
      const name = await this.subscriptions.unsubscribe(target.id);
      if (name === null) return { status: 404, html: page('Unsubscribe', html`<p>This subscription no longer exists.</p>`, this.config.publicUrl) };
      return {
        status: 200,
        html: page(
          'Unsubscribed',
          html`<p data-testid="unsubscribed">You will no longer get mail from the subscription "${name}". You can turn it on again under My alerts.</p>`,
          this.config.publicUrl,
        ),
      };
    }
    await this.outbox.addOptOut(target.e);
    return {
      status: 200,
      html: page('Unsubscribed', html`<p data-testid="unsubscribed">No more escalation mail will be sent to ${target.e}.</p>`, this.config.publicUrl),
    };
  }

  private invalid(): UnsubscribePage {
    return { status: 400, html: page('Link not valid', html`<p>This unsubscribe link is not valid. Manage your alerts after signing in.</p>`, this.config.publicUrl) };
  }
}

function page(title: string, body: string, publicUrl: string): string {
  return html`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${title} · KPI Governance</title>
<style>body{font-family:Arial,Helvetica,sans-serif;max-width:36rem;margin:3rem auto;padding:0 1rem;color:#1f2933}button{font:inherit;padding:.5rem 1rem;border-radius:6px;border:1px solid #1d4ed8;background:#1d4ed8;color:#fff;cursor:pointer}a{color:#1d4ed8}</style>
</head><body><h1>${title}</h1>${raw(body)}<p><a href="${raw(escapeHtml(publicUrl))}/alerts">My alerts</a></p></body></html>`;
}
