import { MeasurementPeriod, ServiceLevelKind, ServiceLineCode, addDays, addMonths, startOfMonth } from '@kpi/domain';
import { DEMO_HISTORY_DAYS } from './demo-data';

/**
 * Demo SLA contracts for the three demo providers (fees in MXN), written so that the planted problems of
 * the demo history show up in attainment and credits:
 *  - Pacífico's Guadalajara 80/20 service level is breached in the months after its step drop, with credits
 *    owed (its pool shares add up to 120 %, so a bad month can hit the at-risk cap);
 *  - Pacífico renegotiated its 80/20 targets (78 % -> 80 %, minimum 73 % -> 75 %) four months before the
 *    last demo day: earlier months are judged by the old terms;
 *  - an approved exclusion carves a power-outage day at Guadalajara out of the measurement, and a second
 *    exclusion (Querétaro) is still waiting for approval;
 *  - Norte's Monterrey AHT drift and Altiplano's Mexico City QA decline are measured too.
 */
export interface DemoServiceLevel {
  key: string;
  name: string;
  kpiCode: string;
  siteCode?: string;
  serviceLine?: ServiceLineCode;
  target: number;
  minimum: number;
  /** Terms of the first version when the renegotiation changed them. */
  v1?: { target: number; minimum: number };
  measurementPeriod: MeasurementPeriod;
  kind: ServiceLevelKind;
  poolAllocationPct: number;
  earnBackPeriods: number | null;
  meansOfMeasurement: string;
}

export interface DemoContract {
  providerCode: string;
  name: string;
  reference: string;
  monthlyFee: number;
  atRiskPct: number;
  /** A renegotiated second version (new fee, v2 levels = `target`/`minimum`, v1 levels from `v1`). */
  renegotiation?: { monthsBeforeLastDay: number; monthlyFee: number; notes: string };
  serviceLevels: DemoServiceLevel[];
}

const ACD = 'Client ACD interval reports (Genesys Cloud), answered within 20 s / offered, short abandons included';

export const DEMO_CONTRACTS: DemoContract[] = [
  {
    providerCode: 'PACIFICO',
    name: 'Pacífico BPO – customer care and back office',
    reference: 'PAC-MSA-2025-014',
    monthlyFee: 3_600_000,
    atRiskPct: 12,
    renegotiation: {
      monthsBeforeLastDay: 4,
      monthlyFee: 3_780_000,
      notes: 'Renegotiated at the business review: 80/20 target 78 % -> 80 % (minimum 73 % -> 75 %), fee +5 %.',
    },
    serviceLevels: [
      {
        key: 'pac-sl-gdl',
        name: 'Voice service level 80/20 – Guadalajara',
        kpiCode: 'service_level',
        siteCode: 'GDL',
        serviceLine: 'voice',
        target: 0.8,
        minimum: 0.75,
        v1: { target: 0.78, minimum: 0.73 },
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 30,
        earnBackPeriods: 3,
        meansOfMeasurement: ACD,
      },
      {
        key: 'pac-sl-qro',
        name: 'Voice service level 80/20 – Querétaro',
        kpiCode: 'service_level',
        siteCode: 'QRO',
        serviceLine: 'voice',
        target: 0.8,
        minimum: 0.75,
        v1: { target: 0.78, minimum: 0.73 },
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 30,
        earnBackPeriods: 3,
        meansOfMeasurement: ACD,
      },
      {
        key: 'pac-abandon',
        name: 'Abandonment rate – voice',
        kpiCode: 'abandonment_rate',
        serviceLine: 'voice',
        target: 0.05,
        minimum: 0.07,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 15,
        earnBackPeriods: null,
        meansOfMeasurement: 'Abandoned / queued contacts, client ACD',
      },
      {
        key: 'pac-aht',
        name: 'Average handle time – voice',
        kpiCode: 'aht',
        serviceLine: 'voice',
        target: 380,
        minimum: 420,
        measurementPeriod: 'monthly',
        kind: 'key_measurement',
        poolAllocationPct: 0,
        earnBackPeriods: null,
        meansOfMeasurement: 'Talk + hold + after-call work / handled contacts',
      },
      {
        key: 'pac-qa',
        name: 'QA score',
        kpiCode: 'qa_score',
        target: 0.9,
        minimum: 0.85,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 25,
        earnBackPeriods: 2,
        meansOfMeasurement: 'Joint QA form v3, points earned / possible, auto-fail = 0',
      },
      {
        key: 'pac-accuracy-qro',
        name: 'Back-office accuracy – Querétaro',
        kpiCode: 'accuracy',
        siteCode: 'QRO',
        serviceLine: 'back_office',
        target: 0.98,
        minimum: 0.97,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 20,
        earnBackPeriods: null,
        meansOfMeasurement: 'Client audit sample, error-free / audited items',
      },
      {
        key: 'pac-email-tat-gdl',
        name: 'Email turnaround compliance – Guadalajara',
        kpiCode: 'tat_compliance',
        siteCode: 'GDL',
        serviceLine: 'email',
        target: 0.94,
        minimum: 0.92,
        measurementPeriod: 'monthly',
        kind: 'key_measurement',
        poolAllocationPct: 0,
        earnBackPeriods: null,
        meansOfMeasurement: 'Emails answered within 24 business hours / emails answered',
      },
    ],
  },
  {
    providerCode: 'NORTE',
    name: 'Norte Contact Solutions – omnichannel customer experience',
    reference: 'NOR-CX-2025-003',
    monthlyFee: 4_800_000,
    atRiskPct: 12,
    serviceLevels: [
      {
        key: 'nor-sl-voice',
        name: 'Voice service level 80/20',
        kpiCode: 'service_level',
        serviceLine: 'voice',
        target: 0.8,
        minimum: 0.75,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 30,
        earnBackPeriods: 3,
        meansOfMeasurement: ACD,
      },
      {
        key: 'nor-sl-chat',
        name: 'Chat service level 80/60',
        kpiCode: 'service_level',
        serviceLine: 'chat',
        target: 0.8,
        minimum: 0.75,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 20,
        earnBackPeriods: 3,
        meansOfMeasurement: 'Chats answered within 60 s / chats offered',
      },
      {
        key: 'nor-abandon',
        name: 'Abandonment rate – voice',
        kpiCode: 'abandonment_rate',
        serviceLine: 'voice',
        target: 0.05,
        minimum: 0.07,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 15,
        earnBackPeriods: null,
        meansOfMeasurement: 'Abandoned / queued contacts, client ACD',
      },
      {
        key: 'nor-aht-mty',
        name: 'Average handle time – Monterrey voice',
        kpiCode: 'aht',
        siteCode: 'MTY',
        serviceLine: 'voice',
        target: 380,
        minimum: 400,
        measurementPeriod: 'monthly',
        kind: 'key_measurement',
        poolAllocationPct: 0,
        earnBackPeriods: null,
        meansOfMeasurement: 'Talk + hold + after-call work / handled contacts',
      },
      {
        key: 'nor-qa',
        name: 'QA score',
        kpiCode: 'qa_score',
        target: 0.9,
        minimum: 0.85,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 20,
        earnBackPeriods: 2,
        meansOfMeasurement: 'Joint QA form v3, points earned / possible, auto-fail = 0',
      },
      {
        key: 'nor-it-tat',
        name: 'IT help desk turnaround compliance – Monterrey',
        kpiCode: 'tat_compliance',
        siteCode: 'MTY',
        serviceLine: 'it_helpdesk',
        target: 0.92,
        minimum: 0.9,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 15,
        earnBackPeriods: null,
        meansOfMeasurement: 'Tickets resolved within the priority turnaround / tickets resolved',
      },
    ],
  },
  {
    providerCode: 'ALTIPLANO',
    name: 'Altiplano – finance & accounting and IT support',
    reference: 'ALT-FA-2025-007',
    monthlyFee: 2_900_000,
    atRiskPct: 10,
    serviceLevels: [
      {
        key: 'alt-accuracy-fa',
        name: 'Invoice processing accuracy',
        kpiCode: 'accuracy',
        serviceLine: 'finance_accounting',
        target: 0.98,
        minimum: 0.97,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 30,
        earnBackPeriods: 2,
        meansOfMeasurement: 'Client audit sample, error-free / audited invoices',
      },
      {
        key: 'alt-accuracy-bo',
        name: 'Back-office accuracy',
        kpiCode: 'accuracy',
        serviceLine: 'back_office',
        target: 0.98,
        minimum: 0.97,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 15,
        earnBackPeriods: null,
        meansOfMeasurement: 'Client audit sample, error-free / audited items',
      },
      {
        key: 'alt-tat-fa',
        name: 'F&A turnaround compliance',
        kpiCode: 'tat_compliance',
        serviceLine: 'finance_accounting',
        target: 0.94,
        minimum: 0.92,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 20,
        earnBackPeriods: null,
        meansOfMeasurement: 'Invoices posted within 3 business days / invoices posted',
      },
      {
        key: 'alt-qa-cdmx',
        name: 'QA score – Mexico City finance',
        kpiCode: 'qa_score',
        siteCode: 'CDMX',
        serviceLine: 'finance_accounting',
        target: 0.9,
        minimum: 0.85,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 25,
        earnBackPeriods: 2,
        meansOfMeasurement: 'F&A QA form v2, points earned / possible',
      },
      {
        key: 'alt-cycle',
        name: 'Invoice cycle time',
        kpiCode: 'invoice_cycle_time',
        serviceLine: 'finance_accounting',
        target: 3.5,
        minimum: 4,
        measurementPeriod: 'monthly',
        kind: 'key_measurement',
        poolAllocationPct: 0,
        earnBackPeriods: null,
        meansOfMeasurement: 'Days from receipt to posting / invoices posted',
      },
      {
        key: 'alt-fpm',
        name: 'First-pass match rate',
        kpiCode: 'first_pass_match_rate',
        serviceLine: 'finance_accounting',
        target: 0.76,
        minimum: 0.72,
        measurementPeriod: 'monthly',
        kind: 'key_measurement',
        poolAllocationPct: 0,
        earnBackPeriods: null,
        meansOfMeasurement: 'Invoices matched without touch / invoices processed',
      },
      {
        key: 'alt-it-sl-mty',
        name: 'IT help desk service level 80/20 – Monterrey',
        kpiCode: 'service_level',
        siteCode: 'MTY',
        serviceLine: 'it_helpdesk',
        target: 0.8,
        minimum: 0.75,
        measurementPeriod: 'monthly',
        kind: 'critical',
        poolAllocationPct: 10,
        earnBackPeriods: null,
        meansOfMeasurement: 'Calls answered within 20 s / calls offered',
      },
    ],
  },
];

export interface DemoExclusion {
  providerCode: string;
  siteCode: string;
  daysBeforeLastDay: number;
  reason: string;
  requestedBy: string;
  /** null = requested, waiting for approval. */
  approvedBy: string | null;
  /** The demo history of that day is rewritten to show the incident (share of contacts answered in 20 s). */
  outageServiceLevel?: number;
}

export const DEMO_EXCLUSIONS: DemoExclusion[] = [
  {
    providerCode: 'PACIFICO',
    siteCode: 'GDL',
    daysBeforeLastDay: 40,
    reason:
      'Power outage at the Guadalajara site after the hurricane: CFE grid failure from 09:10 to 17:45, calls rerouted to the IVR. Force majeure under clause 14.3.',
    requestedBy: 'maria.lopez@demo.kpigov.mx',
    approvedBy: 'admin@demo.kpigov.mx',
    outageServiceLevel: 0.31,
  },
  {
    providerCode: 'PACIFICO',
    siteCode: 'QRO',
    daysBeforeLastDay: 12,
    reason: 'Carrier trunk failure in Querétaro (provider says client-side telephony); evidence requested before approval.',
    requestedBy: 'maria.lopez@demo.kpigov.mx',
    approvedBy: null,
  },
];

/** First day of the contracts: the first day of the month in which the demo history starts. */
export function demoContractStart(lastDay: string): string {
  return startOfMonth(addDays(lastDay, -(DEMO_HISTORY_DAYS - 1)));
}

/** When a renegotiation takes effect: the first day of the month `months` before the last day's month. */
export function demoRenegotiationDate(lastDay: string, months: number): string {
  return startOfMonth(addMonths(lastDay, -months));
}
