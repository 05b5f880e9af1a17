/**
 * When the data behind the caller's dashboards last changed, per kind (ISO instants, null when none yet).
 * Served with an ETag: clients poll with If-None-Match and get 304 until something changes.
 */
export interface LiveChangesDto {
  /** The last finished ingestion run. */
  readonly ingestion: string | null;
  /** The last drift event opened, updated or resolved. */
  readonly drift: string | null;
  /** The last escalation timeline entry (opened, acknowledged, escalated, ...). */
  readonly escalations: string | null;
}

export type LiveChangeKind = keyof LiveChangesDto;
