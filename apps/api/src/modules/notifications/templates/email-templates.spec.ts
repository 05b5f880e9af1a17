import { renderAlertEmail } from './alert-email.template';
import { renderDigestEmail } from './digest-email.template';
import type { AlertItemView, EmailFooterView } from './email-view.types';
import { renderEscalationEmail } from './escalation-email.template';
import { formatKpiValue, formatRelativeChange } from './format';

const footer: EmailFooterView = {
  reason: 'You receive this because of your alert subscription "Mine" (all).',
  unsubscribeUrl: 'https://kpi.test/api/notifications/unsubscribe?token=a.b',
  unsubscribeLabel: 'Unsubscribe from this subscription',
  settingsUrl: 'https://kpi.test/alerts',
};

const item = (extra: Partial<AlertItemView> = {}): AlertItemView => ({
  change: 'opened',
  severity: 'critical',
  kind: 'drift',
  providerName: 'Norte Contact Solutions',
  title: 'AHT drift at Monterrey <script>',
  scopeLabel: 'AHT · Monterrey · voice',
  since: '3 Jul 2026',
  howMuch: '+12.4 % (5:55 min → 6:39 min)',
  explanation: 'AHT rose "a lot" & fast',
  link: 'https://kpi.test/escalations/e1',
  escalationReference: 'ESC-0001',
  chart: { contentId: 'chart-1-x@kpi-governance', alt: 'Daily AHT', width: 520, height: 180 },
  ...extra,
});

describe('email templates', () => {
  it('renders a digest grouped by provider, escaped, with images, links and the unsubscribe link', () => {
    const email = renderDigestEmail({
      recipientName: 'María',
      title: 'Daily digest',
      periodLabel: 'since 20 Nov 2026, 08:00 (America/Mexico_City)',
      groups: [
        { providerName: 'Norte Contact Solutions', items: [item(), item({ change: 'resolved', severity: 'high', chart: null })] },
        { providerName: 'Pacífico BPO', items: [item({ change: 'worsened', providerName: 'Pacífico BPO', title: 'SL drop' })] },
      ],
      mutedCount: 2,
      dashboardUrl: 'https://kpi.test',
      footer,
    });
    expect(email.subject).toBe('KPI Governance daily digest: 1 new, 1 worse, 1 resolved (Norte Contact Solutions, Pacífico BPO)');
    expect(email.html).not.toContain('<script>');
    expect(email.html).toContain('AHT drift at Monterrey &lt;script&gt;');
    expect(email.html).toContain('AHT rose &quot;a lot&quot; &amp; fast');
    expect(email.html.match(/data-provider-group="true"/g)).toHaveLength(2);
    expect(email.html.match(/src="cid:chart-1-x@kpi-governance"/g)).toHaveLength(2);
    expect(email.html).toContain('href="https://kpi.test/escalations/e1"');
    expect(email.html).toContain('href="https://kpi.test/api/notifications/unsubscribe?token=a.b"');
    expect(email.html).toContain('2 items were left out by your mute windows.');
    expect(email.text).toContain('== Pacífico BPO ==');
    expect(email.text).toContain('[Critical] [New] AHT drift at Monterrey <script>');
    expect(email.text).toContain('Since 3 Jul 2026 · +12.4 % (5:55 min → 6:39 min)');
    expect(email.text).toContain('Unsubscribe from this subscription: https://kpi.test/api/notifications/unsubscribe?token=a.b');
  });

  it.each([
    ['opened', '[Critical] New: AHT drift at Monterrey <script> (Norte Contact Solutions)'],
    ['worsened', '[Critical] Worse: AHT drift at Monterrey <script> (Norte Contact Solutions)'],
    ['reminder', '[Critical] Still open: AHT drift at Monterrey <script> (Norte Contact Solutions)'],
    ['resolved', 'Resolved: AHT drift at Monterrey <script> (Norte Contact Solutions)'],
  ] as const)('names an immediate %s alert in the subject', (change, subject) => {
    const email = renderAlertEmail({ recipientName: 'María', item: item({ change }), footer });
    expect(email.subject).toBe(subject);
    expect(email.html).toContain('data-unsubscribe="true"');
  });

  it('renders escalation mail with its deadlines and link', () => {
    const email = renderEscalationEmail({
      recipientName: 'Carmen',
      event: 'escalated',
      reference: 'ESC-0007',
      title: 'Email backlog',
      providerName: 'Pacífico BPO',
      severity: 'medium',
      statusLabel: 'Open',
      level: 2,
      levelName: 'Provider operations lead',
      scopeLabel: 'Backlog · Guadalajara',
      summary: null,
      reason: 'ESC-0007 reached level 2.',
      ackDue: '21 Nov 2026, 10:00 (America/Mexico_City)',
      resolveDue: null,
      ownerName: 'María López',
      actionPlan: null,
      link: 'https://kpi.test/escalations/e7',
      footer,
    });
    expect(email.subject).toBe('[ESC-0007] Escalated to you: Email backlog (Pacífico BPO)');
    expect(email.text).toContain('Acknowledge by: 21 Nov 2026, 10:00 (America/Mexico_City)');
    expect(email.text).not.toContain('Resolve by');
    expect(email.html).toContain('href="https://kpi.test/escalations/e7"');
  });

  it.each([
    [0.8123, 'percent', 1, '81.2 %'],
    [395, 'seconds', 0, '6:35 min'],
    [42.5, 'seconds', 1, '42.5 s'],
    [3.14, 'days', 1, '3.1 days'],
    [1234.4, 'count', 0, '1,234'],
    [null, 'percent', 1, '–'],
  ] as const)('formatKpiValue(%p, %s)', (value, unit, precision, text) => {
    expect(formatKpiValue(value, unit, precision)).toBe(text);
  });

  it.each([
    [0.124, '+12.4 %'],
    [-0.041, '−4.1 %'],
    [null, null],
  ])('formatRelativeChange(%p)', (magnitude, text) => {
    expect(formatRelativeChange(magnitude)).toBe(text);
  });
});
