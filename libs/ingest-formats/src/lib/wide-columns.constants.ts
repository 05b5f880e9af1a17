/**
 * The wide observations layout: one row per date x site x service line x queue, one column per component.
 * Each rule turns component columns into one KPI's numerator and denominator. A rule runs when all its
 * component columns are mapped; otherwise, when its ready-made column (named like the KPI: `service_level`
 * = "94.01%", `aht` = "0:05:32") is mapped together with the rule's denominator column, the numerator is
 * rebuilt as round(value x denominator) and the record is flagged `derived`.
 */

/** How a wide component column is parsed. */
export type ComponentKind = 'count' | 'seconds' | 'amount';

export const WIDE_COMPONENT_KINDS: Readonly<Record<string, ComponentKind>> = {
  offered: 'count',
  answered: 'count',
  handled: 'count',
  answered_within_threshold: 'count',
  abandoned: 'count',
  total_handle_seconds: 'seconds',
  total_wait_seconds: 'seconds',
  contacts: 'count',
  resolved_first_contact: 'count',
  surveys: 'count',
  satisfied: 'count',
  nps_responses: 'count',
  promoters: 'count',
  detractors: 'count',
  qa_points: 'amount',
  qa_possible: 'amount',
  qa_evaluations: 'count',
  qa_autofails: 'count',
  busy_seconds: 'seconds',
  idle_seconds: 'seconds',
  shrinkage_hours: 'amount',
  scheduled_hours: 'amount',
  adherent_seconds: 'seconds',
  scheduled_seconds: 'seconds',
  separations: 'count',
  headcount: 'count',
  audited: 'count',
  error_free: 'count',
  completed: 'count',
  within_tat: 'count',
  backlog: 'count',
  invoices_posted: 'count',
  total_cycle_days: 'amount',
  invoices_processed: 'count',
  matched_first_pass: 'count',
};

/** How a ready-made value column is read before the numerator is rebuilt from it. */
export type ReadyMadeKind = 'percent' | 'duration' | 'number' | 'nps';

export interface WideKpiRule {
  readonly kpiCode: string;
  /** Component fields added up for the numerator; a leading `-` subtracts (NPS: promoters - detractors). */
  readonly numerator: readonly string[];
  /** Component fields added up for the denominator; null for KPIs without one. */
  readonly denominator: readonly string[] | null;
  /** Ready-made value column (named like the KPI code) and how to read it. */
  readonly readyMade?: { readonly kind: ReadyMadeKind; readonly decimals: number };
}

export const WIDE_KPI_RULES: readonly WideKpiRule[] = [
  {
    kpiCode: 'service_level',
    numerator: ['answered_within_threshold'],
    denominator: ['offered'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  {
    kpiCode: 'asa',
    numerator: ['total_wait_seconds'],
    denominator: ['answered'],
    readyMade: { kind: 'duration', decimals: 3 },
  },
  {
    kpiCode: 'aht',
    numerator: ['total_handle_seconds'],
    denominator: ['handled'],
    readyMade: { kind: 'duration', decimals: 3 },
  },
  {
    kpiCode: 'abandonment_rate',
    numerator: ['abandoned'],
    denominator: ['offered'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  {
    kpiCode: 'fcr',
    numerator: ['resolved_first_contact'],
    denominator: ['contacts'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  {
    kpiCode: 'csat',
    numerator: ['satisfied'],
    denominator: ['surveys'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  {
    kpiCode: 'nps',
    numerator: ['promoters', '-detractors'],
    denominator: ['nps_responses'],
    readyMade: { kind: 'nps', decimals: 0 },
  },
  { kpiCode: 'qa_score', numerator: ['qa_points'], denominator: ['qa_possible'] },
  {
    kpiCode: 'qa_autofail_rate',
    numerator: ['qa_autofails'],
    denominator: ['qa_evaluations'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  { kpiCode: 'occupancy', numerator: ['busy_seconds'], denominator: ['busy_seconds', 'idle_seconds'] },
  {
    kpiCode: 'shrinkage',
    numerator: ['shrinkage_hours'],
    denominator: ['scheduled_hours'],
    readyMade: { kind: 'percent', decimals: 3 },
  },
  {
    kpiCode: 'schedule_adherence',
    numerator: ['adherent_seconds'],
    denominator: ['scheduled_seconds'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  { kpiCode: 'attrition', numerator: ['separations'], denominator: ['headcount'] },
  {
    kpiCode: 'accuracy',
    numerator: ['error_free'],
    denominator: ['audited'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  {
    kpiCode: 'tat_compliance',
    numerator: ['within_tat'],
    denominator: ['completed'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
  { kpiCode: 'backlog', numerator: ['backlog'], denominator: null },
  {
    kpiCode: 'invoice_cycle_time',
    numerator: ['total_cycle_days'],
    denominator: ['invoices_posted'],
    readyMade: { kind: 'number', decimals: 3 },
  },
  {
    kpiCode: 'first_pass_match_rate',
    numerator: ['matched_first_pass'],
    denominator: ['invoices_processed'],
    readyMade: { kind: 'percent', decimals: 0 },
  },
];

/** A component that stands in for another when the latter is not mapped (contact centers report one number). */
export const WIDE_COMPONENT_FALLBACKS: Readonly<Record<string, string>> = {
  handled: 'answered',
};

/** Pairs checked on every wide row: the first cannot exceed the second. */
export const WIDE_CONSISTENCY_CHECKS: readonly {
  readonly part: string;
  readonly whole: string;
  readonly reason: string;
}[] = [
  { part: 'answered', whole: 'offered', reason: 'answered contacts cannot exceed offered contacts' },
  { part: 'abandoned', whole: 'offered', reason: 'abandoned contacts cannot exceed offered contacts' },
  {
    part: 'answered_within_threshold',
    whole: 'answered',
    reason: 'contacts answered within the threshold cannot exceed answered contacts',
  },
  { part: 'error_free', whole: 'audited', reason: 'error-free items cannot exceed audited items' },
  { part: 'within_tat', whole: 'completed', reason: 'items done within turnaround cannot exceed items done' },
  { part: 'satisfied', whole: 'surveys', reason: 'satisfied responses cannot exceed survey responses' },
  {
    part: 'resolved_first_contact',
    whole: 'contacts',
    reason: 'contacts resolved at first contact cannot exceed contacts',
  },
];
