/** One audit trail record (append-only, hash-chained). */
export interface AuditEntryDto {
  id: number;
  at: string;
  actorUserId: string | null;
  actorApiKeyId: string | null;
  /** The actor's email (or the email tried, for failed sign-ins) or the API key prefix. */
  actorLabel: string | null;
  action: string;
  /** 'success', or 'error:<status>' when the request failed. */
  outcome: string;
  resourceType: string | null;
  resourceId: string | null;
  providerId: string | null;
  providerName: string | null;
  before: unknown;
  after: unknown;
  details: unknown;
  ip: string | null;
  userAgent: string | null;
  hash: string;
}

export interface AuditPageDto {
  total: number;
  entries: AuditEntryDto[];
}

export interface AuditVerificationDto {
  ok: boolean;
  rowsChecked: number;
  /** The first broken link when not ok. */
  brokenAt: { id: number; reason: string } | null;
}

/** Actions shown in a provider's "who accessed this provider's data" view. */
export const PROVIDER_ACCESS_ACTIONS: readonly string[] = [
  'provider.view',
  'provider.kpi_trend.view',
  'provider.sla.view',
  'provider.scorecard.view',
  'report.download',
  'provider.export',
];
