import type { AlertChangeType, AlertKind, Severity } from '@kpi/domain';

export interface RenderedEmail {
  subject: string;
  html: string;
  text: string;
}

/** One alert as an email shows it (digest line or immediate alert). */
export interface AlertItemView {
  change: AlertChangeType | 'reminder';
  severity: Severity;
  kind: AlertKind;
  providerName: string;
  title: string;
  scopeLabel: string;
  /** "7 Mar 2026" */
  since: string | null;
  /** "+11.2 % (5:55 min → 6:35 min)" */
  howMuch: string | null;
  explanation: string | null;
  link: string;
  escalationReference: string | null;
  chart: { contentId: string; alt: string; width: number; height: number } | null;
}

/** What every email ends with: why the recipient gets it, and how to stop. */
export interface EmailFooterView {
  reason: string;
  unsubscribeUrl: string;
  unsubscribeLabel: string;
  settingsUrl: string;
}
