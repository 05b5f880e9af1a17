import { renderAlertItemHtml, renderAlertItemText, renderFooterText, renderLayout } from './email-layout';
import { CHANGE_LABELS, SEVERITY_LABELS } from './format';
import type { AlertItemView, EmailFooterView, RenderedEmail } from './email-view.types';

export interface AlertEmailView {
  recipientName: string;
  item: AlertItemView;
  footer: EmailFooterView;
}

/** An immediate alert about one item (new, worse, still open after the renotify interval, or resolved). */
export function renderAlertEmail(view: AlertEmailView): RenderedEmail {
  const { item } = view;
  const subject =
    item.change === 'resolved'
      ? `Resolved: ${item.title} (${item.providerName})`
      : `[${SEVERITY_LABELS[item.severity]}] ${item.change === 'reminder' ? 'Still open' : CHANGE_LABELS[item.change]}: ${item.title} (${item.providerName})`;
  const intro =
    item.change === 'resolved'
      ? `Hello ${view.recipientName}, this problem is back in control.`
      : item.change === 'reminder'
        ? `Hello ${view.recipientName}, this problem is still open.`
        : `Hello ${view.recipientName}, this needs your attention.`;
  const heading = item.change === 'resolved' ? 'Resolved' : `${SEVERITY_LABELS[item.severity]} alert`;
  return {
    subject,
    html: renderLayout({ preheader: subject, heading, intro, body: renderAlertItemHtml(item), footer: view.footer }),
    text: [`${heading}`, intro, '', renderAlertItemText(item), '', renderFooterText(view.footer)].join('\n'),
  };
}
