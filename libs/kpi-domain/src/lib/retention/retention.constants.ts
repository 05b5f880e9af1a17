import type { KeptDataKind, PurgeableDataKind, RetentionPolicy } from './retention';

/** Purged in this order. */
export const PURGEABLE_DATA_KINDS: readonly PurgeableDataKind[] = ['qa_evaluations', 'ingestion_row_errors'];

/** Evaluation-level QA data 18 months; rejected raw ingestion rows (which may hold raw agent ids) 24 months. */
export const DEFAULT_RETENTION_POLICY: RetentionPolicy = {
  qa_evaluations: 18,
  ingestion_row_errors: 24,
};

export const DATA_KIND_LABELS: Readonly<Record<PurgeableDataKind | KeptDataKind, string>> = {
  qa_evaluations: 'Evaluation-level QA data (one row per evaluation, agent pseudonymised)',
  ingestion_row_errors: 'Rejected ingestion rows with their raw values',
  audit_log: 'Audit trail (append-only, hash-chained)',
  aggregates: 'Aggregates: metric observations, rollups, scorecards, drift events',
};

export const KEPT_DATA_KINDS: readonly KeptDataKind[] = ['audit_log', 'aggregates'];
