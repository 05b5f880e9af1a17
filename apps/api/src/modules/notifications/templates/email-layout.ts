import { CHANGE_LABELS, KIND_LABELS, SEVERITY_COLORS, SEVERITY_LABELS } from './format';
import { html, raw } from './html';
import type { AlertItemView, EmailFooterView } from './email-view.types';

const FONT = "font-family:Arial,Helvetica,sans-serif;";

/** The shared HTML frame: a hidden preheader, a heading, the body and the footer with the unsubscribe link. */
export function renderLayout(input: { preheader: string; heading: string; intro: string; body: string; footer: EmailFooterView }): string {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${input.heading}</title></head>
<body style="margin:0;padding:0;background:#f5f7fa;${raw(FONT)}color:#1f2933;">
<div style="display:none;max-height:0;overflow:hidden;">${input.preheader}</div>
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:#f5f7fa;"><tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background:#ffffff;border:1px solid #d9e2ec;border-radius:8px;">
<tr><td style="padding:20px 24px 8px;">
<p style="margin:0 0 4px;font-size:12px;letter-spacing:.04em;text-transform:uppercase;color:#52606d;">KPI Governance</p>
<h1 style="margin:0 0 8px;font-size:20px;line-height:1.3;">${input.heading}</h1>
<p style="margin:0;font-size:14px;line-height:1.5;color:#3e4c59;">${input.intro}</p>
</td></tr>
<tr><td style="padding:8px 24px 16px;">${raw(input.body)}</td></tr>
<tr><td style="padding:16px 24px 20px;border-top:1px solid #e4e7eb;font-size:12px;line-height:1.5;color:#52606d;">
<p style="margin:0 0 6px;">${input.footer.reason}</p>
<p style="margin:0;"><a href="${input.footer.settingsUrl}" style="color:#1d4ed8;">Manage your alerts</a> · <a href="${input.footer.unsubscribeUrl}" style="color:#1d4ed8;" data-unsubscribe="true">${input.footer.unsubscribeLabel}</a></p>
</td></tr>
</table></td></tr></table>
</body></html>`;
}

export function renderFooterText(footer: EmailFooterView): string {
  return [`--`, footer.reason, `Manage your alerts: ${footer.settingsUrl}`, `${footer.unsubscribeLabel}: ${footer.unsubscribeUrl}`].join('\n');
}

/** One alert block: badges, title, since when / how much, the explanation, the trend image and the link. */
export function renderAlertItemHtml(item: AlertItemView): string {
  const color = SEVERITY_COLORS[item.severity];
  const changeLabel = item.change === 'reminder' ? 'Still open' : CHANGE_LABELS[item.change];
  const facts = [item.since ? `Since ${item.since}` : null, item.howMuch].filter(Boolean).join(' · ');
  return html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="margin:0 0 16px;border:1px solid #e4e7eb;border-left:4px solid ${color};border-radius:6px;" data-alert-item="true">
<tr><td style="padding:12px 14px;">
<p style="margin:0 0 6px;font-size:12px;">
<span style="display:inline-block;padding:1px 6px;border-radius:4px;background:${color};color:#fff;font-weight:bold;">${SEVERITY_LABELS[item.severity]}</span>
<span style="display:inline-block;padding:1px 6px;border-radius:4px;background:#e4e7eb;color:#1f2933;">${changeLabel}</span>
<span style="color:#52606d;">${KIND_LABELS[item.kind]}${item.escalationReference ? ` · ${item.escalationReference}` : ''}</span>
</p>
<p style="margin:0 0 2px;font-size:15px;font-weight:bold;">${item.title}</p>
<p style="margin:0 0 6px;font-size:13px;color:#52606d;">${item.providerName} · ${item.scopeLabel}</p>
${facts ? raw(html`<p style="margin:0 0 6px;font-size:14px;"><strong>${facts}</strong></p>`) : ''}
${item.explanation ? raw(html`<p style="margin:0 0 8px;font-size:14px;line-height:1.5;">${item.explanation}</p>`) : ''}
${item.chart ? raw(html`<img src="cid:${item.chart.contentId}" width="${item.chart.width}" height="${item.chart.height}" alt="${item.chart.alt}" style="display:block;width:100%;max-width:${item.chart.width}px;height:auto;border:0;margin:0 0 8px;">`) : ''}
<p style="margin:0;font-size:14px;"><a href="${item.link}" style="color:#1d4ed8;font-weight:bold;" data-dashboard-link="true">Open in KPI Governance →</a></p>
</td></tr></table>`;
}

export function renderAlertItemText(item: AlertItemView): string {
  const changeLabel = item.change === 'reminder' ? 'Still open' : CHANGE_LABELS[item.change];
  const lines = [
    `[${SEVERITY_LABELS[item.severity]}] [${changeLabel}] ${item.title}`,
    `${KIND_LABELS[item.kind]} · ${item.providerName} · ${item.scopeLabel}${item.escalationReference ? ` · ${item.escalationReference}` : ''}`,
  ];
  const facts = [item.since ? `Since ${item.since}` : null, item.howMuch].filter(Boolean).join(' · ');
  if (facts) lines.push(facts);
  if (item.explanation) lines.push(item.explanation);
  lines.push(`Open: ${item.link}`);
  return lines.join('\n');
}
