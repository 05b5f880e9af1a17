import type { AlertKind, EscalationStatus, RootCauseCategory, Severity } from '@kpi/domain';

/**
 * Demo escalation matrices, alert subscriptions and a few escalations with history, so the Escalations page,
 * the Mailbox and the digests have content on a new install. Times are relative to the moment of seeding.
 */
export interface DemoMatrixContact {
  /** A demo user's email, or an outside address (provider staff who do not sign in). */
  email: string;
  name?: string;
}

export interface DemoMatrixLevel {
  name: string;
  ackWithinMinutes: number;
  resolveWithinMinutes: number;
  contacts: DemoMatrixContact[];
}

const HOUR = 60;
const DAY = 24 * HOUR;

export const DEMO_MATRICES: Record<string, DemoMatrixLevel[]> = {
  NORTE: [
    { name: 'Account manager', ackWithinMinutes: 4 * HOUR, resolveWithinMinutes: 5 * DAY, contacts: [{ email: 'maria.lopez@demo.kpigov.mx' }] },
    { name: 'Provider operations lead', ackWithinMinutes: 2 * HOUR, resolveWithinMinutes: 3 * DAY, contacts: [{ email: 'lead@norte.demo.kpigov.mx' }] },
    {
      name: 'Executive sponsor / steering committee',
      ackWithinMinutes: HOUR,
      resolveWithinMinutes: 2 * DAY,
      contacts: [{ email: 'exec@demo.kpigov.mx' }, { email: 'sponsor@norte.demo.kpigov.mx', name: 'Roberto Garza (Norte executive sponsor)' }],
    },
  ],
  PACIFICO: [
    { name: 'Account manager', ackWithinMinutes: 4 * HOUR, resolveWithinMinutes: 5 * DAY, contacts: [{ email: 'maria.lopez@demo.kpigov.mx' }] },
    {
      name: 'Provider operations lead',
      ackWithinMinutes: 2 * HOUR,
      resolveWithinMinutes: 3 * DAY,
      contacts: [{ email: 'ops.lead@pacifico.demo.kpigov.mx', name: 'Carmen Ruiz (Pacífico operations lead)' }],
    },
    {
      name: 'Executive sponsor / steering committee',
      ackWithinMinutes: HOUR,
      resolveWithinMinutes: 2 * DAY,
      contacts: [{ email: 'exec@demo.kpigov.mx' }, { email: 'sponsor@pacifico.demo.kpigov.mx', name: 'Ana Villaseñor (Pacífico executive sponsor)' }],
    },
  ],
  ALTIPLANO: [
    { name: 'Account manager', ackWithinMinutes: 4 * HOUR, resolveWithinMinutes: 5 * DAY, contacts: [{ email: 'jorge.ramirez@demo.kpigov.mx' }] },
    {
      name: 'Provider operations lead',
      ackWithinMinutes: 2 * HOUR,
      resolveWithinMinutes: 3 * DAY,
      contacts: [{ email: 'ops.lead@altiplano.demo.kpigov.mx', name: 'Héctor Salinas (Altiplano operations lead)' }],
    },
    { name: 'Executive sponsor / steering committee', ackWithinMinutes: HOUR, resolveWithinMinutes: 2 * DAY, contacts: [{ email: 'exec@demo.kpigov.mx' }] },
  ],
};

export interface DemoSubscription {
  email: string;
  name: string;
  digest: 'daily' | 'weekly';
  digestHour: number;
  minSeverity: Severity;
}

/** The account managers get a daily digest (and critical alerts at once), so mail arrives in the local catcher. */
export const DEMO_SUBSCRIPTIONS: DemoSubscription[] = [
  { email: 'maria.lopez@demo.kpigov.mx', name: 'My providers', digest: 'daily', digestHour: 8, minSeverity: 'medium' },
  { email: 'jorge.ramirez@demo.kpigov.mx', name: 'Altiplano', digest: 'daily', digestHour: 8, minSeverity: 'medium' },
];

export interface DemoTimelineStep {
  /** Minutes after the escalation was opened. */
  atMinutes: number;
  /** Demo user email, or null for the system. */
  actor: string | null;
  action: string;
  toStatus?: EscalationStatus;
  level?: number;
  text?: string;
  data?: Record<string, unknown>;
}

export interface DemoEscalation {
  key: string;
  providerCode: string;
  siteCode: string | null;
  serviceLine: string | null;
  kpiCode: string | null;
  kind: AlertKind;
  severity: Severity;
  title: string;
  explanation: string;
  magnitude: number | null;
  baselineValue: number | null;
  currentValue: number | null;
  /** Days before the last day of demo history when the problem started. */
  sinceDaysBeforeLastDay: number | null;
  /** Minutes before seeding. */
  openedMinutesAgo: number;
  openedBy: string | null;
  level: number;
  status: EscalationStatus;
  actionPlan?: string;
  rootCause?: RootCauseCategory;
  correctiveAction?: string;
  steps: DemoTimelineStep[];
}

export const DEMO_ESCALATIONS: DemoEscalation[] = [
  {
    key: 'norte-aht',
    providerCode: 'NORTE',
    siteCode: 'MTY',
    serviceLine: 'voice',
    kpiCode: 'aht',
    kind: 'drift',
    severity: 'critical',
    title: 'Average handle time drift at Monterrey',
    explanation:
      'AHT at Monterrey voice has risen about 12 % over the last four months; Ciudad de México is stable, so the change is local to Monterrey.',
    magnitude: 0.124,
    baselineValue: 355,
    currentValue: 399,
    sinceDaysBeforeLastDay: 120,
    openedMinutesAgo: 3 * HOUR,
    openedBy: null,
    level: 1,
    status: 'open',
    steps: [],
  },
  {
    key: 'pacifico-service-level',
    providerCode: 'PACIFICO',
    siteCode: 'GDL',
    serviceLine: 'voice',
    kpiCode: 'service_level',
    kind: 'drift',
    severity: 'high',
    title: 'Service level drift at Guadalajara',
    explanation: 'Service level at Guadalajara voice dropped from 84 % to 74 % about 75 days ago and has not recovered; Querétaro is stable.',
    magnitude: -0.119,
    baselineValue: 0.84,
    currentValue: 0.74,
    sinceDaysBeforeLastDay: 75,
    openedMinutesAgo: 8 * DAY,
    openedBy: null,
    level: 2,
    status: 'action_plan_agreed',
    actionPlan:
      'Pacífico adds 12 agents to the Guadalajara voice morning shift, moves 4 agents from email to voice at the Monday peak and reforecasts Mondays; weekly review with the client until the service level is back above 80 %.',
    steps: [
      { atMinutes: 150, actor: 'maria.lopez@demo.kpigov.mx', action: 'acknowledge', toStatus: 'acknowledged', text: 'Seen. Asking Pacífico for their staffing plan.' },
      { atMinutes: 6 * HOUR, actor: 'maria.lopez@demo.kpigov.mx', action: 'comment', text: 'Carmen (Pacífico ops) confirms two waves of attrition in the GDL voice team in August.' },
      { atMinutes: DAY, actor: 'maria.lopez@demo.kpigov.mx', action: 'propose_action_plan', toStatus: 'acknowledged', text: '@plan', data: { dueDate: '+14d' } },
      { atMinutes: DAY + 5 * HOUR, actor: 'maria.lopez@demo.kpigov.mx', action: 'agree_action_plan', toStatus: 'action_plan_agreed', text: '@plan' },
      {
        atMinutes: 6 * DAY,
        actor: null,
        action: 'escalate',
        level: 2,
        text: 'Escalated to level 2 (Provider operations lead): not resolved within 5 days at level 1.',
        data: { fromLevel: 1, toLevel: 2, levelName: 'Provider operations lead', reason: 'resolve_overdue' },
      },
    ],
  },
  {
    key: 'pacifico-email-backlog',
    providerCode: 'PACIFICO',
    siteCode: 'GDL',
    serviceLine: 'email',
    kpiCode: 'backlog',
    kind: 'manual',
    severity: 'medium',
    title: 'Email backlog growing at Guadalajara',
    explanation: 'The email backlog at Guadalajara has grown every day this week; Pacífico has not said why.',
    magnitude: null,
    baselineValue: null,
    currentValue: null,
    sinceDaysBeforeLastDay: null,
    openedMinutesAgo: 6 * HOUR,
    openedBy: 'maria.lopez@demo.kpigov.mx',
    level: 1,
    status: 'open',
    steps: [],
  },
  {
    key: 'altiplano-feed',
    providerCode: 'ALTIPLANO',
    siteCode: null,
    serviceLine: 'finance_accounting',
    kpiCode: null,
    kind: 'stale_feed',
    severity: 'high',
    title: 'No data from the daily accounts-payable feed',
    explanation: 'The daily accounts-payable feed sent nothing for 3 days in a row.',
    magnitude: null,
    baselineValue: null,
    currentValue: null,
    sinceDaysBeforeLastDay: null,
    openedMinutesAgo: 40 * DAY,
    openedBy: null,
    level: 1,
    status: 'closed',
    actionPlan: 'Altiplano rotates the SFTP credentials, re-sends the three missing days and adds an alert on credential expiry.',
    rootCause: 'technology',
    correctiveAction: 'SFTP credentials had expired at Altiplano; rotated, the three missing days re-sent, expiry alerts added.',
    steps: [
      { atMinutes: 5 * HOUR, actor: 'jorge.ramirez@demo.kpigov.mx', action: 'acknowledge', toStatus: 'acknowledged' },
      { atMinutes: 9 * HOUR, actor: 'jorge.ramirez@demo.kpigov.mx', action: 'propose_action_plan', toStatus: 'acknowledged', text: '@plan' },
      { atMinutes: 10 * HOUR, actor: 'jorge.ramirez@demo.kpigov.mx', action: 'agree_action_plan', toStatus: 'action_plan_agreed', text: '@plan' },
      { atMinutes: 2 * DAY, actor: 'jorge.ramirez@demo.kpigov.mx', action: 'comment', text: 'Missing days received and loaded; totals match the provider report.' },
      {
        atMinutes: 3 * DAY,
        actor: 'jorge.ramirez@demo.kpigov.mx',
        action: 'resolve',
        toStatus: 'resolved',
        text: '@corrective',
        data: { rootCauseCategory: 'technology' },
      },
      { atMinutes: 4 * DAY, actor: 'jorge.ramirez@demo.kpigov.mx', action: 'close', toStatus: 'closed' },
    ],
  },
];
