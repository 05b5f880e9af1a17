import type { Severity } from '@kpi/domain';
import { renderFooterText, renderLayout } from './email-layout';
import { SEVERITY_COLORS, SEVERITY_LABELS } from './format';
import { html, raw } from './html';
import type { EmailFooterView, RenderedEmail } from './email-view.types';

export type EscalationMailEvent =
  | 'opened'
  | 'escalated'
  | 'final_level_overdue'
  | 'reopened'
  | 'action_plan_proposed'
  | 'source_resolved';

export interface EscalationEmailView {
  recipientName: string;
  event: EscalationMailEvent;
  reference: string;
  title: string;
  providerName: string;
  severity: Severity;
  statusLabel: string;
  level: number;
  levelName: string;
  scopeLabel: string;
  summary: string | null;
  /** Why this mail (e.g. "not acknowledged within 4 hours at level 1"). */
  reason: string;
  ackDue: string | null;
  resolveDue: string | null;
  ownerName: string | null;
  actionPlan: string | null;
  link: string;
  footer: EmailFooterView;
}

const HEADINGS: Record<EscalationMailEvent, string> = {
  opened: 'New escalation',
  escalated: 'Escalated to you',
  final_level_overdue: 'Escalation overdue at the last level',
  reopened: 'Escalation reopened',
  action_plan_proposed: 'Action plan proposed',
  source_resolved: 'The problem behind an escalation is back in control',
};

/** A mail to the escalation matrix (or the owner) about one escalation. */
export function renderEscalationEmail(view: EscalationEmailView): RenderedEmail {
  const heading = HEADINGS[view.event];
  const subject = `[${view.reference}] ${heading}: ${view.title} (${view.providerName})`;
  const intro = `Hello ${view.recipientName}, ${view.reason}`;
  const rows: [string, string | null][] = [
    ['Provider', view.providerName],
    ['Scope', view.scopeLabel],
    ['Severity', SEVERITY_LABELS[view.severity]],
    ['Status', view.statusLabel],
    ['Level', `${view.level} · ${view.levelName}`],
    ['Owner', view.ownerName],
    ['Acknowledge by', view.ackDue],
    ['Resolve by', view.resolveDue],
  ];
  const body = html`<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border:1px solid #e4e7eb;border-left:4px solid ${SEVERITY_COLORS[view.severity]};border-radius:6px;">
<tr><td style="padding:12px 14px;">
<p style="margin:0 0 8px;font-size:15px;font-weight:bold;">${view.reference} · ${view.title}</p>
<table role="presentation" cellpadding="0" cellspacing="0" style="font-size:13px;line-height:1.6;">
${raw(
  rows
    .filter(([, value]) => value)
    .map(([label, value]) => html`<tr><td style="padding-right:12px;color:#52606d;">${label}</td><td>${value}</td></tr>`)
    .join(''),
)}
</table>
${view.summary ? raw(html`<p style="margin:8px 0 0;font-size:14px;line-height:1.5;">${view.summary}</p>`) : ''}
${view.actionPlan ? raw(html`<p style="margin:8px 0 0;font-size:14px;line-height:1.5;"><strong>Action plan:</strong> ${view.actionPlan}</p>`) : ''}
<p style="margin:10px 0 0;font-size:14px;"><a href="${view.link}" style="color:#1d4ed8;font-weight:bold;" data-dashboard-link="true">Open the escalation →</a></p>
</td></tr></table>`;
  const text = [
    heading,
    intro,
    '',
    `${view.reference} · ${view.title}`,
    ...rows.filter(([, value]) => value).map(([label, value]) => `${label}: ${value}`),
    ...(view.summary ? ['', view.summary] : []),
    ...(view.actionPlan ? ['', `Action plan: ${view.actionPlan}`] : []),
    '',
    `Open: ${view.link}`,
    '',
    renderFooterText(view.footer),
  ].join('\n');
  return { subject, html: renderLayout({ preheader: subject, heading, intro, body, footer: view.footer }), text };
}
