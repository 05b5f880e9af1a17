import type { KeptDataKind, PurgeableDataKind } from '@kpi/domain';

/** One kind of data and how long it is kept; `cutoff` is the instant before which its rows are purged today. */
export type RetentionRuleDto =
  | { kind: PurgeableDataKind; label: string; kept: false; months: number; cutoff: string }
  | { kind: KeptDataKind; label: string; kept: true; months: null; cutoff: null };

/** GET /api/admin/retention: the retention policy in force (from the environment). */
export interface RetentionPolicyDto {
  /** The daily purge runs when the scheduler is enabled. */
  schedule: string;
  rules: RetentionRuleDto[];
}

export interface RetentionPurgeKindDto {
  kind: PurgeableDataKind;
  months: number;
  cutoff: string;
  deleted: number;
}

/** The outcome of one retention purge (also recorded in the audit trail as `retention.purge`). */
export interface RetentionPurgeResultDto {
  ranAt: string;
  trigger: 'schedule' | 'manual';
  kinds: RetentionPurgeKindDto[];
}

/** POST /api/admin/providers/:id/agents/erase */
export interface EraseAgentRequest {
  /** The agent id as the provider writes it (pseudonymised before use, never stored). */
  agentId: string;
}

export interface AgentErasureResultDto {
  providerId: string;
  /** QA evaluation rows of the agent that were deleted. */
  evaluationsRemoved: number;
  /** Rejected ingestion rows of this provider holding the raw agent id in one of their cells. */
  rowErrorsRemoved: number;
}

/** manifest.json of a provider export (GET /api/admin/providers/:id/export). */
export interface ProviderExportManifest {
  provider: { id: string; code: string; name: string };
  generatedAt: string;
  /** What the files hold (pseudonymised agents, no secrets). */
  notes: string[];
  files: { name: string; table: string; rows: number }[];
}
