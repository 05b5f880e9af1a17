import { renderAlertItemHtml, renderAlertItemText, renderFooterText, renderLayout } from './email-layout';
import { html } from './html';
import type { AlertItemView, EmailFooterView, RenderedEmail } from './email-view.types';

export interface DigestEmailView {
  recipientName: string;
  /** "Daily digest" / "Weekly digest" */
  title: string;
  /** "since 1 Nov 2026, 08:00 (America/Mexico_City)" */
  periodLabel: string;
  groups: { providerName: string; items: AlertItemView[] }[];
  mutedCount: number;
  dashboardUrl: string;
  footer: EmailFooterView;
}

/** Everything new since the last digest, grouped by provider. */
export function renderDigestEmail(view: DigestEmailView): RenderedEmail {
  const items = view.groups.flatMap((g) => g.items);
  const count = (change: AlertItemView['change']) => items.filter((i) => i.change === change).length;
  const parts = [
    count('opened') + count('reopened') > 0 ? `${count('opened') + count('reopened')} new` : null,
    count('worsened') > 0 ? `${count('worsened')} worse` : null,
    count('resolved') > 0 ? `${count('resolved')} resolved` : null,
  ].filter(Boolean);
  const providers = view.groups.map((g) => g.providerName).join(', ');
  const subject = `KPI Governance ${view.title.toLowerCase()}: ${parts.join(', ') || 'no changes'} (${providers})`;
  const intro = `Hello ${view.recipientName}, here is what changed ${view.periodLabel}.`;
  const mutedNote =
    view.mutedCount > 0 ? `${view.mutedCount} item${view.mutedCount === 1 ? ' was' : 's were'} left out by your mute windows.` : null;
  const body =
    view.groups
      .map(
        (group) =>
          html`<h2 style="margin:16px 0 8px;font-size:16px;" data-provider-group="true">${group.providerName}</h2>` +
          group.items.map(renderAlertItemHtml).join(''),
      )
      .join('') +
    (mutedNote ? html`<p style="margin:8px 0 0;font-size:13px;color:#52606d;">${mutedNote}</p>` : '') +
    html`<p style="margin:12px 0 0;font-size:14px;"><a href="${view.dashboardUrl}" style="color:#1d4ed8;">Open the dashboard</a></p>`;
  const text = [
    view.title,
    intro,
    '',
    ...view.groups.flatMap((group) => [`== ${group.providerName} ==`, '', ...group.items.flatMap((i) => [renderAlertItemText(i), ''])]),
    ...(mutedNote ? [mutedNote, ''] : []),
    `Dashboard: ${view.dashboardUrl}`,
    '',
    renderFooterText(view.footer),
  ].join('\n');
  return {
    subject,
    html: renderLayout({ preheader: subject, heading: view.title, intro, body, footer: view.footer }),
    text,
  };
}
